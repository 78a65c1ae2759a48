import { Article } from '../../model/article.js';
import type { Stage } from '../../pipeline/stage.js';
import { findEntities } from './find.js';

export { resolveEntityRefs, entityTable, nameRegistry } from './resolve.js';
export { lookupName } from './lookup.js';

/**
 * Entities stage: person / organization / place / group mentions with refs. Refs of short person
 * names ("Akar", "Mr Erdogan") are joined to full names of the article or the ones before it by `resolveEntityRefs`.
 */
export function entities(): Stage<'entities'> {
  return Object.freeze({
    name: 'entities',
    needs: ['sentences'] as const,
    provides: 'entities',
    run(article: Article): Article {
      const { tokens = [], sentences = [] } = article.layers;
      return Article.withLayer(article, 'entities', findEntities(article.text, tokens, sentences));
    },
  });
}
