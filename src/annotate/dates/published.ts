import { isoDate, isoDay } from '../../ingest/date.js';
import { Article } from '../../model/article.js';
import { monthOf } from '../../util/calendar.js';

/**
 * How a publication day read from an article's own text is marked in `provenance.published` (beside
 * the byline and time-stamp lines clean/ reads, PUBLISHED_FROM_TEXT): a stamp opening the text
 * ("PUBLISHED FEBRUARY 23, 2021: …"), a dateline's day ("ANKARA, Feb 28 (Reuters) -") in the year
 * of the run's reference day, or the latest past day its relative dates name ("on Monday",
 * "yesterday") against the reference day.
 */
export const DATED_FROM_TEXT = { stamp: 'text-stamp', dateline: 'dateline+reference-date', relative: 'relative-days+reference-date' } as const;

/** Words that make a date relative to the day of writing. */
const RELATIVE = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last night)\b/i;
/** A stamp's label before the date at the very start of the text ("PUBLISHED", "Posted on", an agency's initials "TNN"). */
const STAMP_HEAD = /^(?:(?:first\s+)?(?:published|posted|updated)(?:\s+on)?\s*:?\s*|[A-Z]{2,6}\s+)?$/i;
/** What follows a stamp's date: a colon, a clock time, or the end of the line. */
const STAMP_TAIL = /^(?:,?\s*\d{1,2}\s*[:.]\s*\d{2}|\s*[.:]\s*\d{2}|\s*:|\s*$|\s*\n)/;
/** A dateline's day: "Feb 28", "March 5". */
const DATELINE_DAY = /,\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})\b/;

/**
 * An article without a publication day takes one from its text where the text says it, and says
 * so in `provenance.published` (DATED_FROM_TEXT); otherwise it is returned as it is. In order: a
 * stamp opening the text, with its year; with a reference day (`--reference-date`), a dateline's
 * day (the latest such day not after the reference), else the latest day its relative dates
 * resolve to that is not after the reference ("Thursday", "yesterday": the dates stage resolved
 * them against the reference day). An absolute date in the text is not read as the day of
 * publication: a birth date, an anniversary or a trial set for next month would be taken for it.
 *
 * @example
 * datedFromText(article, '2020-02-28').meta; // { published: '2020-02-28', provenance: { published: 'relative-days+reference-date' }, … }
 */
export function datedFromText(a: Article, referenceDate: string | null): Article {
  if (a.meta.published) return a;
  const found = stampDay(a) ?? (referenceDate ? (datelineDay(a, referenceDate) ?? relativeDay(a, referenceDate)) : null);
  if (!found) return a;
  return Article.with(a, { meta: { ...a.meta, published: found.day, provenance: { ...a.meta.provenance, published: found.how } } });
}

/** A full date with its year opening the text, as a stamp: "PUBLISHED FEBRUARY 23, 2021: …", "TNN Nov 12, 2011, 05. 51AM IST MUMBAI: …". */
function stampDay(a: Article): { day: string; how: string } | null {
  const d = (a.layers.dates ?? []).find((x) => x.start <= 40);
  if (!d || d.precision !== 'day' || !/\b\d{4}\b/.test(a.text.slice(d.start, d.end))) return null;
  if (!STAMP_HEAD.test(a.text.slice(0, d.start).trim()) || !STAMP_TAIL.test(a.text.slice(d.end, d.end + 12))) return null;
  const day = isoDate(a.text.slice(d.start, d.end).replace(/^\w+day,?\s+/i, '').replace(/,\s*\d{1,2}\s*[:.]\s*\d{2}.*$/, ''));
  return day === d.value ? { day, how: DATED_FROM_TEXT.stamp } : null;
}

/** The day of a dateline clean/ cut ("ANKARA, Feb 28 (Reuters) -"): in the reference day's year, or the one before when it would fall after it. */
function datelineDay(a: Article, referenceDate: string): { day: string; how: string } | null {
  const line = a.removed.find((r) => r.reason === 'clean/dateline');
  const m = line ? DATELINE_DAY.exec(line.text) : null;
  const month = m ? monthOf(m[1]!) : null;
  if (!m || month === null) return null;
  const year = Number(referenceDate.slice(0, 4));
  for (const y of [year, year - 1]) {
    const day = isoDay(y, month, Number(m[2]));
    if (day && day <= referenceDate) return { day, how: DATED_FROM_TEXT.dateline };
  }
  return null;
}

/** The latest day, not after the reference, that a relative date of the text names. */
function relativeDay(a: Article, referenceDate: string): { day: string; how: string } | null {
  let best: string | null = null;
  for (const d of a.layers.dates ?? []) {
    if (d.precision !== 'day' || d.value > referenceDate || !RELATIVE.test(a.text.slice(d.start, d.end))) continue;
    if (best === null || d.value > best) best = d.value;
  }
  return best ? { day: best, how: DATED_FROM_TEXT.relative } : null;
}
