import type { DateMention, Quantity, Token } from '../../model/layers.js';
import { loadLexicon, type LexiconEntry } from '../../lexicon/load.js';
import { Coverage } from '../locate.js';
import { checkDeadline } from '../../util/budget.js';

interface NumberEntry extends LexiconEntry {
  readonly kind: 'word' | 'multiplier' | 'vague' | 'approximator' | 'unit';
  readonly value: number;
}

interface Words {
  readonly phrases: Map<string, NumberEntry>;
  readonly maxTokens: number;
  readonly firsts: ReadonlySet<string>;
}

let words: Words | undefined;
function numberWords(): Words {
  if (words) return words;
  const phrases = new Map<string, NumberEntry>();
  let maxTokens = 1;
  for (const e of loadLexicon<NumberEntry>('numbers').entries) {
    phrases.set(e.term.toLowerCase(), e);
    maxTokens = Math.max(maxTokens, e.term.split(' ').length);
  }
  words = { phrases, maxTokens, firsts: new Set([...phrases.keys()].map((k) => k.split(' ')[0]!)) };
  return words;
}

const DIGITS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
const CURRENCY: Record<string, string> = { $: 'dollar', '£': 'pound', '€': 'euro' };
const NP = new Set(['ADJ', 'NOUN', 'PROPN']);

/**
 * Counts and amounts: value, unit (singular head noun of what is counted, or percent / a currency),
 * what is counted as written, and whether the figure is approximate ("nearly", "some",
 * "hundreds of thousands"). Years and days inside date mentions are not quantities. Number words
 * count only with something counted after them ("two batteries", not "one of them").
 */
export function findQuantities(text: string, tokens: readonly Token[], dates: readonly DateMention[]): Quantity[] {
  const w = numberWords();
  const low = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const phraseAt = (i: number, kinds: NumberEntry['kind'][]): [NumberEntry, number] | null => {
    if (!w.firsts.has(low[i] ?? '')) return null;
    for (let n = Math.min(w.maxTokens, tokens.length - i); n >= 1; n--) {
      const e = w.phrases.get(low.slice(i, i + n).join(' '));
      if (e && kinds.includes(e.kind)) return [e, n];
    }
    return null;
  };
  const dated = Coverage.of(text.length, dates);
  const inDate = (t: Token) => dated.overlaps(t.start, t.end);
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    checkDeadline();
    let j = i;
    let approximate = false;
    const approx = phraseAt(j, ['approximator']);
    if (approx) {
      approximate = true;
      j += approx[1];
    }
    let unit: string | null = null;
    if (CURRENCY[low[j] ?? '']) {
      unit = CURRENCY[low[j]!]!;
      j++;
    }
    const t = tokens[j];
    if (!t || inDate(t)) continue;
    let value: number;
    let k = j + 1;
    let isWord = false;
    const vague = phraseAt(j, ['vague']);
    if (vague) {
      value = vague[0].value;
      approximate = true;
      k = j + vague[1];
      if (low[k] !== 'of') continue;
    } else if (DIGITS.test(low[j]!)) {
      // "1." or "2)" opening a line numbers a list item.
      if (/(^|\n)\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start)) && /^[.)]$/.test(low[j + 1] ?? '')) continue;
      value = Number(low[j]!.replace(/,/g, ''));
    } else {
      const word = phraseAt(j, ['word']);
      if (!word) continue;
      value = word[0].value;
      isWord = true;
      if (low[j] === 'a' && !phraseAt(j + 1, ['multiplier'])) continue;
    }
    for (let mult = phraseAt(k, ['multiplier']); mult; mult = phraseAt(k, ['multiplier'])) {
      value *= mult[0].value;
      k += mult[1];
      isWord = false;
    }
    const pct = phraseAt(k, ['unit']);
    let counted: string | null = null;
    let end = tokens[k - 1]!.end;
    if (pct) {
      unit = 'percent';
      k += pct[1];
      end = tokens[k - 1]!.end;
    } else {
      const np = nounPhrase(tokens, low, k, inDate);
      if (np) {
        counted = text.slice(tokens[np.from]!.start, tokens[np.to - 1]!.end);
        unit ??= singular(text.slice(tokens[np.head]!.start, tokens[np.head]!.end), tokens[np.head]!.pos === 'PROPN');
        end = tokens[np.to - 1]!.end;
        k = np.to;
      }
    }
    if (isWord && !counted) continue;
    if (approx && !approximate) approximate = true;
    out.push({ kind: 'quantity', start: tokens[i]!.start, end, value, unit, counted, approximate });
    i = k - 1;
  }
  return out;
}

/** What is counted: `[of] (ADJ|NOUN|PROPN|'s|-)* NOUN`, with `of NP` after a bare container noun ("batteries of Patriot missile systems"). */
function nounPhrase(tokens: readonly Token[], low: readonly string[], from: number, stop: (t: Token) => boolean): { from: number; to: number; head: number } | null {
  let i = from;
  if (low[i] === 'of') i++;
  const start = i;
  let head = -1;
  while (i < tokens.length && !stop(tokens[i]!) && (NP.has(tokens[i]!.pos) || low[i] === "'s" || low[i] === '’s' || (low[i] === '-' && head >= 0)) && i - start < 6) {
    if (tokens[i]!.pos === 'NOUN' || tokens[i]!.pos === 'PROPN') head = i;
    i++;
  }
  while (i > start && tokens[i - 1]!.pos === 'ADJ') i--;
  if (head < 0 || head >= i) return null;
  if (head === start && low[i] === 'of') {
    const inner = nounPhrase(tokens, low, i, stop);
    if (inner) return { from: start, to: inner.to, head };
  }
  return { from: start, to: i, head };
}

/** English plural to singular, for unit names ("batteries" → "battery", "Syrians" → "Syrian"). */
export function singular(word: string, keepCase = false): string {
  const w = keepCase ? word : word.toLowerCase();
  if (/(?:news|series|species|means|politics|economics|physics)$/i.test(w)) return w;
  if (/ies$/i.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|sh|ch|x|zz)es$/i.test(w)) return w.slice(0, -2);
  if (/[^su]s$/i.test(w)) return w.slice(0, -1);
  return w;
}
