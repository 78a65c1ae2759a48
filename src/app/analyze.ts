import { clusterEvents } from '../cluster/index.js';
import { pileReuse } from '../cluster/pile-reuse.js';
import { storyReuse } from '../cluster/reuse.js';
import { cleanAll } from '../clean/index.js';
import { crossCheckStories } from '../crosscheck/index.js';
import { crossCheckStorylines } from '../crosscheck/storyline.js';
import { entityTable } from '../annotate/entities/index.js';
import { ingest, type IngestOptions } from '../ingest/index.js';
import type { Extracted } from '../ingest/types.js';
import { InputError } from '../ingest/types.js';
import { Article } from '../model/article.js';
import type { RunError, RunResult } from '../model/run.js';
import { runPipeline } from '../pipeline/run.js';
import { DEFAULT_TIME_BUDGET_MS } from '../pipeline/settings.js';
import { TimeBudget } from '../util/budget.js';
import { WorkerPool } from '../parallel/pool.js';
import { annotateInPool, cleanInPool, storiesInPool, workersFor } from '../parallel/run.js';
import { annotatePipeline, finishArticle } from './pipeline.js';

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
  /** Each input's time budget (reading, cleaning, annotating), in ms; default 30 s (pipeline/settings.ts). */
  readonly timeBudgetMs?: number;
  /** The budget itself, when the caller charges an input's reading to it first (made from timeBudgetMs otherwise). */
  readonly budget?: TimeBudget;
  /** Worker threads for the per-article and per-story stages (`--jobs`); 1 or absent: all on this thread. The results are the same. */
  readonly jobs?: number;
  /** Documents a batch needs per worker thread before it gets one (default parallel/settings.ts's MIN_DOCS_PER_WORKER; tests lower it to send small batches to threads). */
  readonly minDocsPerWorker?: number;
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

/** The run's time budget: the one given, else one of `timeBudgetMs` (default 30 s). */
export function budgetOf(options: Pick<AnalyzeOptions, 'timeBudgetMs' | 'budget'>): TimeBudget {
  return options.budget ?? new TimeBudget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
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
  const budget = budgetOf(options);
  const { docs, errors } = await readInputs(inputs, { ...options, budget });
  const result = await analyzeDocuments(docs, { ...options, budget });
  return { ...result, errors: [...errors, ...result.errors] };
}

/**
 * analyzeExtracted with `options.jobs` worker threads (src/parallel): cleaning, each per-article
 * phase of the annotate pipeline, and each story's reuse and cross-check run on the workers; the
 * repeated lines, the refs across articles (the pipeline's corpus stage), the entity table and the
 * stories are made here. The result is the same as on one thread, in the same order. A batch too
 * small to gain from threads (parallel/settings.ts) runs on this one.
 */
export async function analyzeDocuments(docs: readonly Extracted[], options: AnalyzeOptions = {}): Promise<RunResult> {
  const workers = workersFor(options.jobs, docs.length, options.minDocsPerWorker);
  if (workers === 0) return analyzeExtracted(docs, options);
  const budget = budgetOf(options);
  const pool = new WorkerPool(workers);
  try {
    const cleaned = await cleanInPool(pool, assignGroups(docs, options.grouping), budget);
    for (const e of cleaned.errors) options.onError?.(e);
    const errors: RunError[] = [...cleaned.errors];
    const onError = (e: RunError) => (errors.push(e), options.onError?.(e));
    const articles = await annotateInPool(pool, cleaned.articles, { referenceDate: options.referenceDate, onProgress: options.onProgress, budget, onError });
    const entities = entityTable(articles);
    const events = clusterEvents(articles);
    const crossCheck = options.crossCheck !== false;
    const stories = await storiesInPool(pool, events.stories, articles, entities, crossCheck);
    const reuseAcross = pileReuse(stories, articles);
    const storylines = crossCheck ? crossCheckStorylines(events.storylines, stories, articles, entities, reuseAcross) : events.storylines;
    return { articles, entities, stories, storylines, reuseAcross, errors };
  } finally {
    await pool.close();
  }
}

/** Clean, annotate and group already-extracted documents (used by `analyze` and the benchmarks). */
export function analyzeExtracted(docs: readonly Extracted[], options: AnalyzeOptions = {}): RunResult {
  const budget = budgetOf(options);
  const cleaned = cleanAll(assignGroups(docs, options.grouping), budget);
  for (const e of cleaned.errors) options.onError?.(e);
  const errors: RunError[] = [...cleaned.errors];
  const articles = annotateArticles(cleaned.articles, { ...options, budget, onError: (e) => (errors.push(e), options.onError?.(e)) });
  const entities = entityTable(articles);
  const events = clusterEvents(articles);
  const stories = storyReuse(events.stories, articles);
  const reuseAcross = pileReuse(stories, articles);
  if (options.crossCheck === false) return { articles, entities, stories, storylines: events.storylines, reuseAcross, errors };
  const storylines = crossCheckStorylines(events.storylines, stories, articles, entities, reuseAcross);
  return { articles, entities, stories: crossCheckStories(stories, articles, entities), storylines, reuseAcross, errors };
}

/**
 * Annotate cleaned articles (refs resolved across the batch), date the undated ones from their
 * text where it says, and classify them. An article whose input runs out of its time budget is
 * left out, and `onError` told.
 */
export function annotateArticles(cleaned: readonly Article[], options: Pick<AnalyzeOptions, 'referenceDate' | 'onProgress' | 'onError' | 'timeBudgetMs' | 'budget'> = {}): Article[] {
  const ctx = { referenceDate: options.referenceDate ?? null };
  const annotated = runPipeline(annotatePipeline(), cleaned, ctx, {
    onArticle: (done, total) => options.onProgress?.('annotating', done, total),
    budget: budgetOf(options),
    onDropped: (a, reason) => options.onError?.(InputError.create(a.source, reason)),
  });
  return annotated.map((a) => finishArticle(a, ctx.referenceDate));
}

/** Read every input; errors go to `onError` as soon as they are known and into the returned list. Reading an input counts against its time budget. */
export async function readInputs(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<{ docs: Extracted[]; errors: RunError[] }> {
  const errors: RunError[] = [];
  const docs: Extracted[] = [];
  const budget = budgetOf(options);
  const fail = (e: InputError) => {
    errors.push(e);
    options.onError?.(e);
  };
  // Reading cannot be stopped half-way (the caps bound it), but its time counts against the input.
  let start = performance.now();
  for await (const item of ingest(inputs, options.ingest)) {
    if (InputError.is(item)) fail(item);
    else {
      budget.charge(item.source, performance.now() - start);
      if (budget.over(item.source)) fail(InputError.create(item.source, budget.reason()));
      else docs.push(item);
    }
    options.onProgress?.('reading', docs.length + errors.length, 0);
    start = performance.now();
  }
  return { docs, errors };
}
