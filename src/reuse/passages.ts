import { edits } from './diff.js';
import type { Chain } from './seeds.js';
import { SENTENCE_SNAP_WORDS, SHINGLE_WORDS } from './settings.js';

/** Fewer words than a shingle past a sentence end are a shingle's overhang, not reuse. */
const SHINGLE_TAIL = SHINGLE_WORDS;
import type { Word } from './words.js';

/** A word-level change inside a reused passage: what A says, and what B says instead ('' when cut or added). */
export interface Change {
  readonly from: string;
  readonly to: string;
  /** Character spans of the change in each text (empty span where a side has no words). */
  readonly fromStart: number;
  readonly fromEnd: number;
  readonly toStart: number;
  readonly toEnd: number;
}

/** A passage of A that also stands in B: character spans into each text, and the word-level changes. */
export interface Passage {
  readonly fromStart: number;
  readonly fromEnd: number;
  readonly toStart: number;
  readonly toEnd: number;
  readonly changes: readonly Change[];
  /** Words of B inside the passage. */
  readonly words: number;
}

export interface Side {
  readonly text: string;
  readonly words: readonly Word[];
}

/**
 * Turn a chain of shared shingles into a passage: snap both ends to the sentence edge when it is
 * near (so "Turkey has asked" vs "However, Ankara has asked" shows the swapped subject), then diff
 * the words.
 */
export function toPassage(chain: Chain, a: Side, b: Side): Passage {
  const [aStart, bStart] = snapStart(chain.aStart, chain.bStart, a, b);
  const [aEnd, bEnd] = snapEnd(chain.aEnd, chain.bEnd, a, b);
  const aw = a.words.slice(aStart, aEnd);
  const bw = b.words.slice(bStart, bEnd);
  const changes = edits(aw.map((w) => w.norm), bw.map((w) => w.norm)).map((e): Change => {
    const [fromStart, fromEnd] = charSpan(aw, e.aStart, e.aEnd);
    const [toStart, toEnd] = charSpan(bw, e.bStart, e.bEnd);
    return { from: a.text.slice(fromStart, fromEnd), to: b.text.slice(toStart, toEnd), fromStart, fromEnd, toStart, toEnd };
  });
  return {
    fromStart: aw[0]!.start,
    fromEnd: aw[aw.length - 1]!.end,
    toStart: bw[0]!.start,
    toEnd: bw[bw.length - 1]!.end,
    changes,
    words: bw.length,
  };
}

/** Character span of words [s, e); an empty run sits just before word s (or after the last word). */
function charSpan(ws: readonly Word[], s: number, e: number): [number, number] {
  if (e > s) return [ws[s]!.start, ws[e - 1]!.end];
  const at = ws[s]?.start ?? ws[ws.length - 1]!.end;
  return [at, at];
}

function snapStart(ai: number, bi: number, a: Side, b: Side): [number, number] {
  const da = wordsSinceSentenceStart(a, ai);
  const db = wordsSinceSentenceStart(b, bi);
  return da <= SENTENCE_SNAP_WORDS && db <= SENTENCE_SNAP_WORDS ? [ai - da, bi - db] : [ai, bi];
}

function snapEnd(ai: number, bi: number, a: Side, b: Side): [number, number] {
  // A shingle may run a word or two into the next sentence ("… Middle East Eye. The request"): cut that tail.
  const ta = wordsSinceSentenceStart(a, ai);
  const tb = wordsSinceSentenceStart(b, bi);
  if (ta > 0 && tb > 0 && ta < SHINGLE_TAIL && tb < SHINGLE_TAIL && ta < ai && tb < bi) return [ai - ta, bi - tb];
  const da = wordsUntilSentenceEnd(a, ai);
  const db = wordsUntilSentenceEnd(b, bi);
  return da <= SENTENCE_SNAP_WORDS && db <= SENTENCE_SNAP_WORDS ? [ai + da, bi + db] : [ai, bi];
}

const BOUNDARY = /[.!?]["'”’)\]]*\s|\n/;

/**
 * Words are counted to a sentence edge no further than this: past it neither end snaps
 * (SENTENCE_SNAP_WORDS, SHINGLE_TAIL), so a passage in a long sentence, or in a text with no
 * sentence ends at all, does not read the whole of it for each edge.
 */
const SNAP_LOOKAROUND = Math.max(SENTENCE_SNAP_WORDS, SHINGLE_TAIL) + 1;

/** How many words before word i (or before the end, i = length) still belong to i's sentence (at most SNAP_LOOKAROUND). */
function wordsSinceSentenceStart(side: Side, i: number): number {
  let k = i;
  const gapBefore = (x: number) => side.text.slice(side.words[x - 1]!.end, side.words[x]?.start ?? side.text.length);
  while (k > 0 && i - k < SNAP_LOOKAROUND && !BOUNDARY.test(gapBefore(k))) k--;
  return i - k;
}

/** How many words after word e-1 (exclusive end e) still belong to its sentence (at most SNAP_LOOKAROUND). */
function wordsUntilSentenceEnd(side: Side, e: number): number {
  let k = e;
  while (k < side.words.length && k - e < SNAP_LOOKAROUND && !BOUNDARY.test(side.text.slice(side.words[k - 1]!.end, side.words[k]!.start))) k++;
  return k - e;
}
