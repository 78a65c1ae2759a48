import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sharedCorpus } from '../src/util/paths.js';
import { loadArticles, runCli, toRecord, valueOf } from './corpus.js';
import { clones, streamBase, streamPlan } from './stream.js';

/**
 * Ingest throughput by engine, as users run it: the real `triangulate ingest` in fresh processes
 * (`--jobs 1` each, `--no-crosscheck`, wall clock) on one JSON Lines stream of real articles
 * (../shared/corpus), into SQLite, into PostgreSQL with one worker, and into PostgreSQL with two
 * workers started together on the same stream (they share its chunks: src/app/ingest.ts
 * placeShared). Each store is checked before its time counts: every article stored once, and the
 * two-worker store has the one-worker store's stories. PostgreSQL needs `TRIANGULATE_BENCH_PG` (a
 * URL of a user who may create databases); without it only SQLite is measured, with a note.
 *
 * `--articles N` (default 10000, the stream size issue 20 names): N articles of the corpus; past its
 * 1,906, the stream of bench/stream.ts (the corpus annotated once, not timed; clone k dated in the
 * k-th stretch of days, ~5% of its words swapped), written out as text for the CLI to read.
 */
const ingest = (file: string, db: string) =>
  runCli(['ingest', file, '--db', db, '--jobs', '1', '--no-crosscheck', '--max-bytes', String(statSync(file).size)], `ingest into ${db}`);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Article and story counts, and the stories as sorted member lists, of a store (through the CLI's own store interface). */
async function shape(db: string): Promise<{ articles: number; stories: number; key: string }> {
  const { openStore } = await import('../src/store/open.js');
  const store = await openStore(db, { readonly: true });
  try {
    const members = new Map<string, string[]>();
    for (const m of await store.memberships()) members.set(m.storyId, [...(members.get(m.storyId) ?? []), m.articleId]);
    const counts = await store.counts();
    return { ...counts, key: [...members.values()].map((g) => g.sort().join(',')).sort().join('|') };
  } finally {
    await store.close();
  }
}

/** The stream as JSON Lines records: the first n corpus articles, or (past the corpus) its clones. */
async function streamLines(dir: string, n: number): Promise<{ lines: string[]; cloned: boolean }> {
  const docs = loadArticles(dir);
  if (n <= docs.length) return { cloned: false, lines: docs.slice(0, n).map(toRecord) };
  const base = await streamBase(docs);
  const out: string[] = [];
  for (const a of clones(base, streamPlan(base, n))) out.push(toRecord({ ...a.meta, source: `${a.source}#${a.id}`, text: a.text }));
  return { lines: out, cloned: true };
}

async function main(): Promise<void> {
  const dir = sharedCorpus();
  if (!dir) {
    process.stderr.write('bench: ../shared/corpus is absent; nothing to measure\n');
    return;
  }
  const n = Number(valueOf('--articles') ?? 10_000);
  const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-workers-'));
  const file = join(tmp, 'stream.jsonl');
  const { lines, cloned } = await streamLines(dir, n);
  writeFileSync(file, lines.join('\n') + '\n');
  process.stdout.write(`\n# ingest by engine — \`triangulate ingest --jobs 1 --no-crosscheck\` in fresh processes, wall clock, ${lines.length} articles${cloned ? ' (the corpus and its clones, bench/stream.ts)' : ''} (load average ${loadavg()[0]!.toFixed(2)} at the start)\n\n`);
  const rows: string[] = [];
  const row = (name: string, s: { articles: number; stories: number }, seconds: number) => rows.push(`| ${name} | ${s.articles} | ${s.stories} | ${seconds.toFixed(1)} | ${(s.articles / seconds).toFixed(1)} |`);
  try {
    const sqlite = join(tmp, 'bench.db');
    const tSqlite = await timed(() => ingest(file, sqlite));
    const base = await shape(sqlite);
    row('SQLite, 1 worker', base, tSqlite);
    const url = process.env.TRIANGULATE_BENCH_PG;
    if (!url) {
      process.stdout.write(`${table(rows)}\nPostgreSQL not measured: set TRIANGULATE_BENCH_PG to a postgres:// URL of a user who may create databases\n`);
      return;
    }
    const made: string[] = [];
    const database = async (name: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      await c.end();
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    };
    try {
      const one = await database(`tri_bench_w1_${process.pid}`);
      const tOne = await timed(() => ingest(file, one));
      const s1 = await shape(one);
      const two = await database(`tri_bench_w2_${process.pid}`);
      const tTwo = await timed(() => Promise.all([ingest(file, two), ingest(file, two)]));
      const s2 = await shape(two);
      if (s1.articles !== base.articles || s2.articles !== base.articles) throw new Error(`bench: the stores hold ${base.articles}, ${s1.articles} and ${s2.articles} articles; expected the same`);
      if (s2.key !== s1.key) throw new Error('bench: two workers made other stories than one worker');
      row('PostgreSQL, 1 worker', s1, tOne);
      row('PostgreSQL, 2 workers at once', s2, tTwo);
      const ratio = tOne / tTwo;
      process.stdout.write(
        `${table(rows)}\nPostgreSQL ×2 workers: ${ratio.toFixed(2)}× the throughput of ×1 (the same stories, checked); SQLite ${(tOne / tSqlite).toFixed(2)}× PostgreSQL ×1\n` +
          `target (issue 20): PostgreSQL with 2 workers >= 1.6× one worker — ${ratio >= 1.6 ? 'met' : 'NOT met'} (load average ${loadavg()[0]!.toFixed(2)} at the end)\n`,
      );
    } finally {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      for (const name of made) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const table = (rows: readonly string[]) => `| store | articles | stories | seconds | articles/s |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;

await main();
