import { isoDate, isoDay } from '../ingest/date.js';
import { isWeekday, monthOf } from '../util/calendar.js';

/** A byline line: "By Dorian Jones February 28, 2020", "By Jane Doe, Reuters", "By JANE DOE and JOHN ROE". */
const BYLINE = /^by\s+((?:[\p{Lu}][\p{L}.'’-]*)(?:\s+(?:and\s+|&\s+)?[\p{Lu}][\p{L}.'’-]*){0,5}?)(?:\s*[,|•·-]\s*|\s+)?((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.*|\d{1,2}\s+\w+\s+\d{4}.*|\d{4}-\d{2}-\d{2}.*|[\p{Lu}][\p{L}\s.&]{1,40})?$/iu;

/**
 * Read a byline line into author and date, or null when the line is not a byline.
 *
 * @example
 * readByline('By Dorian Jones February 28, 2020'); // { byline: 'Dorian Jones', published: '2020-02-28' }
 */
export function readByline(line: string): { byline: string; published: string | null } | null {
  if (line.length > 120 || !/^by\s/i.test(line)) return null;
  const m = BYLINE.exec(line);
  if (!m) return null;
  return { byline: m[1]!.trim(), published: m[2] ? isoDate(m[2]) : null };
}

/** A dateline opening the first paragraph: "ANKARA, Feb 28 (Reuters) - ", "ISTANBUL — ", "WASHINGTON (AP) — ". */
const DATELINE = /^([\p{Lu}][\p{Lu}\s.'-]{2,40}?)(?:,\s*[\p{L}.]+(?:\s+\d{1,2})?)?\s*(?:\(([\p{L}\s.]{2,30})\))?\s*[-—–]{1,2}\s+(?=\S)/u;

/**
 * Find a dateline at the start of a paragraph: its length and the place it names.
 *
 * @example
 * readDateline('ANKARA, Feb 28 (Reuters) - Turkey said...'); // { length: 27, place: 'ANKARA' }
 */
export function readDateline(paragraph: string): { length: number; place: string } | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  return { length: m[0].length, place: m[1]!.trim() };
}

/** Words of a stamp line, to drop the weekdays among them ("Thu.", "Wednesday"). */
const WORD = /\b[A-Za-z]{3,9}\b\.?/g;
/** Zones, with an offset: "EDT", "AKDT", "GMT+05: 00", "UK". */
const ZONE = /\b(?:[A-Z]{1,3}[SD]?T|GMT|UTC|UK)(?:\s*[+-]\s*\d{1,2}(?:\s*:\s*\d{1,2})?)?\b/g;
/** Times: "4: 59 PM", "22:07", "5: 03p", "12: 52 p. m.", "22. 34", "01: 19 hrs", "2 A. M." (an hour alone only with dotted a.m./p.m.). */
const TIME = /\b\d{1,2}\s*[:.]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:[ap]\.?\s*m\b\.?|[ap]\b|hrs\b))?|\b\d{1,2}\s*[ap]\.\s*m\./gi;
/** A month and day, with or without the year: "Dec. 24", "5 Jan", "June 13 2013" (the month word is checked by `monthOf`). */
const MONTH_DAY = /^(?:([A-Za-z]{3,9})\.? \d{1,2}|\d{1,2} ([A-Za-z]{3,9})\.?)( \d{4})?$/;
/** The words a stamp is labelled with: "First Published:", "Last updated at", "Story Created:". */
const STAMP_WORDS = /\b(?:first|last|originally|published|updated|posted|modified|created|edited|story|article|time|date|release|for immediate release|on|at)\b/gi;
/** Numeric days: 2012-04-04, 2012. 08. 08 (year first); 08. 07. 2012 (day first); 05 / 02 / 2013 (month first). */
const NUMERIC_DAYS: readonly [RegExp, (m: RegExpExecArray) => [number, number, number]][] = [
  [/\b(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\b/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/\b(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\b/, (m) => [+m[3]!, +m[2]!, +m[1]!]],
  [/\b(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4}|\d{2})\b/, (m) => (+m[1]! > 12 ? [year(m[3]!), +m[2]!, +m[1]!] : [year(m[3]!), +m[1]!, +m[2]!])],
];

/** A line that is only a time stamp, and the day it names when it names one with its year. */
export interface Stamp {
  readonly day: string | null;
}

/**
 * Read a line that is only a time stamp ("First Published: June 13, 2013 4: 59 PM EDT", "Updated
 * 5 / 5 / 2010 1: 41 PM", "Friday, June 7, 2013", "21 July 2013 Last updated at 11: 11 GMT"), or
 * null when the line says anything else. Scraped and pasted articles carry these above or below
 * the headline; taken for the title, they hide the real one. A stamp without its year ("Updated
 * 4: 08 p. m. ET", "Dec. 24 4: 33 AM EST") is a stamp all the same, but names no day. A day
 * written with slashes is read month first (US style) unless its first number cannot be a month;
 * with dots, day first.
 *
 * @example
 * readStamp('PUBLISHED: 22: 07 GMT, 7 July 2012'); // { day: '2012-07-07' }
 * readStamp('Updated 4: 08 p. m. ET'); // { day: null }
 */
export function readStamp(line: string): Stamp | null {
  if (line.length > 80 || !/\d/.test(line)) return null;
  let rest = line;
  let day: string | null = null;
  for (const [re, parts] of NUMERIC_DAYS) {
    const m = re.exec(rest);
    if (!m) continue;
    day = isoDay(...parts(m));
    if (!day) return null;
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
    break;
  }
  rest = rest
    .replace(ZONE, ' ')
    .replace(TIME, ' ')
    .replace(WORD, (w) => (isWeekday(w) ? ' ' : w))
    .replace(STAMP_WORDS, ' ')
    .replace(/(\d)(?:st|nd|rd|th)\b/gi, '$1')
    .replace(/[|@•·,:()[\]\-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*\.?\s*$/, '')
    .trim();
  if (day) return rest === '' ? { day } : null;
  // Nothing but a clock time and labels: no day to give.
  if (rest === '') return { day: null };
  // Else only a month and day, with its year a full day: "2013" or "May 2013" says too little, a
  // headline too much. Without the year it is a stamp all the same, naming no day.
  const m = MONTH_DAY.exec(rest);
  // By its first three letters, as isoDate reads it below: scraped stamps misspell ("Novemer 27, 2005").
  if (!m || monthOf((m[1] ?? m[2]!).slice(0, 3)) === null) return null;
  if (!m[3]) return { day: null };
  day = isoDate(rest);
  return day ? { day } : null;
}

function year(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}
