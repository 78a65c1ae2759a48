/**
 * The URL as an http(s) URL, or null for anything else (javascript:, data:, file:, not a URL).
 * Every place that takes a URL from outside — a feed to watch, a URL to ingest, an article's link
 * shown as a link — asks this one question.
 *
 * @example
 * httpUrl(' https://example.org/rss '); // 'https://example.org/rss'
 * httpUrl('javascript:alert(1)'); // null
 */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!/^https?:\/\/\S+$/i.test(v) || !URL.canParse(v)) return null;
  return v;
}
