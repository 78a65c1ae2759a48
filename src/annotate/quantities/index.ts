import { Article } from '../../model/article.js';
import type { Stage } from '../../pipeline/stage.js';
import { findQuantities } from './find.js';

/** Quantities stage: counts and amounts with unit, what is counted and an approximate flag. */
export function quantities(): Stage<'quantities'> {
  return Object.freeze({
    name: 'quantities',
    needs: ['sentences', 'dates'] as const,
    provides: 'quantities',
    run(article: Article): Article {
      const { tokens = [], dates = [] } = article.layers;
      return Article.withLayer(article, 'quantities', findQuantities(article.text, tokens, dates));
    },
  });
}

export { findQuantities, singular } from './find.js';
