import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeExtracted } from '../../src/app/analyze.js';
import { fromText } from '../../src/ingest/text.js';
import { workersFor } from '../../src/parallel/run.js';
import { toJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { textShape } from '../../bench/shapes.js';
import { corpus, describeShared } from '../helpers/shared.js';
import { dumpStore } from '../hostile/helpers.js';

/**
 * `--jobs N` changes where the work runs, not what it finds: the JSON report of a pile on worker
 * threads is byte for byte the report on one thread (articles, annotations, refs, stories, reuse,
 * claims, errors and their order).
 */
const json = (run: Awaited<ReturnType<typeof analyze>>) => JSON.stringify(toJsonV1(run), null, 2);
const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-jobs-'));

/** The first `n` records of a JSON Lines file of ../shared/corpus, as a file of their own. */
function slice(file: string, n: number): string {
  const path = join(tmp(), 'slice.jsonl');
  writeFileSync(path, readFileSync(join(corpus!, file), 'utf8').split('\n').filter(Boolean).slice(0, n).join('\n') + '\n');
  return path;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--jobs', () => {
  it('takes worker threads only for a batch big enough to gain from them', () => {
    expect(workersFor(1, 10_000)).toBe(0);
    expect(workersFor(2, 10)).toBe(0);
    expect(workersFor(2, 10_000)).toBe(2);
    expect(workersFor(4, 120, 40)).toBe(3);
    expect(workersFor(8, 3, 1)).toBe(3);
  });

  it('the demo on two threads gives the report of one, byte for byte', async () => {
    const demo = join(packageRoot(), 'examples', 'demo');
    const one = await analyze([demo], { jobs: 1 });
    const two = await analyze([demo], { jobs: 2, minDocsPerWorker: 1 });
    expect(one.stories.length).toBeGreaterThan(0);
    expect(json(two)).toBe(json(one));
  });

  it('an input over its time budget on a worker fails with the same one line; the others are analysed', async () => {
    const docs = [
      fromText(`Council closes the bridge\n${textShape('article', 2000)}`, 'small.txt', {}),
      // Several seconds of work (timed once by hand, not by a project command: about 3 s alone on the 2-core machine, 6 s under load): far past the budget, which the two small ones (tens of milliseconds each) stay far inside however busy the machine.
      fromText(`Quotes everywhere\n${textShape('quotes', 2048 * 1024)}`, 'large.txt', {}),
      fromText(`Mayor opens the port\n${textShape('article', 3000)}`, 'other.txt', {}),
    ];
    const t0 = performance.now();
    const run = await analyzeExtracted(docs, { crossCheck: false, timeBudgetMs: 1500, jobs: 2, minDocsPerWorker: 1 });
    expect(run.errors).toEqual([{ input: 'large.txt', reason: 'took longer than 1.5 s; skipped (see --time-budget)' }]);
    expect(run.articles.map((a) => a.source)).toEqual(['small.txt', 'other.txt']);
    // Stopped inside a stage on its worker, not after all of them (the whole input takes far longer).
    expect(performance.now() - t0).toBeLessThan(10_000);
    const alone = await analyzeExtracted([docs[0]!, docs[2]!], { crossCheck: false });
    expect(json({ ...run, errors: [] })).toBe(json(alone));
  });

  it('a bad input on a worker is one line naming it, and the batch goes on', async () => {
    const docs = [fromText('Council closes the bridge\nThe council closed the bridge on Monday, the mayor said.', 'good.txt', {}), fromText('   \n  ', 'empty.txt', {}), fromText('Der Rat schließt die Brücke. Die Stadt hat am Montag die Brücke geschlossen, sagte der Bürgermeister.', 'german.txt', {})];
    const one = await analyzeExtracted(docs);
    const two = await analyzeExtracted(docs, { jobs: 2, minDocsPerWorker: 1 });
    expect(two.errors.map((e) => e.input)).toEqual(['empty.txt', 'german.txt']);
    expect(json(two)).toBe(json(one));
  });
});

describeShared('--jobs on real piles (../shared/corpus)', () => {
  it('the seeds on two threads give the report of one, byte for byte', async () => {
    const seeds = join(corpus!, 'seeds');
    const one = await analyze([seeds], { jobs: 1 });
    const two = await analyze([seeds], { jobs: 2, minDocsPerWorker: 1 });
    expect(json(two)).toBe(json(one));
  });

  it('a storyline of two events is checked across them on a worker as on one thread (the seeds dated a week apart)', async () => {
    const seeds = join(corpus!, 'seeds');
    const manifest = join(tmp(), 'manifest.csv');
    const day = ['2020-02-20', '2020-02-21', '2020-02-21', '2020-02-21', '2020-02-28'];
    const files = ['000_12436d311f05a390', '001_9b1de29ea347620f', '002_b539faf4eead019d', '003_7d72f9101a21e750', '004_5fe5fee8e23a783d'];
    writeFileSync(manifest, ['file,published', ...files.map((f, i) => `${join(seeds, `${f}.txt`)},${day[i]}`)].join('\n') + '\n');
    const one = await analyze([seeds], { jobs: 1, ingest: { manifest } });
    const two = await analyze([seeds], { jobs: 2, minDocsPerWorker: 1, ingest: { manifest } });
    expect(one.storylines!.filter((l) => l.eventIds.length > 1 && l.check!.changes.length > 0)).toHaveLength(1);
    expect(json(two)).toBe(json(one));
  });

  it.each([
    ['200 AllSides leads', 'allsides-neus/articles.jsonl'],
    ['200 BASIL articles', 'basil/basil.jsonl'],
  ])('%s: `analyze --jobs 2 --json` writes the bytes `--jobs 1` writes', (_name, file) => {
    const dir = tmp();
    const pile = slice(file, 200);
    const one = cli(['analyze', pile, '--jobs', '1', '--json', join(dir, 'one.json'), '-q']);
    const two = cli(['analyze', pile, '--jobs', '2', '--json', join(dir, 'two.json'), '-q']);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(two.err).toBe(one.err);
    const a = readFileSync(join(dir, 'one.json'), 'utf8');
    expect(JSON.parse(a).articles.length).toBeGreaterThan(150);
    expect(readFileSync(join(dir, 'two.json'), 'utf8')).toBe(a);
  });
});

describeShared('ingest --jobs (../shared/corpus)', () => {
  it('200 AllSides leads ingested on two threads give the store one thread gives, row for row', () => {
    const dir = tmp();
    const pile = slice('allsides-neus/articles.jsonl', 200);
    // Commits of 50: written across several transactions.
    const one = cli(['ingest', pile, '--db', join(dir, 'one.db'), '--jobs', '1', '--commit-every', '50', '--json']);
    const two = cli(['ingest', pile, '--db', join(dir, 'two.db'), '--jobs', '2', '--commit-every', '50', '--json']);
    expect([one.code, two.code]).toEqual([0, 0]);
    const summary = (out: string) => ({ ...(JSON.parse(out) as Record<string, unknown>), db: null });
    expect(summary(two.out)).toEqual(summary(one.out));
    const rows = dumpStore(join(dir, 'one.db'));
    expect(rows.some((r) => r.startsWith('story_checks '))).toBe(true);
    expect(dumpStore(join(dir, 'two.db'))).toEqual(rows);
  });
});
