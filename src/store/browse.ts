import type { Article } from '../model/article.js';
import { checkQuery } from './query.js';
import { articleFromRow } from './serialize.js';
import { MATCH_END, MATCH_START, type SearchHit, type Store, type StorySummary } from './store.js';
import { indexAnswers, inPageOrder, STORY_KEYS_SQL, StoryIndex, storyKeys } from './story-index.js';

/**
 * Read queries for browsing a store (the web app and its API): filtered, paginated lists of
 * stories and articles, outlets, and one article. Every filter is a bound parameter of a fixed
 * SQL text; nothing a user types is spliced into SQL.
 */

export interface StoryFilter {
  /** ISO day: stories with an article published on or after it. */
  readonly from?: string | null;
  /** ISO day: stories with an article published on or before it. */
  readonly to?: string | null;
  /** Stories with an article from this outlet (exact name). */
  readonly outlet?: string | null;
  /** Full-text query (FTS5 syntax, or plain words): stories with an article that matches. */
  readonly q?: string | null;
  /** Stories with an article of this kind (news, opinion, unknown). */
  readonly kind?: string | null;
  /** Stories whose kept cross-check has a claim with this verdict (corroborated, contested, ...). */
  readonly verdict?: string | null;
  /** newest (default: last article first), oldest, or articles (most articles first). */
  readonly sort?: StorySort | null;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface StoryPage {
  readonly total: number;
  readonly stories: readonly StorySummary[];
}

/** Story meta the web app needs to tell whether a cached cross-check is still the story's. */
export interface StoryMeta extends StorySummary {
  /** Changes whenever an article joins the story. */
  readonly version: string;
}

export interface ArticleSummary {
  readonly id: string;
  readonly storyId: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly kind: string | null;
  readonly url: string | null;
  readonly source: string;
}

export interface OutletSummary {
  readonly outlet: string;
  readonly articles: number;
  readonly stories: number;
  readonly firstPublished: string | null;
  readonly lastPublished: string | null;
  readonly opinion: number;
}

const STORY_COLUMNS = `s.id, s.title, s.first_published, s.last_published, s.article_count, s.updated_seq,
  (SELECT json_group_array(outlet) FROM (SELECT DISTINCT outlet FROM articles a WHERE a.story_id = s.id AND outlet IS NOT NULL ORDER BY outlet)) AS outlets`;

// The WHERE clause is put together from these fixed fragments, one per filter given, so SQLite can
// use its indexes (an always-present "@x IS NULL OR ..." would defeat them); values are bound.
const STORY_CONDITIONS = {
  from: 's.last_published >= @from',
  to: "s.first_published <= @to || '~'",
  outlet: 'EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.outlet = @outlet)',
  q: 's.id IN (SELECT a.story_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH @q)',
  kind: 'EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.kind = @kind)',
  verdict: "EXISTS (SELECT 1 FROM story_checks c, json_each(c.data, '$.claims') j WHERE c.story_id = s.id AND json_extract(j.value, '$.status') = @verdict)",
} as const;

export type StorySort = 'newest' | 'oldest' | 'articles';
/** The orders a story list can take: fixed fragments, picked by name. */
export const STORY_SORTS: Readonly<Record<StorySort, string>> = {
  newest: 'ORDER BY s.last_published DESC, s.updated_seq DESC',
  oldest: "ORDER BY coalesce(s.first_published, '~') ASC, s.updated_seq ASC",
  articles: 'ORDER BY s.article_count DESC, s.last_published DESC, s.updated_seq DESC',
};

// NULLs sort last in a descending SQLite order, so undated stories come after the dated ones and the stories_recent index serves the order.
const STORY_ORDER = 'ORDER BY s.last_published DESC, s.updated_seq DESC';

/** A WHERE clause of the fixed fragments whose value is given (not null), and the values to bind. */
function whereOf<K extends string>(conditions: Readonly<Record<K, string>>, values: Readonly<Record<K, string | null>>): { where: string; params: Record<string, string> } {
  const keys = (Object.keys(conditions) as K[]).filter((k) => values[k] !== null);
  return { where: keys.length ? `WHERE ${keys.map((k) => conditions[k]).join(' AND ')}` : '', params: Object.fromEntries(keys.map((k) => [k, values[k]!])) };
}

interface StoryRow {
  id: string;
  title: string;
  first_published: string | null;
  last_published: string | null;
  article_count: number;
  updated_seq: number;
  outlets: string;
}

const summary = (r: StoryRow): StorySummary => ({ id: r.id, title: r.title, firstPublished: r.first_published, lastPublished: r.last_published, articleCount: r.article_count, outlets: JSON.parse(r.outlets) as string[] });

/** Stories newest first, filtered by dates, outlet and text, one page of them and the total. */
export function findStories(store: Store, filter: StoryFilter, page: Page): StoryPage {
  const run = (q: string | null) => {
    const { where, params } = whereOf(STORY_CONDITIONS, { from: filter.from || null, to: filter.to || null, outlet: filter.outlet || null, q, kind: filter.kind || null, verdict: filter.verdict || null });
    const order = filter.sort ? STORY_SORTS[filter.sort] : STORY_ORDER;
    const count = () => (store.statement(`SELECT count(*) AS n FROM stories s ${where}`).get(params) as { n: number }).n;
    if (!where) {
      const rows = store.statement(`SELECT ${STORY_COLUMNS} FROM stories s ${order} LIMIT @limit OFFSET @offset`).all({ limit: page.limit, offset: page.offset }) as StoryRow[];
      return { total: count(), stories: rows.map(summary) };
    }
    // Filtered: the stories that pass are found once, for the total and the page (a text filter
    // matched twice cost twice), and only the page's stories get their outlets (a subquery per row).
    const rows = store
      .statement(`WITH m AS MATERIALIZED (SELECT s.* FROM stories s ${where}), p AS (SELECT * FROM m s ${order} LIMIT @limit OFFSET @offset) SELECT (SELECT count(*) FROM m) AS total, ${STORY_COLUMNS} FROM p s ${order}`)
      .all({ ...params, limit: page.limit, offset: page.offset }) as (StoryRow & { total: number })[];
    return { total: rows[0]?.total ?? (page.offset > 0 ? count() : 0), stories: rows.map(summary) };
  };
  const q = filter.q ? checkQuery(filter.q) || null : null;
  const index = indexes.get(store);
  const viaIndex = index && indexAnswers(filter) ? (query: string | null) => fromIndex(store, refreshed(store, index), query, filter, page) : null;
  if (!q) return viaIndex ? viaIndex(null) : run(null);
  try {
    return viaIndex ? viaIndex(q) : run(q);
  } catch {
    // Not valid FTS5 (a stray quote, a lone operator): search the words as plain words.
    return viaIndex ? viaIndex(plainQuery(q)) : run(plainQuery(q));
  }
}

/** The story indexes of the stores whose reader keeps one (keepStoryIndex). */
const indexes = new WeakMap<Store, StoryIndex>();

/**
 * Keep the text-filtered story list's keys in memory for this store (story-index.ts), loaded now:
 * for a long-lived reader, whose filtered lists then cost the full-text match only. A one-shot
 * command does not: loading costs ~0.5 s at 100k articles, the SQL of one list ~20 ms.
 */
export function keepStoryIndex(store: Store): void {
  if (!indexes.has(store)) indexes.set(store, refreshed(store, new StoryIndex()).prepare());
}

type KeysRow = [string, string | null, string | null, number, number];

/** The index with the articles added since its last seq, and the stories they joined. */
function refreshed(store: Store, index: StoryIndex): StoryIndex {
  if (storeVersion(store) <= index.at) return index;
  // All of them from the (story_id, published) index, which holds each article's seq (not the article rows: a scan of the whole table); later ones by seq.
  const added = (index.at === 0 ? store.statement('SELECT seq, story_id FROM articles INDEXED BY articles_story').raw().all() : store.statement('SELECT seq, story_id FROM articles WHERE seq > ?').raw().all(index.at)) as [number, string][];
  const stories =
    index.at === 0
      ? (store.statement(STORY_KEYS_SQL).raw().all() as KeysRow[])
      : (store.statement(`${STORY_KEYS_SQL} WHERE id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(StoryIndex.storiesOf(added))) as KeysRow[]);
  index.update(added, stories.map(storyKeys));
  return index;
}

/** A story list from the index (filtered by text: the matching articles' seqs from FTS5), the page's summaries from SQL. */
function fromIndex(store: Store, index: StoryIndex, q: string | null, filter: StoryFilter, page: Page): StoryPage {
  const seqs = q === null ? null : ((store.statement('SELECT group_concat(rowid) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(q) as string | null) ?? '');
  const { total, ids } = index.find(seqs, filter, page);
  const rows = store.statement(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as StoryRow[];
  return { total, stories: inPageOrder(ids, rows, summary) };
}

/** Plain words of a query as an FTS5 query (each word quoted), or a query that matches nothing. */
export function plainQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}

export function storyMeta(store: Store, id: string): StoryMeta | null {
  const row = store.statement(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`).get(id) as StoryRow | undefined;
  return row ? { ...summary(row), version: `${row.updated_seq}:${row.article_count}` } : null;
}

const ARTICLE_COLUMNS = 'id, story_id, title, outlet, published, kind, url, source';
type ArticleRow = { id: string; story_id: string; title: string | null; outlet: string | null; published: string | null; kind: string | null; url: string | null; source: string };
const articleSummary = (r: ArticleRow): ArticleSummary => ({ id: r.id, storyId: r.story_id, title: r.title, outlet: r.outlet, published: r.published, kind: r.kind, url: r.url, source: r.source });

/** Articles newest first (by publication, then arrival), optionally of one story or one outlet. */
export function findArticles(store: Store, filter: { story?: string | null; outlet?: string | null }, page: Page): { total: number; articles: ArticleSummary[] } {
  const { where, params } = whereOf({ story: 'story_id = @story', outlet: 'outlet = @outlet' }, { story: filter.story || null, outlet: filter.outlet || null });
  const total = (store.db.prepare(`SELECT count(*) AS n FROM articles ${where}`).get(params) as { n: number }).n;
  const rows = store.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles ${where} ORDER BY published DESC, seq DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: page.limit, offset: page.offset }) as ArticleRow[];
  return { total, articles: rows.map(articleSummary) };
}

/** Changes whenever an article is added (articles are never removed): a key for caching what is computed over the whole store. */
export function storeVersion(store: Store): number {
  return (store.statement('SELECT coalesce(max(seq), 0) AS v FROM articles').get() as { v: number }).v;
}

/** One stored article, whole (text, metadata, removed junk, annotation layers), and its story. */
export function getArticle(store: Store, id: string): { article: Article; storyId: string } | null {
  const row = store.db.prepare('SELECT id, story_id, text, data FROM articles WHERE id = ?').get(id) as { id: string; story_id: string; text: string; data: string } | undefined;
  return row ? { article: articleFromRow(row), storyId: row.story_id } : null;
}

const OUTLET_SQL = `SELECT outlet, count(*) AS articles, count(DISTINCT story_id) AS stories, min(published) AS first, max(published) AS last, sum(kind = 'opinion') AS opinion FROM articles`;
type OutletRow = { outlet: string; articles: number; stories: number; first: string | null; last: string | null; opinion: number | null };
const outletSummary = (r: OutletRow): OutletSummary => ({ outlet: r.outlet, articles: r.articles, stories: r.stories, firstPublished: r.first, lastPublished: r.last, opinion: r.opinion ?? 0 });

/** Every outlet in the store, most articles first. */
export function listOutlets(store: Store): OutletSummary[] {
  return (store.db.prepare(`${OUTLET_SQL} WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet`).all() as OutletRow[]).map(outletSummary);
}

export function getOutlet(store: Store, outlet: string): OutletSummary | null {
  const row = store.db.prepare(`${OUTLET_SQL} WHERE outlet = ? GROUP BY outlet`).get(outlet) as OutletRow | undefined;
  return row ? outletSummary(row) : null;
}

/** Ids of the stories an outlet took part in, newest first. */
export function outletStories(store: Store, outlet: string, limit: number): string[] {
  return (
    store.db
      .prepare(
        `SELECT s.id FROM stories s WHERE EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.outlet = ?)
         ${STORY_ORDER} LIMIT ?`,
      )
      .all(outlet, limit) as { id: string }[]
  ).map((r) => r.id);
}

/** Split a search snippet into plain text and the highlighted ranges (offsets into that text). */
export function snippetParts(hit: SearchHit): { text: string; highlights: [number, number][] } {
  let text = '';
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of hit.snippet.replace(/\s+/g, ' ').trim()) {
    if (ch === MATCH_START) open = text.length;
    else if (ch === MATCH_END) {
      if (open >= 0 && text.length > open) highlights.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, highlights };
}
