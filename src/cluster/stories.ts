import { STORIES, type StorySettings } from './settings.js';
import type { Features } from './features.js';

/**
 * A story as the clusterer holds it: summed weighted vectors of its members, their facts and days.
 * Plain data, so a store can save it and load it back (see `StoryState`).
 */
interface Story {
  readonly id: number;
  readonly members: string[];
  /** Summed unit vectors of its members: content words and, under `@`, entity refs. */
  readonly terms: Map<string, number>;
  readonly facts: Map<string, number>;
  /** Index keys this story is posted under (top features of its members). */
  readonly keys: Set<string>;
  firstDay: number | null;
  lastDay: number | null;
  daySum: number;
  dated: number;
  /** Sequence number of the clusterer's last article that joined this story. */
  lastSeq: number;
}

/** A story's clustering state as JSON-safe data: what a store keeps to go on clustering later. */
export interface StoryState {
  readonly id: number;
  readonly members: readonly string[];
  readonly terms: readonly (readonly [string, number])[];
  /**
   * Entity refs apart from words: states saved before both shared one vector (empty since); `load`
   * folds them in.
   */
  readonly entities?: readonly (readonly [string, number])[];
  readonly facts: readonly (readonly [string, number])[];
  readonly keys: readonly string[];
  readonly firstDay: number | null;
  readonly lastDay: number | null;
  readonly daySum: number;
  readonly dated: number;
  readonly lastSeq: number;
}

/** The rolling background corpus: documents seen and the document frequency of each feature. */
export interface Background {
  readonly docs: number;
  readonly df: ReadonlyMap<string, number>;
  /** Id the next new story gets. */
  readonly nextStory: number;
  /** Articles seen so far (the sequence clock of `idleArticles`). */
  readonly seq: number;
  /** The latest publication day seen (days since the epoch), or null. */
  readonly today: number | null;
}

export interface StoryAssignment {
  readonly articleId: string;
  readonly story: number;
  /** True when the article started the story. */
  readonly opened: boolean;
  readonly similarity: number;
  /** The article's weighted vector (content words and `@` refs, unit length), as the story summed it: what storyline linking reads. */
  readonly vector: ReadonlyMap<string, number>;
}

/** An article counted and weighed, not yet placed (`prepare`). */
export interface Prepared {
  /** Its weighted vector. */
  readonly terms: Map<string, number>;
  /** Its highest-weighted features, the index keys its candidates are looked up by. */
  readonly keys: readonly string[];
}

/** Articles carrying a feature, out of `docs`. */
export interface Frequency {
  readonly df: number;
  readonly docs: number;
}

/** What changed since the last `drain()`: stories to save, document-frequency increments, counters. */
export interface ClusterChanges {
  readonly stories: readonly StoryState[];
  /** (story, key) postings made since the last drain (with `postings`; else empty): each story's keys grow, never shrink. */
  readonly newKeys: readonly (readonly [number, string])[];
  readonly dfDelta: ReadonlyMap<string, number>;
  readonly docs: number;
  readonly nextStory: number;
  readonly seq: number;
  readonly today: number | null;
}

/**
 * Online story clustering. Articles arrive in publication order; each joins the most similar open
 * story or starts a new one, and nothing already assigned is recomputed.
 *
 * Similarity = cosine of TF-IDF vectors over content words and entity refs (article against the
 * story's members), plus a bonus for specific figures and days both state ("33 soldiers",
 * 2020-02-27), scaled down by the days between the article and the story. IDF comes from a rolling
 * background: document frequencies of everything seen so far, smoothed by a prior.
 *
 * Candidates come from an inverted index: only stories that share one of the article's
 * highest-weighted words or refs are scored. A story that received no article for `windowDays`
 * (or, undated, for `idleArticles` articles) is closed: it leaves memory and the index, so the
 * cost per article and the memory stay flat however many articles came before.
 *
 * The state is plain data: `drain()` hands a store what changed, and `load()` takes open stories
 * back, so an ingest can stop and a later one go on with the same results.
 */
export class StoryClusterer {
  private readonly open = new Map<number, Story>();
  private readonly index = new Map<string, Set<number>>();
  /** Document frequency of every feature seen, with what came since the last drain: one lookup per feature an article counts. */
  private df: Map<string, Count>;
  /** Features counted since the last drain, in the order they first were (their `fresh` is above 0). */
  private readonly fresh: string[] = [];
  private readonly touched = new Map<number, Story>();
  /** Keys stories were posted under since the last drain, in the order they were, for a store's index of every story (StoreWriter.reopenFor); null unless asked for (a batch holds every story anyway). */
  private readonly newKeys: (readonly [number, string])[] | null;
  private docs: number;
  private nextStory: number;
  private seq: number;
  private today: number | null = null;

  constructor(
    private readonly settings: StorySettings = STORIES,
    background?: Background,
    options: { readonly postings?: boolean } = {},
  ) {
    this.newKeys = options.postings ? [] : null;
    this.df = counts(background?.df);
    this.docs = background?.docs ?? 0;
    this.nextStory = background?.nextStory ?? 0;
    this.seq = background?.seq ?? 0;
    this.today = background?.today ?? null;
  }

  /** Take back stories a store saved (the open ones); they become candidates again. */
  load(states: Iterable<StoryState>): void {
    for (const st of states) {
      const terms = new Map(st.terms);
      if (st.entities?.length) {
        // Saved when words and refs were two unit vectors per article: fold the refs in under `@`
        // and scale both by 1/sqrt(2), so each member again weighs about one unit vector.
        for (const [k, w] of terms) terms.set(k, w * Math.SQRT1_2);
        for (const [k, w] of st.entities) terms.set(`@${k}`, w * Math.SQRT1_2);
      }
      const s: Story = {
        id: st.id,
        members: [...st.members],
        terms,
        facts: new Map(st.facts),
        keys: new Set(st.keys),
        firstDay: st.firstDay,
        lastDay: st.lastDay,
        daySum: st.daySum,
        dated: st.dated,
        lastSeq: st.lastSeq,
      };
      this.open.set(s.id, s);
      for (const k of s.keys) post(this.index, k, s.id);
    }
  }

  /** How many of the articles seen so far carry this feature, and how many there were (with the prior the weights smooth by): how common a participant is. */
  frequency(key: string): Frequency {
    return { df: this.df.get(key)?.n ?? 0, docs: this.docs + this.settings.priorDocs };
  }

  /**
   * Go on from a store's current state in place of loading it afresh (StoreWriter, after other
   * writers committed; nothing pending here): the background and clocks become `background`'s,
   * and of the stories held, those `open` lists (number, last seq) with the last seq held stay as
   * they are (a story changes only when an article joins it, which moves its last seq); the others
   * held are dropped. Returns the listed stories to `load` from the store: the same state as a new
   * clusterer loading every listed story, without rebuilding those held. `changedOnly`: the
   * background's frequencies are only those changed since this clusterer's were the store's (the
   * others stand as they are).
   */
  refresh(background: Background, open: readonly (readonly [number, number])[], changedOnly = false): number[] {
    // Every feature counted here was committed (nothing is pending), so the store's frequencies
    // cover them: the counts are set in place, not made again for every feature at each turn.
    for (const [k, n] of background.df) {
      const c = this.df.get(k);
      if (!c) this.df.set(k, { n, fresh: 0 });
      else {
        c.n = n;
        c.fresh = 0;
      }
    }
    if (!changedOnly && this.df.size !== background.df.size) this.df = counts(background.df);
    this.docs = background.docs;
    this.nextStory = background.nextStory;
    this.seq = background.seq;
    this.today = background.today;
    this.fresh.length = 0;
    this.touched.clear();
    this.newKeys?.splice(0);
    const listed = new Map(open);
    for (const s of [...this.open.values()]) if (listed.get(s.id) !== s.lastSeq) this.close(s);
    return open.filter(([num]) => !this.open.has(num)).map(([num]) => num);
  }

  /** True while a story can still take articles (it is in memory). */
  isOpen(id: number): boolean {
    return this.open.has(id);
  }

  /** Article ids of an open story, in the order they joined. */
  membersOf(id: number): readonly string[] {
    return this.open.get(id)?.members ?? [];
  }

  /**
   * The first half of `add`: the article counts into the background (its clock, documents and
   * frequencies) and is weighed; `keys` are the features its candidate stories are looked up by.
   * A store looks up closed stories by them between the two halves (StoreWriter.reopenFor), with
   * the weights `add` places by.
   */
  prepare(f: Features): Prepared {
    this.seq++;
    if (f.day !== null && (this.today === null || f.day > this.today)) {
      this.today = f.day;
      this.closeIdle();
    } else if (this.seq % 1000 === 0) this.closeIdle();
    this.docs++;
    for (const k of f.bag.keys()) this.count(k);
    const terms = this.weigh(f);
    return { terms, keys: top(terms, this.settings.probeFeatures) };
  }

  /** Place an article (counted and weighed by `prepare`, or here): it joins its most similar open story, or starts one. */
  add(f: Features, prepared: Prepared = this.prepare(f)): StoryAssignment {
    const { terms, keys } = prepared;
    let best: Story | null = null;
    let bestSim = 0;
    for (const s of this.candidates(f, keys)) {
      const sim = this.similarity(f, terms, s);
      if (sim > bestSim || (sim === bestSim && best && s.id < best.id)) [best, bestSim] = [s, sim];
    }
    const joined = best && bestSim >= (f.day === null ? this.settings.undatedJoinThreshold : this.settings.joinThreshold) ? best : null;
    const story = joined ?? this.start();
    this.join(story, f, terms, keys);
    return { articleId: f.id, story: story.id, opened: !joined, similarity: joined ? bestSim : 0, vector: terms };
  }

  /** Everything that changed since the last call, for a store to save in one transaction. */
  drain(): ClusterChanges {
    const out: ClusterChanges = {
      stories: [...this.touched.values()].sort((a, b) => a.id - b.id).map(exportStory),
      newKeys: this.newKeys?.splice(0) ?? [],
      dfDelta: this.takeFresh(),
      docs: this.docs,
      nextStory: this.nextStory,
      seq: this.seq,
      today: this.today,
    };
    this.touched.clear();
    return out;
  }

  private count(k: string): void {
    const c = this.df.get(k);
    if (!c) {
      this.df.set(k, { n: 1, fresh: 1 });
      this.fresh.push(k);
      return;
    }
    c.n++;
    if (c.fresh++ === 0) this.fresh.push(k);
  }

  /** The document-frequency increments since the last drain, zeroed. */
  private takeFresh(): Map<string, number> {
    const out = new Map<string, number>();
    for (const k of this.fresh) {
      const c = this.df.get(k)!;
      out.set(k, c.fresh);
      c.fresh = 0;
    }
    this.fresh.length = 0;
    return out;
  }

  /** Close stories idle past the window (by days, or by articles when undated). */
  private closeIdle(): void {
    for (const s of this.open.values()) {
      const stale = s.lastDay !== null ? this.today !== null && this.today - s.lastDay > this.settings.windowDays : this.seq - s.lastSeq > this.settings.idleArticles;
      if (stale) this.close(s);
    }
  }

  /** Take a story out of memory and the index. */
  private close(s: Story): void {
    this.open.delete(s.id);
    for (const k of s.keys) {
      const ids = this.index.get(k);
      if (!ids) continue;
      ids.delete(s.id);
      if (ids.size === 0) this.index.delete(k);
    }
  }

  private start(): Story {
    const s: Story = { id: this.nextStory++, members: [], terms: new Map(), facts: new Map(), keys: new Set(), firstDay: null, lastDay: null, daySum: 0, dated: 0, lastSeq: 0 };
    this.open.set(s.id, s);
    return s;
  }

  private join(s: Story, f: Features, terms: Map<string, number>, keys: readonly string[]): void {
    s.members.push(f.id);
    s.lastSeq = this.seq;
    for (const [k, w] of terms) s.terms.set(k, (s.terms.get(k) ?? 0) + w);
    for (const k of f.facts) s.facts.set(k, (s.facts.get(k) ?? 0) + 1);
    if (f.day !== null) {
      s.daySum += f.day;
      s.dated++;
      s.firstDay = s.firstDay === null ? f.day : Math.min(s.firstDay, f.day);
      s.lastDay = s.lastDay === null ? f.day : Math.max(s.lastDay, f.day);
    }
    for (const k of keys) {
      if (this.newKeys && !s.keys.has(k)) this.newKeys.push([s.id, k]);
      s.keys.add(k);
      post(this.index, k, s.id);
    }
    this.touched.set(s.id, s);
  }

  /**
   * Open stories that share probe keys with the article, most shared first, at most
   * `maxCandidates`. A key posted by more than `maxPosting` open stories (a country everyone
   * names) is too common to tell stories apart and is not followed: so the work per article is
   * bounded however many stories are open.
   */
  private candidates(f: Features, keys: readonly string[]): Story[] {
    const hits = new Map<number, number>();
    for (const k of keys) {
      const ids = this.index.get(k);
      if (!ids || ids.size > this.settings.maxPosting) continue;
      for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    const out: Story[] = [];
    for (const id of mostShared(hits)) {
      if (out.length >= this.settings.maxCandidates) break;
      const s = this.open.get(id)!;
      // Closed for this article: idle for longer than the window before it, or (an article that
      // arrived late) begun more than the window after it.
      if (f.day !== null && s.lastDay !== null && (f.day - s.lastDay > this.settings.windowDays || s.firstDay! - f.day > this.settings.windowDays)) continue;
      if (s.lastDay === null && this.seq - s.lastSeq > this.settings.idleArticles) continue;
      out.push(s);
    }
    return out;
  }

  private similarity(f: Features, terms: Map<string, number>, s: Story): number {
    const W = this.settings.weights;
    // Average link: the mean cosine of the article with each member (the dot product with the
    // summed member vectors over their count), so a story that drifted over many topics does not
    // keep attracting articles on any of them, as a centroid would.
    let sim = W.terms * (dot(terms, s.terms) / s.members.length) + factBonus(f.facts, s.facts, W.facts);
    if (f.day !== null && s.dated > 0) {
      // Days from the story's centre of mass, so a story cannot creep forward one day at a time.
      sim *= timeFactor(Math.abs(f.day - s.daySum / s.dated), this.settings);
    }
    return sim;
  }

  private weigh(f: Features): Map<string, number> {
    return weighFeatures(f, (k) => this.df.get(k)?.n, this.docs + this.settings.priorDocs);
  }
}

/**
 * Log-scaled term frequency times smoothed IDF (`docs` documents, frequencies `df`; refs under
 * `@`), as one unit vector over the article's content words and its entity refs. One vector, not
 * a cosine per kind: a separate cosine over an article's few refs swings to 1 on one shared country
 * or agency, and (measured on the ECB+ and AllSides gold sets) blurred events of one kind more than
 * it linked reports of one event. Refs still add what words cannot: "Turkiye" and "Turkey" are one ref.
 */
export function weighFeatures(f: Features, df: (key: string) => number | undefined, docs: number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [k, tf] of f.bag) {
    const w = (1 + Math.log(tf)) * Math.log((docs + 1) / ((df(k) ?? 1) + 1));
    if (w <= 0) continue;
    v.set(k, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

/** A feature's document frequency, and the part of it counted since the last drain. */
interface Count {
  n: number;
  fresh: number;
}

function counts(df: ReadonlyMap<string, number> | undefined): Map<string, Count> {
  const out = new Map<string, Count>();
  for (const [k, n] of df ?? []) out.set(k, { n, fresh: 0 });
  return out;
}

/** The bonus for specific figures and days both sides state: `weight` once two are shared. */
export function factBonus(facts: Iterable<string>, other: { has(k: string): boolean }, weight: number): number {
  let shared = 0;
  for (const k of facts) if (other.has(k)) shared++;
  return weight * Math.min(1, shared / 2);
}

/** How much of a similarity is left `gap` days away from a story's mean day (1 within the grace). */
export function timeFactor(gap: number, settings: Pick<StorySettings, 'timeGraceDays' | 'timeDecayPerDay'>): number {
  return gap > settings.timeGraceDays ? Math.max(0, 1 - settings.timeDecayPerDay * (gap - settings.timeGraceDays)) : 1;
}

function exportStory(s: Story): StoryState {
  return {
    id: s.id,
    members: [...s.members],
    terms: [...s.terms],
    facts: [...s.facts],
    keys: [...s.keys],
    firstDay: s.firstDay,
    lastDay: s.lastDay,
    daySum: s.daySum,
    dated: s.dated,
    lastSeq: s.lastSeq,
  };
}

export function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let d = 0;
  for (const [k, w] of a) {
    const x = b.get(k);
    if (x) d += w * x;
  }
  return d;
}

function top(v: ReadonlyMap<string, number>, n: number): string[] {
  return topEntries(v, n).map(([k]) => k);
}

/**
 * The `n` highest-weighted entries, highest first (ties by key): what sorting every entry and
 * keeping the first `n` gives, by insertion into a list of at most `n` (an article has a few
 * hundred features and its keys are a couple of dozen).
 */
export function topEntries(v: ReadonlyMap<string, number>, n: number): [string, number][] {
  const out: [string, number][] = [];
  if (n <= 0) return out;
  for (const [k, w] of v) {
    if (out.length === n) {
      const last = out[n - 1]!;
      if (w < last[1] || (w === last[1] && k > last[0])) continue;
      out.pop();
    }
    let i = out.length;
    while (i > 0 && (out[i - 1]![1] < w || (out[i - 1]![1] === w && out[i - 1]![0] > k))) i--;
    out.splice(i, 0, [k, w]);
  }
  return out;
}

function post(index: Map<string, Set<number>>, key: string, id: number): void {
  const set = index.get(key) ?? new Set<number>();
  set.add(id);
  index.set(key, set);
}

/**
 * Ids by how many keys they share, most first, ties by id: a bucket per count (at most the probe
 * keys), read lazily, not a sort of every hit (an article can hit hundreds of stories and only
 * the first few are scored).
 */
export function* mostShared(hits: ReadonlyMap<number, number>): Generator<number> {
  const buckets: number[][] = [];
  for (const [id, n] of hits) (buckets[n] ??= []).push(id);
  for (let n = buckets.length - 1; n > 0; n--) if (buckets[n]) yield* buckets[n]!.sort((x, y) => x - y);
}
