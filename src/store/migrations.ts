import type { Database } from 'better-sqlite3';

/** One step of the store's schema. Applied in order, each in its own transaction, never edited once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/**
 * The schema, as the steps that build it. `PRAGMA user_version` records the last step applied, so
 * a store made by an older triangulate is brought up to date when it is opened, and a store made
 * by a newer one is refused instead of being damaged.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, stories, clustering state, reuse',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        num INTEGER NOT NULL UNIQUE,          -- the clusterer's story number
        title TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        article_count INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL          -- seq of the last article that joined
      );
      CREATE INDEX stories_recent ON stories (last_published DESC, updated_seq DESC);
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,              -- order of arrival in the store
        id TEXT NOT NULL UNIQUE,              -- sha256(url + text), as in analyze
        story_id TEXT NOT NULL REFERENCES stories (id),
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        kind TEXT,
        text TEXT NOT NULL,                   -- the cleaned text every span indexes
        data TEXT NOT NULL,                   -- JSON: metadata, removed spans, annotation layers
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_story ON articles (story_id, published);
      -- Open stories' clustering state (StoryState JSON), so a later ingest goes on where this one stopped.
      CREATE TABLE story_state (
        num INTEGER PRIMARY KEY,
        first_day INTEGER,
        last_day INTEGER,
        last_seq INTEGER NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX story_state_day ON story_state (last_day);
      -- The rolling background corpus: document frequency of each clustering feature.
      CREATE TABLE term_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      -- Every pair of articles of one story that share text; the copy chain is chosen from these when read.
      CREATE TABLE reuse (
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        score REAL NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (from_id, to_id)
      ) WITHOUT ROWID;
      CREATE INDEX reuse_story ON reuse (story_id);
    `,
  },
  {
    version: 2,
    name: 'full-text search over titles and texts',
    up: `
      CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    `,
  },
  {
    version: 3,
    name: 'watched feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        etag TEXT,                            -- validators for conditional requests
        last_modified TEXT,
        added_at TEXT NOT NULL,
        last_polled TEXT,
        last_success TEXT,
        last_error TEXT,
        last_error_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls (the back-off grows with it)
        items_seen INTEGER NOT NULL DEFAULT 0,
        articles_added INTEGER NOT NULL DEFAULT 0,
        next_poll TEXT                        -- not polled before this instant (back-off, Retry-After)
      ) WITHOUT ROWID;
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
        item_key TEXT NOT NULL,               -- the item's guid/id, else its link
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'indexes for browsing by outlet and by date',
    up: `
      CREATE INDEX articles_outlet ON articles (outlet, published, story_id, kind);
      CREATE INDEX articles_published ON articles (published DESC, seq DESC);
    `,
  },
  {
    version: 5,
    name: 'cross-checks of stories, kept with the version of the story they were made for',
    up: `
      CREATE TABLE story_checks (
        story_id TEXT PRIMARY KEY REFERENCES stories (id),
        version TEXT NOT NULL,                -- the story's updated_seq:article_count when checked
        data TEXT NOT NULL                    -- JSON: the StoryCheck (claims, labels, loaded, framing, timeline, brief)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'storylines: events that continue one another, their linking state, and text shared across stories',
    up: `
      CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        num INTEGER NOT NULL UNIQUE,          -- the linker's storyline number (a user's group: its story's negative number)
        title TEXT NOT NULL,                  -- the title of its first event
        first_published TEXT,
        last_published TEXT,
        event_count INTEGER NOT NULL,
        article_count INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL          -- seq of the last article that joined one of its events
      );
      CREATE INDEX storylines_recent ON storylines (last_published DESC, updated_seq DESC);
      -- Every story (event) belongs to one storyline; a link between two storylines moves every row of one into the other.
      CREATE TABLE storyline_events (
        story_id TEXT PRIMARY KEY REFERENCES stories (id),
        storyline_id TEXT NOT NULL REFERENCES storylines (id)
      ) WITHOUT ROWID;
      CREATE INDEX storyline_events_line ON storyline_events (storyline_id);
      -- Each event's linking profile (EventProfileState JSON), loaded again while it can be linked (src/cluster/storylines.ts).
      CREATE TABLE storyline_state (
        event_num INTEGER PRIMARY KEY,        -- stories.num
        last_day INTEGER,
        last_seq INTEGER NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX storyline_state_day ON storyline_state (last_day);
      -- Pairs of articles of two different stories that share text (src/cluster/pile-reuse.ts).
      CREATE TABLE reuse_across (
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        from_story TEXT NOT NULL,
        to_story TEXT NOT NULL,
        score REAL NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (from_id, to_id)
      ) WITHOUT ROWID;
      CREATE INDEX reuse_across_from ON reuse_across (from_story);
      CREATE INDEX reuse_across_to ON reuse_across (to_story);
    `,
  },
  {
    version: 7,
    name: "a story's outlets and kinds from an index",
    // Every story summary (the story list, each story page) lists its outlets, and the outlet and
    // kind filters ask whether a story has one: read from the index, without visiting the article
    // rows (their first page, each a random read in a large store).
    up: 'CREATE INDEX articles_story_outlet ON articles (story_id, outlet, kind);',
  },
  {
    version: 8,
    name: "every story's index keys",
    // An undated article is compared with the closed stories its candidates would be if every
    // story were open (StoreWriter.reopenFor): the stories posted under the most of its index
    // keys, as the clusterer's own index ranks them, read from here. Filled from the saved states.
    up: `
      CREATE TABLE story_keys (key TEXT NOT NULL, num INTEGER NOT NULL, PRIMARY KEY (key, num)) WITHOUT ROWID;
      INSERT OR IGNORE INTO story_keys (key, num) SELECT j.value, s.num FROM story_state s, json_each(s.state, '$.keys') j;
    `,
  },
  {
    version: 9,
    name: 'search vectors given by the writer',
    // PostgreSQL's step (pg/migrations.ts): its generated tsvector becomes a column the writer
    // fills before the placement lock. FTS5 is filled by its triggers in the commit here (one
    // writer per file): nothing changes, and the version stays one for both engines.
    up: 'SELECT 1;',
  },
  {
    version: 10,
    name: 'documents compressed with lz4',
    // PostgreSQL's step (pg/migrations.ts): how its TOAST compresses the long values. SQLite does
    // not compress them: nothing changes, and the version stays one for both engines.
    up: 'SELECT 1;',
  },
  {
    version: 11,
    name: 'term counts stamped with the commit that changed them',
    // A writer beside others reads back only the counts changed since it was current
    // (ClusterStore.termDf), not every term at each turn. 0: changed before the stamps.
    up: 'ALTER TABLE term_df ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;',
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Bring a database up to `target` (default: the latest version); returns the versions applied. */
export function migrate(db: Database, target = SCHEMA_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new StoreError(`schema version ${current} is newer than this triangulate knows (${SCHEMA_VERSION}); upgrade triangulate`, 'environment');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

/**
 * A problem with the store a user can act on; the CLI prints its message in one line. `usage`: the
 * command asked for something that is not there (no such store or story: exit 2); `environment`:
 * the store cannot be used as it is (busy, locked, damaged, made by a newer triangulate: exit 4).
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';

  constructor(
    message: string,
    readonly kind: 'usage' | 'environment' = 'usage',
  ) {
    super(message);
  }
}
