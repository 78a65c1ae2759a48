import { DATED_FROM_TEXT } from '../annotate/dates/published.js';
import type { Article } from '../model/article.js';
import type { ReuseRecord, StoryRecord } from '../model/run.js';
import { fingerprint, overlap, type Fingerprint } from '../reuse/index.js';
import { MIN_SEEDS } from '../reuse/settings.js';
import { byDate } from './index.js';

/** Shared passages shorter than this many words (a name and a verb) are not reuse worth showing. */
export const MIN_PASSAGE_WORDS = 10;
/** A new article is aligned with at most this many earlier members: those sharing the most shingles with it. */
const MAX_SOURCES_PER_ARTICLE = 20;

/** What reuse detection reads of an article (a store keeps only this for the open stories). */
export type ReuseDoc = Pick<Article, 'id' | 'meta' | 'removed' | 'text'> & { readonly layers: Pick<Article['layers'], 'citedSources'> };

/** A pair of articles sharing text, with how good a source `from` is for `to` (credit first, then closeness). */
export interface ScoredReuse {
  readonly record: ReuseRecord;
  readonly score: number;
}

/** The fields of an article that reuse detection needs, and nothing else (of an article, or of such fields already: the same). */
export function reuseDoc(a: ReuseDoc): ReuseDoc {
  return { id: a.id, meta: a.meta, removed: a.removed.filter((r) => /credit|source/.test(r.reason)), text: a.text, layers: { citedSources: a.layers.citedSources } };
}

/**
 * Text reuse inside one story, built up one article at a time. Each member's shingles are posted in
 * an index, so a new article is aligned only with the members that share at least MIN_SEEDS
 * shingles with it (at most MAX_SOURCES_PER_ARTICLE of them, most shared first) — no passage can
 * come from the others — and the cost per article does not grow with the story.
 */
export class StoryReuse {
  private readonly members: { readonly doc: ReuseDoc; readonly fp: Fingerprint }[] = [];
  /** Shingle → the members (their index) that have it: one number, or several in the order they came. */
  private readonly postings = new Map<number, number | number[]>();

  /**
   * Add an article; returns the reuse it shares with earlier members (earlier-published side
   * first). With `align` false it is only indexed (a store re-opening a story whose pairs it has).
   * `fp` is the article's fingerprint when the caller has made it (PileReuse reads the same one).
   */
  add(doc: ReuseDoc, align = true, fp: Fingerprint = fingerprint(doc.text)): ScoredReuse[] {
    const distinct = unique(fp.shingles);
    const out = align ? this.align(doc, fp, distinct) : [];
    const idx = this.members.length;
    this.members.push({ doc, fp });
    for (const h of distinct) {
      const list = this.postings.get(h);
      // Most shingles stand in one member: a number, not an array of one.
      if (list === undefined) this.postings.set(h, idx);
      else if (typeof list === 'number') this.postings.set(h, [list, idx]);
      else list.push(idx);
    }
    return out;
  }

  private align(doc: ReuseDoc, fp: Fingerprint, distinct: Int32Array): ScoredReuse[] {
    if (this.members.length === 0) return [];
    const shared = new Map<number, number>();
    const meet = (m: number) => shared.set(m, (shared.get(m) ?? 0) + 1);
    for (const h of distinct) {
      const list = this.postings.get(h);
      if (list === undefined) continue;
      if (typeof list === 'number') meet(list);
      else for (const m of list) meet(m);
    }
    const sources = [...shared.entries()]
      .filter(([, n]) => n >= MIN_SEEDS)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, MAX_SOURCES_PER_ARTICLE)
      .map(([m]) => this.members[m]!);
    const out: ScoredReuse[] = [];
    for (const m of sources) {
      const r = reuseInOrder(m, { doc, fp });
      if (r) out.push(r);
    }
    return out;
  }
}

/** The reuse between two fingerprinted articles, the earlier-published one as `first` (then by `byDate`). */
export function reuseInOrder(x: { readonly doc: ReuseDoc; readonly fp: Fingerprint }, y: { readonly doc: ReuseDoc; readonly fp: Fingerprint }): ScoredReuse | null {
  const [a, b] = (earlier(x.doc, y.doc) || byDate(x.doc, y.doc)) <= 0 ? [x, y] : [y, x];
  return reuseBetween(a.doc, b.doc, a.fp, b.fp);
}

/**
 * The copy chain of a story: of all the pairs found, each article keeps its closest source only —
 * the one it credits, else the one it shares the most text with and changed the least — in the
 * order of `order` (article ids, by publication).
 */
export function copyChain(pairs: Iterable<ScoredReuse>, order: readonly string[]): ReuseRecord[] {
  const best = new Map<string, ScoredReuse>();
  for (const p of pairs) {
    const had = best.get(p.record.to);
    if (!had || p.score > had.score || (p.score === had.score && p.record.from < had.record.from)) best.set(p.record.to, p);
  }
  const pos = new Map(order.map((id, i) => [id, i]));
  return [...best.values()].map((p) => p.record).sort((x, y) => (pos.get(x.to) ?? 0) - (pos.get(y.to) ?? 0));
}

/**
 * Text reuse inside each story of a batch: every article is aligned with the earlier members it
 * shares shingles with; shared passages become ReuseRecords with the word changes, and each
 * article keeps its closest source (see `copyChain`).
 */
export function storyReuse(stories: readonly StoryRecord[], articles: readonly Article[]): StoryRecord[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return stories.map((story) => {
    const members = story.articleIds.map((id) => byId.get(id)!).filter(Boolean).sort(byDate);
    const index = new StoryReuse();
    const pairs = members.flatMap((a) => index.add(reuseDoc(a)));
    return { ...story, reuse: copyChain(pairs, members.map((a) => a.id)) };
  });
}

/**
 * -1 when `x` was published before `y`, 1 when after, 0 when no date tells: an earlier day, or on
 * the same day an earlier instant when both sources gave the time (a day estimated from relative
 * dates tells nothing here).
 */
function earlier(x: ReuseDoc, y: ReuseDoc): number {
  const dx = x.meta.published;
  const dy = y.meta.published;
  if (!dx || !dy || dx.length !== dy.length) return 0;
  // A day estimated from "on Thursday" against the run's reference day places an article in its
  // week, not before or after another: it tells no direction of copying.
  if (x.meta.provenance.published === DATED_FROM_TEXT.relative || y.meta.provenance.published === DATED_FROM_TEXT.relative) return 0;
  if (dx !== dy) return dx < dy ? -1 : 1;
  const tx = x.meta.publishedAt;
  const ty = y.meta.publishedAt;
  return tx && ty && tx !== ty ? (tx < ty ? -1 : 1) : 0;
}

/** True when `x` credits `y`'s outlet: in its text ("told Coastline Wire") or in a credit line the cleaner cut ("Source: Coastline Wire"). */
function credits(x: ReuseDoc, y: ReuseDoc): boolean {
  const outlet = y.meta.outlet?.toLowerCase();
  if (!outlet || outlet === x.meta.outlet?.toLowerCase()) return false;
  if ((x.layers.citedSources ?? []).some((c) => c.name.toLowerCase() === outlet)) return true;
  return x.removed.some((r) => /credit|source/.test(r.reason) && r.text.toLowerCase().includes(outlet));
}

/** Share of the second article inside shared passages, less the share of those words that were changed. */
function closeness(r: ReuseRecord): number {
  const passageChars = r.passages.reduce((n, p) => n + (p.toEnd - p.toStart), 0) || 1;
  const changedChars = r.passages.reduce((n, p) => n + p.changes.reduce((m, c) => m + Math.max(c.toEnd - c.toStart, c.fromEnd - c.fromStart), 0), 0);
  return r.shareOfTo * Math.max(0, 1 - changedChars / passageChars);
}

/**
 * The reuse between two articles, `first` published no later than `second`. Direction: the earlier
 * article is `from` — unless the earlier one credits the later one's outlet, which means it copied
 * it whatever the dates say. When both credit the same outside source near the shared text (both
 * "told Middle East Eye"), the relation is a common origin and `origin` is that source; a claim
 * repeated through copies is then counted once, by origin.
 */
export function reuseBetween(first: ReuseDoc, second: ReuseDoc, fp1: Fingerprint, fp2: Fingerprint): ScoredReuse | null {
  const swap = credits(first, second) && !credits(second, first);
  const [a, b] = swap ? [second, first] : [first, second];
  const o0 = swap ? overlap(fp2, fp1) : overlap(fp1, fp2);
  if (!o0) return null;
  const passages = o0.passages.filter((p) => p.words >= MIN_PASSAGE_WORDS);
  if (passages.length === 0) return null;
  const credited = (x: ReuseDoc, start: number, end: number) =>
    new Set((x.layers.citedSources ?? []).filter((c) => c.sourceKind === 'outlet' || c.sourceKind === 'agency').filter((c) => c.start >= start - 200 && c.end <= end + 200).map((c) => c.ref));
  const fromRefs = new Set(passages.flatMap((p) => [...credited(a, p.fromStart, p.fromEnd)]));
  const toRefs = passages.flatMap((p) => [...credited(b, p.toStart, p.toEnd)]);
  const common = toRefs.find((r) => fromRefs.has(r)) ?? null;
  const dated = earlier(a, b) < 0;
  const relation = common ? 'common-origin' : dated || credits(b, a) ? 'copy' : 'unknown';
  const record: ReuseRecord = {
    from: a.id,
    to: b.id,
    origin: common ?? a.id,
    relation,
    kind: o0.kind,
    shareOfTo: Math.round(o0.shareOfTo * 1000) / 1000,
    passages: passages.map((p) => ({ fromStart: p.fromStart, fromEnd: p.fromEnd, toStart: p.toStart, toEnd: p.toEnd, changes: p.changes.map((c) => ({ ...c })) })),
  };
  return { record, score: (credits(b, a) ? 10 : 0) + closeness(record) };
}

/** A text's shingles once each, in increasing order (a sorted copy, not a set: no hashing, one allocation); the order they are read in changes nothing here, as every count is ranked after. */
function unique(shingles: Int32Array): Int32Array {
  const sorted = shingles.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}
