import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { features } from './features.js';
import { StoryClusterer } from './stories.js';
import { STORIES, type StorySettings } from './settings.js';

export { StoryClusterer, type StoryState, type Background, type ClusterChanges, type StoryAssignment } from './stories.js';
export { dayOf, features, publishedDay, type Features } from './features.js';

/**
 * Group a batch into stories. Articles the user put in a story (`meta.group`: `--one-story`,
 * `--group-by FIELD`) form that story, by key; the others go through the online clusterer: articles are fed in publication order
 * (undated ones after, by id), so the same input gives the same stories whatever the order of
 * files on disk. A story's id hashes the id of the article that started it (as in the store);
 * stories are ordered by their first article.
 */
export function clusterStories(articles: readonly Article[], settings: StorySettings = STORIES): StoryRecord[] {
  const given = new Map<string, Article[]>();
  for (const a of [...articles].sort(byDate)) if (a.meta.group) given.set(a.meta.group, [...(given.get(a.meta.group) ?? []), a]);
  const grouped = [...given].map(([key, members]) => ({ id: groupStoryId(key), title: members[0]!.meta.title ?? key, articleIds: members.map((a) => a.id) }));
  const clustered = clusterFree(articles.filter((a) => !a.meta.group), settings);
  return [...grouped, ...clustered];
}

/** The id of the story a user's group key names (`--one-story`, `--group-by`): the same key, the same story, in a batch as in a store. */
export function groupStoryId(key: string): string {
  return createHash('sha256').update(`group\n${key}`).digest('hex').slice(0, 10);
}

/** The clusterer over articles the user put in no story. */
function clusterFree(articles: readonly Article[], settings: StorySettings): StoryRecord[] {
  const order = [...articles].sort(byDate);
  let c = new StoryClusterer(settings);
  const groups = new Map<number, Article[]>();
  let undated = false;
  for (const [i, a] of order.entries()) {
    const f = features(a, settings);
    if (a.meta.published === null && !undated && i > 0) {
      // The dated articles are placed (undated ones sort last). An article without a date cannot
      // be placed in time, so it is compared with every story they formed, not only with those
      // still open at the last date: the batch is in memory anyway. (A store looks the closed ones
      // up by full-text search: StoreWriter.)
      undated = true;
      c = reopened(c, settings);
    }
    const { story } = c.add(f);
    const g = groups.get(story);
    if (g) g.push(a);
    else groups.set(story, [a]);
  }
  return [...groups.values()].map((members) => ({ id: storyId(members[0]!.id), title: members[0]!.meta.title ?? '(untitled)', articleIds: members.map((a) => a.id) }));
}

/**
 * A clusterer that goes on from `c` with every story `c` formed open again, closed ones too. `c`
 * must have started empty and never been drained: then its first drain holds every story and the
 * whole background.
 */
function reopened(c: StoryClusterer, settings: StorySettings): StoryClusterer {
  const all = c.drain();
  const next = new StoryClusterer(settings, { docs: all.docs, df: all.dfDelta, nextStory: all.nextStory, seq: all.seq, today: null });
  next.load(all.stories);
  return next;
}

type Dated = Pick<Article, 'id'> & { readonly meta: Pick<Article['meta'], 'published' | 'publishedAt'> };

/** A story's id: from the id of the article that started it, so it stays put as the story grows. */
export function storyId(firstArticleId: string): string {
  return createHash('sha256').update(`story\n${firstArticleId}`).digest('hex').slice(0, 10);
}

/** Publication order: by day (undated last), then by instant where the source gave one, then id. */
export function byDate(a: Dated, b: Dated): number {
  // Code-unit comparison, not localeCompare: ISO strings sort right that way, and '~' (no known time) after any time.
  return cmp(a.meta.published ?? '9999', b.meta.published ?? '9999') || cmp(a.meta.publishedAt ?? '~', b.meta.publishedAt ?? '~') || cmp(a.id, b.id);
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
