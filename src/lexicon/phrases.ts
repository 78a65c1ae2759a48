import { stemmer } from 'stemmer';
import { type Word, words } from '../reuse/words.js';
import type { LexiconEntry } from './load.js';

/** A word with its Porter stem ("fleeing" → "flee"; a final "'s" is dropped first). */
export interface StemmedWord extends Word {
  readonly stem: string;
}

const stems = new Map<string, string>();

/** Porter stem of a normalised word, cached: the same few thousand words recur in every article. */
export function stem(norm: string): string {
  let s = stems.get(norm);
  if (s === undefined) {
    s = stemmer(norm.replace(/'s?$/, ''));
    if (stems.size < 200_000) stems.set(norm, s);
  }
  return s;
}

/** Words of a text with offsets shifted by `offset` (so a sentence's words index the article). */
export function stemmedWords(text: string, offset = 0): StemmedWord[] {
  return words(text).map((w) => ({ start: w.start + offset, end: w.end + offset, norm: w.norm, stem: stem(w.norm) }));
}

export interface PhraseEntry extends LexiconEntry {
  /** Match the written form (case-insensitive) instead of the stem. */
  readonly exact?: boolean;
}

export interface PhraseHit<E> {
  readonly entry: E;
  /** Word indexes, inclusive. */
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Longest-match lookup of a lexicon's terms in a word sequence, left to right, without overlaps.
 * A term matches by the Porter stems of its words ("slammed" matches the entry "slam"), or by its
 * written words when the entry sets `exact` (so "claimed" can be loaded while "claims" is not).
 * Shared by every lexicon of phrases (loaded words, actor labels, predicates, claim cues). An
 * entry another entry already covers (same stems) is refused: it could never match.
 */
export class PhraseMatcher<E extends PhraseEntry> {
  private readonly byStem = new Map<string, E>();
  private readonly byWord = new Map<string, E>();
  /** Longest term starting with a given first stem / first written word: most words start none. */
  private readonly firstStem = new Map<string, number>();
  private readonly firstWord = new Map<string, number>();

  constructor(entries: readonly E[]) {
    for (const e of entries) {
      const ws = words(e.term);
      if (ws.length === 0) continue;
      const keys = e.exact ? ws.map((w) => w.norm) : ws.map((w) => stem(w.norm));
      const [map, first] = e.exact ? [this.byWord, this.firstWord] : [this.byStem, this.firstStem];
      const key = keys.join(' ');
      // Two entries with one stem (or one written form) could never both match: the second would be dead.
      const shadow = map.get(key);
      if (shadow) throw new Error(`lexicon: "${e.term}" matches exactly what "${shadow.term}" matches (same ${e.exact ? 'words' : 'stems'}); keep one`);
      map.set(key, e);
      first.set(keys[0]!, Math.max(first.get(keys[0]!) ?? 0, keys.length));
    }
  }

  /** The entry a single word or phrase matches as a whole, if any. */
  lookup(phrase: string): E | undefined {
    const ws = stemmedWords(phrase);
    return this.byWord.get(ws.map((w) => w.norm).join(' ')) ?? this.byStem.get(ws.map((w) => w.stem).join(' '));
  }

  match(ws: readonly StemmedWord[]): PhraseHit<E>[] {
    const out: PhraseHit<E>[] = [];
    for (let i = 0; i < ws.length; i++) {
      const byWord = this.firstWord.get(ws[i]!.norm) ?? 0;
      const byStem = this.firstStem.get(ws[i]!.stem) ?? 0;
      const longest = Math.min(Math.max(byWord, byStem), ws.length - i);
      if (longest === 0) continue;
      for (let n = longest; n >= 1; n--) {
        let e: E | undefined;
        if (n <= byWord) {
          let key = ws[i]!.norm;
          for (let k = 1; k < n; k++) key += ' ' + ws[i + k]!.norm;
          e = this.byWord.get(key);
        }
        if (!e && n <= byStem) {
          let key = ws[i]!.stem;
          for (let k = 1; k < n; k++) key += ' ' + ws[i + k]!.stem;
          e = this.byStem.get(key);
        }
        if (!e) continue;
        out.push({ entry: e, first: i, last: i + n - 1, start: ws[i]!.start, end: ws[i + n - 1]!.end });
        i += n - 1;
        break;
      }
    }
    return out;
  }
}
