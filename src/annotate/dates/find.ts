// The English locale alone: the package's root loads all fifteen of its locales (190 ms against 33).
import * as chrono from 'chrono-node/en';
import type { ParsedComponents } from 'chrono-node';
import type { DateMention, DatePrecision, Sentence } from '../../model/layers.js';
import { Coverage, spanAt } from '../locate.js';
import { addDays, iso, monthOf, parseDay, weekday, type Day } from './calendar.js';
import { CHRONO_CHUNK_CHARS, DATE_CUE, FUTURE_CUES, LEADING } from './settings.js';
import { checkDeadline } from '../../util/budget.js';

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const PART_OF_MONTH = new RegExp(`\\b(?:the\\s+)?(end|beginning|start|middle|mid|early|late)(?:\\s+of|-)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'g');
const PART_OF_YEAR = /\b(?:the\s+)?(end|beginning|start|middle|mid|early|late)(?:\s+of|-)?\s+((?:19|20)\d{2})\b/g;
const LAST_MONTH_NAME = new RegExp(`\\b(last|next|this)\\s+${MONTH}\\b`, 'g');
const THIS_PERIOD = /\b(?:(earlier|later)\s+)?this\s+(month|year)\b/gi;
/** A year written out: "2013", "'08". */
const STATED_YEAR = /\b\d{4}\b|'\d{2}\b/;
const BARE_YEAR = /(?<![\d$£€.,:/-])\b((?:19|20)\d{2})\b(?![\d%.,:/-]\d)/g;
const MOD: Record<string, DateMention['mod']> = { end: 'END', late: 'END', beginning: 'START', start: 'START', early: 'START', middle: 'MID', mid: 'MID' };

/**
 * Date expressions resolved to calendar values against a reference day (the publication date).
 * chrono-node finds and parses them; our rules run first and fix what it gets wrong on news:
 * parts of months ("the end of February" is 2020-02 END, not the 29th), "last October" (chrono
 * ignores "last"), "earlier this month", bare years ("the 2018 ceasefire"), and bare weekdays,
 * which resolve backwards unless the sentence speaks of the future. chrono's guesses without a
 * date word ("JOIN NOW", "the last days") and lower-case month names ("it may") are dropped.
 */
export function findDates(text: string, sentences: readonly Sentence[], reference: string | null): DateMention[] {
  const ref = reference ? parseDay(reference) : null;
  const out: DateMention[] = [];
  const taken = Coverage.of(text.length);
  const push = (start: number, end: number, day: Day, precision: DatePrecision, mod: DateMention['mod'] = null) => {
    if (taken.overlaps(start, end)) return;
    taken.add(start, end);
    out.push({ kind: 'date', start, end, value: iso(day, precision), precision, mod });
  };
  for (const m of text.matchAll(PART_OF_MONTH)) {
    const month = monthOf(m[2]!)!;
    const year = m[3] ? Number(m[3]) : ref ? nearestYear(ref, month) : null;
    if (year !== null) push(m.index, m.index + m[0].length, { y: year, m: month, d: 1 }, 'month', MOD[m[1]!.toLowerCase()]);
  }
  for (const m of text.matchAll(PART_OF_YEAR)) push(m.index, m.index + m[0].length, { y: Number(m[2]), m: 1, d: 1 }, 'year', MOD[m[1]!.toLowerCase()]);
  if (ref) {
    for (const m of text.matchAll(LAST_MONTH_NAME)) {
      const month = monthOf(m[2]!)!;
      const which = m[1]!.toLowerCase();
      const y = which === 'last' ? (month < ref.m ? ref.y : ref.y - 1) : which === 'next' ? (month > ref.m ? ref.y : ref.y + 1) : ref.y;
      push(m.index, m.index + m[0].length, { y, m: month, d: 1 }, 'month');
    }
    for (const m of text.matchAll(THIS_PERIOD)) push(m.index, m.index + m[0].length, ref, m[2]!.toLowerCase() === 'month' ? 'month' : 'year');
  }
  const instant = ref ? new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  for (const r of chronoParse(text, sentences, instant)) {
    let start = r.index;
    let raw = r.text;
    const lead = LEADING.exec(raw)?.[0] ?? '';
    start += lead.length;
    raw = raw.slice(lead.length).replace(/[\s,.;:]+$/, '');
    // "injured 23 on Tuesday": chrono takes the count for a day of the month.
    const on = /^\d+\s+(?:on|in)\s+/i.exec(raw);
    if (on && !/\d/.test(raw.slice(on[0].length))) {
      start += on[0].length;
      raw = raw.slice(on[0].length);
    }
    // "Maravel Today", "USA Today": a capitalised "Today" inside a sentence is a name.
    if (raw === 'Today' && !/(^|[.!?"“]\s*|\n)$/.test(text.slice(Math.max(0, start - 3), start))) continue;
    const end = start + raw.length;
    if (!raw || !DATE_CUE.test(raw) || /^[A-Z\s]{2,}$/.test(raw) || /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/.test(raw)) continue;
    if (/^\d{1,2}$/.test(raw)) continue;
    // "in the last month" is a duration, not January.
    if (/^(?:last|past)\b/i.test(raw) && /\bthe\s+$/i.test(text.slice(Math.max(0, start - 4), start))) continue;
    const c = r.start;
    // Without a reference day, "yesterday", "last year" or "this month" has nothing to count from:
    // chrono would count from its own default and every undated article would share the same
    // invented days. Only a date that writes its year out can be placed.
    if (!ref && !STATED_YEAR.test(raw)) continue;
    const yearKnown = c.isCertain('year');
    let day: Day = { y: c.get('year')!, m: c.get('month')!, d: c.get('day')! };
    let precision: DatePrecision;
    if (c.isCertain('day')) precision = 'day';
    else if (c.isCertain('weekday')) {
      if (!ref) continue;
      day = resolveWeekday(ref, c.get('weekday')!, text, start, sentences, raw);
      precision = 'day';
    } else if (c.isCertain('month')) precision = 'month';
    else if (yearKnown) precision = 'year';
    else continue;
    push(start, end, day, precision);
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    // A year standing alone: "in 2018", "the 2018 ceasefire" (not "2018 people" — a count is a quantity).
    const after = text.slice(m.index + 4, m.index + 20);
    if (/^\s+(?:people|persons|soldiers|troops|civilians|refugees|men|women|children|[a-z]+s\b(?!\s+ago))/.test(after) && !/^\s+(?:ceasefire|elections?|agreement|deal|war|summit|offensive|campaign)/.test(after)) continue;
    push(m.index, m.index + 4, { y: Number(m[1]), m: 1, d: 1 }, 'year');
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * chrono's results over the text, read a paragraph at a time (a paragraph longer than
 * CHRONO_CHUNK_CHARS a run of whole sentences at a time), with indexes into the whole text. One call
 * over the whole text would be quadratic: a refiner of chrono matches an end-anchored pattern
 * against all the text before each result (ENEndOfPeriodRefiner), so 714 KB of dates took 115 s.
 * A date is never split: it does not cross a line, nor (in a long paragraph) a sentence end.
 */
function* chronoParse(text: string, sentences: readonly Sentence[], instant: Date): Generator<{ index: number; text: string; start: ParsedComponents }> {
  const options = { instant, timezone: 0 };
  for (const [from, to] of chunks(text, sentences)) {
    checkDeadline();
    for (const r of chrono.casual.parse(text.slice(from, to), options, { forwardDate: false })) yield { index: r.index + from, text: r.text, start: r.start };
  }
}

/** [from, to) ranges covering the text: its lines, long ones cut at the last sentence end before the limit. */
function* chunks(text: string, sentences: readonly Sentence[]): Generator<[number, number]> {
  let s = 0;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    while (end - from > CHRONO_CHUNK_CHARS) {
      // The last sentence ending inside the limit; a sentence longer than the limit is cut at a space.
      while (s < sentences.length && sentences[s]!.end <= from) s++;
      let cut = -1;
      for (let k = s; k < sentences.length && sentences[k]!.end <= from + CHRONO_CHUNK_CHARS; k++) cut = sentences[k]!.end;
      if (cut <= from) cut = text.lastIndexOf(' ', from + CHRONO_CHUNK_CHARS);
      if (cut <= from) cut = from + CHRONO_CHUNK_CHARS;
      yield [from, cut];
      from = cut;
    }
    if (end > from) yield [from, end];
    from = end + 1;
  }
}

/**
 * A weekday named alone is the last such day on or before the reference day ("Turkey called on
 * Friday" in Friday's paper is that Friday), or the next one when its sentence speaks of the
 * future or says "next"; "last Thursday" is strictly before.
 */
function resolveWeekday(ref: Day, target: number, text: string, at: number, sentences: readonly Sentence[], raw: string): Day {
  const s = spanAt(sentences, at);
  const sentence = s ? text.slice(s.start, s.end) : text.slice(Math.max(0, at - 80), at + 80);
  // "last"/"next" may stand before the match or open it ("last Friday").
  const before = (text.slice(Math.max(0, at - 6), at) + (/^(last|next)\s/i.exec(raw)?.[0] ?? '')).toLowerCase();
  const today = weekday(ref);
  if (/(?:next|by|until|till)\s+$/.test(before) || (FUTURE_CUES.test(sentence) && !/last\s+$/.test(before))) {
    const ahead = (target - today + 7) % 7 || (/next\s+$/.test(before) ? 7 : 0);
    return addDays(ref, ahead);
  }
  const back = (today - target + 7) % 7 || (/last\s+$/.test(before) ? 7 : 0);
  return addDays(ref, -back);
}

/** The year in which a month named without one most plausibly falls: within six months of the reference. */
function nearestYear(ref: Day, month: number): number {
  const diff = month - ref.m;
  return diff > 6 ? ref.y - 1 : diff < -6 ? ref.y + 1 : ref.y;
}


