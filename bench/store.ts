import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeArticles } from '../src/app/ingest.js';
import { features, StoryClusterer, StorylineLinker } from '../src/cluster/index.js';
import { PileReuse } from '../src/cluster/pile-reuse.js';
import { reuseDoc, StoryReuse } from '../src/cluster/reuse.js';
import { fingerprint } from '../src/reuse/index.js';
import type { Article } from '../src/model/article.js';
import { openSqlite } from '../src/store/index.js';
import { collectGarbage } from '../src/util/gc.js';
import { sharedCorpus } from '../src/util/paths.js';
import { loadArticles, valueOf } from './corpus.js';
import { clones, EPOCH_DAYS, streamBase, streamPlan } from './stream.js';

/**
 * `npm run bench` (store part): ingest throughput and peak memory of stories + reuse at 1k, 10k and
 * 100k articles, on one core. The stream is built from the 1,906 real articles of the corpus,
 * annotated once: clone k of an article is dated in the k-th stretch of days (see streamPlan; so
 * clones do not join one another's stories) and has about one word in twenty replaced by another
 * word of the same length from the corpus (so offsets stay valid and no two clones are the same
 * text). Each size runs in a fresh child process, so its peak RSS is its own.
 *
 * Per size, three timed passes over the same stream:
 *   - generation only (the peer: building the clones costs this much, and is subtracted);
 *   - clustering + reuse in memory (StoryClusterer, StorylineLinker, StoryReuse and PileReuse: the
 *     stories, their storylines, copies within a story and across stories; no store);
 *   - the whole store ingest (clustering, reuse, SQLite writes with FTS5 and the clustering state).
 */

interface ChildResult {
  readonly mode: 'cluster' | 'store';
  readonly n: number;
  readonly generateSeconds: number;
  readonly seconds: number;
  readonly rssBaseMB: number;
  readonly peakMB: number;
  readonly stories: number;
  readonly storylines: number;
  readonly pairs: number;
  readonly across: number;
  readonly dbMB: number | null;
}

async function parent(): Promise<void> {
  const dir = sharedCorpus();
  if (!dir) {
    process.stderr.write('bench: ../shared/corpus is absent; nothing to measure\n');
    return;
  }
  const sizes = (valueOf('--sizes') ?? '1000,10000,100000').split(',').map(Number);
  const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-store-'));
  const cache = join(tmp, 'base.jsonl');
  const t0 = performance.now();
  const base = (await streamBase(loadArticles(dir))).map(({ rawText: _raw, ...a }) => a);
  writeFileSync(cache, base.map((a) => JSON.stringify(a)).join('\n') + '\n');
  process.stdout.write(`\n# store ingest — stories + reuse + SQLite, one core\n\nbase: ${base.length} real articles annotated once (${((performance.now() - t0) / 1000).toFixed(1)} s, not timed below); spread over ${EPOCH_DAYS} days per clone (~${Math.round(base.length / EPOCH_DAYS)} articles a day), clone k in the k-th stretch, ~5% of words swapped for same-length corpus words\n\n`);
  const rows: ChildResult[] = [];
  const run = (mode: 'cluster' | 'store', n: number, extra: string[] = []) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, String(n), cache, tmp, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench child ${mode} ${n} failed: ${r.stderr}`);
    process.stderr.write(`  ${mode} ${n} ${extra.join(' ')} done\n`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  };
  for (const n of sizes) for (const mode of ['cluster', 'store'] as const) rows.push(run(mode, n));
  // The peer of the collections ingest runs once the heap has grown (src/util/gc.ts): the same
  // store ingest at the largest size without them.
  const bare = run('store', Math.max(...sizes), ['--no-gc']);
  rmSync(tmp, { recursive: true, force: true });
  const net = (r: ChildResult) => Math.max(1e-9, r.seconds - r.generateSeconds);
  process.stdout.write('| articles | pass | seconds (net of generation) | articles/s | µs/article | × µs/article at the smallest size | stories | storylines | reuse pairs | across stories | RSS before / peak MB | store MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of rows) {
    const first = rows.find((x) => x.mode === r.mode)!;
    const us = (net(r) / r.n) * 1e6;
    const us0 = (net(first) / first.n) * 1e6;
    process.stdout.write(
      `| ${r.n} | ${r.mode === 'cluster' ? 'clustering + reuse (memory)' : 'store ingest (SQLite)'} | ${net(r).toFixed(2)} (gen ${r.generateSeconds.toFixed(2)}) | ${(r.n / net(r)).toFixed(0)} | ${us.toFixed(0)} | ${(us / us0).toFixed(2)} | ${r.stories} | ${r.storylines} | ${r.pairs} | ${r.across} | ${r.rssBaseMB} / ${r.peakMB} | ${r.dbMB ?? '–'} |\n`,
    );
  }
  process.stdout.write(
    `\nsame ${bare.n}-article store ingest without the garbage collections: ${(bare.n / net(bare)).toFixed(0)} articles/s, peak RSS ${bare.peakMB} MB (RSS before: ${bare.rssBaseMB} MB)\n`,
  );
  const big = rows.filter((r) => r.n === Math.max(...sizes));
  const small = rows.filter((r) => r.n === Math.min(...sizes));
  const cluster = rows.filter((r) => r.mode === 'cluster');
  const worst = Math.min(...cluster.map((r) => r.n / net(r)));
  const worstStore = Math.min(...rows.filter((r) => r.mode === 'store').map((r) => r.n / net(r)));
  const growth = Math.max(...big.map((b) => net(b) / b.n / (net(small.find((s) => s.mode === b.mode)!) / small[0]!.n)));
  const peak = Math.max(...big.map((b) => b.peakMB));
  process.stdout.write(
    `\ntargets: clustering + reuse >= 500 articles/s (slowest size: ${worst.toFixed(0)}) — ${worst >= 500 ? 'met' : 'NOT met'} (with the SQLite writes, slowest size: ${worstStore.toFixed(0)}/s); per-article time at ${Math.max(...sizes)} <= 1.5× at ${Math.min(...sizes)} (worst ${growth.toFixed(2)}×) — ${growth <= 1.5 ? 'met' : 'NOT met'}; peak < 1 GB (${peak} MB) — ${peak < 1024 ? 'met' : 'NOT met'}\n`,
  );
}

async function child(mode: 'cluster' | 'store', n: number, cache: string, tmp: string, collect: boolean): Promise<void> {
  // One line per article: no single huge string to parse, so the base costs what its objects cost.
  const base = readFileSync(cache, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ ...(JSON.parse(line) as Article), rawText: '' }));
  const rssBaseMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  if (process.env.BENCH_LIVE && global.gc) {
    global.gc();
    process.stderr.write(`live heap with the base loaded: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB\n`);
  }
  const plan = streamPlan(base, n);
  let t = performance.now();
  let chars = 0;
  for (const a of clones(base, plan)) chars += a.text.length;
  const generateSeconds = (performance.now() - t) / 1000;
  let stories = 0;
  let storylines = 0;
  let pairs = 0;
  let across = 0;
  let dbMB: number | null = null;
  t = performance.now();
  if (mode === 'cluster') {
    const c = new StoryClusterer();
    const linker = new StorylineLinker();
    const reuse = new Map<number, StoryReuse>();
    const pile = new PileReuse();
    const lines = new Set<number>();
    let i = 0;
    for (const a of clones(base, plan)) {
      const f = features(a);
      const placed = c.add(f);
      const { line, absorbed } = linker.place(f, placed, (k) => c.frequency(k));
      lines.add(line);
      for (const l of absorbed) lines.delete(l);
      if (placed.opened) stories++;
      let r = reuse.get(placed.story);
      if (!r) reuse.set(placed.story, (r = new StoryReuse()));
      const doc = reuseDoc(a);
      const fp = fingerprint(doc.text);
      pairs += r.add(doc, true, fp).length;
      across += pile.add(doc, String(placed.story), fp).length;
      if (++i % 500 === 0) {
        c.drain(); // what a store would save
        linker.drain();
        if (collect) collectGarbage(); // as storeArticles does after each commit
        for (const id of [...reuse.keys()]) if (!c.isOpen(id)) reuse.delete(id);
      }
    }
    storylines = lines.size;
  } else {
    const path = join(tmp, `bench-${n}.db`);
    const store = openSqlite(path, { create: true });
    const s = await storeArticles(store, clones(base, plan), { firstDay: plan[0]?.day ?? null, total: n, collect });
    stories = s.newStories;
    pairs = s.reusePairs;
    across = s.reuseAcross ?? 0;
    storylines = (await store.listStorylines({ limit: 0 })).total;
    await store.close();
    dbMB = Math.round((statSync(path).size + sizeOr0(`${path}-wal`)) / 2 ** 20);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const seconds = (performance.now() - t) / 1000;
  if (process.env.BENCH_LIVE && global.gc) {
    global.gc();
    process.stderr.write(`live heap after the run: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB (rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)\n`);
  }
  const peakMB = Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  const out: ChildResult = { mode, n, generateSeconds, seconds, rssBaseMB, peakMB, stories, storylines, pairs, across, dbMB };
  process.stdout.write(JSON.stringify({ ...out, chars }) + '\n');
}

function sizeOr0(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const [mode, n, cache, tmp] = process.argv.slice(at + 1);
  await child(mode as 'cluster' | 'store', Number(n), cache!, tmp!, !process.argv.includes('--no-gc'));
} else await parent();

