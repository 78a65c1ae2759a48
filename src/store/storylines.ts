import { byDate } from '../cluster/index.js';
import { copyChain, type ScoredReuse } from '../cluster/reuse.js';
import type { Article } from '../model/article.js';
import type { ReuseRecord, StorylineRecord, StoryRecord } from '../model/run.js';
import { StoreError } from './migrations.js';
import type { Store } from './store.js';

/** A storyline as lists show it. */
export interface StorylineSummary {
  readonly id: string;
  readonly title: string;
  readonly firstPublished: string | null;
  readonly lastPublished: string | null;
  readonly eventCount: number;
  readonly articleCount: number;
}

/** A stored storyline with its events (each a story with its copy chain), their articles and the text shared across them. */
export interface StoredStoryline {
  readonly storyline: StorylineRecord;
  readonly events: readonly StoryRecord[];
  readonly articles: readonly Article[];
  /** Pairs of articles of two of its events that share text: each article's closest source in another event. */
  readonly reuseAcross: readonly ReuseRecord[];
}

const SUMMARY = 'SELECT id, title, first_published, last_published, event_count, article_count FROM storylines';
type Row = { id: string; title: string; first_published: string | null; last_published: string | null; event_count: number; article_count: number };
const summary = (r: Row): StorylineSummary => ({ id: r.id, title: r.title, firstPublished: r.first_published, lastPublished: r.last_published, eventCount: r.event_count, articleCount: r.article_count });

/**
 * Storylines, newest first (by their latest article, then by when they last grew); with
 * `minEvents` 2, only those that link several events.
 */
export function listStorylines(store: Store, options: { limit?: number; offset?: number; minEvents?: number } = {}): { total: number; storylines: StorylineSummary[] } {
  const min = options.minEvents ?? 1;
  const total = (store.db.prepare('SELECT count(*) AS n FROM storylines WHERE event_count >= ?').get(min) as { n: number }).n;
  const rows = store.db.prepare(`${SUMMARY} WHERE event_count >= ? ORDER BY last_published IS NULL, last_published DESC, updated_seq DESC, id LIMIT ? OFFSET ?`).all(min, options.limit ?? -1, options.offset ?? 0) as Row[];
  return { total, storylines: rows.map(summary) };
}

/** A storyline's summary by its id, or null. */
export function storylineSummary(store: Store, id: string): StorylineSummary | null {
  const row = store.db.prepare(`${SUMMARY} WHERE id = ?`).get(id) as Row | undefined;
  return row ? summary(row) : null;
}

/** The storyline a story belongs to, or null (no such story). */
export function storylineOf(store: Store, storyId: string): StorylineSummary | null {
  const row = store.statement(`${SUMMARY} WHERE id = (SELECT storyline_id FROM storyline_events WHERE story_id = ?)`).get(storyId) as Row | undefined;
  return row ? summary(row) : null;
}

/**
 * The storyline of one stored story, for a report of that story alone (`triangulate story`): its
 * id, title and days, with `eventIds` only that story (a report holds the stories it shows;
 * `triangulate storyline` reports the storyline whole). Null when there is no such story.
 */
export function storylineForStory(store: Store, storyId: string): StorylineRecord | null {
  const line = storylineOf(store, storyId);
  return line ? { id: line.id, title: line.title, eventIds: [storyId], first: line.firstPublished, last: line.lastPublished } : null;
}

/** The storyline with this id, or the only one whose id starts with it (at least 4 characters). */
export function resolveStoryline(store: Store, idOrPrefix: string): string {
  const exact = store.db.prepare('SELECT id FROM storylines WHERE id = ?').get(idOrPrefix) as { id: string } | undefined;
  if (exact) return exact.id;
  if (idOrPrefix.length >= 4 && /^[0-9a-f]+$/i.test(idOrPrefix)) {
    const p = idOrPrefix.toLowerCase();
    const ids = (store.db.prepare("SELECT id FROM storylines WHERE id >= ? AND id < ? || 'g' LIMIT 6").all(p, p) as { id: string }[]).map((r) => r.id);
    if (ids.length === 1) return ids[0]!;
    if (ids.length > 1) throw new StoreError(`storyline ${idOrPrefix} is ambiguous: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
  }
  throw new StoreError(`no storyline ${idOrPrefix} in ${store.path}`);
}

/**
 * A storyline with its events in the order of their first articles, their articles (by
 * publication), each event's copy chain and the text its events share. Null when there is no such
 * storyline. `maxEvents` bounds what is read of a long one (its earliest events).
 */
export function storedStoryline(store: Store, id: string, options: { maxEvents?: number } = {}): StoredStoryline | null {
  const row = store.db.prepare(`${SUMMARY} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) return null;
  const eventIds = (
    store.db
      .prepare('SELECT e.story_id FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = ? ORDER BY s.first_published IS NULL, s.first_published, s.num LIMIT ?')
      .all(id, options.maxEvents ?? -1) as { story_id: string }[]
  ).map((r) => r.story_id);
  const events: StoryRecord[] = [];
  const articles: Article[] = [];
  for (const e of eventIds) {
    const { story, articles: mine } = store.story(e);
    events.push(story);
    articles.push(...mine);
  }
  articles.sort(byDate);
  const storyline: StorylineRecord = { id: row.id, title: row.title, eventIds, first: row.first_published, last: row.last_published };
  return { storyline, events, articles, reuseAcross: reuseAcrossAmong(store, eventIds, articles.map((a) => a.id)) };
}

/** Text shared between articles of the given stories and articles of other stories: each article's closest source outside its story (a copy chain). */
export function reuseAcrossOf(store: Store, storyId: string): ReuseRecord[] {
  const rows = store.db.prepare('SELECT score, data FROM reuse_across WHERE from_story = ? UNION ALL SELECT score, data FROM reuse_across WHERE to_story = ?').all(storyId, storyId) as { score: number; data: string }[];
  const pairs = rows.map((r): ScoredReuse => ({ score: r.score, record: JSON.parse(r.data) as ReuseRecord }));
  const order = (store.db.prepare('SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY published IS NULL, published, seq').all(JSON.stringify([...new Set(pairs.flatMap((p) => [p.record.from, p.record.to]))])) as { id: string }[]).map((r) => r.id);
  return copyChain(pairs, order);
}

function reuseAcrossAmong(store: Store, storyIds: readonly string[], order: readonly string[]): ReuseRecord[] {
  if (storyIds.length < 2) return [];
  const list = JSON.stringify(storyIds);
  const rows = store.db
    .prepare('SELECT score, data FROM reuse_across WHERE from_story IN (SELECT value FROM json_each(?)) AND to_story IN (SELECT value FROM json_each(?))')
    .all(list, list) as { score: number; data: string }[];
  return copyChain(
    rows.map((r) => ({ score: r.score, record: JSON.parse(r.data) as ReuseRecord })),
    order,
  );
}
