import type { Store } from './store.js';

/** A watched feed and its health, as the store keeps it (schema version 3). */
export interface FeedRecord {
  readonly url: string;
  readonly title: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly addedAt: string;
  readonly lastPolled: string | null;
  readonly lastSuccess: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Consecutive failed polls. */
  readonly failures: number;
  /** Items seen in the feed since it was added. */
  readonly itemsSeen: number;
  /** Articles the feed brought into the store. */
  readonly articlesAdded: number;
  readonly nextPoll: string | null;
}

/** A feed's health at a glance: failing (its last poll failed), ok, or not polled yet. */
export function feedState(f: FeedRecord): 'failing' | 'ok' | 'new' {
  return f.failures > 0 ? 'failing' : f.lastSuccess ? 'ok' : 'new';
}

/** What one poll of a feed changed. */
export type PollOutcome =
  | { readonly ok: true; readonly at: string; readonly notModified: boolean; readonly title?: string | null; readonly etag?: string | null; readonly lastModified?: string | null; readonly newItems: number; readonly added: number; readonly problem?: string | null; readonly nextPoll: string }
  | { readonly ok: false; readonly at: string; readonly error: string; readonly nextPoll: string };

export type FeedRow = {
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  added_at: string;
  last_polled: string | null;
  last_success: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: number;
  items_seen: number;
  articles_added: number;
  next_poll: string | null;
};

/** A feed as its row holds it. */
export const feedRecord = (r: FeedRow): FeedRecord => ({
  url: r.url,
  title: r.title,
  etag: r.etag,
  lastModified: r.last_modified,
  addedAt: r.added_at,
  lastPolled: r.last_polled,
  lastSuccess: r.last_success,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  failures: r.failures,
  itemsSeen: r.items_seen,
  articlesAdded: r.articles_added,
  nextPoll: r.next_poll,
});

/** Start watching a feed (no change when it is watched already). */
export function addFeed(store: Store, url: string, at: string): void {
  store.db.prepare('INSERT INTO feeds (url, added_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING').run(url, at);
}

export function listFeeds(store: Store): FeedRecord[] {
  return (store.db.prepare('SELECT * FROM feeds ORDER BY url').all() as FeedRow[]).map(feedRecord);
}

export function getFeed(store: Store, url: string): FeedRecord | null {
  const row = store.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
  return row ? feedRecord(row) : null;
}

/** The item keys among `keys` that this feed has shown before. */
export function seenItems(store: Store, url: string, keys: readonly string[]): Set<string> {
  const get = store.db.prepare('SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?');
  return new Set(keys.filter((k) => get.get(url, k) !== undefined));
}

/** Record a poll: the feed's health, its validators, and (on success) the items now seen, in one transaction. */
export function recordPoll(store: Store, url: string, outcome: PollOutcome, itemKeys: readonly string[] = []): void {
  const db = store.db;
  db.transaction(() => {
    if (outcome.ok) {
      const mark = db.prepare('INSERT INTO feed_items (feed_url, item_key, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
      for (const k of itemKeys) mark.run(url, k, outcome.at);
      db.prepare(
        `UPDATE feeds SET title = coalesce(@title, title), etag = CASE WHEN @keep THEN etag ELSE @etag END, last_modified = CASE WHEN @keep THEN last_modified ELSE @lastModified END,
           last_polled = @at, last_success = @at, failures = 0,
           last_error = coalesce(@problem, last_error), last_error_at = CASE WHEN @problem IS NULL THEN last_error_at ELSE @at END, items_seen = items_seen + @newItems, articles_added = articles_added + @added, next_poll = @nextPoll WHERE url = @url`,
      ).run({
        url,
        at: outcome.at,
        title: outcome.title ?? null,
        // A 304 keeps the validators it was asked with.
        keep: outcome.notModified ? 1 : 0,
        etag: outcome.etag ?? null,
        lastModified: outcome.lastModified ?? null,
        newItems: outcome.newItems,
        problem: outcome.problem ?? null,
        added: outcome.added,
        nextPoll: outcome.nextPoll,
      });
    } else {
      db.prepare('UPDATE feeds SET last_polled = @at, last_error = @error, last_error_at = @at, failures = failures + 1, next_poll = @nextPoll WHERE url = @url').run({ url, at: outcome.at, error: outcome.error, nextPoll: outcome.nextPoll });
    }
  }).immediate();
}
