import { extractHtml } from '../extract/index.js';
import type { Extracted, MetaHints } from './types.js';

/** An HTML page: body and metadata from extract/; the manifest or feed overrides what the page says. */
export function fromHtml(html: string, source: string, url: string | null, hints: MetaHints): Extracted {
  const x = extractHtml(html, url);
  const provenance: Record<string, string> = { ...x.provenance };
  const field = (key: keyof MetaHints, value: string | null): string | null => {
    const hint = hints[key] ?? null;
    if (hint) provenance[key] = 'manifest';
    return hint ?? value;
  };
  return {
    source,
    format: 'html',
    title: field('title', x.title),
    text: x.text,
    outlet: field('outlet', x.siteName),
    byline: field('byline', x.byline),
    published: field('published', x.published),
    publishedAt: hints.publishedAt ?? x.publishedAt,
    url: field('url', x.url ?? url),
    language: x.language,
    provenance,
  };
}
