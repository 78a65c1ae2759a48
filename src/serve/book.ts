import { checkedStory, type CheckedStory } from '../app/stories.js';
import { storyMeta } from '../store/browse.js';
import type { Store } from '../store/store.js';

export type { CheckedStory } from '../app/stories.js';

/**
 * Stories with their cross-check, kept in memory up to `maxArticles` articles in all (least
 * recently used stories dropped first; ~30–50 KB an article, so the default is ~200 MB). Below
 * the memory cache: the check kept in the store (made by ingest), else computed and kept there.
 * A story that grew (its version changed) is read again.
 */
export class StoryBook {
  private readonly cache = new Map<string, CheckedStory>();
  private articles = 0;

  constructor(
    private readonly store: Store,
    private readonly maxArticles = 5000,
  ) {}

  get(id: string): CheckedStory | null {
    const hit = this.cache.get(id);
    if (hit) {
      const meta = storyMeta(this.store, id);
      if (meta && meta.version === hit.meta.version) {
        this.cache.delete(id);
        this.cache.set(id, hit);
        return hit;
      }
    }
    // The web app must not stall behind an ingest's write lock: a check it cannot save now is computed again later.
    const entry = checkedStory(this.store, id, { wait: false });
    if (!entry) return null;
    this.drop(id);
    this.cache.set(id, entry);
    this.articles += entry.articles.length;
    while (this.articles > this.maxArticles && this.cache.size > 1) this.drop(this.cache.keys().next().value!);
    return entry;
  }

  private drop(id: string): void {
    const old = this.cache.get(id);
    if (!old) return;
    this.articles -= old.articles.length;
    this.cache.delete(id);
  }
}
