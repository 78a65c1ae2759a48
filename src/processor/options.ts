import type { Extracted } from '../ingest/types.js';
import type { IngestOptions } from '../ingest/index.js';
import type { RunError } from '../model/run.js';
import { DEFAULT_TIME_BUDGET_MS } from '../pipeline/settings.js';
import { TimeBudget } from '../util/budget.js';

/** How the processor runs: the same options for `analyze` (a memory sink) and `ingest` (a store sink). */
export interface ProcessOptions {
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
  /** Articles annotated and handed to the sink together (bounds what is held at once; the results do not depend on it). */
  readonly chunk?: number;
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
export function budgetOf(options: Pick<ProcessOptions, 'timeBudgetMs' | 'budget'>): TimeBudget {
  return options.budget ?? new TimeBudget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
}
