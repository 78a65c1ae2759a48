import type pg from 'pg';
import { byDate } from '../../cluster/index.js';
import { copyChain, type ScoredReuse } from '../../cluster/reuse.js';
import type { Article } from '../../model/article.js';
import type { StoryCheck } from '../../model/check.js';
import type { ReuseRecord, StoryRecord } from '../../model/run.js';
import type { StoreBackend } from '../backend.js';
import type { ArticleSummary, OutletSummary, StoryFilter, StoryMeta, StoryPage, StorySort } from '../browse.js';
import { feedRecord, type FeedRecord } from '../feeds.js';
import { StoreError } from '../migrations.js';
import { checkQuery } from '../query.js';
import { articleFromRow, storedJson } from '../serialize.js';
import { MATCH_END, MATCH_START, type SearchHit, type StorySummary } from '../store.js';
import type { StorylineSummary } from '../storylines.js';
import { indexAnswers, inPageOrder, STORY_KEYS_SQL, StoryIndex, storyKeys } from '../story-index.js';
import { pgClustering } from './cluster.js';
import { connect, redact, transaction, type Query } from './connect.js';
import { plainTsquery, toTsquery } from './tsquery.js';

type StoryRow = { id: string; title: string; first_published: string | null; last_published: string | null; article_count: number; updated_seq: number; outlets: string[] };
const summary = (r: StoryRow): StorySummary => ({ id: r.id, title: r.title, firstPublished: r.first_published, lastPublished: r.last_published, articleCount: r.article_count, outlets: r.outlets });
const STORY_COLUMNS = `s.id, s.title, s.first_published, s.last_published, s.article_count, s.updated_seq,
  (SELECT coalesce(json_agg(o.outlet ORDER BY o.outlet), '[]'::json) FROM (SELECT DISTINCT outlet FROM articles a WHERE a.story_id = s.id AND outlet IS NOT NULL) o) AS outlets`;
const STORY_ORDER = 'ORDER BY s.last_published DESC NULLS LAST, s.updated_seq DESC';
const STORY_SORTS: Readonly<Record<StorySort, string>> = {
  newest: STORY_ORDER,
  oldest: "ORDER BY coalesce(s.first_published, '~') ASC, s.updated_seq ASC",
  articles: 'ORDER BY s.article_count DESC, s.last_published DESC NULLS LAST, s.updated_seq DESC',
};
// One fixed fragment per filter; `$?` becomes the filter's parameter number.
const STORY_CONDITIONS = {
  from: 's.last_published >= $?',
  to: "s.first_published <= $? || '~'",
  outlet: 'EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.outlet = $?)',
  q: "s.id IN (SELECT a.story_id FROM articles a WHERE a.fts @@ to_tsquery('english', $?))",
  kind: 'EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.kind = $?)',
  verdict: "EXISTS (SELECT 1 FROM story_checks c, jsonb_array_elements(c.data::jsonb -> 'claims') j WHERE c.story_id = s.id AND j.value ->> 'status' = $?)",
} as const;
type ArticleRow = { id: string; story_id: string; title: string | null; outlet: string | null; published: string | null; kind: string | null; url: string | null; source: string };
const articleSummary = (r: ArticleRow): ArticleSummary => ({ id: r.id, storyId: r.story_id, title: r.title, outlet: r.outlet, published: r.published, kind: r.kind, url: r.url, source: r.source });
const OUTLET_SQL = `SELECT outlet, count(*) AS articles, count(DISTINCT story_id) AS stories, min(published) AS first, max(published) AS last, count(*) FILTER (WHERE kind = 'opinion') AS opinion FROM articles`;
type OutletRow = { outlet: string; articles: number; stories: number; first: string | null; last: string | null; opinion: number };
const outletSummary = (r: OutletRow): OutletSummary => ({ outlet: r.outlet, articles: r.articles, stories: r.stories, firstPublished: r.first, lastPublished: r.last, opinion: r.opinion });
const LINE_SUMMARY = 'SELECT id, title, first_published, last_published, event_count, article_count FROM storylines';
type LineRow = { id: string; title: string; first_published: string | null; last_published: string | null; event_count: number; article_count: number };
const lineSummary = (r: LineRow): StorylineSummary => ({ id: r.id, title: r.title, firstPublished: r.first_published, lastPublished: r.last_published, eventCount: r.event_count, articleCount: r.article_count });
/** SQLite's LIMIT -1 (no limit) as PostgreSQL's LIMIT NULL. */
const limitOf = (n: number | undefined) => (n === undefined || n < 0 ? null : n);
// Snippets as FTS5's: about 14 words around the best match, the matches between MATCH_START and MATCH_END.
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=14, MinWords=6, ShortWord=2, HighlightAll=false`;

/**
 * The PostgreSQL engine behind StoreBackend (client: node-postgres), for a store shared by several
 * ingest workers and web servers. Reads are plain statements (each sees a committed state: MVCC,
 * so readers never wait on an ingest); writes are transactions; placement is serialised by an
 * advisory lock (cluster.ts). Every value is a bound parameter.
 *
 * @example
 * const store = await openPostgres('postgres://localhost/news', { create: true });
 */
export async function openPostgres(url: string, options: { readonly?: boolean; create?: boolean; schemaVersion?: number } = {}): Promise<StoreBackend & { readonly pool: pg.Pool }> {
  const pool = await connect(url, options);
  const q: Query = async (sql, params) => (await pool.query(sql, params as unknown[])).rows;
  const one = async <R>(sql: string, params?: readonly unknown[]) => (await q<R>(sql, params))[0];
  const location = redact(url);
  const tsq = (query: string) => toTsquery(query) ?? plainTsquery(query);
  /** A text query run as written, else (PostgreSQL refused it) as plain words. */
  const withText = async <T>(query: string, run: (tsquery: string) => Promise<T>, none: T): Promise<T> => {
    const first = tsq(query);
    if (first === null) return none;
    try {
      return await run(first);
    } catch (error) {
      const plain = plainTsquery(query);
      if ((error as { code?: string }).code !== '42601' || plain === null || plain === first) throw error;
      return run(plain);
    }
  };
  const story = async (id: string): Promise<{ story: StoryRecord; articles: Article[] }> => {
    const row = await one<{ id: string; title: string }>('SELECT id, title FROM stories WHERE id = $1', [id]);
    if (!row) throw new StoreError(`no story ${id} in ${location}`);
    const articles = (await q<{ id: string; text: string; data: string }>('SELECT id, text, data FROM articles WHERE story_id = $1', [id])).map(articleFromRow).sort(byDate);
    const pairs = (await q<{ score: number; data: string }>('SELECT score, data FROM reuse WHERE story_id = $1', [id])).map((r): ScoredReuse => ({ score: r.score, record: JSON.parse(r.data) as ReuseRecord }));
    const order = articles.map((a) => a.id);
    return { story: { id: row.id, title: row.title, articleIds: order, reuse: copyChain(pairs, order) }, articles };
  };
  const findStories = async (filter: StoryFilter, page: { limit: number; offset: number }) => {
    const text = filter.q ? checkQuery(filter.q) || null : null;
    const run = async (tsquery: string | null) => {
      const values: Record<keyof typeof STORY_CONDITIONS, string | null> = { from: filter.from || null, to: filter.to || null, outlet: filter.outlet || null, q: tsquery, kind: filter.kind || null, verdict: filter.verdict || null };
      const params: unknown[] = [];
      const parts = (Object.keys(STORY_CONDITIONS) as (keyof typeof STORY_CONDITIONS)[]).filter((k) => values[k] !== null).map((k) => (params.push(values[k]), STORY_CONDITIONS[k].replace('$?', `$${params.length}`)));
      const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      const order = filter.sort ? STORY_SORTS[filter.sort] : STORY_ORDER;
      const count = async () => (await one<{ n: number }>(`SELECT count(*) AS n FROM stories s ${where}`, params))!.n;
      const paging = [limitOf(page.limit), page.offset];
      if (!where) {
        // The page's stories first, then their outlets: PostgreSQL computes a select list's subquery for every row up to the offset, so page 1,000 cost 20,000 of them.
        const rows = await q<StoryRow>(`SELECT ${STORY_COLUMNS} FROM (SELECT * FROM stories s ${order} LIMIT $1 OFFSET $2) s ${order}`, paging);
        return { total: await count(), stories: rows.map(summary) };
      }
      // Filtered: the stories that pass are found once, for the total and the page (as in browse.ts).
      const rows = await q<StoryRow & { total: number }>(
        `WITH m AS MATERIALIZED (SELECT s.* FROM stories s ${where}), p AS (SELECT * FROM m s ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) SELECT (SELECT count(*) FROM m) AS total, ${STORY_COLUMNS} FROM p s ${order}`,
        [...params, ...paging],
      );
      return { total: rows[0]?.total ?? (page.offset > 0 ? await count() : 0), stories: rows.map(summary) };
    };
    const kept = indexAnswers(filter) ? index : null;
    if (!text) return kept ? fromIndex(kept, null, filter, page) : run(null);
    return withText(text, kept ? (tsquery) => fromIndex(kept, tsquery, filter, page) : run, { total: 0, stories: [] });
  };
  // The text-filtered story list's keys, kept in memory once keepStoryIndex is called (story-index.ts).
  let index: StoryIndex | null = null;
  let refreshing: Promise<StoryIndex> | null = null;
  const rowsOf = async <R>(text: string, values: unknown[] = []) => (await pool.query({ text, values, rowMode: 'array' })).rows as R[];
  const refresh = async (into: StoryIndex): Promise<StoryIndex> => {
    const version = (await one<{ v: number }>('SELECT coalesce(max(seq), 0) AS v FROM articles'))!.v;
    if (version <= into.at) return into;
    const added = await rowsOf<[number, string]>('SELECT seq, story_id FROM articles WHERE seq > $1', [into.at]);
    const keys = await rowsOf<[string, string | null, string | null, number, number]>(into.at === 0 ? STORY_KEYS_SQL : `${STORY_KEYS_SQL} WHERE id = ANY($1)`, into.at === 0 ? [] : [StoryIndex.storiesOf(added)]);
    into.update(added, keys.map(storyKeys));
    return into;
  };
  // One refresh at a time: concurrent lists wait for the one in flight.
  const refreshed = (into: StoryIndex) => (refreshing ??= refresh(into).finally(() => (refreshing = null)));
  const fromIndex = async (into: StoryIndex, tsquery: string | null, filter: StoryFilter, page: { limit: number; offset: number }): Promise<StoryPage> => {
    await refreshed(into);
    const seqs = tsquery === null ? null : ((await one<{ seqs: string | null }>("SELECT string_agg(seq::text, ',') AS seqs FROM articles WHERE fts @@ to_tsquery('english', $1)", [tsquery]))!.seqs ?? '');
    const { total, ids } = into.find(seqs, filter, page);
    return { total, stories: inPageOrder(ids, await q<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ANY($1)`, [ids]), summary) };
  };
  const storyMeta = async (id: string): Promise<StoryMeta | null> => {
    const row = await one<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
    return row ? { ...summary(row), version: `${row.updated_seq}:${row.article_count}` } : null;
  };
  const resolve = async (table: 'stories' | 'storylines', what: string, idOrPrefix: string): Promise<string> => {
    const exact = await one<{ id: string }>(`SELECT id FROM ${table} WHERE id = $1`, [idOrPrefix]);
    if (exact) return exact.id;
    if (idOrPrefix.length >= 4 && /^[0-9a-f]+$/i.test(idOrPrefix)) {
      const p = idOrPrefix.toLowerCase();
      const ids = (await q<{ id: string }>(`SELECT id FROM ${table} WHERE id >= $1 AND id < $1 || 'g' ORDER BY id LIMIT 6`, [p])).map((r) => r.id);
      if (ids.length === 1) return ids[0]!;
      if (ids.length > 1) throw new StoreError(`${what} ${idOrPrefix} is ambiguous: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
    }
    throw new StoreError(what === 'story' ? `no story ${idOrPrefix} in ${location}; \`triangulate stories\` lists them` : `no storyline ${idOrPrefix} in ${location}`);
  };
  const storylineSummary = async (id: string) => {
    const row = await one<LineRow>(`${LINE_SUMMARY} WHERE id = $1`, [id]);
    return row ? lineSummary(row) : null;
  };
  const storylineOf = async (storyId: string) => {
    const row = await one<LineRow>(`${LINE_SUMMARY} WHERE id = (SELECT storyline_id FROM storyline_events WHERE story_id = $1)`, [storyId]);
    return row ? lineSummary(row) : null;
  };
  /** Pairs between articles of the given stories (or touching one story), as each article's closest source. */
  const acrossChain = async (rows: { score: number; data: string }[], order?: readonly string[]) => {
    const pairs = rows.map((r): ScoredReuse => ({ score: r.score, record: JSON.parse(r.data) as ReuseRecord }));
    const ids = [...new Set(pairs.flatMap((p) => [p.record.from, p.record.to]))];
    const sorted = order ?? (await q<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1) ORDER BY published IS NULL, published, seq', [ids])).map((r) => r.id);
    return copyChain(pairs, sorted);
  };
  return {
    engine: 'postgres',
    address: url,
    location,
    readonly: options.readonly ?? false,
    inMemory: false,
    pool,
    close: () => pool.end(),
    schemaVersion: async () => (await one<{ version: number }>('SELECT version FROM triangulate_schema'))?.version ?? 0,
    counts: async () => (await one<{ articles: number; stories: number }>('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM stories) AS stories'))!,
    knownArticles: async (ids) => new Set((await q<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1)', [ids])).map((r) => r.id)),
    meta: async (key) => (await one<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))?.value ?? null,
    listStories: async (options) => [...(await findStories({}, { limit: options?.limit ?? -1, offset: options?.offset ?? 0 })).stories],
    findStories,
    keepStoryIndex: async () => {
      index ??= (await refreshed(new StoryIndex())).prepare();
    },
    storyMeta,
    resolveStory: (id) => resolve('stories', 'story', id),
    story,
    storiesGrownSince: async (seq) => (await q<{ id: string }>('SELECT id FROM stories WHERE updated_seq >= $1 ORDER BY id', [seq])).map((r) => r.id),
    articleStories: async (ids) => new Map((await q<{ id: string; story_id: string; title: string | null }>('SELECT id, story_id, title FROM articles WHERE id = ANY($1)', [ids])).map((r) => [r.id, { storyId: r.story_id, title: r.title }])),
    findArticles: async (filter, page) => {
      const params: unknown[] = [];
      const parts: string[] = [];
      if (filter.story) parts.push(`story_id = $${params.push(filter.story)}`);
      if (filter.outlet) parts.push(`outlet = $${params.push(filter.outlet)}`);
      const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      const total = (await one<{ n: number }>(`SELECT count(*) AS n FROM articles ${where}`, params))!.n;
      const rows = await q<ArticleRow>(`SELECT id, story_id, title, outlet, published, kind, url, source FROM articles ${where} ORDER BY published DESC NULLS LAST, seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limitOf(page.limit), page.offset]);
      return { total, articles: rows.map(articleSummary) };
    },
    getArticle: async (id) => {
      const row = await one<{ id: string; story_id: string; text: string; data: string }>('SELECT id, story_id, text, data FROM articles WHERE id = $1', [id]);
      return row ? { article: articleFromRow(row), storyId: row.story_id } : null;
    },
    listOutlets: async () => (await q<OutletRow>(`${OUTLET_SQL} WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet`)).map(outletSummary),
    getOutlet: async (outlet) => {
      const row = await one<OutletRow>(`${OUTLET_SQL} WHERE outlet = $1 GROUP BY outlet`, [outlet]);
      return row ? outletSummary(row) : null;
    },
    outletStories: async (outlet, limit) => (await q<{ id: string }>(`SELECT s.id FROM stories s WHERE EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.outlet = $1) ${STORY_ORDER} LIMIT $2`, [outlet, limitOf(limit)])).map((r) => r.id),
    storeVersion: async () => (await one<{ v: number }>('SELECT coalesce(max(seq), 0) AS v FROM articles'))!.v,
    listStorylines: async (options = {}) => {
      const min = options.minEvents ?? 1;
      const total = (await one<{ n: number }>('SELECT count(*) AS n FROM storylines WHERE event_count >= $1', [min]))!.n;
      const rows = await q<LineRow>(`${LINE_SUMMARY} WHERE event_count >= $1 ORDER BY last_published IS NULL, last_published DESC, updated_seq DESC, id LIMIT $2 OFFSET $3`, [min, limitOf(options.limit), options.offset ?? 0]);
      return { total, storylines: rows.map(lineSummary) };
    },
    storylineSummary,
    storylineOf,
    storylineForStory: async (storyId) => {
      const line = await storylineOf(storyId);
      return line ? { id: line.id, title: line.title, eventIds: [storyId], first: line.firstPublished, last: line.lastPublished } : null;
    },
    resolveStoryline: (id) => resolve('storylines', 'storyline', id),
    storedStoryline: async (id, options = {}) => {
      const row = await one<LineRow>(`${LINE_SUMMARY} WHERE id = $1`, [id]);
      if (!row) return null;
      const eventIds = (await q<{ story_id: string }>('SELECT e.story_id FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = $1 ORDER BY s.first_published IS NULL, s.first_published, s.num LIMIT $2', [id, limitOf(options.maxEvents)])).map((r) => r.story_id);
      const events: StoryRecord[] = [];
      const articles: Article[] = [];
      for (const e of eventIds) {
        const s = await story(e);
        events.push(s.story);
        articles.push(...s.articles);
      }
      articles.sort(byDate);
      const rows = eventIds.length < 2 ? [] : await q<{ score: number; data: string }>('SELECT score, data FROM reuse_across WHERE from_story = ANY($1) AND to_story = ANY($1)', [eventIds]);
      return { storyline: { id: row.id, title: row.title, eventIds, first: row.first_published, last: row.last_published }, events, articles, reuseAcross: rows.length ? await acrossChain(rows, articles.map((a) => a.id)) : [] };
    },
    reuseAcrossOf: async (storyId) => acrossChain(await q<{ score: number; data: string }>('SELECT score, data FROM reuse_across WHERE from_story = $1 UNION ALL SELECT score, data FROM reuse_across WHERE to_story = $1', [storyId])),
    hasCheck: async (storyId, version) => (await one('SELECT 1 FROM story_checks WHERE story_id = $1 AND version = $2', [storyId, version])) !== undefined,
    readCheck: async (storyId, version) => {
      const row = await one<{ version: string; data: string }>('SELECT version, data FROM story_checks WHERE story_id = $1', [storyId]);
      return row && row.version === version ? (JSON.parse(row.data) as StoryCheck) : null;
    },
    memberships: async () =>
      (await q<{ id: string; story_id: string; storyline_id: string | null }>('SELECT a.id, a.story_id, e.storyline_id FROM articles a LEFT JOIN storyline_events e ON e.story_id = a.story_id ORDER BY a.seq')).map((r) => ({ articleId: r.id, storyId: r.story_id, storylineId: r.storyline_id })),
    dropChecks: async (ids) => void (await q('DELETE FROM story_checks WHERE story_id = ANY($1)', [ids])),
    listFeeds: async () => (await q<Parameters<typeof feedRecord>[0]>('SELECT * FROM feeds ORDER BY url')).map(feedRecord),
    getFeed: async (url): Promise<FeedRecord | null> => {
      const row = await one<Parameters<typeof feedRecord>[0]>('SELECT * FROM feeds WHERE url = $1', [url]);
      return row ? feedRecord(row) : null;
    },
    seenItems: async (url, keys) => new Set((await q<{ item_key: string }>('SELECT item_key FROM feed_items WHERE feed_url = $1 AND item_key = ANY($2)', [url, keys])).map((r) => r.item_key)),
    search: async (query, page = {}) => {
      checkQuery(query);
      // The headline is made for the page's hits only: ts_headline reads the whole text.
      const run = (tsquery: string) =>
        q<{ id: string; story_id: string; title: string | null; outlet: string | null; published: string | null; source: string; snippet: string }>(
          `SELECT m.id, m.story_id, m.title, m.outlet, m.published, m.source, ts_headline('english', m.text, m.query, $2) AS snippet
           FROM (SELECT a.seq, a.id, a.story_id, a.title, a.outlet, a.published, a.source, a.text, x.query, ts_rank('{0, 0, 0.25, 1}', a.fts, x.query) AS rank
                 FROM articles a, to_tsquery('english', $1) x(query) WHERE a.fts @@ x.query ORDER BY rank DESC, a.seq LIMIT $3 OFFSET $4) m
           ORDER BY m.rank DESC, m.seq`,
          [tsquery, HEADLINE, page.limit ?? 20, page.offset ?? 0],
        );
      const rows = await withText(query, run, []);
      return rows.map((r): SearchHit => ({ articleId: r.id, storyId: r.story_id, title: r.title, outlet: r.outlet, published: r.published, source: r.source, snippet: r.snippet }));
    },
    writeChecks: async (checks, opts = {}) => {
      if (checks.length === 0) return true;
      if (options.readonly) return false;
      try {
        await transaction(pool, async (tq) => {
          // The web app must not wait behind a worker's lock on these rows: it computes again next time.
          if (opts.wait === false) await tq("SET LOCAL lock_timeout = '200ms'");
          await tq(
            `INSERT INTO story_checks (story_id, version, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, data = excluded.data`,
            [checks.map((c) => c.storyId), checks.map((c) => c.version), checks.map((c) => storedJson(c.check))],
          );
        });
        return true;
      } catch (error) {
        if (opts.wait === false && ['55P03', '40P01', '40001'].includes((error as { code?: string }).code ?? '')) return false;
        throw error;
      }
    },
    addFeed: async (url, at) => void (await q('INSERT INTO feeds (url, added_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING', [url, at])),
    recordPoll: async (url, outcome, itemKeys = []) =>
      transaction(pool, async (tq) => {
        if (outcome.ok) {
          if (itemKeys.length) await tq('INSERT INTO feed_items (feed_url, item_key, seen_at) SELECT $1, k, $3 FROM unnest($2::text[]) k ON CONFLICT DO NOTHING', [url, itemKeys, outcome.at]);
          await tq(
            `UPDATE feeds SET title = coalesce($2, title), etag = CASE WHEN $3 THEN etag ELSE $4 END, last_modified = CASE WHEN $3 THEN last_modified ELSE $5 END,
               last_polled = $6, last_success = $6, failures = 0, last_error = coalesce($7, last_error), last_error_at = CASE WHEN $7::text IS NULL THEN last_error_at ELSE $6 END,
               items_seen = items_seen + $8, articles_added = articles_added + $9, next_poll = $10 WHERE url = $1`,
            [url, outcome.title ?? null, outcome.notModified, outcome.etag ?? null, outcome.lastModified ?? null, outcome.at, outcome.problem ?? null, outcome.newItems, outcome.added, outcome.nextPoll],
          );
        } else {
          await tq('UPDATE feeds SET last_polled = $2, last_error = $3, last_error_at = $2, failures = failures + 1, next_poll = $4 WHERE url = $1', [url, outcome.at, outcome.error, outcome.nextPoll]);
        }
      }),
    owedChecksFrom: async () => {
      await q("INSERT INTO meta (key, value) SELECT 'crosscheck_from', (coalesce(max(seq), 0) + 1)::text FROM articles ON CONFLICT (key) DO NOTHING");
      return Number((await one<{ value: string }>("SELECT value FROM meta WHERE key = 'crosscheck_from'"))!.value);
    },
    clearOwedChecks: async () => void (await q("DELETE FROM meta WHERE key = 'crosscheck_from'")),
    ingestLock: async () => async () => {},
    clustering: pgClustering(pool),
  };
}
