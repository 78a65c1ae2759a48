import { finishArticle, annotatePipeline } from '../app/pipeline.js';
import { InputError } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import { runPipeline } from '../pipeline/run.js';
import { budgetOf, type ProcessOptions } from './options.js';

/**
 * Annotate cleaned articles on this thread (each article's refs resolved within it), date the
 * undated ones from their text where it says, and classify them. An article whose input runs out
 * of its time budget is left out, and `onError` told.
 *
 * @example
 * const [a] = annotateArticles(cleanAll([doc]).articles); // a.layers.entities, a.classification
 */
export function annotateArticles(cleaned: readonly Article[], options: Pick<ProcessOptions, 'referenceDate' | 'onProgress' | 'onError' | 'timeBudgetMs' | 'budget'> = {}): Article[] {
  const ctx = { referenceDate: options.referenceDate ?? null };
  const annotated = runPipeline(annotatePipeline(), cleaned, ctx, {
    onArticle: (done, total) => options.onProgress?.('annotating', done, total),
    budget: budgetOf(options),
    onDropped: (a, reason) => options.onError?.(InputError.create(a.source, reason)),
  });
  return annotated.map((a) => finishArticle(a, ctx.referenceDate));
}
