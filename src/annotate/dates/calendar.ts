/** Small calendar arithmetic on ISO days, in UTC so the machine's time zone never shifts a date. */
export interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function parseDay(iso: string): Day | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  return m ? { y: Number(m[1]), m: Number(m[2] ?? 1), d: Number(m[3] ?? 1) } : null;
}

export function toDate(day: Day): Date {
  return new Date(Date.UTC(day.y, day.m - 1, day.d, 12));
}

export function fromDate(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(day: Day, n: number): Day {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return toDate(day).getUTCDay();
}

const pad = (n: number) => String(n).padStart(2, '0');

export function iso(day: Day, precision: 'day' | 'month' | 'year'): string {
  if (precision === 'year') return String(day.y);
  if (precision === 'month') return `${day.y}-${pad(day.m)}`;
  return `${day.y}-${pad(day.m)}-${pad(day.d)}`;
}

export { MONTHS, WEEKDAYS, monthOf } from '../../util/calendar.js';
