import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tooLarge } from './fetch.js';

/**
 * Every file under a path, recursively, sorted by path so runs are deterministic whatever order
 * the file system lists them in. Dotfiles and dot-folders (.git, .DS_Store) are skipped, and so are
 * a folder's own papers (README, LICENSE, CHANGELOG): they describe a corpus, they are not in it.
 * A file named on the command line is always read.
 */
const FOLDER_PAPERS = /^(readme|license|licence|changelog|copying)(\.[a-z]{1,8})?$/i;

export async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || FOLDER_PAPERS.test(e.name)) continue;
    const child = join(path, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/** Read a file, refusing it before reading when it is over the cap. */
export async function readCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new Error(tooLarge(size, maxBytes));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Read stdin to the end, up to the cap. */
export async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += b.length;
    if (total > maxBytes) throw new Error(tooLarge(total, maxBytes));
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A one-line reason for a file-system error, without the errno noise. */
export function fsReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
