import { Article } from '../../model/article.js';
import type { Stage, StageContext } from '../../pipeline/stage.js';
import { findDates } from './find.js';

/**
 * Dates stage: every date expression resolved against the article's publication date, or the run's
 * reference date when the article has none. Without either, only absolute dates are kept.
 */
export function dates(): Stage<'dates'> {
  return Object.freeze({
    name: 'dates',
    needs: ['sentences'] as const,
    provides: 'dates',
    run(article: Article, ctx: StageContext): Article {
      const reference = article.meta.published ?? ctx.referenceDate;
      return Article.withLayer(article, 'dates', findDates(article.text, article.layers.sentences ?? [], reference));
    },
  });
}

export { findDates } from './find.js';
