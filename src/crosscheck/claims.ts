import type { ClaimConflict, ClaimRecord, ConflictKind } from '../model/check.js';
import type { ReuseRecord } from '../model/run.js';
import { countOf, mostFrequent, pushTo } from '../util/maps.js';
import type { Mention } from './mentions.js';
import { CROSSCHECK } from './settings.js';

/** Features of names (entity refs `e:` and countries `c:`), as opposed to what is said of them. */
const NAMES = (k: string): boolean => k.charCodeAt(1) === 58 /* : */ && (k.charCodeAt(0) === 101 /* e */ || k.charCodeAt(0) === 99) /* c */;
const NOTHING = (): boolean => false;
/** Figure features (`q:`). */
const FIGURES = (k: string): boolean => k.charCodeAt(1) === 58 && k.charCodeAt(0) === 113; /* q */

/**
 * Weighted Jaccard similarity of two feature maps, over every feature and over those `leaveOut`
 * does not match, in one pass: [all, without the left-out features]. (The hot loop of the
 * cross-check: no allocation per feature, no regular expression.)
 */
function similarities(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, leaveOut: (k: string) => boolean): [number, number] {
  let both = 0;
  let either = 0;
  let keptBoth = 0;
  let keptEither = 0;
  for (const [k, w] of a) {
    const v = b.get(k) ?? 0;
    const lo = w < v ? w : v;
    const hi = w < v ? v : w;
    both += lo;
    either += hi;
    if (!leaveOut(k)) {
      keptBoth += lo;
      keptEither += hi;
    }
  }
  for (const [k, w] of b)
    if (!a.has(k)) {
      either += w;
      if (!leaveOut(k)) keptEither += w;
    }
  return [either ? both / either : 0, keptEither ? keptBoth / keptEither : 0];
}

/** Weighted Jaccard similarity of two feature maps; with `leaveOut`, over the other features only. */
export function similarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, leaveOut?: (k: string) => boolean): number {
  return leaveOut ? similarities(a, b, leaveOut)[1] : similarities(a, b, NOTHING)[0];
}

/** Both sides state figures of one kind and none of them agree ("two soldiers" against "33 soldiers"). */
export function figuresDisagree(a: Mention, b: Mention): boolean {
  let shared = false;
  for (const qa of a.quantities) {
    if (!qa.unit) continue;
    const same = b.quantities.filter((qb) => qb.unit === qa.unit);
    if (!same.length) continue;
    shared = true;
    if (same.some((qb) => Math.abs(qa.value - qb.value) <= CROSSCHECK.numberTolerance * Math.max(qa.value, qb.value))) return false;
  }
  return shared;
}

/** Text reuse between articles, to tell mentions that are one copied passage. */
export class ReuseIndex {
  /** from → to → record (nested maps: asked for every candidate pair, so no key strings are built per call). */
  private readonly byPair = new Map<string, Map<string, ReuseRecord>>();
  constructor(records: readonly ReuseRecord[]) {
    for (const r of records) {
      let to = this.byPair.get(r.from);
      if (!to) this.byPair.set(r.from, (to = new Map()));
      to.set(r.to, r);
    }
  }
  /** The two mentions lie in one shared passage (or their articles are whole copies). */
  copied(a: Mention, b: Mention): boolean {
    if (this.byPair.size === 0) return false;
    const r = this.byPair.get(a.articleId)?.get(b.articleId) ?? this.byPair.get(b.articleId)?.get(a.articleId);
    if (!r) return false;
    if (r.kind !== 'passage') return true;
    const [f, t] = r.from === a.articleId ? [a, b] : [b, a];
    const part = (s: number, e: number, m: Mention) => Math.max(0, Math.min(e, m.end) - Math.max(s, m.start)) / Math.max(1, m.end - m.start);
    return r.passages.some((p) => part(p.fromStart, p.fromEnd, f) >= 0.4 && part(p.toStart, p.toEnd, t) >= 0.4);
  }
}

/** Mentions that must not be one claim: a denial and what it denies, a plan and its outcome, different figures. */
function cannotLink(a: Mention, b: Mention): boolean {
  if ((a.cue === 'denial') !== (b.cue === 'denial')) return true;
  if ((a.cue === 'tentative' && b.cue === 'outcome') || (a.cue === 'outcome' && b.cue === 'tentative')) return true;
  return figuresDisagree(a, b);
}

/**
 * Align mentions across articles into claims: average-link clustering over weighted Jaccard
 * similarity (content stems, predicate classes, entity refs, figures, days), with mentions inside
 * one copied passage counted as the same statement, and cannot-links between statements that
 * oppose each other. Candidate pairs come from an inverted index over features, so articles that
 * share nothing cost nothing. Deterministic: pairs are taken by similarity, then by position.
 */
export function alignMentions(mentions: readonly Mention[], reuse: ReuseIndex): number[][] {
  const n = mentions.length;
  const sims = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const sim = (i: number, j: number): number => {
    const k = key(i, j);
    let s = sims.get(k);
    if (s === undefined) {
      const a = mentions[i]!;
      const b = mentions[j]!;
      if (cannotLink(a, b)) s = -1;
      else {
        // Names alone do not make two sentences one statement: every sentence of a story names
        // its places and actors. What they say about them (words, predicates, figures) must agree too.
        const [all, said] = similarities(a.features, b.features, NAMES);
        s = said < CROSSCHECK.contentThreshold ? Math.min(all, CROSSCHECK.alignThreshold / 2) : all;
      }
      if (s >= 0 && a.articleId !== b.articleId && reuse.copied(a, b)) s = Math.max(s, CROSSCHECK.reuseSimilarity);
      sims.set(k, s);
    }
    return s;
  };
  const index = new Map<string, number[]>();
  // Candidates share something said (names alone never align two mentions, see the content gate).
  const saidWeight = mentions.map((m, i) => {
    let total = 0;
    for (const [f, w] of m.features)
      if (!NAMES(f)) {
        pushTo(index, f, i);
        total += w;
      }
    return total;
  });
  // Count shared features per pair, and sum their overlap (the numerator of the content
  // similarity), before any similarity is computed: a pair that shares one word is no paraphrase,
  // and a pair below the content gate cannot align unless it is copied text. Skipping both saves
  // most similarity computations in long stories.
  const shared = new Map<number, number>();
  const overlap = new Map<number, number>();
  for (const [f, list] of index) {
    if (list.length > 150) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        if (mentions[i]!.articleId === mentions[j]!.articleId) continue;
        const k = key(i, j);
        const wi = mentions[i]!.features.get(f)!;
        const wj = mentions[j]!.features.get(f)!;
        shared.set(k, (shared.get(k) ?? 0) + 1);
        overlap.set(k, (overlap.get(k) ?? 0) + (wi < wj ? wi : wj));
      }
  }
  const common = mentions.map((m) => [...m.features].filter(([f]) => (index.get(f)?.length ?? 0) > 150));
  const pairs: [number, number, number][] = [];
  for (const [k, count] of shared) {
    const i = Math.floor(k / n);
    const j = k % n;
    const copied = reuse.copied(mentions[i]!, mentions[j]!);
    if (count < 2 && !copied) continue;
    // Weighted Jaccard over what is said: overlap / (sum of maxima) = overlap / (wi + wj - overlap),
    // with the overlap of the very common features (lists over 150, not paired above) added here.
    // Below the content gate (less a rounding margin; sim() applies the exact gate) the pair cannot align.
    if (!copied) {
      let o = overlap.get(k)!;
      for (const [f, w] of common[i]!) {
        const v = mentions[j]!.features.get(f) ?? 0;
        o += w < v ? w : v;
      }
      if (o / Math.max(1e-12, saidWeight[i]! + saidWeight[j]! - o) < CROSSCHECK.contentThreshold - 1e-9) continue;
    }
    const s = sim(i, j);
    if (s >= CROSSCHECK.alignThreshold) pairs.push([s, i, j]);
  }
  pairs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const clusterOf = mentions.map((_, i) => i);
  const members = new Map<number, number[]>(mentions.map((_, i) => [i, [i]]));
  for (const [, i, j] of pairs) {
    const ci = clusterOf[i]!;
    const cj = clusterOf[j]!;
    if (ci === cj) continue;
    const A = members.get(ci)!;
    const B = members.get(cj)!;
    let total = 0;
    let blocked = false;
    for (const x of A) {
      for (const y of B) {
        const s = sim(x, y);
        if (s < 0) {
          blocked = true;
          break;
        }
        total += s;
      }
      if (blocked) break;
    }
    if (blocked || total / (A.length * B.length) < CROSSCHECK.alignThreshold) continue;
    const [keep, gone] = ci < cj ? [ci, cj] : [cj, ci];
    const merged = [...members.get(keep)!, ...members.get(gone)!].sort((p, q) => p - q);
    members.set(keep, merged);
    members.delete(gone);
    for (const m of merged) clusterOf[m] = keep;
  }
  return [...members.values()];
}

/**
 * Independent origins of a claim: its articles, joined when they come from one outlet, when the
 * mentions are one copied passage, or when both credit the same outlet or agency for it. A claim
 * copied or rewritten from one report is one origin however many articles carry it.
 */
export function independentOrigins(ms: readonly Mention[], outletOf: (id: string) => string | null, reuse: ReuseIndex): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)!)!);
      x = parent.get(x)!;
    }
    return x;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const m of ms) {
    parent.set(m.articleId, m.articleId);
    const outlet = outletOf(m.articleId);
    if (outlet) parent.has(`o:${outlet}`) || parent.set(`o:${outlet}`, `o:${outlet}`);
    for (const c of m.credits) parent.has(`c:${c}`) || parent.set(`c:${c}`, `c:${c}`);
  }
  for (const m of ms) {
    const outlet = outletOf(m.articleId);
    if (outlet) union(m.articleId, `o:${outlet}`);
    for (const c of m.credits) union(m.articleId, `c:${c}`);
  }
  for (let i = 0; i < ms.length; i++)
    for (let j = i + 1; j < ms.length; j++) if (ms[i]!.articleId !== ms[j]!.articleId && reuse.copied(ms[i]!, ms[j]!)) union(ms[i]!.articleId, ms[j]!.articleId);
  return new Set(ms.map((m) => find(m.articleId))).size;
}

/** A conflict as found: the two mentions (a's claim against b's) and the note quoting both. */
export interface ConflictPair {
  readonly a: Mention;
  readonly b: Mention;
  readonly kind: ConflictKind;
  readonly note: string;
}

export interface ClaimDraft {
  readonly id: string;
  readonly mentions: readonly Mention[];
  /** The mention whose words stand for the claim. */
  readonly lead: Mention;
}

/**
 * Conflicts between claims of different articles: a denial of what another reports; a plan or
 * possibility later settled otherwise (a change, not a contradiction); the same statement with
 * and without a negation; the same statement with figures that disagree (unless the two name
 * different days, when they are different events).
 */
export function findConflicts(claims: readonly ClaimDraft[], describe: (m: Mention) => string): { byClaim: Map<string, ClaimConflict[]>; pairs: ConflictPair[] } {
  const out = new Map<string, ClaimConflict[]>(claims.map((c) => [c.id, []]));
  const pairs: ConflictPair[] = [];
  /** Record a conflict between claims A and B (once per kind), found between their mentions a and b. */
  const add = (A: ClaimDraft, B: ClaimDraft, kind: ConflictKind, note: string, a: Mention, b: Mention) => {
    const known = (from: ClaimDraft, to: ClaimDraft) => out.get(from.id)!.some((c) => c.claimId === to.id && c.kind === kind);
    if (!known(A, B)) {
      pairs.push({ a, b, kind, note });
      out.get(A.id)!.push({ claimId: B.id, kind, note });
    }
    if (!known(B, A)) out.get(B.id)!.push({ claimId: A.id, kind, note });
  };
  const sharesKind = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => [...x.keys()].some((k) => (k.startsWith('p:') || k.startsWith('q:')) && y.has(k));
  // Only mentions that share something said (a word, predicate or figure, not just a name) can
  // conflict: an inverted index over those features gives the pairs to test.
  const all = claims.flatMap((c, ci) => c.mentions.map((m) => ({ m, ci })));
  const index = new Map<string, number[]>();
  all.forEach(({ m }, i) => {
    for (const k of m.features.keys()) if (!NAMES(k)) pushTo(index, k, i);
    for (const k of m.denied?.keys() ?? []) if (!NAMES(k)) pushTo(index, `denied|${k}`, i);
  });
  const tested = new Set<number>();
  const test = (x: number, y: number) => {
    const key = x < y ? x * all.length + y : y * all.length + x;
    if (x === y || tested.has(key)) return;
    tested.add(key);
    const [{ m: p, ci: i }, { m: q, ci: j }] = [all[x]!, all[y]!];
    if (i === j || p.articleId === q.articleId) return;
    // Each rule is asymmetric in its sides; try both orders.
    for (const [a, b, A, B] of [
      [p, q, claims[i]!, claims[j]!],
      [q, p, claims[j]!, claims[i]!],
    ] as const) {
      if (a.cue === 'denial' && b.cue !== 'denial' && a.denied && similarity(a.denied, b.features) >= CROSSCHECK.denialThreshold && sharesKind(a.denied, b.features)) {
        add(A, B, 'denial', `${describe(a)} denies: “${a.text}” — against ${describe(b)}: “${b.text}”`, a, b);
        return;
      }
      if (a.cue === 'tentative' && b.cue === 'outcome' && similarity(a.features, b.features) >= CROSSCHECK.changeThreshold && sharesKind(a.features, b.features)) {
        add(A, B, 'change', `changed: ${describe(a)}: “${a.text}” — then ${describe(b)}: “${b.text}”`, a, b);
        return;
      }
    }
    if (p.negated !== q.negated && p.cue !== 'denial' && q.cue !== 'denial' && similarity(p.features, q.features) >= CROSSCHECK.oppositeThreshold) {
      add(claims[i]!, claims[j]!, 'opposite', `${describe(p)}: “${p.text}” — but ${describe(q)}: “${q.text}”`, p, q);
    } else if (figuresDisagree(p, q) && !(p.date && q.date && p.date !== q.date) && similarity(p.features, q.features, FIGURES) >= CROSSCHECK.numbersThreshold) {
      add(claims[i]!, claims[j]!, 'numbers', `different figures: ${describe(p)}: “${p.text}” — ${describe(q)}: “${q.text}”`, p, q);
    }
  };
  for (const [k, list] of index) {
    if (k.startsWith('denied|')) {
      for (const x of list) for (const y of index.get(k.slice(7)) ?? []) test(x, y);
      continue;
    }
    if (list.length > 200) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) test(list[x]!, list[y]!);
  }
  return { byClaim: out, pairs };
}

export function claimRecord(d: ClaimDraft, conflicts: readonly ClaimConflict[], origins: number): ClaimRecord {
  const ids = new Set(d.mentions.map((m) => m.articleId));
  const contested = conflicts.some((c) => c.kind !== 'change');
  const dates = d.mentions.map((m) => m.date).filter((x): x is string => !!x);
  return {
    id: d.id,
    text: d.lead.text,
    mentions: d.mentions.map((m) => ({ articleId: m.articleId, start: m.start, end: m.end, attributedTo: m.attributedTo })),
    articles: ids.size,
    independentOrigins: origins,
    status: contested ? 'contested' : origins >= 2 ? 'corroborated' : 'single-origin',
    conflicts,
    date: mostFrequent(countOf(dates)),
  };
}
