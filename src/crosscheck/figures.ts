import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import type { Quantity } from '../model/layers.js';
import { stem } from '../lexicon/phrases.js';

interface NumberEntry extends LexiconEntry {
  readonly kind: string;
  readonly range?: readonly [number, number];
}

/** A figure as a range of what it can mean: "nearly a million" is [900,000, 1,000,000]. */
export interface Figure {
  readonly value: number;
  /** Stem of what is counted ("soldier", "syrian"), or null. */
  readonly unit: string | null;
  readonly low: number;
  readonly high: number;
  readonly exact: boolean;
  /** The approximator written before it ("nearly", "at least"), if any. */
  readonly modifier: string | null;
}

let modifiers: { approximators: [string, readonly [number, number]][]; vague: [string, readonly [number, number]][] } | undefined;

function load(): NonNullable<typeof modifiers> {
  if (modifiers) return modifiers;
  const entries = loadLexicon<NumberEntry>('numbers').entries.filter((e) => e.range);
  const byLength = (a: [string, unknown], b: [string, unknown]) => b[0].length - a[0].length;
  modifiers = {
    approximators: entries.filter((e) => e.kind === 'approximator').map((e): [string, readonly [number, number]] => [e.term.toLowerCase(), e.range!]).sort(byLength),
    vague: entries.filter((e) => e.kind === 'vague').map((e): [string, readonly [number, number]] => [e.term.toLowerCase(), e.range!]).sort(byLength),
  };
  return modifiers;
}

/** The range a quantity's words allow (numbers.yml `range`): its modifier and any vague plural. */
export function figureOf(q: Pick<Quantity, 'value' | 'unit' | 'approximate' | 'start' | 'end'>, text: string): Figure {
  const written = text.slice(q.start, q.end).toLowerCase();
  const m = load();
  let [low, high] = [q.value, q.value];
  let exact = !q.approximate;
  const vague = m.vague.find(([t]) => new RegExp(`\\b${t}\\b`).test(written));
  if (vague) [low, high, exact] = [q.value * vague[1][0], q.value * vague[1][1], false];
  const approx = m.approximators.find(([t]) => written.startsWith(`${t} `));
  if (approx) [low, high, exact] = [low * approx[1][0], high * approx[1][1], false];
  return { value: q.value, unit: q.unit ? stem(q.unit.toLowerCase()) : null, low, high, exact, modifier: approx ? approx[0] : null };
}

/**
 * Two figures can be the same figure: equal when both are exact or both carry the same hedge
 * word; an exact figure inside the other's
 * range; two ranges that overlap by more than an edge ("hundreds of thousands", up to 900,000, and
 * "nearly a million", from 900,000, do not).
 */
export function sameFigure(a: Figure, b: Figure): boolean {
  if (a.exact && b.exact) return a.value === b.value;
  // The same hedge on both sides hedges the same number: "at least four" and "at least five" are two counts.
  if (a.modifier && a.modifier === b.modifier) return a.value === b.value;
  if (a.exact || b.exact) return a.low <= b.high && b.low <= a.high;
  return (a.low < b.high && b.low < a.high) || (a.low === b.low && a.high === b.high);
}

/**
 * Both state figures of one kind and none of them can be the same figure ("two soldiers" against
 * "33 soldiers"; "nearly a million Syrians" against "hundreds of thousands of Syrians").
 */
export function figuresDisagree(a: readonly Figure[], b: readonly Figure[]): boolean {
  let shared = false;
  for (const x of a) {
    if (!x.unit) continue;
    const same = b.filter((y) => y.unit === x.unit);
    if (!same.length) continue;
    shared = true;
    if (same.some((y) => sameFigure(x, y))) return false;
  }
  return shared;
}
