import type { Article } from '../model/article.js';

/**
 * A short name for an article in reports and notes: its outlet (from the manifest, the JSON
 * record or the page), else the host of its URL, else its file name without extension and
 * without any hash in it ("000_12436d311f05a390.txt" is "file 000", "daily-blaze.html" is
 * "daily-blaze"), so a reader can tell which input is meant without reading a digest.
 *
 * @example
 * sourceName(article); // 'Middle East Eye', 'aa.com.tr', 'daily-blaze' or 'file 000'
 */
export function sourceName(a: Pick<Article, 'meta' | 'source'>): string {
  if (a.meta.outlet) return a.meta.outlet;
  const host = urlHost(a.meta.url);
  if (host) return host;
  return fileLabel(a.source, a.meta.title);
}

/** The host of an http(s) URL without `www.`, or null. */
export function urlHost(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const u = new URL(url);
  return /^https?:$/.test(u.protocol) && u.hostname ? u.hostname.replace(/^www\./, '') : null;
}

// A part of a file name that is a digest, not a word: 8+ hex characters with a digit and a letter,
// or a run of 12+ digits (a timestamp or an id).
const HASHLIKE = /^(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}$|^\d{12,}$/i;

/**
 * A readable label from a path or URL source: `dir/000_12436d311f05a390.txt` → `file 000`,
 * `news.jsonl#7` → `news #7`, `harbour-blog.txt` → `harbour-blog`; a name that is all hash falls
 * back to the first words of the title.
 */
export function fileLabel(source: string, title: string | null = null): string {
  const [path, record] = source.split('#') as [string, string | undefined];
  const base = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  const stem = base.replace(/\.(txt|html?|xhtml|json|jsonl|ndjson|xml|rss|atom|md)$/i, '');
  const parts = stem.split(/[_\s.]+/).filter((p) => p && !HASHLIKE.test(p));
  const readable = parts.join('_');
  const tail = record !== undefined ? ` #${record}` : '';
  if (readable && /\p{L}/u.test(readable)) return readable + tail;
  if (readable) return `file ${readable}${tail}`;
  if (title) {
    const words = title.split(/\s+/).slice(0, 4).join(' ');
    return `${words}${title.split(/\s+/).length > 4 ? '…' : ''}${tail}`;
  }
  return base + tail;
}

/**
 * One label per article of a set, the same in every report and page: `sourceName`, made unique
 * within the set by a number in file order when an outlet has several articles there
 * ("Daily Blaze 1", "Daily Blaze 2").
 *
 * @example
 * articleLabels(run.articles).get(article.id); // 'Coastline Wire'
 */
export function articleLabels(articles: readonly Pick<Article, 'id' | 'meta' | 'source'>[]): Map<string, string> {
  const byName = new Map<string, Pick<Article, 'id' | 'meta' | 'source'>[]>();
  for (const a of articles) {
    const n = sourceName(a);
    byName.set(n, [...(byName.get(n) ?? []), a]);
  }
  const out = new Map<string, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) out.set(group[0]!.id, name);
    else [...group].sort((x, y) => x.source.localeCompare(y.source) || x.id.localeCompare(y.id)).forEach((a, i) => out.set(a.id, `${name} ${i + 1}`));
  }
  return out;
}

/** The articles of a set in file order (by source, then id): the order every report and page lists them in. */
export function fileOrder<T extends Pick<Article, 'id' | 'source'>>(articles: readonly T[]): T[] {
  return [...articles].sort((x, y) => FILE_COLLATOR.compare(x.source, y.source) || x.id.localeCompare(y.id));
}

// localeCompare(b, 'en', { numeric: true }) by one collator made once: the same order, without building a collator per comparison (most of a story page's sorting time).
const FILE_COLLATOR = new Intl.Collator('en', { numeric: true });

/**
 * A readable name for an entity ref when no entity table gives one: `place:turkey` → `Turkey`,
 * `person:recep-tayyip-erdogan` → `Recep Tayyip Erdogan`.
 */
export function refName(ref: string, names?: ReadonlyMap<string, string>): string {
  const known = names?.get(ref);
  if (known) return known;
  const slug = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return slug
    .split('-')
    .filter(Boolean)
    .map((w) => (w.length <= 3 && /^(of|the|and|al|de|la|el|bin|von|van)$/.test(w) ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}
