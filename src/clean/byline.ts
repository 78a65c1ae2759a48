import { isoDate } from '../ingest/date.js';

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
