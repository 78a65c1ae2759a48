import type { Extracted, MetaHints } from './types.js';

/**
 * A plain-text article. The title is left to clean/, which takes the first real line once junk
 * above it (a site tagline, a "JOIN NOW" banner) is cut: taking line one here would make a
 * banner the title.
 */
export function fromText(text: string, source: string, hints: MetaHints): Extracted {
  const provenance: Record<string, string> = { text: 'text' };
  for (const k of ['title', 'outlet', 'published', 'url', 'byline'] as const) if (hints[k]) provenance[k] = 'manifest';
  return {
    source,
    format: 'text',
    title: hints.title ?? null,
    text: text.replace(/\r\n?/g, '\n'),
    outlet: hints.outlet ?? null,
    byline: hints.byline ?? null,
    published: hints.published ?? null,
    url: hints.url ?? null,
    language: null,
    provenance,
  };
}
