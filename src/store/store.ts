import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { byDate } from '../cluster/index.js';
import { copyChain, type ScoredReuse } from '../cluster/reuse.js';
import type { Article } from '../model/article.js';
import type { ReuseRecord, StoryRecord } from '../model/run.js';
import { migrate, SCHEMA_VERSION, StoreError } from './migrations.js';
import { findStories, plainQuery } from './browse.js';
import { checkQuery } from './query.js';
import { articleFromRow } from './serialize.js';

export { StoreError } from './migrations.js';

export interface OpenOptions {
  /** Make the file (and its folder) when it does not exist; otherwise a missing store is an error. */
  readonly create?: boolean;
  /** Stop after this schema version (tests of the migrations only). */
  readonly schemaVersion?: number;
  /**
   * Open for reading only (`stories`, `story`, `search`; `serve` when the file is not writable): no
   * write, no migration. A store in a folder this user cannot write (another user's) is read from a
   * private copy, since SQLite cannot read a WAL database there without its -shm file.
   */
  readonly readonly?: boolean;
}

/** A story as `triangulate stories` lists it. */
export interface StorySummary {
  readonly id: string;
  readonly title: string;
  readonly firstPublished: string | null;
  readonly lastPublished: string | null;
  readonly articleCount: number;
  readonly outlets: readonly string[];
}

/** One full-text hit: the article, its story, and a snippet with the matches between \u0001 and \u0002. */
export interface SearchHit {
  readonly articleId: string;
  readonly storyId: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly source: string;
  readonly snippet: string;
}

export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode, so readers (`stories`,
 * `search`, the web app) work while an ingest writes, and a crash loses at most the transaction in
 * flight. Schema and its migrations: migrations.ts. Writing: writer.ts.
 *
 * Every query is a prepared statement with bound parameters; nothing from an article or a user's
 * query is spliced into SQL.
 */
export class Store {
  readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  /**
   * The statement of `sql`, prepared once per store (preparing is ~0.1 ms, a good part of a
   * web request that reads a row or two). For `get`, `all` and `run` only: a statement being
   * iterated cannot run again until done, so `iterate` prepares its own.
   */
  statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private constructor(
    readonly path: string,
    db: Database.Database,
    /** Opened read-only: nothing is written (kept cross-checks are computed again instead). */
    readonly readonly = false,
    private readonly copy: string | null = null,
  ) {
    this.db = db;
  }

  static open(path: string, options: OpenOptions = {}): Store {
    const memory = path === ':memory:';
    if (!memory && !existsSync(path)) {
      if (!options.create) throw new StoreError(`no store at ${path}; run \`triangulate ingest <inputs...>\` first, or pass --db`);
      mkdirSync(dirname(path), { recursive: true });
    }
    if (options.readonly && !memory) return Store.openReadonly(path);
    let db: Database.Database;
    try {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
    } catch (error) {
      throw new StoreError(`cannot open the store ${path}: ${error instanceof Error ? error.message : String(error)}`, 'environment');
    }
    // NORMAL in WAL mode: a commit survives a crash of the process (not of the machine's power), at a fraction of FULL's cost.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    try {
      migrate(db, options.schemaVersion ?? SCHEMA_VERSION);
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw new StoreError(`${path}: ${error.message}`, error.kind);
      throw new StoreError(`${path}: not a triangulate store (${error instanceof Error ? error.message : String(error)})`, 'environment');
    }
    return new Store(path, db);
  }

  /** The store opened for reading only; from a private copy when SQLite cannot read it in place. */
  private static openReadonly(path: string): Store {
    let copy: string | null = null;
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma('user_version');
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code)) throw new StoreError(`cannot open the store ${path}: ${error instanceof Error ? error.message : String(error)}`, 'environment');
      // A WAL database in a folder we cannot write, without its -shm file: read a copy of it.
      copy = join(mkdtempSync(join(tmpdir(), 'triangulate-readonly-')), 'store.db');
      try {
        copyFileSync(path, copy);
        db = new Database(copy, { readonly: false });
      } catch (inner) {
        rmSync(dirname(copy), { recursive: true, force: true });
        throw new StoreError(`cannot read the store ${path}: ${inner instanceof Error ? inner.message : String(inner)}`, 'environment');
      }
    }
    db.pragma('busy_timeout = 10000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      db.close();
      if (copy) rmSync(dirname(copy), { recursive: true, force: true });
      throw new StoreError(
        version > SCHEMA_VERSION ? `${path}: schema version ${version} is newer than this triangulate knows (${SCHEMA_VERSION}); upgrade triangulate` : `${path}: ${version === 0 ? 'not a triangulate store' : `made by an older triangulate (schema ${version}); run \`triangulate ingest\` on it once to upgrade it`}`,
        'environment',
      );
    }
    return new Store(path, db, true, copy);
  }

  close(): void {
    if (this.db.open) this.db.close();
    if (this.copy) rmSync(dirname(this.copy), { recursive: true, force: true });
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  counts(): { articles: number; stories: number } {
    const articles = (this.statement('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const stories = (this.statement('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
    return { articles, stories };
  }

  hasArticle(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  }

  meta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  /** Every stored article's story and storyline (null before schema 6), in order of arrival. */
  memberships(): { articleId: string; storyId: string; storylineId: string | null }[] {
    const sql = this.schemaVersion >= 6 ? 'SELECT a.id, a.story_id, e.storyline_id FROM articles a LEFT JOIN storyline_events e ON e.story_id = a.story_id ORDER BY a.seq' : 'SELECT id, story_id, NULL FROM articles ORDER BY seq';
    return (this.db.prepare(sql).raw().all() as [string, string, string | null][]).map(([articleId, storyId, storylineId]) => ({ articleId, storyId, storylineId }));
  }

  /** Forget the kept checks of these stories. */
  dropChecks(storyIds: readonly string[]): void {
    const drop = this.db.prepare('DELETE FROM story_checks WHERE story_id = ?');
    this.db.transaction(() => storyIds.forEach((id) => drop.run(id))).immediate();
  }

  /** Ids of the stories an article of seq `seq` or later joined. */
  storiesGrownSince(seq: number): string[] {
    return (this.db.prepare('SELECT id FROM stories WHERE updated_seq >= ? ORDER BY id').all(seq) as { id: string }[]).map((r) => r.id);
  }

  /** The story and title of each stored article among `ids`. */
  articleStories(ids: readonly string[]): Map<string, { storyId: string; title: string | null }> {
    const get = this.db.prepare('SELECT story_id AS s, title AS t FROM articles WHERE id = ?');
    const out = new Map<string, { storyId: string; title: string | null }>();
    for (const id of ids) {
      const row = get.get(id) as { s: string; t: string | null } | undefined;
      if (row) out.set(id, { storyId: row.s, title: row.t });
    }
    return out;
  }

  /**
   * The first article seq whose story's cross-check an ingest owes (`crosscheck_from` in meta),
   * marked now as the next seq unless an earlier ingest, killed before it had checked, left it.
   */
  owedChecksFrom(): number {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('crosscheck_from', (SELECT coalesce(max(seq), 0) + 1 FROM articles)) ON CONFLICT (key) DO NOTHING").run();
    return Number(this.meta('crosscheck_from'));
  }

  clearOwedChecks(): void {
    this.db.prepare("DELETE FROM meta WHERE key = 'crosscheck_from'").run();
  }

  /** Stories, newest first (by their latest article's date, then by when they last grew). */
  listStories(options: { limit?: number; offset?: number } = {}): StorySummary[] {
    return [...findStories(this, {}, { limit: options.limit ?? -1, offset: options.offset ?? 0 }).stories];
  }

  /** The story with this id, or the only one whose id starts with it (at least 4 characters). */
  resolveStory(idOrPrefix: string): string {
    const exact = this.db.prepare('SELECT id FROM stories WHERE id = ?').get(idOrPrefix) as { id: string } | undefined;
    if (exact) return exact.id;
    if (idOrPrefix.length >= 4 && /^[0-9a-f]+$/i.test(idOrPrefix)) {
      const ids = (this.db.prepare("SELECT id FROM stories WHERE id >= ? AND id < ? || 'g' LIMIT 6").all(idOrPrefix.toLowerCase(), idOrPrefix.toLowerCase()) as { id: string }[]).map((r) => r.id);
      if (ids.length === 1) return ids[0]!;
      if (ids.length > 1) throw new StoreError(`story ${idOrPrefix} is ambiguous: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
    }
    throw new StoreError(`no story ${idOrPrefix} in ${this.path}; \`triangulate stories\` lists them`);
  }

  /** A story with its articles (by publication) and its copy chain, ready for every report. */
  story(id: string): { story: StoryRecord; articles: Article[] } {
    const row = this.statement('SELECT id, title FROM stories WHERE id = ?').get(id) as { id: string; title: string } | undefined;
    if (!row) throw new StoreError(`no story ${id} in ${this.path}`);
    // Publication order as everywhere else (byDate: day, then instant, then id).
    const articles = (this.statement('SELECT id, text, data FROM articles WHERE story_id = ?').all(id) as { id: string; text: string; data: string }[]).map(articleFromRow).sort(byDate);
    const pairs = (this.statement('SELECT score, data FROM reuse WHERE story_id = ?').all(id) as { score: number; data: string }[]).map((r): ScoredReuse => ({ score: r.score, record: JSON.parse(r.data) as ReuseRecord }));
    const order = articles.map((a) => a.id);
    return { story: { id: row.id, title: row.title, articleIds: order, reuse: copyChain(pairs, order) }, articles };
  }

  /**
   * Full-text search (FTS5, Porter stemming) over titles and texts, best match first. The query
   * may use FTS5 syntax ("air patrols", Idlib OR Afrin, refug*); when it is not valid FTS5 it is
   * searched as plain words instead. A query outside QUERY_LIMITS (query.ts) throws a QueryError.
   */
  search(query: string, options: { limit?: number; offset?: number } = {}): SearchHit[] {
    checkQuery(query);
    const sql = `SELECT a.id, a.story_id, a.title, a.outlet, a.published, a.source,
                        snippet(articles_fts, 1, ?, ?, '…', 14) AS snippet
                 FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
                 WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 4.0, 1.0), a.seq LIMIT ? OFFSET ?`;
    const run = (q: string) => this.db.prepare(sql).all(MATCH_START, MATCH_END, q, options.limit ?? 20, options.offset ?? 0) as { id: string; story_id: string; title: string | null; outlet: string | null; published: string | null; source: string; snippet: string }[];
    let rows;
    try {
      rows = run(query);
    } catch {
      // Not valid FTS5: the words as plain words.
      rows = run(plainQuery(query));
    }
    return rows.map((r) => ({ articleId: r.id, storyId: r.story_id, title: r.title, outlet: r.outlet, published: r.published, source: r.source, snippet: r.snippet }));
  }
}
