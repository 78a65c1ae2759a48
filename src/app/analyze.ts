import { classifyArticle } from '../classify/index.js';
import { clusterEvents } from '../cluster/index.js';
import { pileReuse } from '../cluster/pile-reuse.js';
import { storyReuse } from '../cluster/reuse.js';
import { cleanAll } from '../clean/index.js';
import { crossCheckStories } from '../crosscheck/index.js';
import { crossCheckStorylines } from '../crosscheck/storyline.js';
import { entityTable } from '../annotate/entities/index.js';
import { datedFromText } from '../annotate/dates/published.js';
import { ingest, type IngestOptions } from '../ingest/index.js';
import type { Extracted } from '../ingest/types.js';
import { InputError } from '../ingest/types.js';
import { Article } from '../model/article.js';
import type { RunError, RunResult } from '../model/run.js';
import { runPipeline } from '../pipeline/run.js';
import { annotatePipeline } from './pipeline.js';

export interface AnalyzeOptions {
  /** ISO day to resolve relative dates against when an article has no publication date. */
  readonly referenceDate?: string | null;
  readonly ingest?: IngestOptions;
  /** Progress callback: phase name, items done, total (total 0 when unknown). */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Called with each input error as soon as it is known (so the CLI can print it at once). */
  readonly onError?: (error: RunError) => void;
  /** Cross-check each story (claims, conflicts, framing, timeline, brief); default true. */
  readonly crossCheck?: boolean;
  /** Users who know their pile: every input is one story, or records with the same value of a field are one (the clusterer is skipped for them). */
  readonly grouping?: Grouping;
}

export interface Grouping {
  /** `--one-story`: every article is one story. */
  readonly oneStory?: boolean;
  /** `--group-by FIELD`: records of JSON/JSONL inputs with the same FIELD value form one story; an article without it is clustered as usual. */
  readonly by?: string | null;
}

/** The story key each document's user asked for, if any (see Grouping). */
export function assignGroups(docs: readonly Extracted[], grouping: Grouping | undefined): Extracted[] {
  if (!grouping?.oneStory && !grouping?.by) return [...docs];
  return docs.map((d) => {
    const key = grouping.oneStory ? 'one story' : d.record?.[grouping.by!];
    return key ? { ...d, group: grouping.oneStory ? key : `${grouping.by}=${key}` } : d;
  });
}

/**
 * The whole analyze job: ingest every input, clean, annotate, resolve refs across the run, group
 * stories and the storylines that link them, trace copies (within and across stories) and
 * cross-check each story and each storyline's events together. Bad inputs become errors in the result; the rest of the batch goes on.
 *
 * @example
 * const run = await analyze(['examples/demo']);
 * run.articles.length; // 7
 */
export async function analyze(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<RunResult> {
  const { docs, errors } = await readInputs(inputs, options);
  const result = analyzeExtracted(docs, options);
  return { ...result, errors: [...errors, ...result.errors] };
}

/** Clean, annotate and group already-extracted documents (used by `analyze` and the benchmarks). */
export function analyzeExtracted(docs: readonly Extracted[], options: AnalyzeOptions = {}): RunResult {
  const cleaned = cleanAll(assignGroups(docs, options.grouping));
  for (const e of cleaned.errors) options.onError?.(e);
  const articles = annotateArticles(cleaned.articles, options);
  const entities = entityTable(articles);
  const events = clusterEvents(articles);
  const stories = storyReuse(events.stories, articles);
  const reuseAcross = pileReuse(stories, articles);
  if (options.crossCheck === false) return { articles, entities, stories, storylines: events.storylines, reuseAcross, errors: [...cleaned.errors] };
  const storylines = crossCheckStorylines(events.storylines, stories, articles, entities, reuseAcross);
  return { articles, entities, stories: crossCheckStories(stories, articles, entities), storylines, reuseAcross, errors: [...cleaned.errors] };
}

/** Annotate cleaned articles (refs resolved across the batch), date the undated ones from their text where it says, and classify them. */
export function annotateArticles(cleaned: readonly Article[], options: Pick<AnalyzeOptions, 'referenceDate' | 'onProgress'> = {}): Article[] {
  const ctx = { referenceDate: options.referenceDate ?? null };
  const annotated = runPipeline(annotatePipeline(), cleaned, ctx, {
    onArticle: (done, total) => options.onProgress?.('annotating', done, total),
  });
  // An article without a date takes one from its text where the text says it (and says so).
  return annotated.map((a) => datedFromText(a, ctx.referenceDate)).map((a) => Article.with(a, { classification: classifyArticle(a) }));
}

/** Read every input; errors go to `onError` as soon as they are known and into the returned list. */
export async function readInputs(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<{ docs: Extracted[]; errors: RunError[] }> {
  const errors: RunError[] = [];
  const docs: Extracted[] = [];
  for await (const item of ingest(inputs, options.ingest)) {
    if (InputError.is(item)) {
      errors.push(item);
      options.onError?.(item);
    } else docs.push(item);
    options.onProgress?.('reading', docs.length + errors.length, 0);
  }
  return { docs, errors };
}
