import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { tooLarge } from './fetch.js';
import { InputError } from './types.js';

/**
 * Every file under a path, recursively, sorted by path so runs are deterministic whatever order
 * the file system lists them in. Dotfiles and dot-folders (.git, .DS_Store) are skipped, and so are
 * a folder's own papers (README, LICENSE, CHANGELOG): they describe a corpus, they are not in it.
 * A file named on the command line is always read. Symbolic links are followed; whatever cannot be
 * read as a file — a broken link, a link loop, a FIFO, a socket, a device — is refused by its type,
 * before anything opens it, as an InputError of its own (one line, counted as a failed input).
 */
const FOLDER_PAPERS = /^(readme|license|licence|changelog|copying)(\.[a-z]{1,8})?$/i;

export async function listFiles(path: string): Promise<(string | InputError)[]> {
  return walk(path, new Set(), true);
}

async function walk(path: string, ancestors: ReadonlySet<string>, top: boolean): Promise<(string | InputError)[]> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return [InputError.create(path, 'symbolic link loop; skipped')];
    if (code === 'ENOENT' && (await isLink(path))) return [InputError.create(path, 'broken symbolic link (its target does not exist); skipped')];
    if (top) throw error;
    return [InputError.create(path, fsReason(error))];
  }
  if (info.isFile()) return [path];
  if (!info.isDirectory()) return [InputError.create(path, `not a regular file (${fileKind(info)}); skipped`)];
  const real = await realpath(path);
  if (ancestors.has(real)) return [InputError.create(path, 'symbolic link loop (a folder inside itself); skipped')];
  const inside = new Set(ancestors).add(real);
  const out: (string | InputError)[] = [];
  let entries;
  try {
    entries = (await readdir(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    return [InputError.create(path, fsReason(error))];
  }
  for (const name of entries) {
    if (name.startsWith('.') || FOLDER_PAPERS.test(name)) continue;
    out.push(...(await walk(join(path, name), inside, false)));
  }
  return out;
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** What a file that is not a regular file or folder is, in words. */
export function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/**
 * Read a file, refusing it before reading when it is over the cap or not a regular file. Opened
 * without blocking, so a FIFO put in a file's place after it was listed cannot hang the batch.
 */
export async function readCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new Error(`not a regular file (${fileKind(info)}); skipped`);
    if (info.size > maxBytes) throw new Error(tooLarge(info.size, maxBytes));
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
