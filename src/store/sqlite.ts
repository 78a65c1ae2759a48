import type { StoreBackend } from './backend.js';
import { findArticles, findStories, getArticle, keepStoryIndex, getOutlet, listOutlets, outletStories, storeVersion, storyMeta } from './browse.js';
import { hasCheck, readCheck, writeChecks } from './checks.js';
import { addFeed, getFeed, listFeeds, recordPoll, seenItems } from './feeds.js';
import { lockForIngest } from './lock.js';
import { sqliteClustering } from './sqlite-cluster.js';
import { Store, type OpenOptions } from './store.js';
import { listStorylines, resolveStoryline, reuseAcrossOf, storedStoryline, storylineForStory, storylineOf, storylineSummary } from './storylines.js';

/**
 * The embedded engine behind the StoreBackend interface: one SQLite file through better-sqlite3
 * (store.ts and its sibling modules hold the SQL). Its calls are synchronous underneath; the
 * promises only give it the same shape as the PostgreSQL engine.
 *
 * @example
 * const store = openSqlite('news.db', { create: true });
 * (await store.counts()).articles;
 */
export function openSqlite(path: string, options: OpenOptions = {}): StoreBackend & { readonly sqlite: Store } {
  return sqliteBackend(Store.open(path, options));
}

/** A StoreBackend over a Store already open. */
export function sqliteBackend(s: Store): StoreBackend & { readonly sqlite: Store } {
  return {
    engine: 'sqlite',
    address: s.path,
    location: s.path,
    readonly: s.readonly,
    inMemory: s.path === ':memory:',
    sqlite: s,
    close: async () => s.close(),
    schemaVersion: async () => s.schemaVersion,
    counts: async () => s.counts(),
    knownArticles: async (ids) => new Set(ids.filter((id) => s.hasArticle(id))),
    meta: async (key) => s.meta(key),
    listStories: async (options) => s.listStories(options),
    findStories: async (filter, page) => findStories(s, filter, page),
    keepStoryIndex: async () => keepStoryIndex(s),
    storyMeta: async (id) => storyMeta(s, id),
    resolveStory: async (id) => s.resolveStory(id),
    story: async (id) => s.story(id),
    storiesGrownSince: async (seq) => s.storiesGrownSince(seq),
    articleStories: async (ids) => s.articleStories(ids),
    findArticles: async (filter, page) => findArticles(s, filter, page),
    getArticle: async (id) => getArticle(s, id),
    listOutlets: async () => listOutlets(s),
    getOutlet: async (outlet) => getOutlet(s, outlet),
    outletStories: async (outlet, limit) => outletStories(s, outlet, limit),
    storeVersion: async () => storeVersion(s),
    listStorylines: async (options) => listStorylines(s, options),
    storylineSummary: async (id) => storylineSummary(s, id),
    storylineOf: async (id) => storylineOf(s, id),
    storylineForStory: async (id) => storylineForStory(s, id),
    resolveStoryline: async (id) => resolveStoryline(s, id),
    storedStoryline: async (id, options) => storedStoryline(s, id, options),
    reuseAcrossOf: async (id) => reuseAcrossOf(s, id),
    readCheck: async (id, version) => readCheck(s, id, version),
    hasCheck: async (id, version) => hasCheck(s, id, version),
    memberships: async () => s.memberships(),
    dropChecks: async (ids) => s.dropChecks(ids),
    listFeeds: async () => listFeeds(s),
    getFeed: async (url) => getFeed(s, url),
    seenItems: async (url, keys) => seenItems(s, url, keys),
    search: async (query, page) => s.search(query, page),
    writeChecks: async (checks, options) => writeChecks(s, checks, options),
    addFeed: async (url, at) => addFeed(s, url, at),
    recordPoll: async (url, outcome, keys) => recordPoll(s, url, outcome, keys),
    owedChecksFrom: async () => s.owedChecksFrom(),
    clearOwedChecks: async () => s.clearOwedChecks(),
    ingestLock: async () => {
      const unlock = lockForIngest(s.path);
      return async () => unlock();
    },
    clustering: sqliteClustering(s),
  };
}
