import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Extracted } from '../src/ingest/types.js';
import { goldDocs } from '../eval/gold.js';

/** The real articles the benchmarks run on: PolNeAR, BASIL and ECB+ from ../shared/corpus, as extracted documents. */
export function loadArticles(dir: string): Extracted[] {
  return (['polnear', 'basil', 'ecbplus'] as const).flatMap((folder) =>
    goldDocs(
      folder,
      readFileSync(join(dir, folder, `${folder}.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string }),
    ),
  );
}

/** A document as one JSON Lines record the CLI reads (its id, title, text, outlet, date and URL). */
export function toRecord(d: Pick<Extracted, 'source' | 'title' | 'text' | 'outlet' | 'published' | 'url'>): string {
  return JSON.stringify({ id: d.source, title: d.title, text: d.text, source_domain: d.outlet, date_publish: d.published, url: d.url });
}

/** The value after `flag` on the command line (`--sizes 1000,10000`), or undefined. */
export function valueOf(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The real `triangulate` binary the benches run in processes of their own. */
export const CLI = fileURLToPath(new URL('../../bin/triangulate.js', import.meta.url));

/**
 * `triangulate <args>` in a process of its own, to its end; rejects with its first line on stderr
 * (`shown`: the command as the message names it; a URL's password is left out). Exit 1 is "some
 * inputs failed" (the bench files hold a few unreadable records): the run is whole.
 */
export function runCli(args: readonly string[], shown = `triangulate ${args.join(' ')}`): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`bench: ${shown.replace(/:[^:@/]*@/, ':***@')} exited with ${code}: ${err.split('\n')[0]}`))));
  });
}

/** `triangulate serve --port 0` on a store, in a process of its own, and the URL it serves once it listens. */
export async function startServe(db: string): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { server, base };
}
