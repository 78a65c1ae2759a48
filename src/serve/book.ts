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
 * Stories with their cross-check, kept in memory up to `maxArticles` articles in all (least
 * recently used stories dropped first; ~30–50 KB an article, so the default is ~200 MB). The
 * cross-check is computed when a story is first asked for, and again only when articles joined it
 * since (its version changes), so a story page costs one cheap query once it has been seen.
 */
export class StoryBook {
  private readonly cache = new Map<string, CheckedStory>();
  private articles = 0;

  constructor(
    private readonly store: Store,
    private readonly maxArticles = 5000,
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
    this.drop(id);
    this.cache.set(id, entry);
    this.articles += articles.length;
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
