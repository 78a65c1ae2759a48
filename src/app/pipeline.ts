import { classifyArticle } from '../classify/index.js';
import { Article } from '../model/article.js';
import { citedSources } from '../annotate/sources/index.js';
import { dates } from '../annotate/dates/index.js';
import { entities, resolveEntityRefs } from '../annotate/entities/index.js';
import { hedges } from '../annotate/hedges/index.js';
import { quantities } from '../annotate/quantities/index.js';
import { quotes } from '../annotate/quotes/index.js';
import { sentences } from '../annotate/sentences/index.js';
import { buildPipeline, type Pipeline } from '../pipeline/build.js';

let standard: Pipeline | undefined;

/**
 * The annotate pipeline in the order the stages need each other: sentences (with paragraphs and
 * tokens), entities, then the corpus stage that makes entity refs agree across articles, so that
 * quote speakers and cited sources resolve to the run's refs; dates before quantities, so a year
 * or a day is never counted as a number. Built once per process.
 */
export function annotatePipeline(): Pipeline {
  standard ??= buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes(), citedSources(), dates(), quantities(), hedges()]);
  return standard;
}

/** An annotated article with its kind (news, opinion, unknown) and the signals that decided it: the step after the pipeline. */
export function classified(article: Article): Article {
  return Article.with(article, { classification: classifyArticle(article) });
}
