import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../../src/app/analyze.js';
import { fromHtml } from '../../src/ingest/html.js';
import { fromText } from '../../src/ingest/text.js';
import { htmlShape, longParagraph, textShape, TEXT_SHAPES } from '../../bench/shapes.js';

// Every input's cost grows linearly with its size, whatever its shape: four times the input costs
// at most MAX_RATIO times the CPU time (findings 1-3: nested HTML, a million small elements and dense
// dates grew superlinearly). Timed in process after a warm-up, each size the fastest of seven runs,
// the two sizes in turns, so a busy machine does not decide; the cross-check is timed on one article's story here, and on
// the corpus's stories by its own bench.

const KB = 1024;
const BASE = 24 * KB;

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

/** CPU milliseconds of this process so far (other processes' load does not count in it, as it does in wall time). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The most 4 × the input may cost: a quadratic step costs 16×, n log n about 4.5×; the rest is room
 * for garbage collection, which varies with the heap (the fastest of seven runs measured 3.4-5.1×
 * for dates and 3.8-4.4× for an article's cross-check at a load average of 4-5 on two cores, with a
 * script outside the repo that timed this file's `ratio` on the same shapes; the test's failure
 * message prints each ratio it measures).
 */
const MAX_RATIO = 6;

/** CPU time at `BASE` and 4 × `BASE`, each the fastest of seven runs taken in turns (so a burst of load elsewhere falls on both sizes, not on one); a few milliseconds of noise do not count (a floor of 25 ms). */
async function ratio(make: (bytes: number) => () => Promise<void>): Promise<{ small: number; large: number; ratio: number }> {
  const [smallRun, largeRun] = [make(BASE), make(4 * BASE)];
  let small = Infinity;
  let large = Infinity;
  for (let run = 0; run < 7; run++) {
    let t0 = cpuMs();
    await smallRun();
    small = Math.min(small, cpuMs() - t0);
    t0 = cpuMs();
    await largeRun();
    large = Math.min(large, cpuMs() - t0);
  }
  return { small, large, ratio: large / Math.max(small, 25) };
}

beforeAll(async () => {
  await analyzeText(textShape('article', 4 * KB))(); // load the model and lexicons once
});

describe(`linear growth: 4x the input, at most ${MAX_RATIO}x the CPU time`, () => {
  it.each(TEXT_SHAPES)('text shape %s', async (shape) => {
    const r = await ratio((bytes) => analyzeText(textShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(MAX_RATIO);
  });

  it.each(['quotes', 'article'] as const)('the cross-check of one article of shape %s', async (shape) => {
    // Its own story: the per-article work of the cross-check (mentions, framing, speaker roles) is linear too.
    const checked = (text: string) => async () => void (await analyzeExtracted([fromText(text, 'shape.txt', {})], { crossCheck: true }));
    const r = await ratio((bytes) => checked(textShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(MAX_RATIO);
  });

  it('one paragraph without a line break', async () => {
    const r = await ratio((bytes) => analyzeText(longParagraph(bytes)));
    expect(r.ratio, `${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(MAX_RATIO);
  });

  it.each(['nested', 'tiny', 'paragraphs'] as const)('HTML shape %s', async (shape) => {
    const r = await ratio((bytes) => analyzeHtml(htmlShape(shape, bytes)));
    expect(r.ratio, `${shape}: ${r.small.toFixed(0)} ms -> ${r.large.toFixed(0)} ms`).toBeLessThanOrEqual(MAX_RATIO);
  });
});
