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
