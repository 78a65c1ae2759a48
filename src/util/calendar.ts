/**
 * English month and weekday names, one list for every stage that reads them: publication dates in
 * metadata (ingest/date.ts), time-stamp lines (clean/byline.ts) and dates in the text
 * (annotate/dates).
 */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Month number (1–12) of a month name or its three-letter abbreviation ("Feb", "FEBRUARY", "Sept."), else null. */
export function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === 'sept')));
  return i >= 0 ? i + 1 : null;
}

/** True for a weekday written out or cut to three letters or more ("Thu", "Thurs.", "Wednesday"). */
export function isWeekday(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return w.length >= 3 && WEEKDAYS.some((d) => d.startsWith(w));
}
