/**
 * Defaults of the feed watcher; `--every` sets the interval. No eval measures these: they are
 * limits of polling, set for the publishers' sake and the user's, each with its reason.
 */

/** Poll each feed this often: news feeds change within minutes to hours; 15 min is what most readers use. */
export const DEFAULT_EVERY_MS = 15 * 60_000;

/** After n consecutive failures a feed waits every × 2^n, at most this long (a dead feed is retried daily, not hammered). */
export const MAX_BACKOFF_MS = 24 * 60 * 60_000;

/** When another process holds the store's ingest lock, try again this much later. */
export const BUSY_RETRY_MS = 30_000;

/** Shortest interval `--every` accepts: faster polling only burdens the publishers. */
export const MIN_EVERY_MS = 10_000;
