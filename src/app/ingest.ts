import { dayOf } from '../cluster/index.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import type { RunError } from '../model/run.js';
import { budgetOf, type ProcessOptions } from '../processor/options.js';
import { runProcessor } from '../processor/process.js';
import { articlePlacer, StoreSink, type Placement, type StoreSinkOptions } from '../processor/store-sink.js';
import type { StoreBackend } from '../store/backend.js';
import { StoreError } from '../store/migrations.js';
import { readInputs } from './analyze.js';

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

export interface StoreIngestOptions extends ProcessOptions {
  /** Articles written per transaction. */
  readonly commitEvery?: number;
}

/**
 * `triangulate ingest`: read the inputs, then run the processor (src/processor) into the store:
 * each article is cleaned, annotated and placed in a story and a storyline, its shared text
 * traced, and each story that changed cross-checked. Idempotent: an article the store has (same
 * id) is skipped before any work, so ingesting the same inputs again changes nothing. New articles
 * go in publication order, so the stories do not depend on the order of files on disk; they are
 * committed every `commitEvery` articles, so a killed ingest keeps what it committed.
 */
export async function ingestIntoStore(store: StoreBackend, inputs: readonly string[], options: StoreIngestOptions = {}): Promise<IngestSummary> {
  const budget = budgetOf(options);
  const { docs, errors } = await readInputs(inputs, { ...options, budget });
  const { articleIds: _ids, ...result } = await ingestDocuments(store, docs, { ...options, budget });
  return { ...result, errors: [...errors, ...result.errors] };
}

/** Clean, annotate and store documents already read (the web app's ingest endpoint, the feed watcher): the processor into a store sink. */
export async function ingestDocuments(store: StoreBackend, docs: readonly Extracted[], options: StoreIngestOptions = {}): Promise<IngestSummary & { readonly articleIds: readonly string[] }> {
  const sink = new StoreSink(store, { commitEvery: options.commitEvery, onProgress: options.onProgress });
  const run = await runProcessor(docs, sink, options);
  const { storyIds: _stories, ...placed } = sink.summary();
  const dropped = new Set(run.errors.map((e) => e.input));
  const read = run.articles.filter((a) => !dropped.has(a.source));
  return { ...placed, read: read.length, known: run.known, errors: run.errors, articleIds: read.map((a) => a.id) };
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
 * Write articles annotated already (new to the store, in publication order) as the store sink
 * places them, without the processor's other steps: what the benchmarks and the stories eval time
 * and score of the store's placing alone. Articles may come lazily from any iterable; then give
 * `firstDay` (the earliest publication day among them, days since the epoch) and `total`.
 */
export async function storeArticles(store: StoreBackend, articles: Iterable<Article>, options: StoreSinkOptions & { readonly firstDay?: number | null; readonly total?: number } = {}): Promise<Placement> {
  let firstDay = options.firstDay;
  if (firstDay === undefined && Array.isArray(articles)) {
    const first = (articles as Article[]).find((a) => a.meta.published);
    firstDay = first ? dayOf(first.meta.published!) : null;
  }
  const placer = await articlePlacer(store, { ...options, firstDay, total: options.total ?? (Array.isArray(articles) ? articles.length : 0) });
  let batch: Article[] = [];
  for (const a of articles) {
    batch.push(a);
    if (batch.length >= 500) {
      await placer.place(batch);
      batch = [];
    }
  }
  await placer.place(batch);
  return placer.finish();
}
