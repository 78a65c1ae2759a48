import { collectGarbage } from '../util/gc.js';
import { byDate, dayOf } from '../cluster/index.js';
import { cleanAll } from '../clean/index.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import type { RunError } from '../model/run.js';
import { createHash } from 'node:crypto';
import type { ChunkClaims, StoreBackend } from '../store/backend.js';
import { StoreWriter } from '../store/writer.js';
import { StoreError } from '../store/migrations.js';
import { WorkerPool } from '../parallel/pool.js';
import { annotateInPool, cleanInPool, workersFor } from '../parallel/run.js';
import { checkStories, checkStoriesInPool } from './stories.js';
import { annotateArticles, assignGroups, budgetOf, readInputs, type AnalyzeOptions } from './analyze.js';

export interface IngestSummary {
  /** Articles read from the inputs (after cleaning). */
  readonly read: number;
  /** New articles written to the store. */
  readonly added: number;
  /** Articles the store already had (same id: same URL and text), left as they were. */
  readonly known: number;
  readonly newStories: number;
  /** Existing stories that gained articles. */
  readonly grownStories: number;
  readonly reusePairs: number;
  /** New articles without a publication day (none in their metadata or their text). */
  readonly undated?: number;
  /** Pairs of articles of two different stories that share text. */
  readonly reuseAcross?: number;
  readonly errors: readonly RunError[];
}

export interface StoreIngestOptions extends AnalyzeOptions {
  /** Articles annotated together (entity refs are resolved across one chunk). */
  readonly chunk?: number;
  /** Articles written per transaction. */
  readonly commitEvery?: number;
}

/**
 * `triangulate ingest`: read, clean, annotate and store articles, placing each in a story and
 * tracing its shared text. Idempotent: an article the store has (same id) is skipped before any
 * work, so ingesting the same inputs again changes nothing. New articles go in publication order,
 * so the stories do not depend on the order of files on disk; they are committed every
 * `commitEvery` articles, so a killed ingest keeps what it committed.
 */
export async function ingestIntoStore(store: StoreBackend, inputs: readonly string[], options: StoreIngestOptions = {}): Promise<IngestSummary> {
  const budget = budgetOf(options);
  const { docs, errors } = await readInputs(inputs, { ...options, budget });
  const workers = workersFor(options.jobs, docs.length, options.minDocsPerWorker);
  const { articleIds: _ids, ...result } = workers === 0 ? await ingestDocuments(store, docs, { ...options, budget }) : await ingestInPool(store, docs, { ...options, budget }, workers);
  return { ...result, errors: [...errors, ...result.errors] };
}

/** Clean, annotate and store documents already read (the web app's ingest endpoint, the feed watcher). */
export async function ingestDocuments(store: StoreBackend, docs: readonly Extracted[], options: StoreIngestOptions = {}): Promise<IngestSummary & { readonly articleIds: readonly string[] }> {
  const budget = budgetOf(options);
  const cleaned = cleanAll(assignGroups(docs, options.grouping), budget);
  const plan = await ingestPlan(store, cleaned, options);
  const annotated = function* () {
    for (const part of plan.chunks) {
      const done = annotateArticles(part, { referenceDate: options.referenceDate, budget, onError: plan.onChunkError(part) });
      yield* plan.fresh(done);
    }
  };
  // A killed ingest may have stored articles whose stories were never cross-checked: their check is owed.
  const owed = options.crossCheck !== false ? await owedChecks(store) : null;
  const claims = store.clustering.chunks;
  const { storyIds, ...result } = claims
    ? await placeShared(claims, plan, async (part) => annotateArticles(part, { referenceDate: options.referenceDate, budget, onError: plan.onChunkError(part) }), await articlePlacer(store, plan.storing))
    : await storeArticles(store, annotated(), plan.storing);
  // Cross-check the stories that changed and keep the results, so reading a story costs none.
  if (owed) {
    await checkStories(store, new Set([...(await owed.stories()), ...storyIds]), { onProgress: options.onProgress });
    await owed.paid();
  }
  return { ...result, ...plan.summary() };
}

/**
 * ingestDocuments on `workers` worker threads (src/parallel): cleaning, each chunk's per-article
 * phases and the cross-checks of the stories that changed run on the workers; the store is
 * written here, in the same order, so the store holds what one thread would have stored.
 */
async function ingestInPool(store: StoreBackend, docs: readonly Extracted[], options: StoreIngestOptions, workers: number): Promise<IngestSummary & { readonly articleIds: readonly string[] }> {
  const budget = budgetOf(options);
  const pool = new WorkerPool(workers);
  try {
    const cleaned = await cleanInPool(pool, assignGroups(docs, options.grouping), budget);
    const plan = await ingestPlan(store, cleaned, options);
    const owed = options.crossCheck !== false ? await owedChecks(store) : null;
    const placer = await articlePlacer(store, plan.storing);
    const annotate = (part: readonly Article[]) => annotateInPool(pool, part, { referenceDate: options.referenceDate, budget, onError: plan.onChunkError(part) });
    const claims = store.clustering.chunks;
    if (!claims) for (const part of plan.chunks) await placer.place([...plan.fresh(await annotate(part))]);
    const { storyIds, ...result } = claims ? await placeShared(claims, plan, annotate, placer) : await placer.finish();
    if (owed) {
      await checkStoriesInPool(pool, store, new Set([...(await owed.stories()), ...storyIds]), { onProgress: options.onProgress });
      await owed.paid();
    }
    return { ...result, ...plan.summary() };
  } finally {
    await pool.close();
  }
}

/**
 * What an ingest of cleaned articles does, shared by one thread and several: the chunks to
 * annotate, which of their articles are new, the errors, and the summary's counts.
 */
async function ingestPlan(store: StoreBackend, cleaned: { articles: readonly Article[]; errors: readonly RunError[] }, options: StoreIngestOptions) {
  for (const e of cleaned.errors) options.onError?.(e);
  const errors: RunError[] = [...cleaned.errors];
  const onError = (e: RunError) => {
    errors.push(e);
    options.onError?.(e);
  };
  // Chunks of annotation are cut over every article read, known or not, in publication order, so
  // that an ingest run again after a kill annotates each article with the same chunk (entity refs
  // are resolved across a chunk) as the run that was killed, and stores exactly what one
  // uninterrupted ingest would have stored. A chunk with nothing new is skipped.
  const all = [...cleaned.articles].sort(byDate);
  const known = await store.knownArticles(all.map((a) => a.id));
  const freshArticles = all.filter((a) => !known.has(a.id));
  const size = options.chunk ?? 500;
  const chunks: Article[][] = [];
  const numbers: number[] = [];
  for (let i = 0; i < all.length; i += size) {
    const part = all.slice(i, i + size);
    if (part.every((a) => known.has(a.id))) continue;
    chunks.push(part);
    numbers.push(i / size);
  }
  const firstDated = freshArticles.find((a) => a.meta.published);
  return {
    chunks,
    /** Each chunk's number in the stream (chunks with nothing new are left out). */
    numbers,
    /** The stream's name, the same for every worker given the same inputs: its articles and how they are cut. */
    stream: createHash('sha256').update(`${size}\n${all.map((a) => a.id).join('\n')}`).digest('hex').slice(0, 32),
    /** The errors of a chunk's annotation that concern its new articles (a known one is not worked on again). */
    onChunkError: (part: readonly Article[]) => (e: RunError) => void (part.some((a) => a.source === e.input && !known.has(a.id)) && onError(e)),
    /** The new articles of an annotated chunk, in order. */
    fresh: (done: readonly Article[]) => done.filter((a) => !known.has(a.id)),
    storing: { ...options, firstDay: firstDated ? dayOf(firstDated.meta.published!) : null, total: freshArticles.length },
    summary: () => {
      const dropped = new Set(errors.map((e) => e.input));
      const read = cleaned.articles.filter((a) => !dropped.has(a.source));
      return { read: read.length, known: cleaned.articles.length - freshArticles.length, errors, articleIds: read.map((a) => a.id) };
    },
  };
}

/**
 * Several workers on one store (PostgreSQL): each given the same inputs, they cut the same chunks
 * of the same stream; each claims a chunk no other holds (store/backend.ts ChunkClaims) and
 * annotates it while the others annotate theirs, then places it once every earlier chunk is placed
 * (doing meanwhile any earlier chunk no worker holds: one whose worker died), and commits. So the
 * articles are placed in the order one worker would place them, and the stories are the ones one
 * worker would make, however many run; a worker killed mid-chunk loses its claim with its
 * connection, and the chunk is done again by another (its committed articles are skipped).
 */
async function placeShared(
  claims: ChunkClaims,
  plan: Awaited<ReturnType<typeof ingestPlan>>,
  annotate: (part: readonly Article[]) => Promise<readonly Article[]>,
  placer: Awaited<ReturnType<typeof articlePlacer>>,
): Promise<Awaited<ReturnType<(typeof placer)['finish']>>> {
  const left = new Map(plan.chunks.map((part, k) => [plan.numbers[k]!, part]));
  const pause = () => new Promise((r) => setTimeout(r, 25));
  const forget = async () => {
    for (const n of await claims.done(plan.stream)) left.delete(n);
  };
  const work = async (n: number, claim: { release(): Promise<void> }): Promise<void> => {
    try {
      const done = await annotate(left.get(n)!);
      // Our turn comes when every earlier chunk is placed.
      for (;;) {
        await forget();
        const earlier = [...left.keys()].filter((m) => m < n);
        if (earlier.length === 0) break;
        let took = false;
        for (const m of earlier) {
          const other = await claims.claim(plan.stream, m);
          if (other) {
            await work(m, other);
            took = true;
            break;
          }
        }
        if (!took) await pause();
      }
      await placer.place(plan.fresh(done));
      await placer.flush();
      await claims.markDone(plan.stream, n);
      left.delete(n);
    } finally {
      await claim.release();
    }
  };
  for (;;) {
    await forget();
    if (left.size === 0) break;
    let took = false;
    for (const n of [...left.keys()]) {
      const claim = await claims.claim(plan.stream, n);
      if (!claim) continue;
      await work(n, claim);
      took = true;
      break;
    }
    if (!took) await pause(); // every chunk left is another worker's: wait for them to be placed
  }
  return placer.finish();
}

/**
 * The cross-checks an ingest owes: every story that grew since the first article this ingest (or
 * an earlier one that was killed before it had checked them) stored. Marked in the store's meta
 * (`crosscheck_from`: the first seq not yet checked) before anything is stored, cleared once the
 * checks are kept; so a resumed ingest checks what the killed one did not.
 */
async function owedChecks(store: StoreBackend): Promise<{ stories(): Promise<string[]>; paid(): Promise<void> }> {
  const from = await store.owedChecksFrom();
  return { stories: () => store.storiesGrownSince(from), paid: () => store.clearOwedChecks() };
}

/**
 * ingestDocuments under the store's ingest lock, for writers that live beside readers (the web
 * app's ingest endpoint, the feed watcher): `{ busy }` with the reason when another process holds
 * the lock, instead of waiting for it.
 */
export async function ingestLocked(store: StoreBackend, docs: readonly Extracted[], options: StoreIngestOptions = {}): Promise<Awaited<ReturnType<typeof ingestDocuments>> | { readonly busy: string }> {
  let unlock: () => Promise<void>;
  try {
    unlock = await store.ingestLock();
  } catch (error) {
    if (error instanceof StoreError) return { busy: error.message };
    throw error;
  }
  try {
    return await ingestDocuments(store, docs, options);
  } finally {
    await unlock();
  }
}

/**
 * Write articles (new to the store, in publication order) through a StoreWriter, annotating them
 * chunk by chunk with `prepare` (identity for articles that are annotated already). Articles may
 * come lazily from any iterable; `firstDay` is the earliest publication day among them (days since
 * the epoch) when it is known before they arrive.
 */
export async function storeArticles(
  store: StoreBackend,
  articles: Iterable<Article>,
  options: StoreOptions = {},
  prepare: (batch: readonly Article[]) => readonly Article[] = (b) => b,
): Promise<Pick<IngestSummary, 'added' | 'newStories' | 'grownStories' | 'reusePairs' | 'undated' | 'reuseAcross'> & { readonly storyIds: readonly string[] }> {
  const chunk = options.chunk ?? 500;
  let firstDay = options.firstDay;
  if (firstDay === undefined && Array.isArray(articles)) {
    const first = (articles as Article[]).find((a) => a.meta.published);
    firstDay = first ? dayOf(first.meta.published!) : null;
  }
  const placer = await articlePlacer(store, { ...options, firstDay, total: options.total ?? (Array.isArray(articles) ? articles.length : 0) });
  let batch: Article[] = [];
  for (const a of articles) {
    batch.push(a);
    if (batch.length >= chunk) {
      await placer.place(prepare(batch));
      batch = [];
    }
  }
  await placer.place(prepare(batch));
  return placer.finish();
}

type StoreOptions = Pick<StoreIngestOptions, 'chunk' | 'commitEvery' | 'onProgress'> & {
  readonly firstDay?: number | null;
  readonly total?: number;
  /** Run a full garbage collection after a commit once the heap has grown (src/util/gc.ts); default true. */
  readonly collect?: boolean;
};

/** Articles placed in stories and written through one StoreWriter, batch by batch, committed every `commitEvery`. */
async function articlePlacer(store: StoreBackend, options: StoreOptions) {
  const commitEvery = options.commitEvery ?? 500;
  const writer = await StoreWriter.open(store, options.firstDay ?? null);
  const total = options.total ?? 0;
  const opened = new Set<string>();
  const grown = new Set<string>();
  let added = 0;
  let pairs = 0;
  let pending = 0;
  let undated = false;
  let undatedCount = 0;
  let across = 0;
  return {
    async place(batch: readonly Article[]): Promise<void> {
      for (const a of await writer.keepNew(batch)) {
        if (a.meta.published === null) undatedCount++;
        if (a.meta.published === null && !undated) {
          // Undated articles come last and are compared with closed stories found by full-text
          // search (StoreWriter): what came before must be searchable first.
          undated = true;
          added += await writer.commit();
          pending = 0;
        }
        const placed = await writer.add(a);
        (placed.opened ? opened : opened.has(placed.storyId) ? opened : grown).add(placed.storyId);
        pairs += placed.reuse;
        across += placed.reuseAcross ?? 0;
        if (++pending >= commitEvery) {
          added += await writer.commit();
          if (options.collect !== false) collectGarbage();
          pending = 0;
        }
        options.onProgress?.('storing', added + pending, total);
      }
    },
    /** Commit what is placed (and let other workers place theirs). */
    async flush(): Promise<void> {
      added += await writer.commit();
    },
    async finish(): Promise<Pick<IngestSummary, 'added' | 'newStories' | 'grownStories' | 'reusePairs' | 'undated' | 'reuseAcross'> & { readonly storyIds: readonly string[] }> {
      added += await writer.commit();
      if (options.collect !== false) collectGarbage();
      return { added, newStories: opened.size, grownStories: grown.size, reusePairs: pairs, undated: undatedCount, reuseAcross: across, storyIds: [...opened, ...grown] };
    },
  };
}
