import type { NameRegistry } from '../annotate/entities/registry.js';
import { finishArticle, annotatePipeline } from '../app/pipeline.js';
import { InputError } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import { runPipeline } from '../pipeline/run.js';
import { budgetOf, type ProcessOptions } from './options.js';

export interface AnnotateOptions extends Pick<ProcessOptions, 'referenceDate' | 'onProgress' | 'onError' | 'timeBudgetMs' | 'budget'> {
  /** The names of the articles before these (the processor's memory from chunk to chunk); without it, the articles are resolved against each other only. */
  readonly names?: NameRegistry;
}

/**
 * Annotate cleaned articles on this thread (each article's short names resolved against its own
 * and those of the articles before it, in the order given), date the undated ones from their text
 * where it says, and classify them. An article whose input runs out of its time budget is left
 * out, and `onError` told.
 *
 * @example
 * const [a] = annotateArticles(cleanAll([doc]).articles); // a.layers.entities, a.classification
 */
export function annotateArticles(cleaned: readonly Article[], options: AnnotateOptions = {}): Article[] {
  const ctx = { referenceDate: options.referenceDate ?? null };
  const annotated = runPipeline(annotatePipeline(options.names), cleaned, ctx, {
    onArticle: (done, total) => options.onProgress?.('annotating', done, total),
    budget: budgetOf(options),
    onDropped: (a, reason) => options.onError?.(InputError.create(a.source, reason)),
  });
  return annotated.map((a) => finishArticle(a, ctx.referenceDate));
}
