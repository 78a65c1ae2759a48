import pg from 'pg';
import { openSqlite } from '../src/store/index.js';
import { openStore } from '../src/store/open.js';

/**
 * The tables of a SQLite store copied row for row into an empty PostgreSQL database migrated to
 * the same schema version (bench/api.ts): the same stories, articles, seqs, clustering state and
 * kept cross-checks, without placing 100k articles again (hours on PostgreSQL). The full-text
 * column is computed by PostgreSQL as the rows arrive; the planner's statistics are gathered at the end,
 * as autovacuum would on a store that grew.
 */
const TABLES = ['meta', 'stories', 'articles', 'story_state', 'term_df', 'reuse', 'feeds', 'feed_items', 'story_checks', 'storylines', 'storyline_events', 'storyline_state', 'reuse_across'] as const;

export async function copyToPostgres(sqlitePath: string, url: string): Promise<{ rows: number }> {
  // Opening it once creates and migrates the schema.
  await (await openStore(url, { create: true })).close();
  const source = openSqlite(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    for (const table of TABLES) {
      const columns = (source.sqlite.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
      const batch = Math.max(1, Math.min(200, Math.floor(30_000 / columns.length)));
      const overriding = table === 'articles' ? 'OVERRIDING SYSTEM VALUE' : '';
      let chunk: unknown[][] = [];
      const flush = async () => {
        if (!chunk.length) return;
        const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) ${overriding} VALUES ${values}`, chunk.flat());
        rows += chunk.length;
        chunk = [];
      };
      for (const row of source.sqlite.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
        chunk.push(row);
        if (chunk.length >= batch) await flush();
      }
      await flush();
    }
    await client.query("SELECT setval(pg_get_serial_sequence('articles', 'seq'), coalesce((SELECT max(seq) FROM articles), 0) + 1, false)");
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
    await source.close();
  }
  return { rows };
}
