import type { NameRegistry } from '../annotate/entities/registry.js';
import { annotatePipeline } from '../app/pipeline.js';
import { keepOnce, repeatedLines, type Cleaned } from '../clean/index.js';
import type { Extracted } from '../ingest/types.js';
import { InputError } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import { reuseDoc } from '../cluster/reuse.js';
import type { ReuseRecord, RunError, StorylineCheck, StoryRecord } from '../model/run.js';
import type { SinkWork, StoryWork } from '../processor/sink.js';
import { phasesOf } from '../pipeline/run.js';
import type { CorpusStage, StageContext } from '../pipeline/stage.js';
import type { TimeBudget } from '../util/budget.js';
import { applyDelta, deltaTransfer, diffArticle, refreeze } from './delta.js';
import { WorkerPool } from './pool.js';
import { MIN_DOCS_PER_WORKER } from './settings.js';
import { withoutTokens, type HeldOrSent, type PhaseResult, type Task } from './tasks.js';

/**
 * The per-article and per-story stages of a run on a pool of worker threads, giving what the same
 * stages give on one thread, in the same order: each result is put back at its input's place, and
 * what is decided across the batch — the lines an outlet repeats, an article given twice, the
 * entity refs against the articles before (the annotate pipeline's corpus stage), the stories — is
 * decided on the main thread, between the phases.
 */

/**
 * How many worker threads a batch of `docs` documents gets with `--jobs jobs`: one per
 * MIN_DOCS_PER_WORKER documents, at most `jobs`; 0 (all on this thread) when that is fewer than
 * two (one worker would do the main thread's work, and add its start and the clone of each article) or no worker file is built.
 */
export function workersFor(jobs: number | undefined, docs: number, minDocsPerWorker = MIN_DOCS_PER_WORKER): number {
  const n = Math.min(jobs ?? 1, Math.floor(docs / minDocsPerWorker));
  return n >= 2 && WorkerPool.available() ? n : 0;
}

export interface PoolRunOptions {
  readonly budget?: TimeBudget;
  /** The names of the articles before these, for the corpus stage (annotatePipeline). */
  readonly names?: NameRegistry;
  readonly referenceDate?: string | null;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  readonly onError?: (error: RunError) => void;
  /** 'head': only the per-article phases before the first corpus stage (processor/annotate.ts AnnotatePart), the articles given back without the step after the pipeline; default all. */
  readonly part?: 'all' | 'head';
  /**
   * Have the worker that annotates an article keep it (without its tokens) for the story stage and
   * the storyline check, which then send its id to that worker instead of the article: for a sink
   * whose `read` gives back the very articles placed (MemorySink).
   */
  readonly keep?: boolean;
}

/** Where each annotated article is kept (PoolRunOptions.keep): its pool, worker, and that worker's start (one started since holds nothing). */
const keptOn = new WeakMap<Article, { readonly pool: WorkerPool; readonly worker: number; readonly start: number }>();

/** What a task sent to `worker` carries of `a`: its id when that worker keeps it, else the article without its tokens. */
function heldOrSent(pool: WorkerPool, worker: number, a: Article): HeldOrSent {
  const at = keptOn.get(a);
  return at && at.pool === pool && at.worker === worker && at.start === pool.started(worker) ? a.id : withoutTokens(a);
}

/** One line for an input whose task failed in a worker (a bug, or a worker that died), so the batch goes on. */
function failed(source: string, error: unknown): InputError {
  return InputError.create(source, `failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** cleanAll (clean/index.ts) on the pool: the repeated lines found here, each document cleaned on a worker, twins dropped here. */
export async function cleanInPool(pool: WorkerPool, docs: readonly Extracted[], budget?: TimeBudget): Promise<{ articles: Article[]; errors: InputError[] }> {
  pool.tell({ kind: 'context', repeated: repeatedLines(docs) });
  const outcomes = await Promise.all(
    docs.map(async (doc): Promise<Cleaned> => {
      const spent = budget?.spentOn(doc.source) ?? 0;
      try {
        const { value } = await pool.run<{ cleaned: Cleaned; spentMs: number }>({ kind: 'clean', doc, spentMs: spent, limitMs: budget?.limitMs ?? null });
        budget?.charge(doc.source, value.spentMs - spent);
        return 'article' in value.cleaned ? { article: refreeze(value.cleaned.article) } : value.cleaned;
      } catch (error) {
        return { error: failed(doc.source, error) };
      }
    }),
  );
  return keepOnce(outcomes);
}

/**
 * The annotate pipeline (app/pipeline.ts) and the classification after it, on the pool: each
 * per-article phase on the workers (an article's later phases on the worker that ran its first,
 * which keeps it meanwhile), each corpus stage here on the whole batch, its changes sent back to
 * the workers. As annotateArticles (processor/annotate.ts): an article whose input runs out of its time
 * budget is left out, and `onError` told, phase by phase in the batch's order.
 */
export async function annotateInPool(pool: WorkerPool, cleaned: readonly Article[], options: PoolRunOptions = {}): Promise<Article[]> {
  return startAnnotating(pool, cleaned, options)();
}

/**
 * annotateInPool in two steps: the first per-article phase is handed to the pool at once, the
 * rest when the returned function is called. The processor starts the next chunk so while this
 * one's corpus stage runs here, so that the workers have work meanwhile; what the first phase
 * runs does not depend on the chunks before (their names are read by the corpus stage, after it),
 * and its results are read in the chunk's turn, so its errors come in the same order.
 */
export function startAnnotating(pool: WorkerPool, cleaned: readonly Article[], options: PoolRunOptions = {}): () => Promise<Article[]> {
  const ctx: StageContext = { referenceDate: options.referenceDate ?? null };
  pool.tell({ kind: 'context', ctx });
  const all = phasesOf(annotatePipeline(options.names));
  const head = options.part === 'head';
  const cut = all.findIndex((p) => !Array.isArray(p));
  const phases = head ? all.slice(0, cut < 0 ? all.length : cut) : all;
  const lastPerArticle = phases.findLastIndex((p) => Array.isArray(p));
  // Where each article is held, and what it was when it was sent (its changes since go with its next phase).
  const home = new Map<string, { worker: number; sent: Article }>();
  const submit = (batch: readonly Article[], index: number): Promise<(Article | InputError | null)[]> => {
    const total = batch.length;
    let done = 0;
    return Promise.all(
      batch.map(async (article): Promise<Article | InputError | null> => {
        const spent = options.budget?.spentOn(article.source) ?? 0;
        const at = home.get(article.id);
        const delta = at ? diffArticle(at.sent, article) : undefined;
        const last = index === lastPerArticle;
        const task: Task = { kind: 'phase', phase: index, id: article.id, last, finish: !head, ...(last && options.keep && !head ? { keep: true } : {}), spentMs: spent, limitMs: options.budget?.limitMs ?? null, ...(at ? { delta } : { article }) };
        try {
          const { value, worker } = await pool.run<PhaseResult>(task, at ? { worker: at.worker, transfer: deltaTransfer(delta!) } : {});
          options.budget?.charge(article.source, value.spentMs - spent);
          options.onProgress?.('annotating', ++done, total);
          if (value.dropped) return null;
          const after = applyDelta(article, value.delta);
          home.set(article.id, { worker, sent: after });
          if (last && options.keep) keptOn.set(after, { pool, worker, start: pool.started(worker) });
          return after;
        } catch (error) {
          options.onProgress?.('annotating', ++done, total);
          return failed(article.source, error);
        }
      }),
    );
  };
  const first = Array.isArray(phases[0]) ? submit(cleaned, 0) : null;
  return async () => {
    let batch: Article[] = [...cleaned];
    for (let index = 0; index < phases.length; index++) {
      const phase = phases[index]!;
      if (!Array.isArray(phase)) {
        const stage = phase as CorpusStage;
        const input = batch;
        batch = pool.aside(() => [...stage.run(input, ctx)]);
        continue;
      }
      const results = await (index === 0 && first ? first : submit(batch, index));
      const kept: Article[] = [];
      results.forEach((r, i) => {
        if (r === null) options.onError?.(InputError.create(batch[i]!.source, options.budget!.reason()));
        else if (InputError.is(r)) options.onError?.(r);
        else kept.push(r);
      });
      batch = kept;
    }
    return batch;
  };
}

/**
 * The story stage (processor/story-stage.ts: reuse where not traced yet, and with `crossCheck` the
 * cross-check) of one story on the pool: its articles go to a worker without their tokens (neither
 * stage reads them: a store's articles have none and are checked the same), or as their ids to the
 * worker that keeps them (PoolRunOptions.keep): the task is made for the worker it goes to, so it
 * still goes to the first with room.
 */
export async function storyInPool(pool: WorkerPool, work: StoryWork, crossCheck: boolean): Promise<StoryRecord> {
  return (await pool.run<StoryRecord>((worker) => ({ kind: 'story', story: work.story, crossCheck, articles: work.articles.map((a) => heldOrSent(pool, worker, a)) }))).value;
}

/** A sink's own heavy steps (processor/sink.ts) on the pool: only the fields each reads go across. */
export function sinkWorkInPool(pool: WorkerPool): SinkWork {
  return {
    pile: async (stories, articles) => (await pool.run<ReuseRecord[]>({ kind: 'pile', stories: stories.map((s) => ({ id: s.id, articleIds: s.articleIds })), docs: articles.map(reuseDoc) })).value,
    storyline: async (work) => {
      const stories = work.stories.map((s) => ({ id: s.id, articleIds: s.articleIds, reuse: s.reuse }));
      return (await pool.run<StorylineCheck>((worker) => ({ kind: 'storyline', work: { ...work, stories, articles: work.articles.map((a) => heldOrSent(pool, worker, a)) } }))).value;
    },
  };
}
