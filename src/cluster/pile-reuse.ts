import type { Article } from '../model/article.js';
import type { ReuseRecord, StoryRecord } from '../model/run.js';
import { fingerprint, type Fingerprint } from '../reuse/index.js';
import { MIN_SEEDS } from '../reuse/settings.js';
import { byDate, dayOf } from './index.js';
import { copyChain, reuseDoc, reuseInOrder, type ReuseDoc, type ScoredReuse } from './reuse.js';

/**
 * Where copies are looked for across stories: articles published within `windowDays` of each
 * other (undated ones: among the last `undatedArticles` articles), each aligned with at most
 * `maxSources` articles of other stories, those sharing the most shingles first; a shingle in more
 * than `maxPosting` of the articles held is stock phrasing, not a trace of copying. The window
 * bounds memory and the work per article as a store grows (bench/store.ts): a copy is filed within
 * days of its source, and within a story the story's own index finds copies whatever their dates.
 */
export const PILE_REUSE = Object.freeze({ windowDays: 30, undatedArticles: 5_000, maxSources: 5, maxPosting: 200 });

interface Held {
  readonly doc: ReuseDoc;
  readonly fp: Fingerprint;
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
  private readonly postings = new Map<number, number[]>();
  private readonly stories = new Map<string, string>();
  private seq = 0;
  private today: number | null = null;

  constructor(private readonly settings: typeof PILE_REUSE = PILE_REUSE) {}

  /** Index an article of `story`; returns the reuse it shares with held articles of other stories (earlier-published side first). */
  add(doc: ReuseDoc, story: string, fp: Fingerprint = fingerprint(doc.text)): ScoredReuse[] {
    const day = this.dayOf(doc);
    const distinct = new Set(fp.shingles);
    const shared = new Map<number, number>();
    for (const h of distinct) {
      const list = this.postings.get(h);
      if (!list || list.length > this.settings.maxPosting) continue;
      for (const s of list) {
        const other = this.held.get(s);
        if (other && other.story !== story && this.near(other, day)) shared.set(s, (shared.get(s) ?? 0) + 1);
      }
    }
    const out: ScoredReuse[] = [];
    const sources = [...shared].filter(([, n]) => n >= MIN_SEEDS).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, this.settings.maxSources);
    for (const [s] of sources) {
      const r = reuseInOrder(this.held.get(s)!, { doc, fp });
      if (r) out.push(r);
    }
    this.hold(doc, story, fp, day, distinct);
    return out;
  }

  private dayOf(doc: ReuseDoc): number | null {
    return doc.meta.published && doc.meta.published.length === 10 ? dayOf(doc.meta.published) : null;
  }

  private hold(doc: ReuseDoc, story: string, fp: Fingerprint, day: number | null, distinct: ReadonlySet<number> = new Set(fp.shingles)): void {
    if (day !== null && (this.today === null || day > this.today)) {
      this.today = day;
      this.evict();
    } else if (this.seq % 500 === 0) this.evict();
    const me: Held = { doc, fp, story, day, seq: ++this.seq };
    this.held.set(me.seq, me);
    this.stories.set(doc.id, story);
    for (const h of distinct) {
      const list = this.postings.get(h);
      if (list) list.push(me.seq);
      else this.postings.set(h, [me.seq]);
    }
  }

  /** Hold an article without aligning it (a store taking back the articles of its last days). */
  index(doc: ReuseDoc, story: string, fp: Fingerprint = fingerprint(doc.text)): void {
    this.hold(doc, story, fp, this.dayOf(doc));
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

  /** Drop articles out of the window, and their postings. */
  private evict(): void {
    let dropped = false;
    for (const [s, h] of this.held) {
      const stale = h.day !== null ? this.today !== null && this.today - h.day > this.settings.windowDays : this.seq - h.seq > this.settings.undatedArticles;
      if (!stale) continue;
      this.held.delete(s);
      this.stories.delete(h.doc.id);
      dropped = true;
    }
    if (!dropped) return;
    for (const [h, list] of this.postings) {
      const kept = list.filter((s) => this.held.has(s));
      if (kept.length === 0) this.postings.delete(h);
      else if (kept.length !== list.length) this.postings.set(h, kept);
    }
  }
}

/**
 * Copies across the stories of a batch: every article (in publication order) aligned with the
 * articles of other stories it shares shingles with (PileReuse); each article keeps its closest
 * source among them (copyChain). A ReuseRecord here joins two articles of two stories.
 */
export function pileReuse(stories: readonly StoryRecord[], articles: readonly Article[]): ReuseRecord[] {
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s.id);
  const order = articles.filter((a) => storyOf.has(a.id)).sort(byDate);
  const index = new PileReuse();
  const pairs: ScoredReuse[] = order.flatMap((a) => index.add(reuseDoc(a), storyOf.get(a.id)!));
  return copyChain(pairs, order.map((a) => a.id));
}
