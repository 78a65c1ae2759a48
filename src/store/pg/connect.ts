import pg from 'pg';
import { SCHEMA_VERSION, StoreError } from '../migrations.js';
import { PG_MIGRATIONS } from './migrations.js';

/** A pool's query, rows typed by the caller. */
export type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/** Is this location a PostgreSQL connection URL (`postgres://…`, `postgresql://…`)? */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

// bigint (count(*), seqs, story numbers) and numeric (sums) as JavaScript numbers: every such value
// the store holds is far below 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Key of the advisory locks of one store (any number unique to triangulate; `hashtext('triangulate')`). */
export const LOCK_MIGRATE = 0x7472_0001;
export const LOCK_PLACE = 0x7472_0002;
/** First key of the two-key advisory locks of chunk claims (the second is from the chunk's key); two-key locks never meet the one-key ones above. */
export const LOCK_CHUNK = 0x7472_0003;

/**
 * A pool of connections to one PostgreSQL database, migrated to SCHEMA_VERSION (under an
 * advisory lock, so workers that start together migrate it once) unless `readonly`.
 */
export async function connect(url: string, options: { readonly?: boolean; create?: boolean; schemaVersion?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, types, max: 6, application_name: 'triangulate' });
  // An idle connection that dies (the server restarted) must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      if (!options.readonly) {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_MIGRATE]);
        await client.query('CREATE TABLE IF NOT EXISTS triangulate_schema (version integer NOT NULL)');
        const current = await versionOf(client);
        if (current > SCHEMA_VERSION) throw new StoreError(`schema version ${current} is newer than this triangulate knows (${SCHEMA_VERSION}); upgrade triangulate`, 'environment');
        if (current === 0 && options.create === false) throw new StoreError('not a triangulate store; run `triangulate ingest <inputs...>` first', 'usage');
        for (const m of PG_MIGRATIONS) {
          if (m.version <= current || m.version > (options.schemaVersion ?? SCHEMA_VERSION)) continue;
          await client.query(m.up);
          await client.query('DELETE FROM triangulate_schema');
          await client.query('INSERT INTO triangulate_schema (version) VALUES ($1)', [m.version]);
        }
        await client.query('COMMIT');
      } else {
        const current = await versionOf(client);
        if (current !== SCHEMA_VERSION)
          throw new StoreError(
            current > SCHEMA_VERSION ? `schema version ${current} is newer than this triangulate knows (${SCHEMA_VERSION}); upgrade triangulate` : current === 0 ? 'not a triangulate store; run `triangulate ingest <inputs...>` first' : `made by an older triangulate (schema ${current}); run \`triangulate ingest\` on it once to upgrade it`,
            'environment',
          );
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof StoreError) throw new StoreError(`${redact(url)}: ${error.message}`, error.kind);
    throw new StoreError(`cannot open the store ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`, 'environment');
  }
  return pool;
}

async function versionOf(client: pg.PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('triangulate_schema')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ version: number }>('SELECT version FROM triangulate_schema');
  return r.rows[0]?.version ?? 0;
}

/** Run `fn` in one transaction on one connection of the pool. */
export async function transaction<T>(pool: pg.Pool, fn: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const q: Query = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
    const out = await fn(q);
    await client.query('COMMIT');
    return out;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
