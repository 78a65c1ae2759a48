import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { analyze } from '../src/app/analyze.js';
import { checkGroups, goldDocs } from '../eval/gold.js';
import { tokenizeBlock } from '../src/annotate/nlp.js';
import { extractHtml } from '../src/extract/index.js';
import type { Extracted } from '../src/ingest/types.js';
import { packageRoot, sharedCorpus } from '../src/util/paths.js';
import { loadArticles, toRecord, valueOf } from './corpus.js';
import { benchJobs } from './jobs.js';
import { child, failures, out, section, writeReadme } from './readme.js';

/**
 * `npm run bench`: throughput and peak memory of the whole analyze pipeline on real articles from
 * ../shared/corpus, on one core (Node runs it on one thread), with a peer run in the same process
 * for each figure so results are ratios, not machine-bound absolutes:
 * - analyze (the CLI's whole job: read a JSON Lines file, clean, annotate, resolve refs, group
 *   stories) vs wink-nlp tokenising alone (the floor any wink-based pipeline pays);
 * - then bench/jobs.ts: the CLI with `--jobs 1` and `--jobs 2` on the same file, and its startup
 *   (`--help`, one article) (`--no-jobs` to skip);
 * - HTML extraction (our cascade) vs Readability alone on the extraction benchmark's pages;
 * - then bench/store.ts: stories + reuse + store ingest at 1k, 10k and 100k articles
 *   (`--sizes 1000,10000` to choose, `--no-store` to skip);
 * - then bench/workers.ts: ingest throughput into SQLite, PostgreSQL ×1 worker and ×2 workers on
 *   one stream (PostgreSQL when $TRIANGULATE_BENCH_PG is set; `--no-workers` to skip);
 * - then bench/api.ts: latency of `triangulate serve` on 10k- and 100k-article stores, SQLite and PostgreSQL (`--no-api` to skip);
 * - then bench/hostile.ts: time per 100 KB of each hostile input shape beside a normal article, and
 *   /api/health while a heavy search and a 4 MB ingest run (`--no-hostile` to skip);
 * - `--readme`: each section written into README.md between its `<!-- bench:ID -->` markers (bench/readme.ts).
 */
interface Row {
  readonly name: string;
  readonly items: number;
  readonly seconds: number;
  readonly bytes: number;
}

async function main(): Promise<void> {
  const dir = sharedCorpus();
  if (!dir) {
    process.stderr.write('bench: ../shared/corpus is absent; nothing to measure\n');
    return;
  }
  const limit = Number(valueOf('--limit') ?? Infinity);
  if (Number.isFinite(limit) && process.argv.includes('--readme')) {
    process.stderr.write('bench: --limit is a quick look; its figures are not written to the README (drop --readme or --limit)\n');
    process.exit(2);
  }
  const docs = loadArticles(dir).slice(0, limit);
  const bytes = docs.reduce((n, d) => n + d.text.length, 0);
  if (only && !only.includes('analyze') && only.includes('jobs')) {
    // `--only jobs`: the CLI at --jobs 1 and 2 and its startup, on the same file as the analyze part's.
    const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-'));
    const file = join(tmp, 'bench.jsonl');
    writeFileSync(file, docs.map(toRecord).join('\n') + '\n');
    section('jobs');
    await benchJobs(file, docs.length, dir);
    rmSync(tmp, { recursive: true, force: true });
    return;
  }
  section('analyze');
  out(`# triangulate bench — node ${process.version}, one thread\n\n`);
  out(`corpus: ${docs.length} articles (polnear + basil + ecbplus), ${(bytes / 1e6).toFixed(1)} M chars, mean ${(bytes / docs.length / 1000).toFixed(1)} k chars\n\n`);

  // The articles go through real ingest: one JSON Lines file, as a user would hand it over.
  const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-'));
  const file = join(tmp, 'bench.jsonl');
  const warm = join(tmp, 'warm.jsonl');
  writeFileSync(file, docs.map(toRecord).join('\n') + '\n');
  writeFileSync(warm, docs.slice(0, 5).map(toRecord).join('\n') + '\n');
  // Warm-up: load the model, lexicons and gazetteer once, outside the timed runs.
  await analyze([warm]);
  const rssBefore = process.memoryUsage().rss;
  const baseline = time('wink-nlp tokenise only (peer)', docs.length, bytes, () => {
    for (const d of docs) for (const p of d.text.split('\n')) if (p.trim()) tokenizeBlock(p, 0);
  });
  let articles = 0;
  let t0 = performance.now();
  articles = (await analyze([file], { crossCheck: false })).articles.length;
  const ours: Row = { name: 'analyze --no-crosscheck: read + clean + annotate + refs + stories + copies', items: docs.length, bytes, seconds: (performance.now() - t0) / 1000 };
  t0 = performance.now();
  await analyze([file]);
  const full: Row = { name: 'analyze: all of it + cross-check of every story', items: docs.length, bytes, seconds: (performance.now() - t0) / 1000 };
  const peak = process.resourceUsage().maxRSS * 1024;
  printTable([baseline, ours, full]);
  out(`\nanalyze: ${(docs.length / ours.seconds).toFixed(0)} articles/s without the cross-check (${articles} articles out), ${(ours.seconds / baseline.seconds).toFixed(2)}× the time of tokenising alone; ${(docs.length / full.seconds).toFixed(0)} articles/s with it\n`);
  out(`peak RSS: ${(peak / 1024 ** 2).toFixed(0)} MB (RSS before the timed runs: ${(rssBefore / 1024 ** 2).toFixed(0)} MB)\n`);
  out(`target (issue 2, annotate): >= 200 articles/s — ${docs.length / ours.seconds >= 200 ? 'met' : 'NOT met'}; with the cross-check: ${docs.length / full.seconds >= 200 ? 'met' : 'NOT met'}\n`);
  if (!process.argv.includes('--no-jobs')) {
    section('jobs');
    await benchJobs(file, docs.length, dir);
  }
  rmSync(tmp, { recursive: true, force: true });
  out('\n');

  section('extraction');
  const pages = loadPages(dir);
  const pageBytes = pages.reduce((n, p) => n + p.length, 0);
  const readability = time('Readability alone (peer)', pages.length, pageBytes, () => {
    for (const html of pages) new Readability(parseHTML(html).document as never).parse();
  });
  const cascade = time('extractHtml (our cascade)', pages.length, pageBytes, () => {
    for (const html of pages) extractHtml(html, null);
  });
  printTable([readability, cascade]);
  out(`\nextraction: ${(cascade.seconds / readability.seconds).toFixed(2)}× the time of Readability alone, ${((cascade.seconds * 1000) / pages.length).toFixed(1)} ms/page\n`);
  await benchCrossCheck(dir);
}

/**
 * Cross-check time per story and per article on the largest gold stories of the corpus (ECB+
 * sub-topics, BASIL and AllSides events), annotated once outside the timing; the peer is the
 * annotation of the same articles (what a story costs before it is cross-checked).
 */
async function benchCrossCheck(dir: string): Promise<void> {
  const sets: [string, string, (r: Record<string, unknown>) => string][] = [
    ['ecbplus', 'ecbplus.jsonl', (r) => String(r.subtopic_id)],
    ['basil', 'basil.jsonl', (r) => String(r.event_id)],
    ['allsides-neus', 'articles.jsonl', (r) => String(r.event_id)],
  ];
  const docs: Extracted[] = [];
  const group = new Map<string, string>();
  for (const [folder, file, key] of sets) {
    const rows = readFileSync(join(dir, folder, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown> & { id: string });
    for (const r of rows) group.set(`${folder}#${r.id}`, `${folder}:${key(r)}`);
    docs.push(...goldDocs(folder, rows));
  }
  section('crosscheck');
  const { run, annotateMs, checks } = await checkGroups(docs, (source) => group.get(source)!);
  const timed = checks.map((c) => ({ key: c.key, n: c.articles.length, ms: c.ms, claims: c.check.claims.length }));
  timed.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  const total = timed.reduce((x, y) => x + y.ms, 0);
  const articles = timed.reduce((x, y) => x + y.n, 0);
  const perArticle = annotateMs / run.articles.length;
  out(`\n# cross-check — ${timed.length} gold stories, ${articles} articles (ECB+, BASIL, AllSides), annotated once (not timed)\n\n| story | articles | claims | ms | ms/article |\n|---|---|---|---|---|\n`);
  for (const t of timed.slice(0, 5)) out(`| ${t.key} | ${t.n} | ${t.claims} | ${t.ms.toFixed(1)} | ${(t.ms / t.n).toFixed(2)} |\n`);
  const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
  out(`\nall stories: ${(total / timed.length).toFixed(1)} ms/story mean, ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} median, ${sorted[sorted.length - 1]!.toFixed(1)} max; ${(total / articles).toFixed(2)} ms/article, against ${perArticle.toFixed(2)} ms/article to annotate them (peer): cross-check adds ${((total / articles / perArticle) * 100).toFixed(0)}%\n`);
}


function loadPages(dir: string): string[] {
  const html = join(dir, 'extraction-benchmark', 'html');
  return readdirSync(html)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => gunzipSync(readFileSync(join(html, f))).toString('utf8'));
}

function time(name: string, items: number, bytes: number, fn: () => void): Row {
  const t0 = performance.now();
  fn();
  return { name, items, bytes, seconds: (performance.now() - t0) / 1000 };
}

function printTable(rows: Row[]): void {
  out('| run | items | seconds | items/s | MB/s |\n|---|---|---|---|---|\n');
  for (const r of rows) {
    out(`| ${r.name} | ${r.items} | ${r.seconds.toFixed(2)} | ${(r.items / r.seconds).toFixed(0)} | ${(r.bytes / r.seconds / 1e6).toFixed(2)} |\n`);
  }
}

/**
 * `--only a,b`: run these parts only (analyze, extraction, store, workers, api, hostile; analyze
 * includes jobs and the cross-check; jobs alone is the --jobs part of analyze), the others' README
 * sections kept as they are.
 */
const only = valueOf('--only')?.split(',');
const runs = (part: string) => (only ? only.includes(part) : !process.argv.includes(`--no-${part}`));

if (!only || only.includes('analyze') || only.includes('extraction') || only.includes('jobs')) await main();
// The store part (stories + reuse + SQLite at 1k/10k/100k) runs its sizes in child processes of its own.
if (runs('store')) {
  const sizes = valueOf('--sizes');
  await child('store', fileURLToPath(new URL('./store.js', import.meta.url)), sizes ? ['--sizes', sizes] : []);
}
// Several ingest workers on one database (SQLite, PostgreSQL × 1 and × 2).
if (runs('workers')) await child('workers', fileURLToPath(new URL('./workers.js', import.meta.url)));
// The web app's latency (serve on a 10k-article store) in a process of its own.
// `--api-keep DIR`: bench/api.ts's `--keep DIR` (stores built by an earlier run are used again; its output says so).
if (runs('api')) {
  const keep = valueOf('--api-keep');
  await child('api', fileURLToPath(new URL('./api.js', import.meta.url)), keep ? ['--keep', keep] : []);
}
// What hostile inputs cost, and the server under a heavy search and a large ingest.
if (runs('hostile')) await child('hostile', fileURLToPath(new URL('./hostile.js', import.meta.url)));
if (process.argv.includes('--readme')) {
  const r = writeReadme(packageRoot());
  process.stdout.write(`\nreadme: ${r.written.length} sections written (${r.written.join(', ')})${r.unmarked.length ? `; no marker for ${r.unmarked.join(', ')}` : ''}${r.failed.length ? `; not written, their script failed: ${r.failed.join(', ')}` : ''}\n`);
}
if (failures().length) {
  process.stderr.write(`bench: ${failures().join(', ')} failed (above)\n`);
  process.exitCode = 1;
}
