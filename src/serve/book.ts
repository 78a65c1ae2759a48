import { entityTable } from '../annotate/entities/index.js';
import { crossCheckStories } from '../crosscheck/index.js';
import type { Article } from '../model/article.js';
import type { EntityRecord, StoryRecord } from '../model/run.js';
import { storyMeta, type StoryMeta } from '../store/browse.js';
import type { Store } from '../store/store.js';

/** A story read from the store with its cross-check, as the web app shows it. */
export interface CheckedStory {
  readonly meta: StoryMeta;
  readonly story: StoryRecord;
  readonly articles: readonly Article[];
  readonly entities: readonly EntityRecord[];
}

/**
 * Stories with their cross-check, kept in memory (least recently used dropped first). The
 * cross-check is computed when a story is first asked for, and again only when articles joined it
 * since (its version changes), so a story page costs one cheap query once it has been seen.
 */
export class StoryBook {
  private readonly cache = new Map<string, CheckedStory>();

  constructor(
    private readonly store: Store,
    private readonly capacity = 256,
  ) {}

  get(id: string): CheckedStory | null {
    const meta = storyMeta(this.store, id);
    if (!meta) return null;
    const hit = this.cache.get(id);
    if (hit && hit.meta.version === meta.version) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const { story, articles } = this.store.story(id);
    const entities = entityTable(articles);
    const [checked] = crossCheckStories([story], articles, entities);
    const entry: CheckedStory = { meta, story: checked!, articles, entities };
    this.cache.delete(id);
    this.cache.set(id, entry);
    while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}
