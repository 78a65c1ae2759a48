import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import type { StemmedWord } from '../lexicon/phrases.js';
import { CROSSCHECK } from './settings.js';

interface MarkerEntry extends LexiconEntry {
  readonly role: 'boundary' | 'finite';
  readonly kind?: 'coordinator' | 'contrast' | 'subordinator' | 'place';
  readonly notBefore?: readonly string[];
}

interface Markers {
  readonly boundary: ReadonlyMap<string, MarkerEntry>;
  readonly finite: ReadonlySet<string>;
}

let markers: Markers | undefined;

function load(): Markers {
  if (markers) return markers;
  const entries = loadLexicon<MarkerEntry>('clause-markers').entries;
  markers = {
    boundary: new Map(entries.filter((e) => e.role === 'boundary').map((e) => [e.term, e])),
    finite: new Set(entries.filter((e) => e.role === 'finite').map((e) => e.term)),
  };
  return markers;
}

/** A statement-sized part of a sentence: a clause, or the whole sentence when it holds one. */
export interface Unit {
  readonly start: number;
  readonly end: number;
  /** Position among the sentence's units. */
  readonly index: number;
  /** The sentence has more than this unit. */
  readonly partial: boolean;
}

/** A finite verb: an auxiliary, a common irregular past form, or a past form in -ed. */
function finite(w: StemmedWord, m: Markers): boolean {
  return m.finite.has(w.norm) || (w.norm.length >= 5 && w.norm.endsWith('ed'));
}

/** The words before word i, back to the previous comma, are a list item of at most three words. */
function listItem(text: string, ws: readonly StemmedWord[], i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= 0; k--) {
    n++;
    if (n > 3) return false;
    if (k > 0 && /,/.test(text.slice(ws[k - 1]!.end, ws[k]!.start))) return true;
  }
  return false;
}

/**
 * Split a sentence into the statements it makes, by rule over words and punctuation (no parser:
 * the units must be the same for a stored article, kept without tokens, as for a fresh one; and
 * wink's tags call "as" in "comes as Turkey has bought" an adposition). A boundary word
 * (clause-markers.yml) starts a new unit when a finite verb follows within a few words, and both
 * sides keep enough words to be statements. Reported speech ("X said that Y") and relative clauses
 * ("Turkey, which backs …") stay in one unit: what is said and who says it belong together.
 *
 * @example
 * // "The request for Patriot missile defences comes as Turkey has recently bought Russian S-400 missile systems."
 * // → "The request for Patriot missile defences comes" | "Turkey has recently bought Russian S-400 missile systems."
 */
export function splitUnits(text: string, ws: readonly StemmedWord[], start: number, end: number): Unit[] {
  const m = load();
  const cuts: { at: number; resume: number }[] = [];
  let last = 0;
  for (let i = 1; i < ws.length - 1; i++) {
    const w = ws[i]!;
    const gap = text.slice(ws[i - 1]!.end, w.start);
    const semicolon = gap.includes(';');
    const entry = m.boundary.get(w.norm);
    const comma = /[,;]/.test(gap);
    let boundary = semicolon;
    let resume = semicolon ? i : i + 1;
    if (!semicolon && entry) {
      if (entry.notBefore?.includes(ws[i + 1]!.norm)) continue;
      if ((entry.kind === 'coordinator' || entry.kind === 'place') && !comma) continue;
      // ", and" closing a list ("Russia, France, Germany, and Turkey"): the item before it is short.
      if (entry.kind === 'coordinator' && listItem(text, ws, i)) continue;
      // A clause follows: a finite verb within the next few words, no comma before it.
      const window = ws.slice(i + 1, i + 1 + CROSSCHECK.clauseVerbWindow);
      const v = window.findIndex((x) => finite(x, m));
      if (v < 0 || /[,;:]/.test(text.slice(w.end, window[v]!.start))) continue;
      // A verb right after the boundary word has no subject of its own ("and said it might
      // receive …"): a statement still, when the boundary is a contrast ("but said").
      if (v === 0 && entry.kind !== 'contrast') continue;
      boundary = true;
    }
    if (!boundary) continue;
    // Both sides keep enough words to state something.
    if (i - last < CROSSCHECK.minUnitWords || ws.length - resume < CROSSCHECK.minUnitWords) continue;
    cuts.push({ at: i, resume });
    last = resume;
  }
  if (!cuts.length) return [{ start, end, index: 0, partial: false }];
  const out: Unit[] = [];
  let from = start;
  cuts.forEach((c, k) => {
    const stop = ws[c.at - 1]!.end;
    out.push({ start: from, end: stop, index: k, partial: true });
    from = ws[c.resume]!.start;
  });
  out.push({ start: from, end, index: cuts.length, partial: true });
  return out;
}
