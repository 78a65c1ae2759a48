import { Article } from '../../model/article.js';
import type { CitedSource, Entity, Quote, SourceKind } from '../../model/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import { Span } from '../../model/span.js';
import { makeRef } from '../../util/ref.js';
import { lookupName } from '../entities/index.js';

/**
 * Cited sources: whom an article credits for what it reports.
 * - every outlet or agency it names ("a bombshell report in Middle East Eye", "told MEE",
 *   "According to The Daily Telegraph"), except the article's own outlet — one ref per outlet, so
 *   MEE and Middle East Eye are one source;
 * - every speaker it quotes, named ("Hulusi Akar", "the Pentagon") or not ("a Turkish official":
 *   kind `unknown`, one ref per description).
 */
export function citedSources(): Stage<'citedSources'> {
  return Object.freeze({
    name: 'cited-sources',
    needs: ['entities', 'quotes'] as const,
    provides: 'citedSources',
    run(article: Article): Article {
      const { entities = [], quotes = [] } = article.layers;
      return Article.withLayer(article, 'citedSources', findSources(article, entities, quotes));
    },
  });
}

export function findSources(article: Article, entities: readonly Entity[], quotes: readonly Quote[]): CitedSource[] {
  const own = article.meta.outlet ? lookupName(article.meta.outlet)?.ref ?? null : null;
  const out = new Map<string, CitedSource>();
  const add = (s: CitedSource) => {
    const key = `${s.start}:${s.end}`;
    if (!out.has(key)) out.set(key, s);
  };
  for (const e of entities) {
    const known = lookupName(article.text.slice(e.start, e.end));
    if (!known?.sourceKind || known.ref !== e.ref || known.ref === own) continue;
    add({ kind: 'cited-source', start: e.start, end: e.end, name: known.name, ref: known.ref, sourceKind: known.sourceKind });
  }
  for (const q of quotes) {
    if (!q.speaker || !q.speakerName) continue;
    const text = article.text.slice(q.speaker.start, q.speaker.end);
    if (/^(he|she|they|it|we)$/i.test(text)) continue;
    const kind: SourceKind = q.speakerRef?.startsWith('person:') ? 'person' : q.speakerRef ? (lookupName(q.speakerName)?.sourceKind ?? 'organization') : /report|statement|document|letter/i.test(q.speakerName) ? 'document' : 'unknown';
    add({ kind: 'cited-source', start: q.speaker.start, end: q.speaker.end, name: q.speakerName, ref: q.speakerRef ?? makeRef('source', q.speakerName), sourceKind: kind });
  }
  return [...out.values()].sort(Span.compare);
}
