import { entityTable } from '../annotate/entities/index.js';
import { crossCheckStories } from '../crosscheck/index.js';
import type { Article } from '../model/article.js';
import type { StoryCheck } from '../model/check.js';
import type { EntityRecord, StoryRecord } from '../model/run.js';
import type { StoreBackend } from '../store/backend.js';
import type { StoryMeta } from '../store/browse.js';
import { testStop } from '../util/test-stop.js';

/** A stored story with its articles, entity table and cross-check, ready for every view. */
export interface CheckedStory {
  readonly meta: StoryMeta;
  readonly story: StoryRecord;
  readonly articles: readonly Article[];
  readonly entities: readonly EntityRecord[];
}

/** Cross-check a stored story now (whatever is kept), from its articles as stored. */
async function computeCheck(store: StoreBackend, id: string): Promise<Omit<CheckedStory, 'meta'> & { readonly check: StoryCheck }> {
  const { story, articles } = await store.story(id);
  const entities = entityTable(articles);
  const [checked] = crossCheckStories([story], articles, entities);
  return { story: checked!, articles, entities, check: checked!.check! };
}

/**
 * A stored story with its cross-check: the one kept in the store when it was made for this version
 * of the story, else computed now (and kept, unless `save` is false or the store is busy with an
 * ingest and `wait` is false). Null when there is no such story.
 */
export async function checkedStory(store: StoreBackend, id: string, options: { save?: boolean; wait?: boolean } = {}): Promise<CheckedStory | null> {
  const meta = await store.storyMeta(id);
  if (!meta) return null;
  const kept = await store.readCheck(id, meta.version);
  if (kept) {
    const { story, articles } = await store.story(id);
    return { meta, story: { ...story, check: kept }, articles, entities: entityTable(articles) };
  }
  const { check, ...fresh } = await computeCheck(store, id);
  if (options.save !== false) await store.writeChecks([{ storyId: id, version: meta.version, check }], { wait: options.wait });
  return { meta, ...fresh };
}

/**
 * Cross-check stored stories and keep the results (after an ingest, for the stories it touched),
 * so that reading a story — `triangulate story`, the web app — costs no cross-check. Written in
 * transactions of `batch` stories.
 */
export async function checkStories(store: StoreBackend, ids: Iterable<string>, options: CheckOptions = {}): Promise<number> {
  const list = [...ids];
  const batch = options.batch ?? 100;
  let pending: { storyId: string; version: string; check: StoryCheck }[] = [];
  let done = 0;
  for (const id of list) {
    const meta = await store.storyMeta(id);
    if (meta && !(await store.hasCheck(id, meta.version))) {
      pending.push({ storyId: id, version: meta.version, check: (await computeCheck(store, id)).check });
      testStop('check');
    }
    if (pending.length >= batch) {
      await store.writeChecks(pending);
      pending = [];
    }
    options.onProgress?.('cross-checking', ++done, list.length);
  }
  await store.writeChecks(pending);
  return done;
}

interface CheckOptions {
  readonly batch?: number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}
