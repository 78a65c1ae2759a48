import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { openSqlite, type StoreBackend } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { cli, tmp } from './helpers.js';
import { textShape } from '../../bench/shapes.js';

// Findings 4 and 5: one search with 40 prefix terms, or one large POST, held the web app (and
// /api/health) for seconds to minutes. Ingests now run as jobs in a worker thread, searches in
// another with limits and a time budget; the main thread keeps answering.

let db = '';
let server: RunningServer;
let slow: RunningServer;
let store: StoreBackend;

beforeAll(async () => {
  db = join(tmp('server'), 'store.db');
  expect(cli(['ingest', join(packageRoot(), 'examples', 'demo'), '--db', db]).code).toBe(0);
  store = openSqlite(db);
  server = await startServer({ store, port: 0 });
  // A budget of 0: every search is past it, however fast the store answers (a text-filtered list from the search worker's story index can take less than a millisecond).
  slow = await startServer({ store, port: 0, searchBudgetMs: 0 });
});
afterAll(async () => {
  await server.close();
  await slow.close();
  await store.close();
});

const get = (s: RunningServer, path: string) => fetch(new URL(path, s.url));

/** Time /api/health `n` times, one after another. */
async function healthTimes(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await get(server, '/api/health');
    expect(res.status).toBe(200);
    await res.json();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

describe('the server never waits on one request', () => {
  it('finding 4: a query of 40 prefix terms is refused with 400; a search past its budget answers 503', async () => {
    const forty = await get(server, `/api/search?q=${encodeURIComponent(Array(40).fill('a*').join(' '))}`);
    expect(forty.status).toBe(400);
    expect(((await forty.json()) as { error: { message: string } }).error.message).toBe('the query has too many terms (40; at most 10)');
    expect((await get(server, '/api/search?q=a*')).status).toBe(400);
    expect((await get(server, `/api/search?q=${'x'.repeat(300)}`)).status).toBe(400);
    expect((await get(server, '/api/search?q=chlorine')).status).toBe(200);
    const late = await get(slow, '/api/search?q=chlorine');
    expect(late.status).toBe(503);
    expect(((await late.json()) as { error: { message: string } }).error.message).toMatch(/^the search took longer than 0 s/);
    expect((await get(slow, '/?q=chlorine')).status).toBe(503);
  });

  it('finding 5: a large POST is a job; /api/health answers within 100 ms (median) while it and a search run', async () => {
    const article = { title: 'A very long statement', outlet: 'Test Wire', published: '2024-03-09', text: textShape('quotes', 300 * 1024) };
    const t0 = performance.now();
    const posted = await fetch(new URL('/api/ingest?wait=0', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article }) });
    expect(posted.status).toBe(202);
    expect(performance.now() - t0).toBeLessThan(3000);
    const { job } = (await posted.json()) as { job: { id: string; url: string; state: string } };
    expect(posted.headers.get('location')).toBe(`/api/ingest/${job.id}`);
    const search = get(server, '/api/search?q=chlorine');
    const times = await healthTimes(20);
    expect(times[10]!, `health answered in ${times.map((t) => t.toFixed(0)).join(', ')} ms`).toBeLessThan(100);
    expect(times[19]!).toBeLessThan(1000);
    expect((await search).status).toBe(200);
    // The job finishes in the worker and its outcome is there to read.
    let state = job.state;
    let body: { state: string; status: number | null; result: { added?: number } | null } | null = null;
    const deadline = Date.now() + 45_000;
    while (state !== 'done' && state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      body = (await (await get(server, `/api/ingest/${job.id}`)).json()) as typeof body;
      state = body!.state;
    }
    expect(body).toMatchObject({ state: 'done', status: 201, result: { added: 1 } });
    expect((await get(server, '/api/ingest/ffff')).status).toBe(404);
  });

  it('a story read before any cross-check was kept is checked in a worker, and kept', async () => {
    const bare = join(tmp('server'), 'bare.db');
    expect(cli(['ingest', join(packageRoot(), 'examples', 'demo'), '--db', bare, '--no-crosscheck']).code).toBe(0);
    const s = openSqlite(bare);
    const running = await startServer({ store: s, port: 0 });
    try {
      // (The server renders the newest story once before it listens: that one may be kept already.)
      const unchecked = [];
      for (const st of await s.listStories()) if (!(await s.readCheck(st.id, (await s.storyMeta(st.id))!.version))) unchecked.push(st);
      const row = unchecked.sort((a, b) => b.articleCount - a.articleCount)[0];
      expect(row, 'a story without a kept check').toBeDefined();
      const id = row!.id;
      const page = await get(running, `/stories/${id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('claims');
      expect(await s.readCheck(id, (await s.storyMeta(id))!.version)).not.toBeNull();
      expect((await get(running, '/outlets/Coastline%20Wire')).status).toBe(200);
    } finally {
      await running.close();
      await s.close();
    }
  });
});
