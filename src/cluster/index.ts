import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { features } from './features.js';
import { StoryClusterer } from './stories.js';
import { STORIES, type StorySettings } from './settings.js';

export { StoryClusterer } from './stories.js';
export { features, type Features } from './features.js';

/**
 * Group a batch into stories with the online clusterer: articles are fed in publication order
 * (undated ones after, by id), so the same input gives the same stories whatever the order of
 * files on disk. Story ids hash their members; stories are ordered by their first article.
 */
export function clusterStories(articles: readonly Article[], settings: StorySettings = STORIES): StoryRecord[] {
  const order = [...articles].sort(byDate);
  const c = new StoryClusterer(settings);
  for (const a of order) c.add(features(a));
  const byId = new Map(articles.map((a) => [a.id, a]));
  return c
    .groups()
    .filter((g) => g.length > 0)
    .map((ids) => {
      const members = ids.map((id) => byId.get(id)!).sort(byDate);
      const id = createHash('sha256').update(members.map((a) => a.id).sort().join('\n')).digest('hex').slice(0, 10);
      return { id, title: members[0]!.meta.title ?? '(untitled)', articleIds: members.map((a) => a.id) };
    });
}

export function byDate(a: Article, b: Article): number {
  return (a.meta.published ?? '9999').localeCompare(b.meta.published ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
