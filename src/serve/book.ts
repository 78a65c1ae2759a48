import { checkedStory, type CheckedStory } from '../app/stories.js';
import type { StoreBackend } from '../store/backend.js';
import type { StoryMeta } from '../store/browse.js';

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
    private readonly store: StoreBackend,
    private readonly maxArticles = 5000,
  ) {}

  async get(id: string): Promise<CheckedStory | null> {
    const hit = this.cache.get(id);
    if (hit) {
      const meta = await this.store.storyMeta(id);
      if (meta && meta.version === hit.meta.version) {
        this.cache.delete(id);
        this.cache.set(id, hit);
        return hit;
      }
    }
    // The web app must not stall behind an ingest's write lock: a check it cannot save now is computed again later.
    const entry = await checkedStory(this.store, id, { wait: false });
    if (!entry) return null;
    this.keep(id, entry);
    return entry;
  }

  /** The story as kept in memory, if it is there at this version (no store query). */
  peek(id: string, version: string): CheckedStory | null {
    const hit = this.cache.get(id);
    return hit?.meta.version === version ? hit : null;
  }

  /**
   * Make sure the stories with these ids are ready for `get` without computing a cross-check on
   * this thread: each story neither in memory nor with a kept check is checked by `compute` (the
   * server's check worker) and kept in memory. A story whose check is kept is left to `get`, which
   * only reads it. `known`: the meta of one of them, read just now by the caller.
   */
  async prepare(ids: readonly string[], compute: (id: string) => Promise<CheckedStory | null>, known?: StoryMeta): Promise<void> {
    for (const id of ids) {
      const meta = known?.id === id ? known : await this.store.storyMeta(id);
      if (!meta) continue;
      if (this.cache.get(id)?.meta.version === meta.version || (await this.store.hasCheck(id, meta.version))) continue;
      const entry = await compute(id);
      if (entry) this.keep(id, entry);
    }
  }

  private keep(id: string, entry: CheckedStory): void {
    this.drop(id);
    this.cache.set(id, entry);
    this.articles += entry.articles.length;
    while (this.articles > this.maxArticles && this.cache.size > 1) this.drop(this.cache.keys().next().value!);
  }

  private drop(id: string): void {
    const old = this.cache.get(id);
    if (!old) return;
    this.articles -= old.articles.length;
    this.cache.delete(id);
  }
}
