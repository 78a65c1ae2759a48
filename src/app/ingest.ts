import { collectGarbage } from '../util/gc.js';
import { byDate, dayOf } from '../cluster/index.js';
import { cleanAll } from '../clean/index.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import type { RunError } from '../model/run.js';
import type { Store } from '../store/store.js';
import { StoreWriter } from '../store/writer.js';
import { lockForIngest } from '../store/lock.js';
import { StoreError } from '../store/migrations.js';
import { checkStories } from './stories.js';
import { annotateArticles, assignGroups, readInputs, type AnalyzeOptions } from './analyze.js';

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
export async function ingestIntoStore(store: Store, inputs: readonly string[], options: StoreIngestOptions = {}): Promise<IngestSummary> {
  const { docs, errors } = await readInputs(inputs, options);
  const { articleIds: _ids, ...result } = ingestDocuments(store, docs, options);
  return { ...result, errors: [...errors, ...result.errors] };
}

/** Clean, annotate and store documents already read (the web app's ingest endpoint, the feed watcher). */
export function ingestDocuments(store: Store, docs: readonly Extracted[], options: StoreIngestOptions = {}): IngestSummary & { readonly articleIds: readonly string[] } {
  const cleaned = cleanAll(assignGroups(docs, options.grouping));
  for (const e of cleaned.errors) options.onError?.(e);
  const fresh = cleaned.articles.filter((a) => !store.hasArticle(a.id)).sort(byDate);
  const { storyIds, ...result } = storeArticles(store, fresh, options, (batch) => annotateArticles(batch, { referenceDate: options.referenceDate }));
  // Cross-check the stories that changed and keep the results, so reading a story costs none.
  if (options.crossCheck !== false) checkStories(store, storyIds, { onProgress: options.onProgress });
  return { ...result, read: cleaned.articles.length, known: cleaned.articles.length - fresh.length, errors: cleaned.errors, articleIds: cleaned.articles.map((a) => a.id) };
}

/**
 * ingestDocuments under the store's ingest lock, for writers that live beside readers (the web
 * app's ingest endpoint, the feed watcher): `{ busy }` with the reason when another process holds
 * the lock, instead of waiting for it.
 */
export function ingestLocked(store: Store, docs: readonly Extracted[], options: StoreIngestOptions = {}): ReturnType<typeof ingestDocuments> | { readonly busy: string } {
  let unlock: () => void;
  try {
    unlock = lockForIngest(store.path);
  } catch (error) {
    if (error instanceof StoreError) return { busy: error.message };
    throw error;
  }
  try {
    return ingestDocuments(store, docs, options);
  } finally {
    unlock();
  }
}

/**
 * Write articles (new to the store, in publication order) through a StoreWriter, annotating them
 * chunk by chunk with `prepare` (identity for articles that are annotated already). Articles may
 * come lazily from any iterable; `firstDay` is the earliest publication day among them (days since
 * the epoch) when it is known before they arrive.
 */
export function storeArticles(
  store: Store,
  articles: Iterable<Article>,
  options: Pick<StoreIngestOptions, 'chunk' | 'commitEvery' | 'onProgress'> & {
    readonly firstDay?: number | null;
    readonly total?: number;
    /** Run a full garbage collection after a commit once the heap has grown (src/util/gc.ts); default true. */
    readonly collect?: boolean;
  } = {},
  prepare: (batch: readonly Article[]) => readonly Article[] = (b) => b,
): Pick<IngestSummary, 'added' | 'newStories' | 'grownStories' | 'reusePairs' | 'undated' | 'reuseAcross'> & { readonly storyIds: readonly string[] } {
  const chunk = options.chunk ?? 500;
  const commitEvery = options.commitEvery ?? 500;
  let firstDay = options.firstDay;
  if (firstDay === undefined && Array.isArray(articles)) {
    const first = (articles as Article[]).find((a) => a.meta.published);
    firstDay = first ? dayOf(first.meta.published!) : null;
  }
  const writer = new StoreWriter(store, firstDay ?? null);
  const total = options.total ?? (Array.isArray(articles) ? articles.length : 0);
  const opened = new Set<string>();
  const grown = new Set<string>();
  let added = 0;
  let pairs = 0;
  let pending = 0;
  let undated = false;
  let undatedCount = 0;
  let across = 0;
  const place = (batch: Article[]) => {
    for (const a of prepare(batch)) {
      if (a.meta.published === null) undatedCount++;
      if (a.meta.published === null && !undated) {
        // Undated articles come last and are compared with closed stories found by full-text
        // search (StoreWriter): what came before must be searchable first.
        undated = true;
        added += writer.commit();
        pending = 0;
      }
      const placed = writer.add(a);
      (placed.opened ? opened : opened.has(placed.storyId) ? opened : grown).add(placed.storyId);
      pairs += placed.reuse;
      across += placed.reuseAcross ?? 0;
      if (++pending >= commitEvery) {
        added += writer.commit();
        if (options.collect !== false) collectGarbage();
        pending = 0;
      }
      options.onProgress?.('storing', added + pending, total);
    }
  };
  let batch: Article[] = [];
  for (const a of articles) {
    batch.push(a);
    if (batch.length >= chunk) {
      place(batch);
      batch = [];
    }
  }
  place(batch);
  added += writer.commit();
  if (options.collect !== false) collectGarbage();
  return { added, newStories: opened.size, grownStories: grown.size, reusePairs: pairs, undated: undatedCount, reuseAcross: across, storyIds: [...opened, ...grown] };
}
