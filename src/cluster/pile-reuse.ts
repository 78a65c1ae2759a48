import type { Article } from '../model/article.js';
import type { ReuseRecord, StoryRecord } from '../model/run.js';
import { fingerprint, type Fingerprint } from '../reuse/index.js';
import { SHINGLE_WORDS } from '../reuse/settings.js';
import { byDate, dayOf } from './index.js';
import { copyChain, MIN_PASSAGE_WORDS, reuseDoc, reuseInOrder, type ReuseDoc, type ScoredReuse } from './reuse.js';

/**
 * Where copies are looked for across stories: articles published within `windowDays` of each
 * other (undated ones: among the last `undatedArticles` articles), each aligned with at most
 * `maxSources` articles of other stories, those sharing the most shingles first (each article keeps
 * one closest source, copyChain, and the one sharing the most is that one but where a credit line
 * says otherwise); a shingle in more than `maxPosting` of the articles held is stock phrasing, or a
 * wire passage copied so widely that the stories it went into hold their copies themselves. The window
 * bounds memory and the work per article as a store grows (bench/store.ts): a copy is filed within
 * days of its source, and within a story the story's own index finds copies whatever their dates.
 */
export const PILE_REUSE = Object.freeze({ windowDays: 30, undatedArticles: 5_000, maxSources: 1, maxPosting: 20 });

/**
 * Shingles are posted and looked up winnowed (Schleimer, Wilkerson & Aiken 2003): of every
 * WINNOW consecutive shingles, the one of least hash. Two texts sharing a run of WINNOW shingles
 * (WINNOW + SHINGLE_WORDS − 1 words) share that window's choice, so any passage worth showing
 * (MIN_PASSAGE_WORDS) leaves at least one shared key, with about 2 / (WINNOW + 1) of the postings.
 */
const WINNOW = MIN_PASSAGE_WORDS - SHINGLE_WORDS;
/** Fingerprints kept of the latest articles held (a few days of a busy stream). */
const RECENT_FINGERPRINTS = 512;
/** Keys two articles must share to be aligned: one is a stock phrase as often as a copy; two, a passage of about twice the shortest. */
const MIN_SHARED = 2;

/** The winnowed shingle hashes of a text (see WINNOW). */
export function winnow(shingles: Int32Array, w: number): Set<number> {
  const out = new Set<number>();
  if (shingles.length <= w) {
    if (shingles.length) out.add(Math.min(...shingles));
    return out;
  }
  for (let i = 0; i + w <= shingles.length; i++) {
    let m = shingles[i]!;
    for (let j = i + 1; j < i + w; j++) if (shingles[j]! <= m) m = shingles[j]!;
    out.add(m);
  }
  return out;
}

/** An article held for matching (its winnowed shingles are in the postings); its words are read again for the few it is aligned with: a month of articles' words would be most of the heap. */
interface Held {
  readonly doc: ReuseDoc;
  readonly story: string;
  readonly day: number | null;
  readonly seq: number;
}

/**
 * Text reuse across the stories of a run or a store, built up one article at a time (in
 * publication order): one shingle index over every article held (PILE_REUSE), so a copy filed under
 * another story than its source is still found. `add` returns only pairs between articles of two
 * stories; pairs inside a story are its own index's (StoryReuse).
 */
export class PileReuse {
  private readonly held = new Map<number, Held>();
  /** Shingle hash → the articles held (their `seq`) that have it: one number, or several. */
  private readonly postings = new Map<number, number | number[]>();
  private readonly stories = new Map<string, string>();
  private seq = 0;
  private today: number | null = null;
  /** The fingerprints of the last articles held (copies are mostly of recent ones), so aligning with them does not read their words again. */
  private readonly recent = new Map<number, Fingerprint>();
  /** Articles dropped since their postings were last swept. */
  private dropped = 0;

  constructor(private readonly settings: typeof PILE_REUSE = PILE_REUSE) {}

  /** Index an article of `story`; returns the reuse it shares with held articles of other stories (earlier-published side first). */
  add(doc: ReuseDoc, story: string, fp: Fingerprint = fingerprint(doc.text)): ScoredReuse[] {
    const day = this.dayOf(doc);
    const distinct = winnow(fp.shingles, WINNOW);
    const shared = new Map<number, number>();
    const meet = (s: number) => {
      const other = this.held.get(s);
      if (other && other.story !== story && this.live(other) && this.near(other, day)) shared.set(s, (shared.get(s) ?? 0) + 1);
    };
    for (const h of distinct) {
      const list = this.postings.get(h);
      if (list === undefined) continue;
      if (typeof list === 'number') meet(list);
      else if (list.length <= this.settings.maxPosting || this.liveAtMost(list, this.settings.maxPosting)) for (const s of list) meet(s);
    }
    const out: ScoredReuse[] = [];
    const sources = [...shared].filter(([, n]) => n >= MIN_SHARED).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, this.settings.maxSources);
    for (const [s] of sources) {
      const other = this.held.get(s)!;
      const r = reuseInOrder({ doc: other.doc, fp: this.recent.get(s) ?? fingerprint(other.doc.text) }, { doc, fp });
      if (r) out.push(r);
    }
    this.hold(doc, story, fp, day, distinct);
    return out;
  }

  private dayOf(doc: ReuseDoc): number | null {
    return doc.meta.published && doc.meta.published.length === 10 ? dayOf(doc.meta.published) : null;
  }

  private hold(doc: ReuseDoc, story: string, fp: Fingerprint, day: number | null, distinct: ReadonlySet<number> = winnow(fp.shingles, WINNOW)): void {
    if (day !== null && (this.today === null || day > this.today)) {
      this.today = day;
      this.evict();
    } else if (this.seq % 500 === 0) this.evict();
    const me: Held = { doc, story, day, seq: ++this.seq };
    this.held.set(me.seq, me);
    this.recent.set(me.seq, fp);
    if (this.recent.size > RECENT_FINGERPRINTS) this.recent.delete(this.recent.keys().next().value!);
    this.stories.set(doc.id, story);
    for (const h of distinct) {
      const list = this.postings.get(h);
      // Most shingles stand in one article: a number, not an array of one (no allocation, less to collect).
      if (list === undefined) this.postings.set(h, me.seq);
      else if (typeof list === 'number') this.postings.set(h, [list, me.seq]);
      else list.push(me.seq);
    }
  }

  /**
   * Hold an article without aligning it (a store taking back the articles of its last days, in
   * their order of arrival). `seq` is its place in that order (the store's), so that the window of
   * undated articles counts as it did when they arrived.
   */
  index(doc: ReuseDoc, story: string, fp: Fingerprint = fingerprint(doc.text), seq?: number): void {
    if (seq !== undefined) this.seq = Math.max(this.seq, seq - 1);
    this.hold(doc, story, fp, this.dayOf(doc));
  }

  /** The articles arrived so far: the next one added is the `seq + 1`th (a store resuming sets it to its own count). */
  arrived(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  /**
   * Is a held article inside the window now? What `evict` keeps, asked where an article is read:
   * when it is dropped depends on when the sweep ran, and what is matched must not (a resumed store
   * holds only what is inside the window, and must find what one uninterrupted run finds).
   */
  private live(h: Held): boolean {
    return h.day !== null ? this.today === null || this.today - h.day <= this.settings.windowDays : this.seq - h.seq <= this.settings.undatedArticles;
  }

  /** Does a long posting list hold at most `n` live articles? (Stale ones wait for the sweep; newest last, so read from the end.) */
  private liveAtMost(list: readonly number[], n: number): boolean {
    let live = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const h = this.held.get(list[i]!);
      if (h && this.live(h) && ++live > n) return false;
    }
    return true;
  }

  /** The story of an article held, or null. */
  storyOf(articleId: string): string | null {
    return this.stories.get(articleId) ?? null;
  }

  /** Articles held now (what the window keeps). */
  get size(): number {
    return this.held.size;
  }

  private near(other: Held, day: number | null): boolean {
    return day === null || other.day === null || Math.abs(day - other.day) <= this.settings.windowDays;
  }

  /**
   * Drop articles out of the window. Their postings are skipped where they are read (`held` no
   * longer has them) and swept all at once only when twice as many articles were dropped as are held:
   * so each article's postings are swept once, and the cost per article stays flat.
   */
  private evict(): void {
    for (const [s, h] of this.held) {
      const stale = h.day !== null ? this.today !== null && this.today - h.day > this.settings.windowDays : this.seq - h.seq > this.settings.undatedArticles;
      // Held in arrival order, which is publication order: the first one still in the window ends the
      // sweep (an article that came late may stay held a little longer; near() never matches it).
      if (!stale) break;
      this.held.delete(s);
      this.stories.delete(h.doc.id);
      this.dropped++;
    }
    if (this.dropped < Math.max(1000, 2 * this.held.size)) return;
    this.dropped = 0;
    for (const [h, list] of this.postings) {
      if (typeof list === 'number') {
        if (!this.held.has(list)) this.postings.delete(h);
        continue;
      }
      const kept = list.filter((s) => this.held.has(s));
      if (kept.length === 0) this.postings.delete(h);
      else if (kept.length === 1) this.postings.set(h, kept[0]!);
      else if (kept.length !== list.length) this.postings.set(h, kept);
    }
  }
}

/**
 * Copies across the stories of a batch: every article (in publication order) aligned with the
 * articles of other stories it shares shingles with (PileReuse); each article keeps its closest
 * source among them (copyChain). A ReuseRecord here joins two articles of two stories.
 */
export function pileReuse(stories: readonly Pick<StoryRecord, 'id' | 'articleIds'>[], articles: readonly ReuseDoc[]): ReuseRecord[] {
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s.id);
  const order = articles.filter((a) => storyOf.has(a.id)).sort(byDate);
  const index = new PileReuse();
  const pairs: ScoredReuse[] = order.flatMap((a) => index.add(reuseDoc(a), storyOf.get(a.id)!));
  return copyChain(pairs, order.map((a) => a.id));
}
