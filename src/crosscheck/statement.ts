import type { StemmedWord } from '../lexicon/phrases.js';
import { baseStem, countryOfWord, crossCheckLexicons, numberWord } from './lexicons.js';
import { rarity } from './rarity.js';

/**
 * What the same-statement model compares of one unit of text (a clause or a sentence): every word
 * with its stem, the content words weighted by how rare they are in English, the names it uses
 * (entity refs and capitalised words), its figures and whether it is negated. Built from our own
 * word splitter, not wink's tokens, so that stored articles (kept without tokens) give the same
 * statements as fresh ones.
 */
export interface Statement {
  /** Stems of every word, in order (function words too: "was not", "by the"). */
  readonly sequence: readonly string[];
  /** The same stems as integers (idOf), for the n-gram and subsequence features. */
  readonly ids: Int32Array;
  /** Content stems (no function words, no figures), with their rarity weight, first occurrence only. */
  readonly content: ReadonlyMap<string, number>;
  /** Names: entity refs and the stems of capitalised words inside the unit (outside the entities). */
  readonly names: ReadonlySet<string>;
  /** Stems of every word that is part of a name (inside an entity, or capitalised inside the unit). */
  readonly nameWords: ReadonlySet<string>;
  /** Figures as written, normalised ("3.5", "1000000"), from digits and from the quantities found. */
  readonly figures: ReadonlySet<string>;
  readonly negated: boolean;
  /** How many negation words it has ("nor did she plan to stop" has two, with the negative verb). */
  readonly negations: number;
}

const NEGATION = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'cannot', 'without']);
const DIGITS = /^\d[\d,.]*$/;

/**
 * The statement of a unit. `ws` are the article's words inside the unit, `text` the article text
 * (for capitals), `entities` the entities inside (their refs are names; a capitalised word inside
 * one adds no name of its own), `more` other refs it names (countries), and `values` the values
 * of its quantities.
 */
export function statementOf(ws: readonly StemmedWord[], text: string, entities: readonly { readonly start: number; readonly end: number; readonly ref: string }[], more: readonly string[], values: readonly number[]): Statement {
  const stop = crossCheckLexicons().stop;
  const content = new Map<string, number>();
  const names = new Set<string>([...entities.map((e) => e.ref), ...more].map((r) => `@${r}`));
  const named = (w: StemmedWord) => entities.some((e) => e.start <= w.start && w.end <= e.end);
  const nameWords = new Set<string>();
  const figures = new Set<string>(values.map((v) => String(v)));
  let negations = 0;
  ws.forEach((w, i) => {
    if (NEGATION.has(w.norm) || w.norm.endsWith("n't")) negations++;
    if (DIGITS.test(w.norm)) {
      figures.add(w.norm.replace(/,/g, '').replace(/\.$/, ''));
      return;
    }
    if (stop.has(w.norm) || w.norm.length < 2) return;
    // "hundreds", "thousands", "million": the figure, not what is said of it.
    if (numberWord(w.norm)) return;
    const s = baseStem(w);
    if (!content.has(s)) content.set(s, rarity(w.norm));
    const capital = i > 0 && /^\p{Lu}/u.test(text.slice(w.start, w.start + 1));
    const inEntity = named(w);
    if (capital && !inEntity) names.add(s);
    if (capital || inEntity) nameWords.add(s);
  });
  const sequence = ws.map(baseStem);
  return { sequence, ids: Int32Array.from(sequence, idOf), content, names, nameWords, figures, negated: negations > 0, negations };
}

/** The features the model weighs, in its order (data/models/same-claim.json names them). */
export const FEATURES = [
  'ngram1Min', 'ngram1Max', 'ngram2Min', 'ngram2Max', 'ngram3Min', 'ngram3Max', 'ngram4Min', 'ngram4Max',
  'lcsOfLonger', 'lcsOfShorter', 'contentJaccard', 'coverageMin', 'coverageMax', 'bigramDice',
  'namesUnmatched', 'figuresUnmatched', 'negationDiffers', 'lengthDifference', 'contentUnmatchedMin',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** Stems as small integers, shared by every statement of the process: n-grams compare numbers, not strings. */
const ids = new Map<string, number>();
function idOf(stem: string): number {
  let id = ids.get(stem);
  if (id === undefined) ids.set(stem, (id = ids.size));
  return id;
}

/**
 * How the two sequences run together: at [i * (n + 1) + j], the number of equal stems from a[i]
 * and b[j] on (so an n-gram of `a` at i equals one of `b` at j when the run is at least n). One
 * table serves the n-gram precisions and the longest common subsequence of a pair.
 */
function runs(a: Int32Array, b: Int32Array): Int32Array {
  const w = b.length + 1;
  const t = new Int32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) if (a[i] === b[j]) t[i * w + j] = t[(i + 1) * w + j + 1]! + 1;
  return t;
}

/** Share of `a`'s n-grams that `b` has too, each of `b`'s used once (clipped counts), from the runs table. */
function ngramPrecision(t: Int32Array, la: number, lb: number, n: number, aSide: boolean): number {
  const [rows, cols] = aSide ? [la, lb] : [lb, la];
  if (rows < n) return 0;
  const w = lb + 1;
  const used = new Uint8Array(cols);
  let hit = 0;
  for (let r = 0; r + n <= rows; r++)
    for (let c = 0; c + n <= cols; c++) {
      if (used[c]) continue;
      const run = aSide ? t[r * w + c]! : t[c * w + r]!;
      if (run >= n) {
        used[c] = 1;
        hit++;
        break;
      }
    }
  return hit / (rows - n + 1);
}

/** Length of the longest common subsequence of two id sequences (two rows of the table). */
function lcs(a: Int32Array, b: Int32Array): number {
  let prev = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/** Rarity-weighted share of `a`'s content that `b` states too. */
function coverage(a: Statement, b: Statement): number {
  let total = 0;
  let hit = 0;
  for (const [s, w] of a.content) {
    total += w;
    if (b.content.has(s)) hit += w;
  }
  return total ? hit / total : 0;
}

function bigrams(s: Statement): Set<string> {
  const keys = [...s.content.keys()];
  const out = new Set<string>();
  for (let i = 1; i < keys.length; i++) out.add(`${keys[i - 1]} ${keys[i]}`);
  return out;
}

const count = <T>(xs: ReadonlySet<T>, ys: ReadonlySet<T> | ReadonlyMap<T, unknown>): number => {
  let n = 0;
  for (const x of xs) if (!ys.has(x)) n++;
  return n;
};

/**
 * The pair's features, symmetric in its sides. Names match by ref or by stem (a name in one unit
 * may stand as a plain word in the other). Scaled so that every feature is about 0..1.
 */
export function pairFeatures(a: Statement, b: Statement): Record<FeatureName, number> {
  const f = {} as Record<FeatureName, number>;
  const [sa, sb] = [a.ids, b.ids];
  const t = runs(sa, sb);
  for (const n of [1, 2, 3, 4] as const) {
    const x = ngramPrecision(t, sa.length, sb.length, n, true);
    const y = ngramPrecision(t, sa.length, sb.length, n, false);
    f[`ngram${n}Min`] = Math.min(x, y);
    f[`ngram${n}Max`] = Math.max(x, y);
  }
  const l = lcs(sa, sb);
  f.lcsOfLonger = l / Math.max(1, a.sequence.length, b.sequence.length);
  f.lcsOfShorter = l / Math.max(1, Math.min(a.sequence.length, b.sequence.length));
  let shared = 0;
  for (const k of a.content.keys()) if (b.content.has(k)) shared++;
  const union = a.content.size + b.content.size - shared;
  f.contentJaccard = union ? shared / union : 0;
  const ca = coverage(a, b);
  const cb = coverage(b, a);
  f.coverageMin = Math.min(ca, cb);
  f.coverageMax = Math.max(ca, cb);
  const ba = bigrams(a);
  const bb = bigrams(b);
  f.bigramDice = ba.size + bb.size ? (2 * (ba.size - count(ba, bb))) / (ba.size + bb.size) : 0;
  const nameIn = (n: string, s: Statement) => s.names.has(n) || s.content.has(n);
  let unmatched = 0;
  for (const n of a.names) if (!nameIn(n, b)) unmatched++;
  for (const n of b.names) if (!nameIn(n, a)) unmatched++;
  f.namesUnmatched = unmatched / 3;
  f.figuresUnmatched = (count(a.figures, b.figures) + count(b.figures, a.figures)) / 2;
  f.negationDiffers = a.negated !== b.negated ? 1 : 0;
  f.lengthDifference = Math.abs(a.sequence.length - b.sequence.length) / 10;
  f.contentUnmatchedMin = Math.min(count(new Set(a.content.keys()), b.content), count(new Set(b.content.keys()), a.content)) / 5;
  return f;
}

export interface SameClaimModel {
  readonly features: readonly FeatureName[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Two units state the same thing at or above this probability. */
  readonly threshold: number;
}

/** The model's probability that two units state the same thing. */
export function sameProbability(model: SameClaimModel, f: Record<FeatureName, number>): number {
  let z = model.bias;
  model.features.forEach((k, i) => (z += f[k] * model.weights[i]!));
  return 1 / (1 + Math.exp(-z));
}

/** The statement of the stretch [start, end) of an article, given the article's words. */
export function statementAt(a: { readonly text: string; readonly layers: Readonly<{ entities?: readonly { start: number; end: number; ref: string }[]; quantities?: readonly { start: number; end: number; value: number }[] }> }, ws: readonly StemmedWord[], start: number, end: number): Statement {
  const inside = <T extends { start: number; end: number }>(xs: readonly T[] | undefined) => (xs ?? []).filter((x) => x.start >= start && x.end <= end);
  const words = ws.filter((w) => w.start >= start && w.end <= end);
  return statementOf(words, a.text, inside(a.layers.entities), countries(words), inside(a.layers.quantities).map((q) => q.value));
}

/** Countries the words stand for (demonyms, capitals, leaders: "Moscow", "the Kremlin" → Russia), as refs. */
export function countries(ws: readonly StemmedWord[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const c = countryOfWord(w.norm);
    if (c) out.push(c);
  }
  return out;
}
