import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeArticles } from '../src/app/ingest.js';
import { byDate, clusterEvents } from '../src/cluster/index.js';
import { STORIES } from '../src/cluster/settings.js';
import type { Article } from '../src/model/article.js';
import { openSqlite } from '../src/store/index.js';
import { pushTo } from '../src/util/maps.js';

/** Both levels of one clustering: events (stories) and storylines, each as lists of article ids. */
export interface Levels {
  readonly events: string[][];
  readonly storylines: string[][];
  /** Seconds it took to form them (a store's: the whole ingest). */
  readonly seconds?: number;
}

/** Both levels as a batch (`triangulate analyze`) forms them. */
export function batchLevels(articles: readonly Article[]): Levels {
  const { stories, storylines } = clusterEvents(articles);
  const members = new Map(stories.map((s) => [s.id, s.articleIds]));
  return { events: stories.map((s) => [...s.articleIds]), storylines: storylines.map((l) => l.eventIds.flatMap((e) => members.get(e) ?? [])) };
}

/**
 * The one-level clusterer of before storylines (issue 21), for comparison: every story its own
 * storyline, an undated article joining a story at the dated threshold (0.2), as it did.
 */
export function oneLevel(articles: readonly Article[]): string[][] {
  return clusterEvents(articles, { ...STORIES, undatedJoinThreshold: STORIES.joinThreshold }).stories.map((s) => [...s.articleIds]);
}

const stored = new WeakMap<readonly Article[], Levels>();

/** Both levels a new SQLite store forms when the articles are ingested into it (in a temporary directory); one ingest per set. */
export async function storedLevels(articles: readonly Article[]): Promise<Levels> {
  const had = stored.get(articles);
  if (had) return had;
  const dir = mkdtempSync(join(tmpdir(), 'triangulate-eval-'));
  const store = openSqlite(join(dir, 'eval.db'), { create: true });
  const t0 = performance.now();
  try {
    await storeArticles(store, [...articles].sort(byDate));
    const events = new Map<string, string[]>();
    const lines = new Map<string, string[]>();
    for (const m of await store.memberships()) {
      pushTo(events, m.storyId, m.articleId);
      if (m.storylineId) pushTo(lines, m.storylineId, m.articleId);
    }
    const out = { events: [...events.values()], storylines: [...lines.values()], seconds: (performance.now() - t0) / 1000 };
    stored.set(articles, out);
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
