import { storedJson } from './serialize.js';
import { byDate, features, groupStoryId, publishedDay, storyId, StoryClusterer, type StoryState } from '../cluster/index.js';
import { PileReuse, PILE_REUSE } from '../cluster/pile-reuse.js';
import { reuseDoc, StoryReuse, type ReuseDoc, type ScoredReuse } from '../cluster/reuse.js';
import { fingerprint } from '../reuse/index.js';
import { STORIES, type StorySettings } from '../cluster/settings.js';
import type { Article } from '../model/article.js';
import type { PlacementBatch, StoreBackend, StoredArticle } from './backend.js';
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
  private clusterer!: StoryClusterer;
  private readonly reuse = new Map<number, StoryReuse>();
  private readonly ids = new Map<number, string>();
  private readonly pendingDocs = new Map<string, ReuseDoc>();
  private pendingArticles: { article: Article; storyId: string; num: number }[] = [];
  private pendingPairs: { pair: ScoredReuse; storyId: string }[] = [];
  private readonly pendingStories = new Map<number, { id: string; title: string }>();
  private pendingAcross: { pair: ScoredReuse; fromStory: string; toStory: string }[] = [];
  /** Null in a store opened before schema version 6 (tests of the migrations): no storylines to keep. */
  private storylines: StorylineWriter | null = null;
  private pile = new PileReuse();
  /** False in a store opened before schema version 8 (tests of the migrations): no story_keys to keep or read (the migration fills it from the states). */
  private keyed = true;
  /** False in a store opened before schema version 9 (tests of the migrations): PostgreSQL generates the search vectors itself. */
  private searchGiven = true;
  /** False in a store opened before schema version 11 (tests of the migrations): its term counts carry no epoch. */
  private stamped = true;
  /** The placement lock, held from the first article after a commit to the next commit. */
  private lock: { epoch: number; release(): Promise<void> } | null = null;
  /** The store's commit count when this writer's state was last current (null: never loaded). */
  private epoch: number | null = null;
  private firstDay: number | null;
  /** The last article seq the pile has seen (null: the pile is to be built from the store). */
  private pileSeq: number | null = null;
  /** What the last load read of the articles other writers stored since this one's last commit; null when it read the store afresh. */
  private since: readonly StoredArticle[] | null = null;
  /** Search vectors made before the lock (`ClusterStore.searchVectors`), with the title and text they were made from, to the next commit. */
  private readonly search = new Map<string, { vector: string; title: string | null; text: string }>();
  /** Search vectors asked for by `ahead`, awaited by the next `begin`. */
  private asked: Promise<void> | null = null;

  private constructor(
    private readonly store: StoreBackend,
    firstDay: number | null,
    private readonly settings: StorySettings,
  ) {
    this.firstDay = firstDay;
  }

  /**
   * A writer for a store, its state loaded when the first article comes (under the placement lock).
   *
   * @param firstDay the earliest publication day (days since the epoch) of the articles to come,
   *   so that every story still open for them is loaded; null when unknown.
   */
  static async open(store: StoreBackend, firstDay: number | null, settings: StorySettings = STORIES): Promise<StoreWriter> {
    return new StoreWriter(store, firstDay, settings);
  }

  /**
   * Load the clustering state from the store: the clusterer's counters and background, the stories
   * open for the articles to come, the storyline profiles, the recent articles for copies across
   * stories. Run again whenever another writer committed since this one did (PostgreSQL workers).
   */
  private async load(): Promise<void> {
    const c = this.store.clustering;
    const settings = this.settings;
    // A writer whose state was the store's at its last epoch reads only the counts changed since (schema 11 on).
    const changedSince = this.pileSeq !== null && this.stamped && this.epoch !== null ? this.epoch : undefined;
    const meta = async (k: string) => {
      const v = await this.store.meta(k);
      return v === null || v === '' ? null : Number(v);
    };
    // Nothing is committed while this writer holds the lock: the reads that do not depend on one
    // another go out together (each a round trip on PostgreSQL), the other writers' articles too.
    const others = this.pileSeq !== null ? c.articlesSince(this.pileSeq) : null;
    others?.catch(() => {}); // awaited below
    const [df, seqAt, today, docs, nextStory, version] = await Promise.all([
      c.termDf(changedSince),
      meta('cluster_seq'),
      meta('cluster_today'),
      meta('cluster_docs'),
      meta('cluster_next_story'),
      this.store.schemaVersion(),
    ]);
    const seq = seqAt ?? 0;
    const firstDay = this.firstDay;
    const background = { docs: docs ?? 0, df, nextStory: nextStory ?? 0, seq, today };
    this.ids.clear();
    // The stories open at the clock, and (for articles that arrive late) those open on their day.
    const from = Math.min(firstDay ?? today ?? 0, today ?? firstDay ?? 0) - settings.windowDays;
    if (this.pileSeq !== null) {
      // This writer's clusterer was the store's at its last commit: only the stories changed
      // since are read (StoryClusterer.refresh), not every open story's state again (read and parsed, 1.2-1.5 s
      // at 5,000 open stories by hand, each turn of a worker beside others).
      const open = await c.openStorySeqs(from, seq - settings.idleArticles);
      const read = this.clusterer.refresh(background, open, changedSince !== undefined);
      // The stories still held are unchanged since this writer's commit: so are their members, and their reuse indexes hold.
      for (const num of [...this.reuse.keys()]) if (!this.clusterer.isOpen(num)) this.reuse.delete(num);
      this.clusterer.load(await c.storyStates(read));
      for (const [num] of open) this.ids.set(num, storyId(this.clusterer.membersOf(num)[0]!));
    } else {
      this.reuse.clear();
      this.clusterer = new StoryClusterer(settings, background, { postings: true });
      const states = await c.openStoryStates(from, seq - settings.idleArticles);
      this.clusterer.load(states);
      for (const s of states) this.ids.set(s.id, storyId(s.members[0]!));
    }
    if (version < 6) this.storylines = null;
    else if (this.storylines && this.pileSeq !== null) await this.storylines.refresh((k) => meta(k), today, seq);
    else this.storylines = await StorylineWriter.open(c, (k) => meta(k), today, seq);
    this.keyed = version >= 8;
    this.searchGiven = version >= 9;
    this.stamped = version >= 11;
    // Copies across stories are looked for among the articles of the last PILE_REUSE.windowDays
    // (undated ones: the last PILE_REUSE.undatedArticles to arrive), taken back in their order of
    // arrival and with their places in it, so that a resumed ingest holds what an uninterrupted one
    // holds. Another worker's articles since this writer's last commit are held by the pile in
    // their order of arrival, as its own were (their pairs are that worker's, already stored), so
    // the pile is the one a single writer would hold, and so are the copies it finds.
    if (others && this.pileSeq !== null) {
      const since = await others;
      this.since = since;
      for (const a of since) {
        const doc = reuseDoc(a);
        this.pile.index(doc, a.storyId, fingerprint(doc.text), a.seq);
        this.pileSeq = a.seq;
      }
      this.pile.arrived(this.pileSeq);
      return;
    }
    this.since = null;
    this.pile = new PileReuse();
    const arrived = await this.store.storeVersion();
    for (const a of await c.recentArticles(dayString((today ?? firstDay ?? 0) - PILE_REUSE.windowDays), arrived - PILE_REUSE.undatedArticles)) this.pile.index(reuseDoc(a), a.storyId, undefined, a.seq);
    this.pile.arrived(arrived);
    this.pileSeq = arrived;
  }

  /**
   * Hold the placement lock, with this writer's state current (loaded again when another writer
   * committed meanwhile); true when it was loaded again. `coming`: the articles about to be
   * handed over; the stream is in publication order, so none to come is published before the
   * earliest of them, and a state loaded now needs no story closed before it (firstDay).
   */
  private async begin(coming: readonly Article[]): Promise<boolean> {
    if (this.lock) return false;
    const days = coming.map((a) => publishedDay(a.meta.published)).filter((d): d is number => d !== null);
    if (days.length) this.firstDay = Math.min(...days);
    // Their search vectors before the lock: another worker places meanwhile (by hand, 0.4-0.7 s of
    // a 500-article commit on PostgreSQL was making them and their index entries). Those `ahead`
    // asked for are waited for; the rest are made now.
    const asked = this.asked;
    this.asked = null;
    await asked;
    await this.makeVectors(coming.filter((a) => !this.search.has(a.id)));
    this.lock = await this.store.clustering.lockPlacement();
    try {
      const stale = this.epoch !== this.lock.epoch;
      if (stale) await this.load();
      this.epoch = this.lock.epoch;
      return stale;
    } catch (error) {
      await this.end();
      throw error;
    }
  }

  /**
   * Start making the search vectors of articles to come (cleaned, not yet annotated: a vector
   * reads only the title and text), so that the database makes them while this process annotates
   * the articles: a worker beside others then waits for its turn without them. The next `begin`
   * waits for them (and fails as it would have, if they failed).
   */
  ahead(coming: readonly Article[]): void {
    const before = this.asked;
    const made = (async () => {
      await before;
      await this.makeVectors(coming);
    })();
    made.catch(() => {}); // seen by the next begin, which awaits it
    this.asked = made;
  }

  /** The search vectors of these articles, kept to the next commit (none before schema 9, nor on SQLite). */
  private async makeVectors(articles: readonly Article[]): Promise<void> {
    const vectors = this.store.clustering.searchVectors;
    if (!vectors || !this.searchGiven || articles.length === 0) return;
    const made = await vectors(articles);
    for (const a of articles) {
      const vector = made.get(a.id);
      if (vector !== undefined) this.search.set(a.id, { vector, title: a.meta.title, text: a.text });
    }
  }

  /**
   * Take the placement lock now and keep it to the next `commit` (a worker beside others on one
   * store, from when its chunk (`coming`) is annotated up to the refs stage to when it is stored): true
   * when another writer had committed since this one last held it (or this one never held it), so
   * the names the processor resolves against are to be brought up to date (arrivedSince).
   */
  async hold(coming: readonly Article[]): Promise<boolean> {
    return this.begin(coming);
  }

  /**
   * After a `hold` that loaded the state again: the articles other writers stored since this one's
   * last commit, in order of arrival (what the state was brought up to date with), or null when the
   * state was read afresh (the first hold, or after a failed commit).
   */
  arrivedSince(): readonly StoredArticle[] | null {
    return this.since;
  }

  /** The search vector made for this article before the lock, if it was made from the title and text it has now. */
  private searchOf(article: Article): string | null {
    const s = this.search.get(article.id);
    return s && s.title === article.meta.title && s.text === article.text ? s.vector : null;
  }

  private async end(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  /**
   * The articles of `batch` the store does not have yet, asked under the placement lock (taken
   * here, held to the next commit), so that another worker's commit cannot slip between the
   * question and the placement: no article is stored twice.
   */
  async keepNew(batch: readonly Article[]): Promise<Article[]> {
    if (batch.length === 0) return [];
    await this.begin(batch);
    const known = await this.store.knownArticles(batch.map((a) => a.id));
    return batch.filter((a) => !known.has(a.id) && !this.pendingDocs.has(a.id));
  }

  /** Place one article (not yet stored): its story, and the text it shares with that story's members. */
  async add(article: Article): Promise<Placed> {
    await this.begin([article]);
    if (article.meta.group) return this.addGiven(article, article.meta.group);
    const f = features(article, this.settings);
    const prepared = this.clusterer.prepare(f);
    if (article.meta.published === null) await this.reopenFor(prepared.keys);
    const placed = this.clusterer.add(f, prepared);
    const { story: num, opened } = placed;
    if (opened) this.ids.set(num, storyId(article.id));
    const id = this.ids.get(num)!;
    const title = article.meta.title ?? '(untitled)';
    if (!this.pendingStories.has(num)) this.pendingStories.set(num, { id, title });
    const line = (await this.storylines?.place(f, placed, id, title, (k) => this.clusterer.frequency(k))) ?? null;
    const doc = reuseDoc(article);
    const fp = fingerprint(doc.text);
    const pairs = (await this.reuseIndex(num, article.id)).add(doc, true, fp);
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
  private async addGiven(article: Article, key: string): Promise<Placed> {
    const id = groupStoryId(key);
    const num = -(parseInt(id.slice(0, 8), 16) + 1);
    const known = this.pendingStories.has(num) || this.reuse.has(num) || (await this.store.clustering.storyExists(id));
    if (!this.pendingStories.has(num)) this.pendingStories.set(num, { id, title: article.meta.title ?? key });
    let index = this.reuse.get(num);
    if (!index) {
      index = new StoryReuse();
      this.reuse.set(num, index);
      const stored = (await this.store.clustering.articlesOf(id)).map((a) => reuseDoc(a));
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

  /**
   * Write everything since the last commit in one transaction and release the placement lock;
   * returns the number of articles written.
   */
  async commit(): Promise<number> {
    if (!this.lock) return 0;
    try {
      const changes = this.clusterer.drain();
      const articles = this.pendingArticles;
      if (articles.length === 0 && changes.stories.length === 0) return 0;
      const lines = this.storylines?.drain() ?? null;
      const record = (pair: ScoredReuse) => ({ from: pair.record.from, to: pair.record.to, score: pair.score, data: storedJson(pair.record) });
      // The commit count this commit makes: the store's, and the stamp on the term counts it changes.
      const epoch = this.lock.epoch + 1;
      const batch: PlacementBatch = {
        stories: [...this.pendingStories].map(([num, s]) => ({ id: s.id, num, title: s.title })),
        articles: articles.map(({ article, storyId }) => (this.searchGiven ? { article, storyId, search: this.searchOf(article) } : { article, storyId })),
        at: new Date().toISOString(),
        pairs: this.pendingPairs.map(({ pair, storyId }) => ({ ...record(pair), storyId })),
        across: this.storylines ? this.pendingAcross.map(({ pair, fromStory, toStory }) => ({ ...record(pair), fromStory, toStory })) : [],
        storylines: lines,
        states: changes.stories.map((st) => ({ num: st.id, firstDay: st.firstDay, lastDay: st.lastDay, lastSeq: st.lastSeq, state: storedJson(st) })),
        keys: this.keyed ? changes.newKeys : [],
        dfDelta: [...changes.dfDelta],
        epoch: this.stamped ? epoch : null,
        meta: {
          cluster_docs: String(changes.docs),
          cluster_next_story: String(changes.nextStory),
          cluster_seq: String(changes.seq),
          cluster_today: changes.today === null ? '' : String(changes.today),
          ...lines?.meta,
          placement_epoch: String(epoch),
        },
      };
      await this.store.clustering.commit(batch);
      this.epoch = epoch;
      this.pileSeq = await this.store.storeVersion();
      this.pendingArticles = [];
      this.pendingPairs = [];
      this.pendingAcross = [];
      this.pendingStories.clear();
      this.pendingDocs.clear();
      this.search.clear();
      testStop('commit');
      // Closed stories take no more articles: their reuse indexes can go.
      for (const num of [...this.reuse.keys()]) if (!this.clusterer.isOpen(num)) this.reuse.delete(num);
      for (const num of [...this.ids.keys()]) if (!this.clusterer.isOpen(num)) this.ids.delete(num);
      return articles.length;
    } catch (error) {
      // What this writer holds is no longer what the store holds.
      this.epoch = null;
      this.pileSeq = null;
      throw error;
    } finally {
      await this.end();
    }
  }

  /**
   * An article without a date cannot be placed in time, so, as in a batch (`clusterStories`), it is
   * compared with closed stories too: those its candidates would be if every story were open (the
   * stories posted under the most of its index keys, story_keys, by the clusterer's own rule) are
   * taken back from their saved state. The work is bounded as the clusterer's is (at most
   * `maxPosting` stories read per key), however large the store. Postings not yet committed are
   * not in the store, so callers commit before the first undated article.
   */
  private async reopenFor(keys: readonly string[]): Promise<void> {
    if (keys.length === 0 || !this.keyed) return;
    const nums = await this.store.clustering.candidateStories(keys, this.settings.maxPosting, this.settings.maxCandidates);
    const closed = await this.store.clustering.storyStates(nums.filter((n) => !this.clusterer.isOpen(n)));
    this.clusterer.load(closed);
    for (const st of closed) this.ids.set(st.id, storyId(st.members[0]!));
    await this.storylines?.reopen(closed.map((st) => st.id));
  }

  /** The reuse index of a story, rebuilt from the store (members only indexed) when first needed. */
  private async reuseIndex(num: number, joining: string): Promise<StoryReuse> {
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
    if (missing.length) for (const a of await this.store.clustering.articlesById(missing)) docs.push(reuseDoc(a));
    for (const d of docs.sort(byDate)) index.add(d, false);
    return index;
  }
}

/** The ISO day of a day number (days since the epoch). */
function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
