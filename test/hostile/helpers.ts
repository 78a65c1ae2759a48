import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

export const bin = join(packageRoot(), 'bin', 'triangulate.js');
export const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TRIANGULATE_DB: '', TRIANGULATE_DEBUG: '' };

/** Run the real `triangulate` binary without a TTY. */
export function cli(args: readonly string[], options: { input?: string; timeout?: number; cwd?: string; uid?: number } = {}) {
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: options.timeout ?? 50_000, input: options.input, cwd: options.cwd, ...ids });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** The same, without blocking the test's own event loop (so a server in the test can answer it). */
export function cliAsync(args: readonly string[], options: { timeout?: number } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 50_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

export const tmp = (name = 'hostile') => mkdtempSync(join(tmpdir(), `triangulate-${name}-`));

/** A server on 127.0.0.1 for the test; `hits` counts the requests to each path. */
export async function localServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number; base: string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    hits.set(req.url ?? '/', (hits.get(req.url ?? '/') ?? 0) + 1);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, port, base: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A paragraph of plain news prose (our own words), long enough to be an article. */
export const PROSE =
  'The regional council voted on Tuesday to close the old bridge over the river after engineers found cracks in two of its piers. ' +
  'The mayor said the closure would last at least six months and that a ferry would carry commuters in the meantime. ' +
  'Shop owners on both banks warned that the detour would cost them customers, and the council promised to review the plan in the spring. ' +
  'The engineers will publish their full report next week, a spokeswoman for the council said.';

/** Every row of every table, in key order, as text; the one column that is a clock (ingested_at) left out. */
export function dumpStore(path: string): string[] {
  const db = new Database(path, { readonly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out: string[] = [];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all() as Record<string, unknown>[]) {
      delete row.ingested_at;
      out.push(`${t} ${JSON.stringify(row)}`);
    }
  }
  db.close();
  return out;
}

