/**
 * An instant as people read it: the day and minute in UTC, and how long ago (or how soon) it is,
 * instead of a raw ISO stamp with milliseconds. Anything that is not an instant is returned as is.
 *
 * @example
 * humanTime('2026-12-01T08:51:07.123Z', Date.parse('2026-12-01T09:00:00Z')); // '2026-12-01 08:51 UTC (9 minutes ago)'
 */
export function humanTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!/T\d{2}:\d{2}/.test(iso) || Number.isNaN(t)) return iso;
  const stamp = `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${stamp} (${relative(t - now)})`;
}

/** "3 minutes ago", "in 2 hours", "just now". */
export function relative(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 45) return 'just now';
  const [n, unit] = s < 5400 ? [Math.round(s / 60), 'minute'] : s < 129_600 ? [Math.round(s / 3600), 'hour'] : [Math.round(s / 86_400), 'day'];
  const amount = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms < 0 ? `${amount} ago` : `in ${amount}`;
}

/** A duration for progress lines: "12 s", "3 min 5 s", "1 h 2 min". */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}
