import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The engines a store test runs against (tests only): SQLite always; PostgreSQL when
 * `TRIANGULATE_TEST_PG` holds a connection URL to a database whose user may create databases
 * (`.ci/run` starts a throw-away cluster and sets it). Each `fresh()` store is a new file or a new
 * database; `dump()` is every row of every table in key order as text (the `ingested_at` clock
 * and the derived full-text column left out), so "changes nothing" and "the same store" can be
 * checked row for row on either engine.
 */
export interface TestEngine {
  readonly name: 'sqlite' | 'postgres';
  /** Why the engine is skipped (null: it runs). */
  readonly skip: string | null;
  /** A new, empty store's location. */
  fresh(name: string): Promise<string>;
  dump(location: string): Promise<string[]>;
  /** Drop what `fresh` made (PostgreSQL databases). */
  cleanup(): Promise<void>;
}

export function testEngines(): TestEngine[] {
  return [sqliteEngine(), postgresEngine(process.env.TRIANGULATE_TEST_PG ?? '')];
}

function sqliteEngine(): TestEngine {
  const dir = mkdtempSync(join(tmpdir(), 'triangulate-engine-'));
  return {
    name: 'sqlite',
    skip: null,
    fresh: async (name) => join(dir, `${name}.db`),
    dump: async (path) => {
      const db = new Database(path, { readonly: true });
      try {
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
        return tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all() as Record<string, unknown>[]).map((row) => line(t, row)));
      } finally {
        db.close();
      }
    },
    cleanup: async () => {},
  };
}

function postgresEngine(url: string): TestEngine {
  const made: string[] = [];
  const admin = () => new pg.Client({ connectionString: url });
  const urlOf = (db: string) => {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
  };
  return {
    name: 'postgres',
    skip: url ? null : 'TRIANGULATE_TEST_PG is not set (a postgres:// URL of a user who may create databases; .ci/run sets it)',
    fresh: async (name) => {
      const db = `tri_${process.pid}_${made.length}_${name.replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 60);
      const c = admin();
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${db}`);
        await c.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8'`);
      } finally {
        await c.end();
      }
      made.push(db);
      return urlOf(db);
    },
    dump: async (location) => {
      const c = new pg.Client({ connectionString: location });
      await c.connect();
      try {
        const tables = (await c.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name COLLATE \"C\"")).rows.map((r) => r.t);
        const out: string[] = [];
        for (const t of tables) {
          const rows = (await c.query(`SELECT * FROM "${t}"`)).rows as Record<string, unknown>[];
          const lines = rows.map((row) => {
            delete row.fts;
            return line(t, row);
          });
          out.push(...lines.sort());
        }
        return out;
      } finally {
        await c.end();
      }
    },
    cleanup: async () => {
      const c = admin();
      await c.connect();
      try {
        for (const db of made.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function line(table: string, row: Record<string, unknown>): string {
  delete row.ingested_at;
  return `${table} ${JSON.stringify(row)}`;
}
