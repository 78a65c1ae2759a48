import type { Migration } from '../migrations.js';

/**
 * The PostgreSQL schema, as the same numbered steps as SQLite's (../migrations.ts): version N
 * holds the same tables, columns and indexes on both engines, so one SCHEMA_VERSION describes a
 * store whatever its engine. `triangulate_schema` records the last step applied.
 *
 * Differences, each for a reason: text compared or sorted by the store (ids, days, outlets, terms)
 * is `COLLATE "C"`, byte order as in SQLite, whatever the database's locale; numbers that can pass
 * 2^31 (story numbers of a user's group, seqs) are `bigint`; descending orders say `NULLS LAST`,
 * as SQLite sorts NULL lowest; full-text search is a `tsvector` (title weighted A, text B; generated
 * up to schema 8, given by the writer since 9) with a GIN index instead of an FTS5 table and its triggers.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, stories, clustering state, reuse',
    up: `
      CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
      CREATE TABLE stories (
        id text COLLATE "C" PRIMARY KEY,
        num bigint NOT NULL UNIQUE,
        title text NOT NULL,
        first_published text COLLATE "C",
        last_published text COLLATE "C",
        article_count integer NOT NULL,
        updated_seq bigint NOT NULL
      );
      CREATE INDEX stories_recent ON stories (last_published DESC NULLS LAST, updated_seq DESC);
      CREATE TABLE articles (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        story_id text COLLATE "C" NOT NULL REFERENCES stories (id),
        source text NOT NULL,
        url text,
        title text,
        outlet text COLLATE "C",
        published text COLLATE "C",
        kind text,
        text text NOT NULL,
        data text NOT NULL,
        ingested_at text NOT NULL
      );
      CREATE INDEX articles_story ON articles (story_id, published);
      CREATE TABLE story_state (num bigint PRIMARY KEY, first_day integer, last_day integer, last_seq bigint NOT NULL, state text NOT NULL);
      CREATE INDEX story_state_day ON story_state (last_day);
      CREATE TABLE term_df (term text COLLATE "C" PRIMARY KEY, n bigint NOT NULL);
      CREATE TABLE reuse (
        from_id text COLLATE "C" NOT NULL,
        to_id text COLLATE "C" NOT NULL,
        story_id text COLLATE "C" NOT NULL,
        score double precision NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (from_id, to_id)
      );
      CREATE INDEX reuse_story ON reuse (story_id);
    `,
  },
  {
    version: 2,
    name: 'full-text search over titles and texts',
    // The first 200,000 characters of a text are indexed: a tsvector holds at most 1 MB.
    up: `
      ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS
        (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', left(text, 200000)), 'B')) STORED;
      CREATE INDEX articles_fts ON articles USING gin (fts);
    `,
  },
  {
    version: 3,
    name: 'watched feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        url text COLLATE "C" PRIMARY KEY,
        title text,
        etag text,
        last_modified text,
        added_at text NOT NULL,
        last_polled text,
        last_success text,
        last_error text,
        last_error_at text,
        failures integer NOT NULL DEFAULT 0,
        items_seen integer NOT NULL DEFAULT 0,
        articles_added integer NOT NULL DEFAULT 0,
        next_poll text
      );
      CREATE TABLE feed_items (
        feed_url text COLLATE "C" NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
        item_key text COLLATE "C" NOT NULL,
        seen_at text NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      );
    `,
  },
  {
    version: 4,
    name: 'indexes for browsing by outlet and by date',
    up: `
      CREATE INDEX articles_outlet ON articles (outlet, published, story_id, kind);
      CREATE INDEX articles_published ON articles (published DESC NULLS LAST, seq DESC);
    `,
  },
  {
    version: 5,
    name: 'cross-checks of stories, kept with the version of the story they were made for',
    up: `CREATE TABLE story_checks (story_id text COLLATE "C" PRIMARY KEY REFERENCES stories (id), version text NOT NULL, data text NOT NULL);`,
  },
  {
    version: 6,
    name: 'storylines: events that continue one another, their linking state, and text shared across stories',
    up: `
      CREATE TABLE storylines (
        id text COLLATE "C" PRIMARY KEY,
        num bigint NOT NULL UNIQUE,
        title text NOT NULL,
        first_published text COLLATE "C",
        last_published text COLLATE "C",
        event_count integer NOT NULL,
        article_count integer NOT NULL,
        updated_seq bigint NOT NULL
      );
      CREATE INDEX storylines_recent ON storylines (last_published DESC NULLS LAST, updated_seq DESC);
      CREATE TABLE storyline_events (story_id text COLLATE "C" PRIMARY KEY REFERENCES stories (id), storyline_id text COLLATE "C" NOT NULL REFERENCES storylines (id));
      CREATE INDEX storyline_events_line ON storyline_events (storyline_id);
      CREATE TABLE storyline_state (event_num bigint PRIMARY KEY, last_day integer, last_seq bigint NOT NULL, state text NOT NULL);
      CREATE INDEX storyline_state_day ON storyline_state (last_day);
      CREATE TABLE reuse_across (
        from_id text COLLATE "C" NOT NULL,
        to_id text COLLATE "C" NOT NULL,
        from_story text COLLATE "C" NOT NULL,
        to_story text COLLATE "C" NOT NULL,
        score double precision NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (from_id, to_id)
      );
      CREATE INDEX reuse_across_from ON reuse_across (from_story);
      CREATE INDEX reuse_across_to ON reuse_across (to_story);
    `,
  },
  {
    version: 7,
    name: "a story's outlets and kinds from an index",
    up: 'CREATE INDEX articles_story_outlet ON articles (story_id, outlet, kind);',
  },
  {
    version: 8,
    name: "every story's index keys",
    up: `
      CREATE TABLE story_keys (key text COLLATE "C" NOT NULL, num bigint NOT NULL, PRIMARY KEY (key, num));
      INSERT INTO story_keys (key, num) SELECT k, s.num FROM story_state s, json_array_elements_text(s.state::json -> 'keys') k ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 9,
    name: 'search vectors given by the writer',
    // The same values, no longer generated: a writer makes an article's vector before it takes the
    // placement lock and the commit stores it (pg/cluster.ts, SEARCH_VECTOR), so the lock is not
    // held while to_tsvector runs; the commit makes those it was not given the same way.
    up: 'ALTER TABLE articles ALTER COLUMN fts DROP EXPRESSION;',
  },
  {
    version: 10,
    name: 'documents compressed with lz4',
    // The long values (an article's text and data, the clustering and storyline states, the kept
    // checks, reuse records) compressed with lz4 instead of pglz, from the next value written on:
    // by hand, 500 bench articles inserted in 418 ms with pglz, ~240 ms with lz4, and 2,000 read
    // back in 58 against 46 ms, for 20% more bytes of data (8% of text). Where the server cannot
    // (before PostgreSQL 14, or built without lz4) the columns stay as they were.
    up: `
      DO $$
      BEGIN
        IF current_setting('server_version_num')::int >= 140000 THEN
          ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN data SET COMPRESSION lz4;
          ALTER TABLE story_state ALTER COLUMN state SET COMPRESSION lz4;
          ALTER TABLE storyline_state ALTER COLUMN state SET COMPRESSION lz4;
          ALTER TABLE story_checks ALTER COLUMN data SET COMPRESSION lz4;
          ALTER TABLE reuse ALTER COLUMN data SET COMPRESSION lz4;
          ALTER TABLE reuse_across ALTER COLUMN data SET COMPRESSION lz4;
        END IF;
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'lz4 compression is not available here: the store keeps the default';
      END $$;
    `,
  },
  {
    version: 11,
    name: 'term counts stamped with the commit that changed them',
    // A worker beside others reads back, each turn, only the counts changed since its last commit
    // (ClusterStore.termDf): every term's was 95 ms a turn at 10,000 articles (by hand, stop 29)
    // and grows with the vocabulary. The filter scans the table in the database, without an index:
    // an indexed stamp would make every count's update a non-HOT one.
    up: 'ALTER TABLE term_df ADD COLUMN epoch bigint NOT NULL DEFAULT 0;',
  },
];
