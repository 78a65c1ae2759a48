import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../../src/app/analyze.js';
import { fromHtml } from '../../src/ingest/html.js';
import { fromText } from '../../src/ingest/text.js';
import { htmlShape, longParagraph, textShape, TEXT_SHAPES } from '../../bench/shapes.js';

// Every input's cost grows linearly with its size, whatever its shape: four times the input costs
// at most about five times the time (findings 1-3: nested HTML, a million small elements and dense
// dates grew superlinearly). Timed in process after a warm-up, each size the fastest of five runs
// so a busy machine does not decide; the cross-check is timed on one article's story here, and on
// the corpus's stories by its own bench.

const KB = 1024;
const BASE = 24 * KB;

async function time(build: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    await build();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const analyzeText = (text: string) => async () => void (await analyzeExtracted([fromText(text, 'shape.txt', {})], { crossCheck: false }));
const analyzeHtml = (html: string) => async () => {
  let doc;
  try {
    doc = fromHtml(html, 'shape.html', null, {});
  } catch {
    return; // refused before parsing: also bounded work
  }
  await analyzeExtracted([doc], { crossCheck: false });
};

/** Time at `BASE` and 4 × `BASE`; a few milliseconds of noise do not count (a floor of 25 ms). */
async function ratio(make: (bytes: number) => () => Promise<void>): Promise<{ small: number; large: number; ratio: number }> {
  const small = await time(make(BASE));
  const large = await time(make(4 * BASE));
  return { small, large, ratio: large / Math.max(small, 25) };
}

beforeAll(async () => {
  await analyzeText(textShape('article', 4 * KB))(); // load the model and lexicons once
});

describe('linear growth: 4x the input, at most ~5x the time', () => {
  it.each(TEXT_SHAPES)('text shape %s', async (shape) => {
    const r = await ratio((bytes) => analyzeText(textShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(5);
  });

  it.each(['quotes', 'article'] as const)('the cross-check of one article of shape %s', async (shape) => {
    // Its own story: the per-article work of the cross-check (mentions, framing, speaker roles) is linear too.
    const checked = (text: string) => async () => void (await analyzeExtracted([fromText(text, 'shape.txt', {})], { crossCheck: true }));
    const r = await ratio((bytes) => checked(textShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(5);
  });

  it('one paragraph without a line break', async () => {
    const r = await ratio((bytes) => analyzeText(longParagraph(bytes)));
    expect(r.ratio, `${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(5);
  });

  it.each(['nested', 'tiny', 'paragraphs'] as const)('HTML shape %s', async (shape) => {
    const r = await ratio((bytes) => analyzeHtml(htmlShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(5);
  });
});
