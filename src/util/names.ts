import type { Article } from '../model/article.js';

/**
 * A short name for an article in reports and notes: its outlet, else its site, else the file it
 * came from ("000_12436d311f05a390.txt"), so a reader can tell which input is meant.
 *
 * @example
 * sourceName(article); // 'Middle East Eye', 'aa.com.tr' or 'report.html'
 */
export function sourceName(a: Pick<Article, 'meta' | 'source'>): string {
  if (a.meta.outlet) return a.meta.outlet;
  if (a.meta.url) {
    try {
      return new URL(a.meta.url).hostname.replace(/^www\./, '');
    } catch {
      // not a URL: fall through to the source
    }
  }
  const base = a.source.split('#')[0]!.split(/[\\/]/).pop() || a.source;
  const record = a.source.includes('#') ? `#${a.source.split('#').pop()}` : '';
  return base + record;
}

/**
 * One label per article of a set, the same wherever it is shown: its sourceName, and where two
 * articles share one ("Harbour Post"), the file or record it came from after it.
 */
export function articleLabels(articles: readonly Pick<Article, 'id' | 'meta' | 'source'>[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const a of articles) count.set(sourceName(a), (count.get(sourceName(a)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const a of articles) {
    const name = sourceName(a);
    const file = a.source.split(/[\\/]/).pop() ?? a.source;
    out.set(a.id, (count.get(name) ?? 0) > 1 && file !== name ? `${name} (${file})` : name);
  }
  return out;
}
