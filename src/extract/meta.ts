import { isoDate, isoInstant } from '../ingest/date.js';

/** Metadata candidates from one page, each with where it came from. */
export interface PageMeta {
  readonly title: Candidate | null;
  readonly byline: Candidate | null;
  readonly published: Candidate | null;
  /** The publication instant (UTC ISO) when the chosen date carries a time and zone. */
  readonly publishedAt: string | null;
  readonly siteName: Candidate | null;
  readonly url: Candidate | null;
  readonly language: Candidate | null;
}

export interface Candidate {
  readonly value: string;
  readonly from: string;
}

type Doc = { querySelectorAll(s: string): ArrayLike<any>; querySelector(s: string): any; documentElement: any };

// In order of trust: JSON-LD is written for machines and names its fields; Open Graph next; then
// the many vendor conventions (news-please and trafilatura read the same set).
const META = {
  title: ['og:title', 'twitter:title', 'citation_title', 'dc.title', 'parsely-title', 'sailthru.title'],
  byline: ['author', 'article:author', 'citation_author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'],
  published: ['article:published_time', 'og:article:published_time', 'citation_publication_date', 'dc.date', 'dc.date.issued', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'date', 'publishdate'],
  siteName: ['og:site_name', 'application-name', 'publisher', 'dc.publisher'],
  url: ['og:url'],
} as const;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|WebPage|ReviewNewsArticle|BackgroundNewsArticle)$/;

/**
 * Read title, byline, date, site name, canonical URL and language from JSON-LD, meta tags,
 * <time datetime>, <link rel=canonical> and <html lang>.
 */
export function readMeta(document: Doc): PageMeta {
  const ld = jsonLd(document);
  const metas = new Map<string, string>();
  for (const m of Array.from(document.querySelectorAll('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
    const value = (m.getAttribute('content') ?? '').trim();
    if (key && value && !metas.has(key)) metas.set(key, value);
  }
  const fromMeta = (keys: readonly string[]): Candidate | null => {
    for (const k of keys) if (metas.get(k)) return { value: metas.get(k)!, from: `meta:${k}` };
    return null;
  };
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const dateOf = (c: Candidate | null): Candidate | null => (c && isoDate(c.value) ? { value: isoDate(c.value)!, from: c.from } : null);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const lang = (document.documentElement?.getAttribute?.('lang') as string | null) ?? null;
  const titleTag = document.querySelector('title')?.textContent?.trim() || null;
  const dated = [ld.published ?? null, fromMeta(META.published), time ? { value: time, from: 'time' } : null].find((c) => dateOf(c));
  return {
    publishedAt: dated ? isoInstant(dated.value) : null,
    title: ld.title ?? fromMeta(META.title) ?? (titleTag ? { value: titleTag, from: 'title' } : null),
    byline: ld.byline ?? fromMeta(META.byline),
    published: dateOf(ld.published ?? null) ?? dateOf(fromMeta(META.published)) ?? dateOf(time ? { value: time, from: 'time' } : null),
    siteName: ld.siteName ?? fromMeta(META.siteName),
    url: (canonical ? { value: canonical, from: 'link:canonical' } : null) ?? ld.url ?? fromMeta(META.url),
    language: lang ? { value: lang.slice(0, 2).toLowerCase(), from: 'html:lang' } : null,
  };
}

function jsonLd(document: Doc): Partial<Record<keyof PageMeta, Candidate>> {
  for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue;
    }
    const node = findArticle(data);
    if (!node) continue;
    const c = (v: unknown, field: string): Candidate | undefined => (typeof v === 'string' && v.trim() ? { value: v.trim(), from: `json-ld:${field}` } : undefined);
    const authors = (Array.isArray(node.author) ? node.author : [node.author]).map((a: any) => (typeof a === 'string' ? a : a?.name)).filter((a: unknown) => typeof a === 'string');
    const out: Partial<Record<keyof PageMeta, Candidate>> = {};
    const set = (k: keyof PageMeta, v: Candidate | undefined) => v && (out[k] = v);
    set('title', c(node.headline ?? node.name, 'headline'));
    set('byline', c(authors.join(', '), 'author'));
    set('published', c(node.datePublished ?? node.dateCreated, 'datePublished'));
    set('siteName', c(node.publisher?.name, 'publisher'));
    set('url', c(node.url ?? node.mainEntityOfPage?.['@id'], 'url'));
    return out;
  }
  return {};
}

function findArticle(data: any): any {
  if (!data || typeof data !== 'object') return null;
  if (Array.isArray(data)) {
    for (const d of data) {
      const hit = findArticle(d);
      if (hit) return hit;
    }
    return null;
  }
  const types = ([] as unknown[]).concat(data['@type'] ?? []);
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && (data.headline || data.datePublished)) return data;
  return findArticle(data['@graph'] ?? null);
}
