import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { StoryState } from '../../cluster/index.js';
import type { ClusterStore, PlacementBatch, StoredArticle } from '../backend.js';
import { articleData, articleFromRow } from '../serialize.js';
import { LOCK_CHUNK, LOCK_PLACE, transaction, type Query } from './connect.js';

type Row = { id: string; text: string; data: string; story_id: string };
const stored = (r: Row): StoredArticle => Object.freeze({ ...articleFromRow(r), storyId: r.story_id });
const states = (rows: { state: string }[]) => rows.map((r) => JSON.parse(r.state) as StoryState);
/** `columns` of the stories open from day $1 (dated) or seq $2 (undated), as ClusterStore.openStoryStates means it. */
const openStories = (columns: string) => `SELECT ${columns} FROM story_state WHERE last_day >= $1 UNION ALL SELECT ${columns} FROM story_state WHERE last_day IS NULL AND last_seq >= $2`;
/**
 * An article's search vector from its title and text columns (title weighted A, text B; the first
 * 200,000 characters of a text: a tsvector holds at most 1 MB), as schema 2 generated it.
 */
const SEARCH_VECTOR = (title: string, text: string) => `setweight(to_tsvector('english', coalesce(${title}, '')), 'A') || setweight(to_tsvector('english', left(${text}, 200000)), 'B')`;

/** The rows `read` gives for these numbers (its `num`), in the order asked; numbers without a row left out. */
async function byNums<R extends { num: number }>(nums: readonly number[], read: (nums: readonly number[]) => Promise<R[]>): Promise<R[]> {
  if (nums.length === 0) return [];
  const byNum = new Map((await read(nums)).map((r) => [r.num, r]));
  return nums.flatMap((n) => (byNum.has(n) ? [byNum.get(n)!] : []));
}

/** Each event's profile row (s), story (st) and storyline (l). */
const EVENT_LINES = 'storyline_state s JOIN stories st ON st.num = s.event_num JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id';
/** The events still link targets: last day on or after $1, or undated and last seq at or after $2. */
const openEvents = (columns: string) => `SELECT ${columns} FROM ${EVENT_LINES} WHERE s.last_day >= $1 OR (s.last_day IS NULL AND s.last_seq >= $2)`;

/**
 * The clustering state of a PostgreSQL store (ClusterStore). Several workers may write one store:
 * each takes the placement lock (a session advisory lock, on a connection of its own, so it goes
 * when the worker's connection does, killed or not) from its first article after a commit to the
 * commit, and loads the state again when another worker committed meanwhile (`placement_epoch`).
 * So placements are made one at a time over the store's current state, and the expensive work
 * before them (reading, cleaning, annotating up to the refs stage) runs in every worker at once,
 * each on the chunks of a shared stream it claimed (claimChunk: a two-key advisory lock).
 */
export function pgClustering(pool: pg.Pool): ClusterStore {
  const q: Query = async (sql, params) => (await pool.query(sql, params as unknown[])).rows;
  return {
    async termDf(since) {
      const rows = (await pool.query(since === undefined ? { text: 'SELECT term, n FROM term_df', rowMode: 'array' } : { text: 'SELECT term, n FROM term_df WHERE epoch > $1', values: [since], rowMode: 'array' })).rows as [string, number][];
      return new Map(rows);
    },
    async openStoryStates(fromDay, fromSeq) {
      return states(await q<{ state: string }>(openStories('state'), [fromDay, fromSeq]));
    },
    async openStorySeqs(fromDay, fromSeq) {
      return (await pool.query({ text: openStories('num, last_seq'), values: [fromDay, fromSeq], rowMode: 'array' })).rows as [number, number][];
    },
    async storyStates(nums) {
      return states(await byNums(nums, (asked) => q<{ num: number; state: string }>('SELECT num, state FROM story_state WHERE num = ANY($1)', [asked])));
    },
    async candidateStories(keys, maxPosting, maxStories) {
      // As SQLite's (../sqlite-cluster.ts): a key's stories are counted up to one more than maxPosting.
      return (
        await q<{ num: number }>(
          `WITH k AS (SELECT u.key FROM unnest($1::text[]) u(key) WHERE (SELECT count(*) FROM (SELECT 1 FROM story_keys p WHERE p.key = u.key LIMIT $2 + 1) x) <= $2)
           SELECT s.num FROM story_keys s JOIN k ON s.key = k.key GROUP BY s.num ORDER BY count(*) DESC, s.num LIMIT $3`,
          [keys, maxPosting, maxStories],
        )
      ).map((r) => r.num);
    },
    async recentArticles(fromDay, fromSeq) {
      return (
        await q<Row & { seq: number }>(
          `SELECT seq, id, text, data, story_id FROM articles WHERE published >= $1 AND length(published) = 10
           UNION ALL SELECT seq, id, text, data, story_id FROM articles WHERE seq >= $2 AND (published IS NULL OR length(published) <> 10)
           ORDER BY seq`,
          [fromDay, fromSeq],
        )
      ).map((r) => Object.freeze({ ...stored(r), seq: r.seq }));
    },
    async articlesOf(storyId) {
      return (await q<Row>('SELECT id, text, data, story_id FROM articles WHERE story_id = $1 ORDER BY seq', [storyId])).map(stored);
    },
    async lastArticles(limit) {
      return (await q<Row>('SELECT id, text, data, story_id FROM articles ORDER BY seq DESC LIMIT $1', [limit])).reverse().map(stored);
    },
    async articlesSince(seq) {
      return (await q<Row & { seq: number }>('SELECT seq, id, text, data, story_id FROM articles WHERE seq > $1 ORDER BY seq', [seq])).map((r) => Object.freeze({ ...stored(r), seq: r.seq }));
    },
    async articlesById(ids) {
      const rows = new Map((await q<Row>('SELECT id, text, data, story_id FROM articles WHERE id = ANY($1)', [ids])).map((r) => [r.id, r]));
      return ids.flatMap((id) => (rows.has(id) ? [stored(rows.get(id)!)] : []));
    },
    async storyExists(id) {
      return (await q('SELECT 1 FROM stories WHERE id = $1', [id])).length > 0;
    },
    async searchVectors(articles) {
      // Before the placement lock (StoreWriter.begin): to_tsvector is most of an article's insert.
      const vectors: string[] = [];
      // From the title as the commit stores it (without U+0000, which text cannot hold), so the vector is the one the stored row gives.
      await inValues(articles.map((a, i) => [a.meta.title?.replace(/\u0000/g, '') ?? null, a.text, i]), ['', '', '::int'], async (values, params) => {
        for (const r of await q<{ v: string }>(`SELECT (${SEARCH_VECTOR('t', 'x')})::text AS v FROM (VALUES ${values}) AS u(t, x, n) ORDER BY n`, params)) vectors.push(r.v);
      });
      return new Map(articles.map((a, i) => [a.id, vectors[i]!]));
    },
    async openEventProfiles(fromDay, fromSeq) {
      return (await q<{ state: string; num: number; id: string }>(openEvents('s.state, l.num, l.id'), [fromDay, fromSeq])).map((r) => ({ state: r.state, line: r.num, lineId: r.id }));
    },
    async openEventSeqs(fromDay, fromSeq) {
      return (await q<{ event_num: number; last_seq: number; num: number; id: string }>(openEvents('s.event_num, s.last_seq, l.num, l.id'), [fromDay, fromSeq])).map((r) => ({ event: r.event_num, lastSeq: r.last_seq, line: r.num, lineId: r.id }));
    },
    async eventProfiles(nums) {
      const rows = await byNums(nums, (asked) => q<{ num: number; state: string; line: number; id: string }>(`SELECT s.event_num AS num, s.state, l.num AS line, l.id FROM ${EVENT_LINES} WHERE s.event_num = ANY($1)`, [asked]));
      return rows.map((r) => ({ state: r.state, line: r.line, lineId: r.id }));
    },
    async eventProfile(num) {
      const [row] = await q<{ num: number; id: string; state: string | null }>(
        `SELECT l.num, l.id, s.state FROM stories st JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id
         LEFT JOIN storyline_state s ON s.event_num = st.num WHERE st.num = $1`,
        [num],
      );
      return row ? { line: row.num, lineId: row.id, state: row.state } : null;
    },
    async backfillStorylines(idOf) {
      const legacy = await q<{ id: string; num: number; first: string | null }>(
        `SELECT st.id, st.num, (SELECT a.id FROM articles a WHERE a.story_id = st.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1) AS first
         FROM stories st WHERE NOT EXISTS (SELECT 1 FROM storyline_events e WHERE e.story_id = st.id) ORDER BY st.num`,
      );
      if (legacy.length === 0) return;
      await transaction(pool, async (tq) => {
        let next = Number((await tq<{ value: string }>("SELECT value FROM meta WHERE key = 'storyline_next'"))[0]?.value ?? 0) || 0;
        for (const l of legacy) {
          const id = idOf(l.first ?? l.id);
          await tq('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) SELECT $1, $2, title, first_published, last_published, 1, article_count, updated_seq FROM stories WHERE id = $3', [id, l.num < 0 ? l.num : next++, l.id]);
          await tq('INSERT INTO storyline_events (story_id, storyline_id) VALUES ($1, $2)', [l.id, id]);
        }
        await tq("INSERT INTO meta (key, value) VALUES ('storyline_next', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(next)]);
      });
    },
    commit: (batch) => transaction(pool, (tq) => commitPg(tq, batch)),
    async lockPlacement() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [LOCK_PLACE]);
        const row = (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'placement_epoch'")).rows[0];
        return { epoch: Number(row?.value ?? 0) || 0, release: unlocker(client, 'SELECT pg_advisory_unlock($1)', [LOCK_PLACE]) };
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    },
    async claimChunk(key, waitMs) {
      const objid = createHash('sha256').update(key).digest().readInt32BE(0);
      const client = await pool.connect();
      try {
        let held: boolean;
        if (waitMs <= 0) held = (await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS held', [LOCK_CHUNK, objid])).rows[0]!.held;
        else {
          // lock_timeout bounds the wait (a worker stuck on a chunk must not stop the others for good).
          await client.query(`SET lock_timeout = ${Math.ceil(waitMs)}`);
          held = await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CHUNK, objid]).then(
            () => true,
            (error: { code?: string }) => {
              if (error.code === '55P03') return false; // lock_not_available: the wait ran out
              throw error;
            },
          );
          await client.query('RESET lock_timeout');
        }
        if (!held) {
          client.release();
          return null;
        }
        return { release: unlocker(client, 'SELECT pg_advisory_unlock($1, $2)', [LOCK_CHUNK, objid]) };
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    },
  };
}

/** The release of a session advisory lock held on `client`: unlock and give the connection back, once; a broken connection is dropped (its lock went with it). */
function unlocker(client: pg.PoolClient, sql: string, params: readonly unknown[]): () => Promise<void> {
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      await client.query(sql, params as unknown[]);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  };
}

/** The parameters one statement may carry (the protocol counts them in 16 bits). */
const MAX_PARAMS = 65_535;

/**
 * `rows` as the tuples of multi-row VALUES, each value its own parameter, `cast[i]` after column
 * i's (the type of a parameter the statement does not otherwise fix): `run(values, params)` once
 * per MAX_PARAMS parameters, in order. For rows that carry documents (an article's text and data,
 * a story's state): sent as arrays for `unnest`, each is escaped into one array literal by the
 * client and parsed back by the server, most of the statement. By hand, 500 bench articles into
 * the articles table in a rolled-back transaction: 167-205 ms as VALUES, 676-693 ms through
 * unnest; 250 story states 149-153 against 260-294 ms; the search vectors of 500 articles 280-307
 * against 363-414 ms; but 20,000 term counts 300-314 against 213-231 ms, so short rows keep unnest.
 */
async function inValues(rows: readonly (readonly unknown[])[], cast: readonly string[], run: (values: string, params: unknown[]) => Promise<void>): Promise<void> {
  const per = Math.floor(MAX_PARAMS / cast.length);
  for (let from = 0; from < rows.length; from += per) {
    const params: unknown[] = [];
    const tuples = rows.slice(from, from + per).map((row) => `(${row.map((v, i) => `$${params.push(v)}${cast[i]}`).join(', ')})`);
    await run(tuples.join(', '), params);
  }
}

/** Insert rows as multi-row VALUES (inValues): `make(values)` is the statement around them. */
const insertValues = (q: Query, rows: readonly (readonly unknown[])[], cast: readonly string[], make: (values: string) => string) =>
  inValues(rows, cast, async (values, params) => void (await q(make(values), params)));

/**
 * Where the events of each storyline a list of merges names end (`[from, into]`, in the order the
 * merges were made; only those that moved): where applying the merges in their order, each moving
 * every event then in `from` to `into`, takes them (a storyline merged into one that is merged on
 * later goes on with it), so one UPDATE can move them all.
 */
export function mergedInto(merges: readonly (readonly [string, string])[]): Map<string, string> {
  // The storylines whose events each one holds now, named by where those events started.
  const holds = new Map<string, string[]>();
  const held = (line: string) => {
    let h = holds.get(line);
    if (!h) holds.set(line, (h = [line]));
    return h;
  };
  for (const [from, into] of merges) {
    if (from === into) continue;
    const moving = held(from);
    held(into).push(...moving);
    holds.set(from, []);
  }
  const ends = new Map<string, string>();
  for (const [line, starts] of holds) for (const start of starts) if (start !== line) ends.set(start, line);
  return ends;
}

/**
 * One commit of the writer, in the order the rows depend on one another (as SQLite's, in
 * ../sqlite-cluster.ts), each table in one statement instead of one per row: over arrays
 * (`unnest`) for short rows, as multi-row VALUES for rows that carry documents (inValues).
 */
async function commitPg(q: Query, b: PlacementBatch): Promise<void> {
  // PostgreSQL's text cannot hold U+0000, which an article's metadata may; cleaned texts never do,
  // and stored JSON is ASCII with it escaped (storedJson), so the documents are sent as they are.
  const noNul = <V>(v: V) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : v) as V;
  const col = <T, V>(rows: readonly T[], f: (r: T) => V) => rows.map((r) => noNul(f(r)));
  if (b.stories.length) {
    await q('INSERT INTO stories (id, num, title, first_published, last_published, article_count, updated_seq) SELECT id, num, title, NULL, NULL, 0, 0 FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(id, num, title) ON CONFLICT (id) DO NOTHING', [
      col(b.stories, (s) => s.id),
      col(b.stories, (s) => s.num),
      col(b.stories, (s) => s.title),
    ]);
  }
  if (b.articles.length) {
    // Rows go in the order listed, so seqs follow the order of arrival as in SQLite. Before schema 9
    // the database makes the search vectors (no `search` in the batch).
    const given = b.articles[0]!.search !== undefined;
    await insertValues(
      q,
      b.articles.map((x) => [...[x.article.id, x.storyId, x.article.source, x.article.meta.url, x.article.meta.title, x.article.meta.outlet, x.article.meta.published, x.article.classification?.kind ?? null].map(noNul), x.article.text, articleData(x.article), b.at, x.search ?? null]),
      ['', '', '', '', '', '', '', '', '', '', '', '::tsvector'],
      (values) => `INSERT INTO articles (id, story_id, source, url, title, outlet, published, kind, text, data, ingested_at${given ? ', fts' : ''})
        SELECT id, story_id, source, url, title, outlet, published, kind, text, data, ingested_at${given ? `, coalesce(fts, ${SEARCH_VECTOR('title', 'text')})` : ''}
          FROM (VALUES ${values}) AS x(id, story_id, source, url, title, outlet, published, kind, text, data, ingested_at, fts)`,
    );
  }
  if (b.stories.length) {
    await q(
      `UPDATE stories s SET article_count = x.n, first_published = x.f, last_published = x.l, updated_seq = x.m
       FROM (SELECT story_id, count(*) AS n, min(published) AS f, max(published) AS l, max(seq) AS m FROM articles WHERE story_id = ANY($1) GROUP BY story_id) x WHERE s.id = x.story_id`,
      [col(b.stories, (s) => s.id)],
    );
  }
  if (b.pairs.length) {
    await q('INSERT INTO reuse (from_id, to_id, story_id, score, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[]) ON CONFLICT DO NOTHING', [
      col(b.pairs, (p) => p.from),
      col(b.pairs, (p) => p.to),
      col(b.pairs, (p) => p.storyId),
      col(b.pairs, (p) => p.score),
      col(b.pairs, (p) => p.data),
    ]);
  }
  if (b.storylines) {
    const l = b.storylines;
    if (b.across.length) {
      await q('INSERT INTO reuse_across (from_id, to_id, from_story, to_story, score, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[]) ON CONFLICT DO NOTHING', [
        col(b.across, (p) => p.from),
        col(b.across, (p) => p.to),
        col(b.across, (p) => p.fromStory),
        col(b.across, (p) => p.toStory),
        col(b.across, (p) => p.score),
        col(b.across, (p) => p.data),
      ]);
    }
    if (l.lines.length) {
      await q('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) SELECT id, num, title, NULL, NULL, 0, 0, 0 FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(id, num, title) ON CONFLICT (id) DO NOTHING', [
        col(l.lines, (x) => x.id),
        col(l.lines, (x) => x.num),
        col(l.lines, (x) => x.title),
      ]);
    }
    if (l.events.length) {
      await q('INSERT INTO storyline_events (story_id, storyline_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (story_id) DO UPDATE SET storyline_id = excluded.storyline_id', [
        col(l.events, (e) => e[0]),
        col(l.events, (e) => e[1]),
      ]);
    }
    if (l.merges.length) {
      // The merges as one move and one delete: two round trips, not two a merge (a commit holds ~150 at 500 articles).
      const ends = mergedInto(l.merges);
      await q('UPDATE storyline_events e SET storyline_id = m.to_id FROM unnest($1::text[], $2::text[]) AS m(from_id, to_id) WHERE e.storyline_id = m.from_id', [[...ends.keys()], [...ends.values()]]);
      await q('DELETE FROM storylines WHERE id = ANY($1)', [[...new Set(l.merges.map(([from]) => from))]]);
    }
    if (l.touched.length) {
      await q(
        `UPDATE storylines l SET event_count = x.events, article_count = x.articles, first_published = x.f, last_published = x.l, updated_seq = x.u
         FROM (SELECT e.storyline_id AS id, count(*) AS events, coalesce(sum(s.article_count), 0) AS articles, min(s.first_published) AS f, max(s.last_published) AS l, coalesce(max(s.updated_seq), 0) AS u
               FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = ANY($1) GROUP BY e.storyline_id) x WHERE l.id = x.id`,
        [l.touched],
      );
    }
    if (l.states.length) {
      await insertValues(
        q,
        l.states.map((s) => [s.event, s.lastDay, s.lastSeq, s.state]),
        ['::bigint', '::int', '::bigint', ''],
        (values) => `INSERT INTO storyline_state (event_num, last_day, last_seq, state) VALUES ${values}
          ON CONFLICT (event_num) DO UPDATE SET last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state`,
      );
    }
  }
  if (b.states.length) {
    await insertValues(
      q,
      b.states.map((s) => [s.num, s.firstDay, s.lastDay, s.lastSeq, s.state]),
      ['::bigint', '::int', '::int', '::bigint', ''],
      (values) => `INSERT INTO story_state (num, first_day, last_day, last_seq, state) VALUES ${values}
        ON CONFLICT (num) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state`,
    );
  }
  if (b.keys.length) {
    await q('INSERT INTO story_keys (key, num) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [col(b.keys, (k) => k[1]), col(b.keys, (k) => k[0])]);
  }
  if (b.dfDelta.length) {
    const terms = [col(b.dfDelta, (d) => d[0]), col(b.dfDelta, (d) => d[1])];
    if (b.epoch === null) await q('INSERT INTO term_df (term, n) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (term) DO UPDATE SET n = term_df.n + excluded.n', terms);
    else await q('INSERT INTO term_df (term, n, epoch) SELECT t, n, $3 FROM unnest($1::text[], $2::bigint[]) AS x(t, n) ON CONFLICT (term) DO UPDATE SET n = term_df.n + excluded.n, epoch = excluded.epoch', [...terms, b.epoch]);
  }
  const meta = Object.entries(b.meta);
  await q('INSERT INTO meta (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [meta.map((m) => m[0]), meta.map((m) => m[1])]);
}
