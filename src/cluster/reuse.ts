import type { Article } from '../model/article.js';
import type { ReuseRecord, StoryRecord } from '../model/run.js';
import { fingerprint, overlap, type Fingerprint } from '../reuse/index.js';
import { byDate } from './index.js';

/** Pairs compared per story at most; past it, each article is compared with the earliest ones only. */
const MAX_PAIRS_PER_STORY = 2000;
/** Shared passages shorter than this many words (a name and a verb) are not reuse worth showing. */
const MIN_PASSAGE_WORDS = 10;

/** True when \`x\` credits \`y\`'s outlet: in its text ("told Coastline Wire") or in a credit line the cleaner cut ("Source: Coastline Wire"). */
function credits(x: Article, y: Article): boolean {
  const outlet = y.meta.outlet?.toLowerCase();
  if (!outlet || outlet === x.meta.outlet?.toLowerCase()) return false;
  if ((x.layers.citedSources ?? []).some((c) => c.name.toLowerCase() === outlet)) return true;
  return x.removed.some((r) => /credit|source/.test(r.reason) && r.text.toLowerCase().includes(outlet));
}

/**
 * Text reuse inside each story: every pair of its articles (earlier first) is compared, and shared
 * passages become a ReuseRecord with the word changes. Direction: the earlier article is `from`;
 * when both credit the same outside source for the shared text (both "told Middle East Eye"), the
 * relation is a common origin and `origin` is that source; a claim repeated through copies is then
 * counted once, by origin.
 */
export function storyReuse(stories: readonly StoryRecord[], articles: readonly Article[]): StoryRecord[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const prints = new Map<string, Fingerprint>();
  const fp = (a: Article) => {
    let f = prints.get(a.id);
    if (!f) prints.set(a.id, (f = fingerprint(a.text)));
    return f;
  };
  return stories.map((story) => {
    const members = story.articleIds.map((id) => byId.get(id)!).filter(Boolean).sort(byDate);
    const reuse: ReuseRecord[] = [];
    let pairs = 0;
    const found: ReuseRecord[] = [];
    for (let j = 1; j < members.length; j++) {
      for (let i = 0; i < j && pairs < MAX_PAIRS_PER_STORY; i++, pairs++) {
        const r = reuseBetween(members[i]!, members[j]!, fp);
        if (r) found.push(r);
      }
    }
    // The copy chain: each article keeps its closest source only — the one it credits, else the
    // one it shares the most text with and changed the least.
    const best = new Map<string, ReuseRecord>();
    const rank = (r: ReuseRecord) => (credits(byId.get(r.to)!, byId.get(r.from)!) ? 10 : 0) + closeness(r, byId);
    for (const r of found) {
      const had = best.get(r.to);
      if (!had || rank(r) > rank(had)) best.set(r.to, r);
    }
    reuse.push(...[...best.values()].sort((x, y) => members.findIndex((m) => m.id === x.to) - members.findIndex((m) => m.id === y.to)));
    return { ...story, reuse };
  });
}

/** Share of the second article inside shared passages, less the share of those words that were changed. */
function closeness(r: ReuseRecord, byId: ReadonlyMap<string, Article>): number {
  const passageChars = r.passages.reduce((n, p) => n + (p.toEnd - p.toStart), 0) || 1;
  const changedChars = r.passages.reduce((n, p) => n + p.changes.reduce((m, c) => m + Math.max(c.toEnd - c.toStart, c.fromEnd - c.fromStart), 0), 0);
  return r.shareOfTo * Math.max(0, 1 - changedChars / passageChars);
}

export function reuseBetween(first: Article, second: Article, fp: (a: Article) => Fingerprint): ReuseRecord | null {
  // An article that credits the other's outlet copied it, whatever the dates say.
  const [a, b] = credits(first, second) && !credits(second, first) ? [second, first] : [first, second];
  const o0 = overlap(fp(a), fp(b));
  if (!o0) return null;
  const passages = o0.passages.filter((p) => p.words >= MIN_PASSAGE_WORDS);
  if (passages.length === 0) return null;
  const o = { ...o0, passages };
  const credited = (x: Article, start: number, end: number) =>
    new Set((x.layers.citedSources ?? []).filter((c) => c.sourceKind === 'outlet' || c.sourceKind === 'agency').filter((c) => c.start >= start - 200 && c.end <= end + 200).map((c) => c.ref));
  const fromRefs = new Set(o.passages.flatMap((p) => [...credited(a, p.fromStart, p.fromEnd)]));
  const toRefs = o.passages.flatMap((p) => [...credited(b, p.toStart, p.toEnd)]);
  const common = toRefs.find((r) => fromRefs.has(r)) ?? null;
  const dated = a.meta.published && b.meta.published && a.meta.published < b.meta.published;
  const relation = common ? 'common-origin' : dated || credits(b, a) ? 'copy' : 'unknown';
  return {
    from: a.id,
    to: b.id,
    origin: common ?? a.id,
    relation,
    kind: o.kind,
    shareOfTo: Math.round(o.shareOfTo * 1000) / 1000,
    passages: o.passages.map((p) => ({ fromStart: p.fromStart, fromEnd: p.fromEnd, toStart: p.toStart, toEnd: p.toEnd, changes: p.changes.map((c) => ({ ...c })) })),
  };
}
