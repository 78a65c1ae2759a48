import { isoDate, isoInstant } from './date.js';
import type { Extracted, MetaHints } from './types.js';

/** The fields news exports use for each thing we read (news-please, newspaper, GDELT-style dumps, our own JSON). */
const FIELDS = {
  title: ['title', 'headline'],
  text: ['text', 'maintext', 'body', 'content', 'article', 'fulltext'],
  url: ['url', 'link', 'canonical_url'],
  published: ['date_publish', 'published', 'date', 'publishedAt', 'published_at', 'pubDate', 'datePublished'],
  outlet: ['source_domain', 'outlet', 'source', 'site_name', 'publisher'],
  byline: ['authors', 'author', 'byline'],
  language: ['language', 'lang'],
} as const;

/**
 * Read one JSON record with the common news fields into an Extracted document, or explain why
 * it is not an article.
 *
 * @example
 * fromRecord({ title: 'T', maintext: 'Body.', date_publish: '2020-02-28 10:00:00' }, 'a.json#1', {});
 */
export function fromRecord(record: unknown, source: string, hints: MetaHints): Extracted | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'record is not an object';
  const r = record as Record<string, unknown>;
  const text = pick(r, FIELDS.text);
  if (!text) return `no text field (expected one of ${FIELDS.text.join(', ')})`;
  const provenance: Record<string, string> = { text: 'json' };
  const field = <K extends keyof MetaHints>(key: K, value: string | null): string | null => {
    const hint = hints[key] ?? null;
    if (hint) provenance[key] = 'manifest';
    else if (value) provenance[key] = 'json';
    return hint ?? value;
  };
  return {
    source,
    format: 'json',
    title: field('title', pick(r, FIELDS.title)),
    text: text.replace(/\r\n?/g, '\n'),
    outlet: field('outlet', pick(r, FIELDS.outlet)),
    byline: field('byline', pick(r, FIELDS.byline)),
    published: field('published', isoDate(pick(r, FIELDS.published))),
    publishedAt: isoInstant(pick(r, FIELDS.published)),
    url: field('url', pick(r, FIELDS.url)),
    language: pick(r, FIELDS.language)?.slice(0, 2).toLowerCase() ?? null,
    provenance,
    record: scalars(r),
  };
}

/** A record's top-level fields with a string or number value (at most 64, each cut to 200 characters). */
function scalars(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r).slice(0, 64)) if ((typeof v === 'string' && v.trim()) || (typeof v === 'number' && Number.isFinite(v))) out[k] = String(v).trim().slice(0, 200);
  return out;
}

/** The first non-empty value among the keys: strings as is, arrays of strings joined, {name} objects by name. */
function pick(r: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = asText(r[k]);
    if (v) return v;
  }
  return null;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(asText).filter(Boolean).join(', ') || null;
  if (v && typeof v === 'object' && 'name' in v) return asText((v as { name: unknown }).name);
  return null;
}
