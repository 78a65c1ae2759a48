import { type Passage, toPassage } from './passages.js';
import { chains } from './seeds.js';
import { NEAR_DUPLICATE_SHARE } from './settings.js';
import { shinglesOf } from './shingles.js';
import { type Word, wordHashes, words } from './words.js';

export type { Change, Passage } from './passages.js';
export { words, type Word } from './words.js';

/** An article's text prepared once for reuse detection against many others. */
export interface Fingerprint {
  readonly text: string;
  /** Its words, made when first read (only a text that shares shingles with another needs them). */
  readonly words: readonly Word[];
  readonly shingles: Int32Array;
}

/** What B shares with A: the passages and the share of B's words inside them. */
export interface Overlap {
  readonly passages: readonly Passage[];
  /** Share of B's words inside shared passages (1 = B is wholly made of A's text). */
  readonly shareOfTo: number;
  readonly shareOfFrom: number;
  /** Exact copy (same words) or near-duplicate (≥ NEAR_DUPLICATE_SHARE of both), else passage reuse. */
  readonly kind: 'exact' | 'near-duplicate' | 'passage';
}

/**
 * Prepare a text for reuse detection (words + shingles).
 *
 * @example
 * const fp = fingerprint(article.text);
 */
export function fingerprint(text: string): Fingerprint {
  // The shingles come from the words' hashes alone; the words themselves (an object and a string
  // each, hundreds per article, kept as long as the article is held) are made for the few texts
  // aligned with another. Most articles never are.
  let ws: Word[] | undefined;
  return {
    text,
    shingles: shinglesOf(wordHashes(text)),
    get words() {
      return (ws ??= words(text));
    },
  };
}

/**
 * The passages of A that also stand in B, with the word-level changes between them, or null when
 * they share no passage. Symmetric in what it finds; "from"/"to" only name the sides (the
 * direction of copying is decided by the caller from dates and credits).
 *
 * @example
 * const o = overlap(fingerprint(wire.text), fingerprint(rewrite.text));
 * o?.passages[0]?.changes; // [{ from: 'ongoing', to: 'imminent large-scale', ... }]
 */
export function overlap(a: Fingerprint, b: Fingerprint): Overlap | null {
  const found = chains(a.shingles, b.shingles);
  if (found.length === 0) return null;
  const passages = found.map((c) => toPassage(c, a, b));
  const coveredB = passages.reduce((n, p) => n + p.words, 0);
  const coveredA = found.reduce((n, c) => n + (c.aEnd - c.aStart), 0);
  const shareOfTo = Math.min(1, coveredB / Math.max(1, b.words.length));
  const shareOfFrom = Math.min(1, coveredA / Math.max(1, a.words.length));
  const same = a.words.length === b.words.length && a.words.every((w, i) => w.norm === b.words[i]!.norm);
  const kind = same ? 'exact' : shareOfTo >= NEAR_DUPLICATE_SHARE && shareOfFrom >= NEAR_DUPLICATE_SHARE ? 'near-duplicate' : 'passage';
  return { passages, shareOfTo, shareOfFrom, kind };
}
