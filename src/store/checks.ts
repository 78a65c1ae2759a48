import type { StoryCheck } from '../model/check.js';
import { storedJson } from './serialize.js';
import type { Store } from './store.js';

/**
 * Cross-checks kept in the store (schema version 5), each with the version of the story it was made
 * for (`updated_seq:article_count`): a story that grew has a stale check, which is not returned.
 */
export function readCheck(store: Store, storyId: string, version: string): StoryCheck | null {
  const row = store.statement('SELECT version, data FROM story_checks WHERE story_id = ?').get(storyId) as { version: string; data: string } | undefined;
  return row && row.version === version ? (JSON.parse(row.data) as StoryCheck) : null;
}

export function hasCheck(store: Store, storyId: string, version: string): boolean {
  return store.statement('SELECT 1 FROM story_checks WHERE story_id = ? AND version = ?').get(storyId, version) !== undefined;
}

/**
 * Save cross-checks in one transaction. With `wait: false` (the web app, which must not stall
 * while an ingest holds the write lock) a busy store skips the write and returns false.
 */
export function writeChecks(store: Store, checks: readonly { storyId: string; version: string; check: StoryCheck }[], options: { wait?: boolean } = {}): boolean {
  if (checks.length === 0) return true;
  if (store.readonly) return false; // a store opened read-only (not ours, or on read-only media): computed again next time
  const db = store.db;
  const put = db.prepare('INSERT INTO story_checks (story_id, version, data) VALUES (?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, data = excluded.data');
  const busy = db.pragma('busy_timeout', { simple: true }) as number;
  if (options.wait === false) db.pragma('busy_timeout = 0');
  try {
    db.transaction(() => {
      for (const c of checks) put.run(c.storyId, c.version, storedJson(c.check));
    }).immediate();
    return true;
  } catch (error) {
    if (options.wait === false && (error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw error;
  } finally {
    if (options.wait === false) db.pragma(`busy_timeout = ${busy}`);
  }
}
