import { classifyArticle } from '../classify/index.js';
import { Article } from '../model/article.js';
import { citedSources } from '../annotate/sources/index.js';
import { dates } from '../annotate/dates/index.js';
import { datedFromText } from '../annotate/dates/published.js';
import { entities, resolveEntityRefs } from '../annotate/entities/index.js';
import type { NameRegistry } from '../annotate/entities/registry.js';
import { hedges } from '../annotate/hedges/index.js';
import { quantities } from '../annotate/quantities/index.js';
import { quotes } from '../annotate/quotes/index.js';
import { sentences } from '../annotate/sentences/index.js';
import { buildPipeline, type Pipeline } from '../pipeline/build.js';

let standard: Pipeline | undefined;

/**
 * The annotate pipeline in the order the stages need each other: sentences (with paragraphs and
 * tokens), entities, dates before quantities (so a year or a day is never counted as a number),
 * hedges; then the corpus stage that resolves each article's short names against its own and
 * those of the articles before it (`names`: the memory a run or a store carries from chunk to
 * chunk), and after it quotes and cited sources, whose speakers resolve to those refs. Everything
 * that does not read the refs comes before the corpus stage, so that the part of the work that
 * depends on earlier articles is as small as it can be: workers beside each other on one store
 * annotate a chunk up to it at once, and wait for each other only from there
 * (src/processor/process.ts). Without `names`, built once per process (each run of its corpus
 * stage starts with an empty memory).
 */
export function annotatePipeline(names?: NameRegistry): Pipeline {
  const build = () => buildPipeline([sentences(), entities(), dates(), quantities(), hedges(), resolveEntityRefs(names), quotes(), citedSources()]);
  if (names) return build();
  standard ??= build();
  return standard;
}

/**
 * The step after the pipeline, on whichever thread ran it: an article without a date takes one
 * from its text where the text says it (and says so in its provenance), then its kind (news,
 * opinion, unknown) with the signals that decided it.
 */
export function finishArticle(article: Article, referenceDate: string | null): Article {
  const dated = datedFromText(article, referenceDate);
  return Article.with(dated, { classification: classifyArticle(dated) });
}
