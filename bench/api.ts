import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeExtracted } from '../src/app/analyze.js';
import { storeArticles } from '../src/app/ingest.js';
import { checkStories } from '../src/app/stories.js';
import { openSqlite } from '../src/store/index.js';
import { sharedCorpus } from '../src/util/paths.js';
import { loadArticles, startServe, valueOf } from './corpus.js';
import { clones, streamPlan } from './stream.js';

/**
 * `npm run bench` (API part): latency of `triangulate serve` on a store of 10k articles (the stream
 * of bench/store.ts), under a load of concurrent keep-alive requests on loopback from this process
 * while the server runs in its own (the real CLI, `serve --port 0`). Per endpoint: median, p99 and
 * requests/s. The peer is /api/health in the same run — the floor of HTTP, routing and one query on
 * this machine. The store is built as `ingest` builds it, cross-checks kept; story pages are
 * measured on first visit, again (from memory), and on first visit of stories whose kept
 * cross-check was removed (computed on view, as for a store ingested with --no-crosscheck).
 */
const CONCURRENCY = 16;

interface Result {
  readonly name: string;
  readonly requests: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
}

async function main(): Promise<void> {
  const dir = sharedCorpus();
  if (!dir) {
    process.stderr.write('bench: ../shared/corpus is absent; nothing to measure\n');
    return;
  }
  const n = Number(valueOf('--articles') ?? 10_000);
  const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-api-'));
  const db = join(tmp, 'api.db');
  const t0 = performance.now();
  const base = (await analyzeExtracted(loadArticles(dir), { crossCheck: false })).articles;
  const plan = streamPlan(base, n);
  const store = openSqlite(db, { create: true });
  const { storyIds } = await storeArticles(store, clones(base, plan), { firstDay: plan[0]?.day ?? null, total: n });
  const built = (performance.now() - t0) / 1000;
  // What `triangulate ingest` does after storing: cross-check the stories it touched and keep the results.
  const t1 = performance.now();
  await checkStories(store, storyIds);
  const checkSeconds = (performance.now() - t1) / 1000;
  const counts = await store.counts();
  // Story pages to visit: stories of two or more articles, spread over the store (by id, which is a hash);
  // sample B loses its kept cross-checks, to measure a story read before any check was kept (a store ingested with --no-crosscheck).
  const stories = (await store.listStories()).filter((s) => s.articleCount >= 2).map((s) => ({ id: s.id, n: s.articleCount })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const every = Math.max(1, Math.floor(stories.length / 600));
  const spread = stories.filter((_, i) => i % every === 0);
  const sample = spread.filter((_, i) => i % 2 === 0).slice(0, 300);
  const unchecked = spread.filter((_, i) => i % 2 === 1).slice(0, 300);
  await store.dropChecks(unchecked.map((s) => s.id));
  await store.close();
  const mean = (xs: { n: number }[]) => (xs.reduce((x, s) => x + s.n, 0) / xs.length).toFixed(1);
  process.stdout.write(
    `\n# API latency — serve on a store of ${counts.articles} articles, ${counts.stories} stories (stored in ${built.toFixed(0)} s, cross-checks kept in ${checkSeconds.toFixed(0)} s for ${storyIds.length} stories, ${((checkSeconds / storyIds.length) * 1000).toFixed(1)} ms a story; not timed below); ${CONCURRENCY} concurrent keep-alive clients on loopback\n\n`,
  );

  const engines: [string, string][] = [['SQLite', db]];
  const pgUrl = process.env.TRIANGULATE_BENCH_PG;
  let dropPg: (() => Promise<void>) | null = null;
  if (pgUrl) {
    // The same store in PostgreSQL: the same articles placed the same way (so the same seqs and
    // story versions), and the same cross-checks copied over instead of computed again.
    const { openStore } = await import('../src/store/open.js');
    const { default: pg } = await import('pg');
    const name = `tri_bench_api_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const t2 = performance.now();
    const target = await openStore(u.toString(), { create: true });
    await storeArticles(target, clones(base, plan), { firstDay: plan[0]?.day ?? null, total: n });
    const source = openSqlite(db, { readonly: true });
    const checks = [];
    for (const s of await source.listStories()) {
      const meta = (await source.storyMeta(s.id))!;
      const check = await source.readCheck(s.id, meta.version);
      const there = await target.storyMeta(s.id);
      if (!check || !there || there.version !== meta.version) continue;
      checks.push({ storyId: s.id, version: meta.version, check });
    }
    for (let i = 0; i < checks.length; i += 200) await target.writeChecks(checks.slice(i, i + 200));
    await source.close();
    await target.close();
    process.stdout.write(`(the same store in PostgreSQL: placed in ${((performance.now() - t2) / 1000).toFixed(0)} s, ${checks.length} kept cross-checks copied)\n\n`);
    engines.push(['PostgreSQL', u.toString()]);
    dropPg = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else process.stdout.write('(PostgreSQL not measured: set TRIANGULATE_BENCH_PG to a postgres:// URL of a user who may create databases)\n\n');
  try {
    for (const [engine, location] of engines) await measure(engine, location, sample, unchecked, mean);
  } finally {
    await dropPg?.();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The load on one store behind a fresh `serve`, printed as a table. */
async function measure(engine: string, db: string, sample: readonly { id: string; n: number }[], unchecked: readonly { id: string; n: number }[], mean: (xs: { n: number }[]) => string): Promise<void> {
  process.stdout.write(`## ${engine}\n\n`);
  const { server, base: origin } = await startServe(db);
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const results: Result[] = [];
    const load = async (name: string, paths: readonly string[]) => {
      const r = await run(origin, agent, paths);
      results.push({ name, ...r });
    };
    await run(origin, agent, Array(200).fill('/api/health')); // warm-up: JIT, connections
    await load('GET /api/health (peer: HTTP + routing + one query)', Array(2000).fill('/api/health'));
    await load('GET /api/stories (story list, 20 per page)', Array.from({ length: 1000 }, (_, i) => `/api/stories?offset=${(i % 10) * 20}`));
    await load('GET / (story list page, HTML)', Array.from({ length: 1000 }, (_, i) => `/?offset=${(i % 10) * 20}`));
    await load('GET /?q=… (story list filtered by full text)', Array.from({ length: 300 }, (_, i) => `/?q=${['police', 'election', 'minister', 'fire', 'court', 'market'][i % 6]}`));
    await load(`GET /stories/:id first visit (cross-check kept by ingest; ${sample.length} stories, mean ${mean([...sample])} articles)`, sample.map((s) => `/stories/${s.id}`));
    await load('GET /stories/:id again (in memory)', Array.from({ length: 1500 }, (_, i) => `/stories/${sample[i % sample.length]!.id}`));
    await load(`GET /stories/:id first visit, no kept cross-check (computed; ${unchecked.length} stories, mean ${mean([...unchecked])} articles)`, unchecked.map((s) => `/stories/${s.id}`));
    await load('GET /api/stories/:id (cached)', Array.from({ length: 1500 }, (_, i) => `/api/stories/${sample[i % sample.length]!.id}`));
    agent.destroy();
    process.stdout.write('| endpoint | requests | median ms | p99 ms | max ms | requests/s | p99 × peer |\n|---|---|---|---|---|---|---|\n');
    const peer = results[0]!;
    for (const r of results) process.stdout.write(`| ${r.name} | ${r.requests} | ${r.median.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${(r.p99 / peer.p99).toFixed(1)} |\n`);
    const list = results.find((r) => r.name.startsWith('GET / (')!)!;
    const first = results.find((r) => r.name.includes('kept by ingest'))!;
    const warm = results.find((r) => r.name.includes('again'))!;
    const cold = results.find((r) => r.name.includes('no kept'))!;
    const verdict = (r: Result) => `${r.p99.toFixed(1)} ms — ${r.p99 < 100 ? 'met' : 'NOT met'}`;
    process.stdout.write(
      `\n${engine}: target p99 < 100 ms: story list ${verdict(list)}; story page on first visit ${verdict(first)}, again ${verdict(warm)}; without a kept cross-check (computed on first view) ${verdict(cold)}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}


/** Send every path with CONCURRENCY requests in flight; latency of each from send to the last byte. */
async function run(base: string, agent: Agent, paths: readonly string[]): Promise<Omit<Result, 'name'>> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const t = performance.now();
      const status = await get(new URL(path, base), agent);
      if (status !== 200) throw new Error(`${path}: HTTP ${status}`);
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { requests: times.length, median: q(0.5), p99: q(0.99), max: times[times.length - 1]!, perSecond: times.length / seconds };
}

function get(url: URL, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

await main();
