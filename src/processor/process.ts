import { nameRegistry } from '../annotate/entities/index.js';
import type { NameRegistry } from '../annotate/entities/registry.js';
import { NAME_MEMORY } from '../annotate/entities/settings.js';
import { byDate, dayOf } from '../cluster/index.js';
import { cleanAll } from '../clean/index.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import type { RunError } from '../model/run.js';
import { WorkerPool } from '../parallel/pool.js';
import { annotateInPool, cleanInPool, sinkWorkInPool, startAnnotating, storyInPool, workersFor } from '../parallel/run.js';
import { annotateArticles } from './annotate.js';
import { assignGroups, budgetOf, type ProcessOptions } from './options.js';
import type { Sink } from './sink.js';
import { storyStage } from './story-stage.js';

/** What the processor read: the cleaned articles in the inputs' order, how many of them the sink held already, and every input error. */
export interface Processed {
  readonly articles: readonly Article[];
  readonly known: number;
  readonly errors: readonly RunError[];
}

/** Stories handed to the story stage at a time (read from the sink, worked on, kept). */
const STORY_BATCH = 100;

/**
 * The one processor of `analyze` and `ingest`: documents in, everything they say into a sink.
 *
 * 1. clean every document (repeated lines of an outlet and twins decided across the batch);
 * 2. leave out the articles the sink holds already (ingesting twice changes nothing);
 * 3. put the new ones in publication order (`byDate`), so nothing depends on the order of files;
 * 4. annotate them chunk by chunk and hand each chunk to the sink, which places its articles in
 *    stories and storylines and traces the text they copy; an article's short names are resolved
 *    against its own and those of the articles before it (the sink's last ones, then the new ones
 *    in order), never of those after, so chunks change nothing and a resumed ingest resolves as
 *    one that never stopped; into a sink other processes write beside (a store: Sink.turn),
 *    workers handed one stream share its chunks (placeBeside);
 * 5. run the story stage (reuse where the sink did not trace it, the cross-check) on each story
 *    the sink says is owed, and hand the results back to it.
 *
 * With `options.jobs`, cleaning, annotating and the story stage run on worker threads
 * (src/parallel) and give what one thread gives; a batch too small to gain from threads
 * (parallel/settings.ts) runs on this one.
 *
 * @example
 * const sink = new MemorySink();
 * const run = await runProcessor(docs, sink);
 * sink.result(run.articles.map((a) => a.id), run.errors).stories;
 */
export async function runProcessor(docs: readonly Extracted[], sink: Sink, options: ProcessOptions = {}): Promise<Processed> {
  const budget = budgetOf(options);
  const workers = workersFor(options.jobs, docs.length, options.minDocsPerWorker);
  const pool = workers > 0 ? new WorkerPool(workers) : null;
  try {
    const grouped = assignGroups(docs, options.grouping);
    const cleaned = pool ? await cleanInPool(pool, grouped, budget) : cleanAll(grouped, budget);
    const errors: RunError[] = [];
    const onError = (e: RunError) => {
      errors.push(e);
      options.onError?.(e);
    };
    cleaned.errors.forEach(onError);
    const known = await sink.known(cleaned.articles.map((a) => a.id));
    const fresh = cleaned.articles.filter((a) => !known.has(a.id)).sort(byDate);
    // The names of the sink's last articles: each new article's short names are resolved against them and the new ones before it.
    const names = nameRegistry();
    if (fresh.length && !sink.turn) for (const a of await sink.recent(NAME_MEMORY.articles)) names.add(a);
    const first = fresh.find((a) => a.meta.published);
    const crossCheck = options.crossCheck !== false;
    await sink.begin({ firstDay: first ? dayOf(first.meta.published!) : null, total: fresh.length, crossCheck, ...(pool ? { work: sinkWorkInPool(pool) } : {}) });
    const size = options.chunk ?? 500;
    const memory = { names };
    if (sink.turn) {
      // Chunks of the whole stream in order, stored ones included, so that workers handed the same stream cut it alike.
      const order = [...cleaned.articles].sort(byDate);
      let placed = 0;
      const annotate = async (part: readonly Article[], how: 'head' | 'tail'): Promise<Article[]> => {
        const onProgress = (phase: string, done: number) => options.onProgress?.(phase, Math.min(placed + done, fresh.length), fresh.length);
        const step = { referenceDate: options.referenceDate, budget, onError, onProgress, names: memory.names, part: how };
        if (how === 'tail') placed += part.length;
        return pool && how === 'head' ? annotateInPool(pool, part, { ...step, part: 'head' }) : annotateArticles(part, step);
      };
      await placeBeside(sink, order, known, size, annotate, memory);
    } else {
      const stepAt = (from: number) => ({ referenceDate: options.referenceDate, budget, onError, names, onProgress: (phase: string, done: number) => options.onProgress?.(phase, from + done, fresh.length) });
      // The next chunk's first phase, handed to the workers before this chunk's corpus stage runs here.
      let ahead: (() => Promise<Article[]>) | null = null;
      for (let from = 0; from < fresh.length; from += size) {
        const part = fresh.slice(from, from + size);
        if (pool) {
          const annotate = ahead ?? startAnnotating(pool, part, { ...stepAt(from), keep: true });
          ahead = from + size < fresh.length ? startAnnotating(pool, fresh.slice(from + size, from + 2 * size), { ...stepAt(from + size), keep: true }) : null;
          await sink.place(await annotate());
          continue;
        }
        await sink.place(annotateArticles(part, stepAt(from)));
      }
    }
    await sink.end();
    const owed = await sink.owed();
    // The next batch is read (and on the pool handed out) before this one is kept, so that the workers are not idle while the slowest story of a batch ends.
    const hand = async (from: number) => {
      const work = await sink.read(owed.slice(from, from + STORY_BATCH));
      const done = pool ? Promise.all(work.map((w) => storyInPool(pool, w, crossCheck))) : null;
      done?.catch(() => {}); // awaited in its turn, after the next batch is read
      return { work, done };
    };
    let next = owed.length ? await hand(0) : null;
    for (let from = 0; next; from += STORY_BATCH) {
      const { work, done } = next;
      // The batches are of different stories: reading the next before this one is kept changes nothing.
      next = from + STORY_BATCH < owed.length ? await hand(from + STORY_BATCH) : null;
      await sink.keep(work, done ? await done : work.map((w) => storyStage(w.story, w.articles, crossCheck)));
      options.onProgress?.(crossCheck ? 'cross-checking' : 'tracing copies', Math.min(from + STORY_BATCH, owed.length), owed.length);
    }
    await sink.close();
    return { articles: cleaned.articles, known: known.size, errors };
  } finally {
    await pool?.close();
  }
}

/** How long a worker waits for another to place a chunk before this one places it itself (what was stored meanwhile is left out, so nothing is stored twice). */
const CLAIM_WAIT_MS = 120_000;

/** A chunk of a sink no other process writes: always this process's. */
const OWN = { release: async () => {} };

/**
 * Chunks into a sink that other processes may write beside this one (a store): several workers
 * handed the same stream annotate its chunks side by side, each the chunks it claims (Sink.claim),
 * up to the corpus stage (the head: the bulk of the work, which reads nothing of other articles);
 * the rest (refs against the articles before, what reads them) and the placement run one chunk at
 * a time, in the stream's order, under the sink's placement lock (Sink.turn), so the store gets
 * what one worker would give it. A chunk claimed by another is placed by it; before placing a
 * later one, this worker waits for it (at most CLAIM_WAIT_MS), and places what is still not stored
 * of it itself (its worker was killed, say).
 */
async function placeBeside(
  sink: Sink,
  order: readonly Article[],
  known: ReadonlySet<string>,
  size: number,
  annotate: (part: readonly Article[], how: 'head' | 'tail') => Promise<Article[]>,
  memory: { names: NameRegistry },
): Promise<void> {
  const deferred: Article[][] = [];
  const claim = (chunk: readonly Article[], waitMs: number) => (sink.claim ? sink.claim(chunk.map((a) => a.id), waitMs) : Promise.resolve(OWN));
  const placeTurn = async (headed: readonly Article[]) => {
    const turn = await sink.turn!(headed, NAME_MEMORY.articles);
    if (turn.names?.reset) memory.names = nameRegistry();
    for (const a of turn.names?.articles ?? []) memory.names.add(a);
    await sink.place(turn.fresh.length ? await annotate(turn.fresh, 'tail') : []);
  };
  // A chunk another worker claimed: wait for it to be placed; place what it left.
  const settle = async (chunk: readonly Article[]) => {
    const held = await claim(chunk, CLAIM_WAIT_MS);
    try {
      const stored = await sink.known(chunk.map((a) => a.id));
      const todo = chunk.filter((a) => !stored.has(a.id));
      if (todo.length) await placeTurn(await annotate(todo, 'head'));
    } finally {
      await held?.release();
    }
  };
  for (let from = 0; from < order.length; from += size) {
    const chunk = order.slice(from, from + size);
    const todo = chunk.filter((a) => !known.has(a.id));
    if (todo.length === 0) continue;
    const mine = await claim(chunk, 0);
    if (!mine) {
      deferred.push(chunk);
      continue;
    }
    try {
      // What the sink can make of the chunk before it is annotated runs beside the annotating (one
      // turn of the event loop lets the sink send its query before a --jobs 1 annotating holds this thread).
      if (sink.ahead) {
        sink.ahead(todo);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const headed = await annotate(todo, 'head');
      for (const d of deferred.splice(0)) await settle(d);
      await placeTurn(headed);
    } finally {
      await mine.release();
    }
  }
  for (const d of deferred.splice(0)) await settle(d);
}
