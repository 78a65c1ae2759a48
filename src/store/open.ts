import type { StoreBackend } from './backend.js';
import { isPostgresUrl } from './pg/connect.js';
import { openSqlite } from './sqlite.js';
import type { OpenOptions } from './store.js';

/**
 * Open a store by its location: a `postgres://…` (or `postgresql://…`) URL opens the PostgreSQL
 * engine (its client loaded only then), anything else is a SQLite file (`:memory:` for one in
 * memory). `create` makes a missing SQLite file and migrates either engine; `readonly` writes
 * nothing and needs the store at the current schema.
 *
 * @example
 * const store = await openStore(process.env.TRIANGULATE_DB ?? 'news.db', { readonly: true });
 */
export async function openStore(location: string, options: OpenOptions = {}): Promise<StoreBackend> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./pg/backend.js');
    return openPostgres(location, { readonly: options.readonly, create: options.create, schemaVersion: options.schemaVersion });
  }
  return openSqlite(location, options);
}
