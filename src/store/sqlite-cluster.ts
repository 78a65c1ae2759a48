import type { Statement } from 'better-sqlite3';
import type { StoryState } from '../cluster/index.js';
import type { ClusterStore, PlacementBatch, StoredArticle } from './backend.js';
import { articleData, articleFromRow } from './serialize.js';
import type { Store } from './store.js';

type Row = { id: string; text: string; data: string; story_id: string };
const stored = (r: Row): StoredArticle => Object.freeze({ ...articleFromRow(r), storyId: r.story_id });
/** `columns` of the stories open from a day (dated) or a seq (undated), as ClusterStore.openStoryStates means it. */
const openStories = (columns: string) => `SELECT ${columns} FROM story_state WHERE last_day >= ? UNION ALL SELECT ${columns} FROM story_state WHERE last_day IS NULL AND last_seq >= ?`;
/** The row of `get` (one number bound) for each of these numbers, in the order asked; numbers without a row left out. */
function byNums<R>(get: Statement, nums: readonly number[]): R[] {
  const raw = get.raw();
  return nums.flatMap((n) => {
    const row = raw.get(n) as R | undefined;
    return row ? [row] : [];
  });
}

/** Each event's profile row (s), story (st) and storyline (l). */
const EVENT_LINES = 'storyline_state s JOIN stories st ON st.num = s.event_num JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id';
/** The events still link targets: last day on or after the first parameter, or undated and last seq at or after the second. */
const openEvents = (columns: string) => `SELECT ${columns} FROM ${EVENT_LINES} WHERE s.last_day >= ? OR (s.last_day IS NULL AND s.last_seq >= ?)`;

/**
 * The clustering state of a SQLite store (ClusterStore): the queries the writer's state is loaded
 * with and the one transaction a commit writes. One ingest per file holds the lock file
 * (lock.ts), so the placement lock is only the commit count.
 */
export function sqliteClustering(store: Store): ClusterStore {
  const db = store.db;
  let candidates: Statement | undefined;
  return {
    async termDf(since) {
      const df = new Map<string, number>();
      const rows = since === undefined ? db.prepare('SELECT term, n FROM term_df').raw().iterate() : db.prepare('SELECT term, n FROM term_df WHERE epoch > ?').raw().iterate(since);
      for (const r of rows as IterableIterator<[string, number]>) df.set(r[0], r[1]);
      return df;
    },
    async openStoryStates(fromDay, fromSeq) {
      return (db.prepare(openStories('state')).raw().all(fromDay, fromSeq) as [string][]).map(([s]) => JSON.parse(s) as StoryState);
    },
    async openStorySeqs(fromDay, fromSeq) {
      return db.prepare(openStories('num, last_seq')).raw().all(fromDay, fromSeq) as [number, number][];
    },
    async storyStates(nums) {
      return byNums<[string]>(db.prepare('SELECT state FROM story_state WHERE num = ?'), nums).map(([s]) => JSON.parse(s) as StoryState);
    },
    async candidateStories(keys, maxPosting, maxStories) {
      // A key is followed when at most maxPosting stories are posted under it: counted up to one
      // more than that (LIMIT), so a key every story has costs no more than a rare one.
      candidates ??= db
        .prepare(
          `WITH k(key) AS (SELECT j.value FROM json_each(@keys) j WHERE (SELECT count(*) FROM (SELECT 1 FROM story_keys p WHERE p.key = j.value LIMIT @posting + 1)) <= @posting)
           SELECT s.num FROM story_keys s JOIN k ON s.key = k.key GROUP BY s.num ORDER BY count(*) DESC, s.num LIMIT @stories`,
        )
        .raw();
      return (candidates.all({ keys: JSON.stringify(keys), posting: maxPosting, stories: maxStories }) as [number][]).map(([n]) => n);
    },
    async recentArticles(fromDay, fromSeq) {
      return (
        db
          .prepare(
            `SELECT seq, id, text, data, story_id FROM articles WHERE published >= ? AND length(published) = 10
             UNION ALL SELECT seq, id, text, data, story_id FROM articles WHERE seq >= ? AND (published IS NULL OR length(published) != 10)
             ORDER BY seq`,
          )
          .all(fromDay, fromSeq) as (Row & { seq: number })[]
      ).map((r) => Object.freeze({ ...stored(r), seq: r.seq }));
    },
    async articlesOf(storyId) {
      return (db.prepare('SELECT id, text, data, story_id FROM articles WHERE story_id = ?').all(storyId) as Row[]).map(stored);
    },
    async lastArticles(limit) {
      return (db.prepare('SELECT id, text, data, story_id FROM articles ORDER BY seq DESC LIMIT ?').all(limit) as Row[]).reverse().map(stored);
    },
    async articlesSince(seq) {
      return (db.prepare('SELECT seq, id, text, data, story_id FROM articles WHERE seq > ? ORDER BY seq').all(seq) as (Row & { seq: number })[]).map((r) => Object.freeze({ ...stored(r), seq: r.seq }));
    },
    async articlesById(ids) {
      const get = db.prepare('SELECT id, text, data, story_id FROM articles WHERE id = ?');
      return ids.flatMap((id) => {
        const row = get.get(id) as Row | undefined;
        return row ? [stored(row)] : [];
      });
    },
    async storyExists(id) {
      return db.prepare('SELECT 1 FROM stories WHERE id = ?').get(id) !== undefined;
    },
    async openEventProfiles(fromDay, fromSeq) {
      return (db.prepare(openEvents('s.state, l.num, l.id')).raw().all(fromDay, fromSeq) as [string, number, string][]).map(([state, line, lineId]) => ({ state, line, lineId }));
    },
    async openEventSeqs(fromDay, fromSeq) {
      return (db.prepare(openEvents('s.event_num, s.last_seq, l.num, l.id')).raw().all(fromDay, fromSeq) as [number, number, number, string][]).map(([event, lastSeq, line, lineId]) => ({ event, lastSeq, line, lineId }));
    },
    async eventProfiles(nums) {
      return byNums<[string, number, string]>(db.prepare(`SELECT s.state, l.num, l.id FROM ${EVENT_LINES} WHERE s.event_num = ?`), nums).map(([state, line, lineId]) => ({ state, line, lineId }));
    },
    async eventProfile(num) {
      const row = db
        .prepare(
          `SELECT l.num, l.id, s.state FROM stories st JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id
           LEFT JOIN storyline_state s ON s.event_num = st.num WHERE st.num = ?`,
        )
        .raw()
        .get(num) as [number, string, string | null] | undefined;
      return row ? { line: row[0], lineId: row[1], state: row[2] } : null;
    },
    async backfillStorylines(idOf) {
      const legacy = db
        .prepare(
          `SELECT st.id, st.num, (SELECT a.id FROM articles a WHERE a.story_id = st.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1)
           FROM stories st WHERE NOT EXISTS (SELECT 1 FROM storyline_events e WHERE e.story_id = st.id) ORDER BY st.num`,
        )
        .raw()
        .all() as [string, number, string | null][];
      if (legacy.length === 0) return;
      let next = Number(store.meta('storyline_next') ?? 0) || 0;
      const insertLine = db.prepare('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) SELECT ?, ?, title, first_published, last_published, 1, article_count, updated_seq FROM stories WHERE id = ?');
      const setEvent = db.prepare('INSERT INTO storyline_events (story_id, storyline_id) VALUES (?, ?)');
      db.transaction(() => {
        for (const [story, num, first] of legacy) {
          const id = idOf(first ?? story);
          insertLine.run(id, num < 0 ? num : next++, story);
          setEvent.run(story, id);
        }
        db.prepare("INSERT INTO meta (key, value) VALUES ('storyline_next', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
      }).immediate();
    },
    async commit(batch) {
      commitSqlite(store, batch);
    },
    async lockPlacement() {
      return { epoch: Number(store.meta('placement_epoch') ?? 0) || 0, release: async () => {} };
    },
    // One ingest per file (the lock file): no other worker to share a stream with.
    async claimChunk() {
      return { release: async () => {} };
    },
  };
}

/** One commit of the writer in one (immediate) transaction, in the order the rows depend on one another. */
function commitSqlite(store: Store, b: PlacementBatch): void {
  const db = store.db;
  const insertStory = db.prepare('INSERT INTO stories (id, num, title, first_published, last_published, article_count, updated_seq) VALUES (?, ?, ?, NULL, NULL, 0, 0) ON CONFLICT (id) DO NOTHING');
  const insertArticle = db.prepare('INSERT INTO articles (id, story_id, source, url, title, outlet, published, kind, text, data, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updateStory = db.prepare(
    `UPDATE stories SET article_count = (SELECT count(*) FROM articles WHERE story_id = @id),
            first_published = (SELECT min(published) FROM articles WHERE story_id = @id),
            last_published = (SELECT max(published) FROM articles WHERE story_id = @id),
            updated_seq = (SELECT max(seq) FROM articles WHERE story_id = @id) WHERE id = @id`,
  );
  const insertPair = db.prepare('INSERT OR IGNORE INTO reuse (from_id, to_id, story_id, score, data) VALUES (?, ?, ?, ?, ?)');
  const saveState = db.prepare('INSERT INTO story_state (num, first_day, last_day, last_seq, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (num) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state');
  const post = b.keys.length ? db.prepare('INSERT OR IGNORE INTO story_keys (key, num) VALUES (?, ?)') : null;
  const addDf =
    b.epoch === null
      ? db.prepare('INSERT INTO term_df (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n')
      : db.prepare('INSERT INTO term_df (term, n, epoch) VALUES (?, ?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n, epoch = excluded.epoch');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const s of b.stories) insertStory.run(s.id, s.num, s.title);
    for (const { article: a, storyId } of b.articles) insertArticle.run(a.id, storyId, a.source, a.meta.url, a.meta.title, a.meta.outlet, a.meta.published, a.classification?.kind ?? null, a.text, articleData(a), b.at);
    for (const s of b.stories) updateStory.run({ id: s.id });
    for (const p of b.pairs) insertPair.run(p.from, p.to, p.storyId, p.score, p.data);
    if (b.storylines) {
      const insertAcross = db.prepare('INSERT OR IGNORE INTO reuse_across (from_id, to_id, from_story, to_story, score, data) VALUES (?, ?, ?, ?, ?, ?)');
      for (const p of b.across) insertAcross.run(p.from, p.to, p.fromStory, p.toStory, p.score, p.data);
      writeStorylines(store, b.storylines);
    }
    for (const st of b.states) saveState.run(st.num, st.firstDay, st.lastDay, st.lastSeq, st.state);
    for (const [num, key] of b.keys) post!.run(key, num);
    for (const [term, n] of b.dfDelta) (b.epoch === null ? addDf.run(term, n) : addDf.run(term, n, b.epoch));
    for (const [k, v] of Object.entries(b.meta)) setMeta.run(k, v);
  }).immediate();
}

function writeStorylines(store: Store, l: NonNullable<PlacementBatch['storylines']>): void {
  const db = store.db;
  const insertLine = db.prepare('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) VALUES (?, ?, ?, NULL, NULL, 0, 0, 0) ON CONFLICT (id) DO NOTHING');
  const setEvent = db.prepare('INSERT INTO storyline_events (story_id, storyline_id) VALUES (?, ?) ON CONFLICT (story_id) DO UPDATE SET storyline_id = excluded.storyline_id');
  const move = db.prepare('UPDATE storyline_events SET storyline_id = ? WHERE storyline_id = ?');
  const drop = db.prepare('DELETE FROM storylines WHERE id = ?');
  const update = db.prepare(
    `UPDATE storylines SET event_count = (SELECT count(*) FROM storyline_events WHERE storyline_id = @id),
            article_count = (SELECT coalesce(sum(s.article_count), 0) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
            first_published = (SELECT min(s.first_published) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
            last_published = (SELECT max(s.last_published) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
            updated_seq = (SELECT coalesce(max(s.updated_seq), 0) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id)
     WHERE id = @id`,
  );
  const save = db.prepare('INSERT INTO storyline_state (event_num, last_day, last_seq, state) VALUES (?, ?, ?, ?) ON CONFLICT (event_num) DO UPDATE SET last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state');
  for (const line of l.lines) insertLine.run(line.id, line.num, line.title);
  for (const [story, line] of l.events) setEvent.run(story, line);
  for (const [from, into] of l.merges) {
    move.run(into, from);
    drop.run(from);
  }
  for (const id of l.touched) update.run({ id });
  for (const p of l.states) save.run(p.event, p.lastDay, p.lastSeq, p.state);
}
