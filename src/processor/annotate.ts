import type { NameRegistry } from '../annotate/entities/registry.js';
import { finishArticle, annotatePipeline } from '../app/pipeline.js';
import { InputError } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import { isCorpusStage, type Pipeline } from '../pipeline/build.js';
import { runPipeline } from '../pipeline/run.js';
import { budgetOf, type ProcessOptions } from './options.js';

/**
 * Which part of the annotate pipeline to run: all of it; the `head`, its per-article stages before
 * the first corpus stage (they read nothing of other articles, so processes beside each other on one
 * store run them at once); or the `tail`, from the corpus stage on (refs resolved against the
 * articles before, and what reads them), then the step after the pipeline (finishArticle).
 */
export type AnnotatePart = 'all' | 'head' | 'tail';

export interface AnnotateOptions extends Pick<ProcessOptions, 'referenceDate' | 'onProgress' | 'onError' | 'timeBudgetMs' | 'budget'> {
  /** The names of the articles before these (the processor's memory from chunk to chunk); without it, the articles are resolved against each other only. */
  readonly names?: NameRegistry;
  /** Default 'all'; a `tail` is given articles that went through the `head`. */
  readonly part?: AnnotatePart;
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
  const part = options.part ?? 'all';
  const annotated = runPipeline(pipelinePart(annotatePipeline(options.names), part), cleaned, ctx, {
    onArticle: (done, total) => options.onProgress?.('annotating', done, total),
    budget: budgetOf(options),
    onDropped: (a, reason) => options.onError?.(InputError.create(a.source, reason)),
  });
  return part === 'head' ? [...annotated] : annotated.map((a) => finishArticle(a, ctx.referenceDate));
}

/** The steps of one part of a pipeline (AnnotatePart); the whole was checked when it was built, so the parts are not again. */
export function pipelinePart(pipeline: Pipeline, part: AnnotatePart): Pipeline {
  if (part === 'all') return pipeline;
  const at = pipeline.steps.findIndex(isCorpusStage);
  const cut = at < 0 ? pipeline.steps.length : at;
  return Object.freeze({ steps: Object.freeze(part === 'head' ? pipeline.steps.slice(0, cut) : pipeline.steps.slice(cut)) });
}
