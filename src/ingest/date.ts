import { monthOf } from '../util/calendar.js';

/**
 * Normalise a publication date from metadata to ISO (YYYY-MM-DD, or YYYY-MM / YYYY when that is all
 * there is). Accepts ISO timestamps, news-please's "2020-02-28 10:11:12", RFC 822 feed dates and
 * "February 28, 2020". Returns null for anything else: a wrong date is worse than none.
 *
 * @example
 * isoDate('Fri, 28 Feb 2020 10:00:00 GMT'); // '2020-02-28'
 */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  if (m) return isoDay(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return +m[2]! >= 1 && +m[2]! <= 12 ? `${m[1]}-${m[2]}` : null;
  if (/^\d{4}$/.test(s)) return s;
  // "28 Feb 2020", "Fri, 28 Feb 2020 10:00 GMT", "February 28, 2020", "Feb. 28 2020".
  m = /(?:^|[\s,])(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})/.exec(s);
  if (m) return fromParts(m[3]!, m[2]!, m[1]!);
  m = /(?:^|[\s,])([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(s);
  if (m) return fromParts(m[3]!, m[1]!, m[2]!);
  return null;
}

/**
 * The instant a timestamp names, in UTC ISO form, when it says both the time and its zone
 * ("2024-03-06T07:40:00Z", "2020-02-28T10:11:12+03:00", "Fri, 28 Feb 2020 10:00:00 GMT"); null
 * for a bare day or a time without a zone, which cannot be compared across outlets.
 *
 * @example
 * isoInstant('2020-02-28T13:11:12+03:00'); // '2020-02-28T10:11:12.000Z'
 */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i.test(s);
  const rfc = /\d{1,2}\s+[A-Za-z]{3}\w*\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC|UT|Z|[+-]\d{4})$/i.test(s);
  if (!iso && !rfc) return null;
  const t = Date.parse(iso ? s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function fromParts(year: string, month: string, day: string): string | null {
  const m = monthOf(month);
  return m === null ? null : isoDay(+year, m, +day);
}

/** The ISO day of year, month and day when that day exists ('2013-02-30' does not), else null. */
export function isoDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
