import type { Statement } from 'better-sqlite3';
import { byDate, features, groupStoryId, storyId, StoryClusterer, type Features, type StoryState } from '../cluster/index.js';
import { PileReuse, PILE_REUSE } from '../cluster/pile-reuse.js';
import { reuseDoc, StoryReuse, type ReuseDoc, type ScoredReuse } from '../cluster/reuse.js';
import { fingerprint } from '../reuse/index.js';
import { STORIES, type StorySettings } from '../cluster/settings.js';
import type { Article } from '../model/article.js';
import { articleData, articleFromRow } from './serialize.js';
import type { Store } from './store.js';
import { testStop } from '../util/test-stop.js';
import { StorylineWriter } from './storyline-writer.js';

/** What happened to one article handed to the writer. */
export interface Placed {
  readonly articleId: string;
  readonly storyId: string;
  /** True when the article started a new story. */
  readonly opened: boolean;
  /** Pairs of shared text found with earlier members of its story. */
  readonly reuse: number;
  /** The storyline its story belongs to now (null in a store older than schema version 6). */
  readonly storylineId: string | null;
  /** Pairs of shared text found with articles of other stories. */
  readonly reuseAcross: number;
}

/**
 * Writes annotated articles into the store: each one joins a story (the online clusterer, its
 * state loaded from and saved to the store) and is aligned with the story's earlier members for
 * reuse. Work is buffered and written by `commit()` in one transaction — articles, stories,
 * reuse pairs, the clustering state and the background frequencies together — so a killed ingest
 * leaves the store exactly as it was after its last commit: every article there whole, with its
 * story and the state that placed it, and the next ingest goes on from there.
 *
 * Articles must come in publication order (`byDate`) for the stories to be the same whatever the
 * order of the input files; an article already in the store must not be handed over again.
 */
export class StoreWriter {
  private readonly clusterer: StoryClusterer;
  private readonly reuse = new Map<number, StoryReuse>();
  private readonly ids = new Map<number, string>();
  private readonly pendingDocs = new Map<string, ReuseDoc>();
  private pendingArticles: { article: Article; storyId: string; num: number }[] = [];
  private pendingPairs: { pair: ScoredReuse; storyId: string }[] = [];
  private readonly pendingStories = new Map<number, { id: string; title: string }>();
  private pendingAcross: { pair: ScoredReuse; fromStory: string; toStory: string }[] = [];
  /** Null in a store opened before schema version 6 (tests of the migrations): no storylines to keep. */
  private readonly storylines: StorylineWriter | null;
  private readonly pile = new PileReuse();
  /** Statements of `reopenFor`, prepared on first use. */
  private reopenQueries?: { stories: Statement; state: Statement };

  /**
   * @param firstDay the earliest publication day (days since the epoch) of the articles to come,
   *   so that every story still open for them is loaded; null when unknown.
   */
  constructor(
    private readonly store: Store,
    firstDay: number | null,
    private readonly settings: StorySettings = STORIES,
  ) {
    const db = store.db;
    const df = new Map<string, number>();
    for (const r of db.prepare('SELECT term, n FROM term_df').raw().iterate() as IterableIterator<[string, number]>) df.set(r[0], r[1]);
    const num = (k: string) => {
      const v = store.meta(k);
      return v === null || v === '' ? null : Number(v);
    };
    const seq = num('cluster_seq') ?? 0;
    const today = num('cluster_today');
    this.clusterer = new StoryClusterer(settings, { docs: num('cluster_docs') ?? 0, df, nextStory: num('cluster_next_story') ?? 0, seq, today });
    // The stories open at the clock, and (for articles that arrive late) those open on their day.
    const from = Math.min(firstDay ?? today ?? 0, today ?? firstDay ?? 0) - settings.windowDays;
    const states = (
      db.prepare('SELECT state FROM story_state WHERE last_day >= ? UNION ALL SELECT state FROM story_state WHERE last_day IS NULL AND last_seq >= ?').raw().all(from, seq - settings.idleArticles) as [string][]
    ).map(([s]) => JSON.parse(s) as StoryState);
    this.clusterer.load(states);
    for (const s of states) this.ids.set(s.id, storyId(s.members[0]!));
    this.storylines = store.schemaVersion >= 6 ? new StorylineWriter(store, today, seq) : null;
    // Copies across stories are looked for among the articles of the last PILE_REUSE.windowDays
    // (undated ones: the last PILE_REUSE.undatedArticles to arrive), taken back in their order of
    // arrival and with their places in it, so that a resumed ingest holds what an uninterrupted one holds.
    const arrived = (db.prepare('SELECT coalesce(max(seq), 0) FROM articles').pluck().get() as number) ?? 0;
    const recent = db
      .prepare(
        `SELECT seq, id, text, data, story_id FROM articles WHERE published >= ? AND length(published) = 10
         UNION ALL SELECT seq, id, text, data, story_id FROM articles WHERE seq >= ? AND (published IS NULL OR length(published) != 10)
         ORDER BY seq`,
      )
      .all(dayString((today ?? firstDay ?? 0) - PILE_REUSE.windowDays), arrived - PILE_REUSE.undatedArticles) as { seq: number; id: string; text: string; data: string; story_id: string }[];
    for (const r of recent) this.pile.index(reuseDoc(articleFromRow(r)), r.story_id, undefined, r.seq);
    this.pile.arrived(arrived);
  }

  /** Place one article (not yet stored): its story, and the text it shares with that story's members. */
  add(article: Article): Placed {
    if (article.meta.group) return this.addGiven(article, article.meta.group);
    const f = features(article, this.settings);
    if (article.meta.published === null) this.reopenFor(f);
    const placed = this.clusterer.add(f);
    const { story: num, opened } = placed;
    if (opened) this.ids.set(num, storyId(article.id));
    const id = this.ids.get(num)!;
    const title = article.meta.title ?? '(untitled)';
    if (!this.pendingStories.has(num)) this.pendingStories.set(num, { id, title });
    const line = this.storylines?.place(f, placed, id, title, (k) => this.clusterer.frequency(k)) ?? null;
    const doc = reuseDoc(article);
    const fp = fingerprint(doc.text);
    const pairs = this.reuseIndex(num, article.id).add(doc, true, fp);
    this.pendingDocs.set(article.id, doc);
    this.pendingArticles.push({ article, storyId: id, num });
    for (const pair of pairs) this.pendingPairs.push({ pair, storyId: id });
    const across = this.across(doc, id, fp);
    return { articleId: article.id, storyId: id, opened, reuse: pairs.length, storylineId: line, reuseAcross: across };
  }

  /** Text the article shares with articles of other stories (PileReuse), noted for the commit. */
  private across(doc: ReuseDoc, story: string, fp: ReturnType<typeof fingerprint>): number {
    const found = this.pile.add(doc, story, fp);
    for (const pair of found) this.pendingAcross.push({ pair, fromStory: this.pile.storyOf(pair.record.from)!, toStory: this.pile.storyOf(pair.record.to)! });
    return found.length;
  }

  /**
   * An article the user put in a story (`--one-story`, `--group-by`): it joins the story of its key
   * (the same id as in a batch, groupStoryId), never the clusterer's, and is aligned for reuse with
   * that story's earlier members. The story's number is negative, out of the clusterer's range.
   */
  private addGiven(article: Article, key: string): Placed {
    const id = groupStoryId(key);
    const num = -(parseInt(id.slice(0, 8), 16) + 1);
    const known = this.pendingStories.has(num) || this.reuse.has(num) || this.store.db.prepare('SELECT 1 FROM stories WHERE id = ?').get(id) !== undefined;
    if (!this.pendingStories.has(num)) this.pendingStories.set(num, { id, title: article.meta.title ?? key });
    let index = this.reuse.get(num);
    if (!index) {
      index = new StoryReuse();
      this.reuse.set(num, index);
      const stored = (this.store.db.prepare('SELECT id, text, data FROM articles WHERE story_id = ?').all(id) as { id: string; text: string; data: string }[]).map((r) => reuseDoc(articleFromRow(r)));
      const pending = this.pendingArticles.filter((p) => p.storyId === id).map((p) => this.pendingDocs.get(p.article.id)!);
      for (const d of [...stored, ...pending].sort(byDate)) index.add(d, false);
    }
    const doc = reuseDoc(article);
    const fp = fingerprint(doc.text);
    const pairs = index.add(doc, true, fp);
    this.pendingDocs.set(article.id, doc);
    this.pendingArticles.push({ article, storyId: id, num });
    for (const pair of pairs) this.pendingPairs.push({ pair, storyId: id });
    const line = this.storylines?.given(id, num, key, article.meta.title ?? key) ?? null;
    return { articleId: article.id, storyId: id, opened: !known, reuse: pairs.length, storylineId: line, reuseAcross: this.across(doc, id, fp) };
  }

  /** Write everything since the last commit in one transaction; returns the number of articles written. */
  commit(): number {
    const changes = this.clusterer.drain();
    const articles = this.pendingArticles;
    if (articles.length === 0 && changes.stories.length === 0) return 0;
    const db = this.store.db;
    const now = new Date().toISOString();
    const insertStory = db.prepare('INSERT INTO stories (id, num, title, first_published, last_published, article_count, updated_seq) VALUES (?, ?, ?, NULL, NULL, 0, 0) ON CONFLICT (id) DO NOTHING');
    const insertArticle = db.prepare('INSERT INTO articles (id, story_id, source, url, title, outlet, published, kind, text, data, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const updateStory = db.prepare(
      `UPDATE stories SET article_count = (SELECT count(*) FROM articles WHERE story_id = @id),
              first_published = (SELECT min(published) FROM articles WHERE story_id = @id),
              last_published = (SELECT max(published) FROM articles WHERE story_id = @id),
              updated_seq = (SELECT max(seq) FROM articles WHERE story_id = @id) WHERE id = @id`,
    );
    const insertPair = db.prepare('INSERT OR IGNORE INTO reuse (from_id, to_id, story_id, score, data) VALUES (?, ?, ?, ?, ?)');
    const insertAcross = this.storylines ? db.prepare('INSERT OR IGNORE INTO reuse_across (from_id, to_id, from_story, to_story, score, data) VALUES (?, ?, ?, ?, ?, ?)') : null;
    const saveState = db.prepare('INSERT INTO story_state (num, first_day, last_day, last_seq, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (num) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state');
    const addDf = db.prepare('INSERT INTO term_df (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n');
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    db.transaction(() => {
      for (const [num, s] of this.pendingStories) insertStory.run(s.id, num, s.title);
      for (const { article: a, storyId: sid } of articles) {
        insertArticle.run(a.id, sid, a.source, a.meta.url, a.meta.title, a.meta.outlet, a.meta.published, a.classification?.kind ?? null, a.text, articleData(a), now);
      }
      for (const s of this.pendingStories.values()) updateStory.run({ id: s.id });
      for (const { pair, storyId: sid } of this.pendingPairs) insertPair.run(pair.record.from, pair.record.to, sid, pair.score, JSON.stringify(pair.record));
      if (this.storylines) {
        for (const { pair, fromStory, toStory } of this.pendingAcross) insertAcross!.run(pair.record.from, pair.record.to, fromStory, toStory, pair.score, JSON.stringify(pair.record));
        this.storylines.write();
      }
      for (const st of changes.stories) saveState.run(st.id, st.firstDay, st.lastDay, st.lastSeq, JSON.stringify(st));
      for (const [term, n] of changes.dfDelta) addDf.run(term, n);
      setMeta.run('cluster_docs', String(changes.docs));
      setMeta.run('cluster_next_story', String(changes.nextStory));
      setMeta.run('cluster_seq', String(changes.seq));
      setMeta.run('cluster_today', changes.today === null ? '' : String(changes.today));
    }).immediate();
    this.pendingArticles = [];
    this.pendingPairs = [];
    this.pendingAcross = [];
    this.pendingStories.clear();
    this.pendingDocs.clear();
    testStop('commit');
    // Closed stories take no more articles: their reuse indexes can go.
    for (const num of [...this.reuse.keys()]) if (!this.clusterer.isOpen(num)) this.reuse.delete(num);
    for (const num of [...this.ids.keys()]) if (!this.clusterer.isOpen(num)) this.ids.delete(num);
    return articles.length;
  }

  /**
   * An article without a date cannot be placed in time, so, as in a batch (`clusterStories`), it is
   * compared with closed stories too: those whose stored articles best match its words (full-text
   * search, at most `maxCandidates`) are taken back from their saved state. Articles not yet
   * committed are not searchable, so callers commit before the first undated article.
   */
  private reopenFor(f: Features): void {
    const words = this.clusterer.probeWords(f);
    if (words.length === 0) return;
    const query = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
    const db = this.store.db;
    this.reopenQueries ??= {
      stories: db
        .prepare(
          `SELECT s.num FROM (SELECT rowid AS seq, bm25(articles_fts) AS rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid LIMIT ?) m
           JOIN articles a ON a.seq = m.seq JOIN stories s ON s.id = a.story_id GROUP BY s.num ORDER BY min(m.rank), s.num LIMIT ?`,
        )
        .raw(),
      state: db.prepare('SELECT state FROM story_state WHERE num = ?').raw(),
    };
    const nums = this.reopenQueries.stories.all(query, this.settings.maxCandidates * 4, this.settings.maxCandidates) as [number][];
    const closed: StoryState[] = [];
    for (const [num] of nums) {
      if (this.clusterer.isOpen(num)) continue;
      const row = this.reopenQueries.state.get(num) as [string] | undefined;
      if (row) closed.push(JSON.parse(row[0]) as StoryState);
    }
    this.clusterer.load(closed);
    for (const st of closed) this.ids.set(st.id, storyId(st.members[0]!));
    this.storylines?.reopen(closed.map((st) => st.id));
  }

  /** The reuse index of a story, rebuilt from the store (members only indexed) when first needed. */
  private reuseIndex(num: number, joining: string): StoryReuse {
    let index = this.reuse.get(num);
    if (index) return index;
    index = new StoryReuse();
    this.reuse.set(num, index);
    const earlier = this.clusterer.membersOf(num).filter((id) => id !== joining);
    const docs: ReuseDoc[] = [];
    const missing: string[] = [];
    for (const id of earlier) {
      const d = this.pendingDocs.get(id);
      if (d) docs.push(d);
      else missing.push(id);
    }
    if (missing.length) {
      const get = this.store.db.prepare('SELECT id, text, data FROM articles WHERE id = ?');
      for (const id of missing) {
        const row = get.get(id) as { id: string; text: string; data: string } | undefined;
        if (row) docs.push(reuseDoc(articleFromRow(row)));
      }
    }
    for (const d of docs.sort(byDate)) index.add(d, false);
    return index;
  }
}

/** The ISO day of a day number (days since the epoch). */
function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
