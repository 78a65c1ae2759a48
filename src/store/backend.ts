import type { StoryState } from '../cluster/index.js';
import type { Article } from '../model/article.js';
import type { StoryCheck } from '../model/check.js';
import type { ReuseRecord, StorylineRecord, StoryRecord } from '../model/run.js';
import type { ArticleSummary, OutletSummary, Page, StoryFilter, StoryMeta, StoryPage } from './browse.js';
import type { FeedRecord, PollOutcome } from './feeds.js';
import type { SearchHit, StorySummary } from './store.js';
import type { StoredStoryline, StorylineSummary } from './storylines.js';

/**
 * The store as the rest of triangulate sees it: three async facets, one per role, implemented by
 * each engine (sqlite.ts: better-sqlite3, the embedded default; pg/backend.ts: PostgreSQL). No
 * code outside src/store writes SQL; everything goes through these.
 *
 * @example
 * const store = await openStore('postgres://localhost/news', { create: true });
 * const { stories } = await store.findStories({ outlet: 'Daily Blaze' }, { limit: 20, offset: 0 });
 * await store.close();
 */
export interface StoreBackend extends StoreReader, StoreSearch, StoreWrites {
  readonly engine: 'sqlite' | 'postgres';
  /** Where to open the store again (another thread, a worker): the file's path or the whole URL. */
  readonly address: string;
  /** The file's path, or the URL without its password: what messages name. */
  readonly location: string;
  /** Opened read-only: nothing is written (kept cross-checks are computed again instead). */
  readonly readonly: boolean;
  /** True when the store lives in this process's memory only (SQLite `:memory:`): worker threads cannot share it. */
  readonly inMemory: boolean;
  close(): Promise<void>;
}

/** Reading: stories, articles, outlets, storylines, kept checks and feeds. */
export interface StoreReader {
  schemaVersion(): Promise<number>;
  counts(): Promise<{ articles: number; stories: number }>;
  /** The ids among `ids` the store has. */
  knownArticles(ids: readonly string[]): Promise<Set<string>>;
  meta(key: string): Promise<string | null>;
  listStories(options?: { limit?: number; offset?: number }): Promise<StorySummary[]>;
  findStories(filter: StoryFilter, page: Page): Promise<StoryPage>;
  storyMeta(id: string): Promise<StoryMeta | null>;
  /** The story with this id, or the only one whose id starts with it (at least 4 characters); a StoreError otherwise. */
  resolveStory(idOrPrefix: string): Promise<string>;
  /** A story with its articles (by publication) and its copy chain. */
  story(id: string): Promise<{ story: StoryRecord; articles: Article[] }>;
  /** Ids of the stories an article of seq `seq` or later joined. */
  storiesGrownSince(seq: number): Promise<string[]>;
  /** The story and title of each stored article among `ids`. */
  articleStories(ids: readonly string[]): Promise<Map<string, { storyId: string; title: string | null }>>;
  findArticles(filter: { story?: string | null; outlet?: string | null }, page: Page): Promise<{ total: number; articles: ArticleSummary[] }>;
  getArticle(id: string): Promise<{ article: Article; storyId: string } | null>;
  listOutlets(): Promise<OutletSummary[]>;
  getOutlet(outlet: string): Promise<OutletSummary | null>;
  outletStories(outlet: string, limit: number): Promise<string[]>;
  /** Changes whenever an article is added: a key for caching what is computed over the whole store. */
  storeVersion(): Promise<number>;
  listStorylines(options?: { limit?: number; offset?: number; minEvents?: number }): Promise<{ total: number; storylines: StorylineSummary[] }>;
  storylineSummary(id: string): Promise<StorylineSummary | null>;
  storylineOf(storyId: string): Promise<StorylineSummary | null>;
  storylineForStory(storyId: string): Promise<StorylineRecord | null>;
  resolveStoryline(idOrPrefix: string): Promise<string>;
  storedStoryline(id: string, options?: { maxEvents?: number }): Promise<StoredStoryline | null>;
  reuseAcrossOf(storyId: string): Promise<ReuseRecord[]>;
  readCheck(storyId: string, version: string): Promise<StoryCheck | null>;
  /** Is a check kept for this version of the story? (readCheck without reading the check.) */
  hasCheck(storyId: string, version: string): Promise<boolean>;
  /** Every stored article's story and storyline (null before schema 6), in order of arrival. */
  memberships(): Promise<{ articleId: string; storyId: string; storylineId: string | null }[]>;
  listFeeds(): Promise<FeedRecord[]>;
  getFeed(url: string): Promise<FeedRecord | null>;
  seenItems(url: string, keys: readonly string[]): Promise<Set<string>>;
}

/** Full-text search, the same query syntax on each engine (query.ts). */
export interface StoreSearch {
  /** Best match first; a query outside QUERY_LIMITS throws a QueryError; one that is not valid syntax is searched as plain words. */
  search(query: string, page?: { limit?: number; offset?: number }): Promise<SearchHit[]>;
  /**
   * From now on keep the keys of the text-filtered story list in memory (story-index.ts), loaded
   * now: for a long-lived reader such as the web app's search worker, whose `findStories` with a
   * text query then costs the match, not a row read per matching article. One-shot commands do not.
   */
  keepStoryIndex(): Promise<void>;
}

/** Writing: kept checks, feeds, the owed cross-checks, and the clustering state (ClusterStore). */
export interface StoreWrites {
  /** Save cross-checks in one transaction; with `wait: false` a busy store skips the write and returns false. */
  writeChecks(checks: readonly { storyId: string; version: string; check: StoryCheck }[], options?: { wait?: boolean }): Promise<boolean>;
  /** Forget the kept checks of these stories (they are computed again when read). */
  dropChecks(storyIds: readonly string[]): Promise<void>;
  addFeed(url: string, at: string): Promise<void>;
  recordPoll(url: string, outcome: PollOutcome, itemKeys?: readonly string[]): Promise<void>;
  /** Mark (unless marked) the first article seq whose story's check is owed, and return the mark. */
  owedChecksFrom(): Promise<number>;
  /** The owed checks are kept: clear the mark. */
  clearOwedChecks(): Promise<void>;
  /**
   * Take the store for one ingest (the CLI's `ingest`, the web app's, the watcher's): SQLite
   * allows one per file (a lock file, lock.ts; a StoreError names the other writer); PostgreSQL
   * lets any number of workers in, the database coordinating them (ClusterStore.lockPlacement).
   * Returns the release.
   */
  ingestLock(): Promise<() => Promise<void>>;
  readonly clustering: ClusterStore;
}

/** An article row as the writer reads it back (the text and the `data` JSON, parsed). */
export type StoredArticle = Article & { readonly storyId: string };

/**
 * What the StoreWriter (writer.ts) needs of an engine: the clustering state it starts from,
 * candidates for undated articles, the articles it aligns with, one transaction per commit, and
 * the placement lock that serialises writers of one store.
 */
export interface ClusterStore {
  /**
   * Document frequency of every clustering feature; with `since` (a placement epoch, schema 11 on),
   * only of those a commit after it changed: what a writer whose counts were the store's at that
   * epoch sets to bring them up to date, instead of reading every feature at each turn.
   */
  termDf(since?: number): Promise<Map<string, number>>;
  /** Saved states of stories with last_day >= `fromDay`, or undated with last_seq >= `fromSeq`. */
  openStoryStates(fromDay: number, fromSeq: number): Promise<StoryState[]>;
  /** The numbers and last seqs of the stories `openStoryStates` would give (no state read). */
  openStorySeqs(fromDay: number, fromSeq: number): Promise<(readonly [num: number, lastSeq: number])[]>;
  /** Saved states of these story numbers. */
  storyStates(nums: readonly number[]): Promise<StoryState[]>;
  /**
   * Story numbers posted under the most of these keys (the clusterer's index keys, kept for every
   * story in story_keys), most first, then by number; a key posted by more than `maxPosting`
   * stories is not followed. At most `maxStories`. The rule of the clusterer's own index
   * (StoryClusterer.candidates), over every story stored.
   */
  candidateStories(keys: readonly string[], maxPosting: number, maxStories: number): Promise<number[]>;
  /** The articles inside the copy window: dated ones published on or after `fromDay` (ISO), undated ones (or dated to less than a day) of seq `fromSeq` or later; in order of arrival, each with its seq. */
  recentArticles(fromDay: string, fromSeq: number): Promise<(StoredArticle & { readonly seq: number })[]>;
  articlesOf(storyId: string): Promise<StoredArticle[]>;
  /** Articles stored after seq `seq`, in order of arrival, each with its seq. */
  articlesSince(seq: number): Promise<(StoredArticle & { readonly seq: number })[]>;
  /** The last `limit` articles stored, in order of arrival (the names a new article's short mentions are resolved against). */
  lastArticles(limit: number): Promise<StoredArticle[]>;
  articlesById(ids: readonly string[]): Promise<StoredArticle[]>;
  storyExists(id: string): Promise<boolean>;
  /**
   * The search vectors of these articles as the commit would make them (PostgreSQL: tsvector text),
   * made before the placement lock so that the lock is not held while they are; by id. Absent
   * where the commit's own index is cheap (SQLite's FTS5).
   */
  searchVectors?(articles: readonly Article[]): Promise<Map<string, string>>;
  /** Storyline profiles (JSON) of events still linkable (last_day >= `fromDay`, or undated with last_seq >= `fromSeq`), each with its storyline's number and id. */
  openEventProfiles(fromDay: number, fromSeq: number): Promise<{ state: string; line: number; lineId: string }[]>;
  /** The events `openEventProfiles` would give, with their last seqs and storylines (no profile read). */
  openEventSeqs(fromDay: number, fromSeq: number): Promise<{ event: number; lastSeq: number; line: number; lineId: string }[]>;
  /** The saved profiles of these events, each with its storyline's number and id (in the order asked; events without a profile left out). */
  eventProfiles(nums: readonly number[]): Promise<{ state: string; line: number; lineId: string }[]>;
  /** One event's storyline and saved profile (null when the story is not stored). */
  eventProfile(num: number): Promise<{ line: number; lineId: string; state: string | null } | null>;
  /** Give each story stored before storylines (schema < 6) a storyline of its own; the ids from `idOf(first article or story id)`. */
  backfillStorylines(idOf: (articleOrStory: string) => string): Promise<void>;
  /** Write one commit's work in one transaction. */
  commit(batch: PlacementBatch): Promise<void>;
  /**
   * Take the store's placement lock (PostgreSQL: an advisory lock, so several workers place
   * articles one at a time; SQLite: one ingest per store holds the lock file already). `epoch`
   * counts the commits made to the store, so a writer can tell whether another worker committed
   * since it last did.
   */
  lockPlacement(): Promise<{ readonly epoch: number; release(): Promise<void> }>;
  /**
   * Claim a chunk of a stream (named by `key`, from its articles' ids) for annotating it, so that
   * workers handed the same stream annotate its chunks side by side instead of each doing all of
   * them (src/processor/process.ts). PostgreSQL: a session advisory lock on the key, on a
   * connection of its own, so a worker killed mid-chunk lets it go with its connection; null when
   * another worker holds it and `waitMs` is 0, or still holds it after `waitMs`. SQLite: one ingest
   * per store, so always granted.
   */
  claimChunk(key: string, waitMs: number): Promise<ChunkClaim | null>;
}

/** A chunk claimed (ClusterStore.claimChunk) until released. */
export interface ChunkClaim {
  release(): Promise<void>;
}

/** One commit of the writer: every row it adds or changes, in the order they must be written. */
export interface PlacementBatch {
  readonly stories: readonly { id: string; num: number; title: string }[];
  readonly articles: readonly {
    article: Article;
    storyId: string;
    /**
     * Its search vector made before the placement lock (`searchVectors`), or null: made in the
     * commit. Absent in a store before schema 9, where the database generates it (every article of
     * a batch alike).
     */
    search?: string | null;
  }[];
  readonly at: string;
  readonly pairs: readonly { from: string; to: string; storyId: string; score: number; data: string }[];
  readonly across: readonly { from: string; to: string; fromStory: string; toStory: string; score: number; data: string }[];
  /** Null in a store older than schema version 6. */
  readonly storylines: {
    readonly lines: readonly { id: string; num: number; title: string }[];
    readonly events: readonly (readonly [storyId: string, lineId: string])[];
    readonly merges: readonly (readonly [fromId: string, intoId: string])[];
    readonly touched: readonly string[];
    readonly states: readonly { event: number; lastDay: number | null; lastSeq: number; state: string }[];
  } | null;
  readonly states: readonly { num: number; firstDay: number | null; lastDay: number | null; lastSeq: number; state: string }[];
  /** (story number, key) postings new since the last commit (story_keys). */
  readonly keys: readonly (readonly [number, string])[];
  readonly dfDelta: readonly (readonly [string, number])[];
  /** The placement epoch this commit makes, stamped on the term counts it changes; null in a store older than schema version 11 (no stamps). */
  readonly epoch: number | null;
  readonly meta: Readonly<Record<string, string>>;
}
