import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../../src/app/analyze.js';
import { fromText } from '../../src/ingest/text.js';
import { cli, tmp } from './helpers.js';
import { htmlShape, textShape } from '../../bench/shapes.js';

// Findings 1-3 as reported, and the per-input time budget that bounds whatever is left.

const sentence = 'The minister said on Tuesday that the government would review the decision.';
const nested = (n: number) => `<html><body>${'<div>'.repeat(n)}<p>${sentence}</p><p>${sentence}</p>${'</div>'.repeat(n)}</body></html>`;

describe('bounded work per input', () => {
  beforeAll(async () => void (await analyzeExtracted([fromText(textShape('article', 4096), 'warm.txt', {})], { crossCheck: false })));

  it('finding 1: <div> nested 5,000 deep fails at once with one line, and the batch goes on', () => {
    const dir = tmp('nested');
    writeFileSync(join(dir, 'n.html'), nested(5000));
    writeFileSync(join(dir, 'ok.txt'), `Council closes the bridge\n${textShape('article', 3000)}`);
    const t0 = Date.now();
    const r = cli(['analyze', join(dir, 'n.html'), join(dir, 'ok.txt'), '-q', '--no-crosscheck']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(dir, 'n.html')}: HTML nested too deep (5,003 levels; the cap is 128)\n`);
  });

  it('finding 2: a million small elements (14 MB) are refused before they are parsed', () => {
    const dir = tmp('tiny');
    const file = join(dir, 'tiny.html');
    writeFileSync(file, htmlShape('tiny', 8_000_000));
    const t0 = Date.now();
    const r = cli(['analyze', file, '--max-bytes', '20MB', '-q']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(3);
    expect(r.err).toBe(`${file}: too many HTML elements (1,000,003; the cap is 50,000)\n`);
  });

  it('finding 3: 700 KB of dense date phrases take seconds, not minutes', async () => {
    const t0 = performance.now();
    const run = await analyzeExtracted([fromText(textShape('dates', 700 * 1024), 'dates.txt', {})], { crossCheck: false });
    expect(run.errors).toEqual([]);
    expect(run.articles[0]!.layers.dates!.length).toBeGreaterThan(5_000);
    expect(performance.now() - t0).toBeLessThan(25_000);
  });

  it('an input over its time budget fails with one line; the others are analysed', async () => {
    const small = fromText(`Council closes the bridge\n${textShape('article', 2000)}`, 'small.txt', {});
    const large = fromText(`Quotes everywhere\n${textShape('quotes', 600 * 1024)}`, 'large.txt', {});
    const t0 = performance.now();
    const run = await analyzeExtracted([small, large], { crossCheck: false, timeBudgetMs: 400 });
    expect(run.errors).toEqual([{ input: 'large.txt', reason: 'took longer than 0.4 s; skipped (see --time-budget)' }]);
    expect(run.articles.map((a) => a.source)).toEqual(['small.txt']);
    // Stopped inside a stage, not after all of them: far less than the whole large input costs.
    expect(performance.now() - t0).toBeLessThan(4_000);
  });

  it('--time-budget and --timeout must be seconds above zero (a usage error otherwise)', () => {
    for (const bad of [['--timeout', '-1'], ['--timeout', 'abc'], ['--time-budget', '0'], ['--max-bytes', '0']]) {
      const r = cli(['analyze', 'x.txt', ...bad]);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.err).toMatch(new RegExp(`option '${bad[0]} <[a-z]+>' argument '${bad[1]}' is invalid`));
    }
  });
});
