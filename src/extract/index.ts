import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** What HTML extraction yields: the body text (one paragraph per line) and metadata candidates. */
export interface HtmlExtraction {
  readonly title: string | null;
  readonly text: string;
  readonly byline: string | null;
  /** ISO date or null. */
  readonly published: string | null;
  readonly siteName: string | null;
  readonly language: string | null;
  readonly url: string | null;
  /** Which extractor supplied each field, e.g. `{ text: 'readability', title: 'json-ld' }`. */
  readonly provenance: Readonly<Record<string, string>>;
}

/**
 * Extract the article body and metadata from an HTML page.
 * (Baseline: Readability on linkedom; src/extract/ grows a cascade on top of it.)
 *
 * @example
 * const x = extractHtml('<html><body><article><p>Hello.</p></article></body></html>', null);
 */
export function extractHtml(html: string, url: string | null): HtmlExtraction {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  const text = article?.textContent
    ? article.textContent
        .split(/\n+/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n')
    : '';
  return {
    title: article?.title?.trim() || null,
    text,
    byline: article?.byline?.trim() || null,
    published: article?.publishedTime ? article.publishedTime.slice(0, 10) : null,
    siteName: article?.siteName?.trim() || null,
    language: article?.lang?.slice(0, 2).toLowerCase() || null,
    url,
    provenance: { text: 'readability' },
  };
}
