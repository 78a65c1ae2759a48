import type { ClaimConflict, ClaimRecord, ClaimStatus, ConflictKind, OriginGroup } from '../model/check.js';
import type { ReuseRecord } from '../model/run.js';
import { countOf, mostFrequent, pushTo } from '../util/maps.js';
import { figuresDisagree, sameFigure, type Figure } from './figures.js';
import { crossCheckLexicons } from './lexicons.js';
import type { Mention } from './mentions.js';
import { sameClaimModel } from './model.js';
import { CROSSCHECK } from './settings.js';
import { pairFeatures, sameProbability } from './statement.js';

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
  /** The reuse record between two articles, either way. */
  between(a: string, b: string): ReuseRecord | null {
    return this.byPair.get(a)?.get(b) ?? this.byPair.get(b)?.get(a) ?? null;
  }
  /** The two mentions lie in one shared passage (or their articles are whole copies). */
  copied(a: Pick<Mention, 'articleId' | 'start' | 'end'>, b: Pick<Mention, 'articleId' | 'start' | 'end'>): ReuseRecord | null {
    if (this.byPair.size === 0 || a.articleId === b.articleId) return null;
    const r = this.between(a.articleId, b.articleId);
    if (!r) return null;
    if (r.kind !== 'passage') return r;
    const [f, t] = r.from === a.articleId ? [a, b] : [b, a];
    const part = (s: number, e: number, m: Pick<Mention, 'start' | 'end'>) => Math.max(0, Math.min(e, m.end) - Math.max(s, m.start)) / Math.max(1, m.end - m.start);
    // Both lie in the passage, and at the same place in it: a passage of five sentences copies
    // each sentence once, not every sentence onto every other.
    const place = (s: number, e: number, m: Pick<Mention, 'start' | 'end'>): [number, number] => [(m.start - s) / Math.max(1, e - s), (m.end - s) / Math.max(1, e - s)];
    const same = (x: [number, number], y: [number, number]) => Math.max(0, Math.min(x[1], y[1]) - Math.max(x[0], y[0])) / Math.max(1e-9, Math.min(x[1] - x[0], y[1] - y[0])) >= 0.5;
    return r.passages.some((p) => part(p.fromStart, p.fromEnd, f) >= 0.4 && part(p.toStart, p.toEnd, t) >= 0.4 && same(place(p.fromStart, p.fromEnd, f), place(p.toStart, p.toEnd, t))) ? r : null;
  }
}

/** One stem of `a` has an opposite that `b` states, neither stating the other's word ("accepted" / "rejected"). */
export function opposed(a: Mention, b: Mention): [string, string] | null {
  const opposites = crossCheckLexicons().opposites;
  for (const x of a.opposable) {
    if (b.statement.content.has(x)) continue;
    for (const y of opposites.get(x) ?? []) if (b.statement.content.has(y) && !a.statement.content.has(y)) return [x, y];
  }
  return null;
}

/**
 * Why two mentions can never be one claim, or null: a denial and what it denies, a plan and its
 * outcome, a statement and its negation, figures that cannot be the same, different days, a word
 * against its opposite, or different kinds of act. A contradiction is never counted as agreement.
 */
export function apart(a: Mention, b: Mention): string | null {
  if ((a.cue === 'denial') !== (b.cue === 'denial')) return 'one denies, the other states';
  if ((a.cue === 'tentative' && b.cue === 'outcome') || (a.cue === 'outcome' && b.cue === 'tentative')) return 'a plan against its outcome';
  if (a.negated !== b.negated && negationMeets(a.negated ? a : b, a.negated ? b : a)) return 'one is negated';
  if (figuresDisagree(a.figures, b.figures)) return 'their figures differ';
  if (a.days.length && b.days.length && !a.days.some((d) => b.days.includes(d))) return 'they name different days';
  if (opposed(a, b) || opposed(b, a)) return 'opposite words';
  if (differentActs(a, b)) return 'they state different acts';
  return null;
}

/** Both name the kind of act they report (predicates.yml) and no kind is the same: a request and its refusal. */
function differentActs(a: Mention, b: Mention): boolean {
  const acts = (m: Mention) => [...m.said.keys()].filter((k) => k.startsWith('p:'));
  const [x, y] = [acts(a), acts(b)];
  return x.length > 0 && y.length > 0 && !x.some((k) => y.includes(k));
}

/**
 * A negation that bears on what the other statement says: one of its negated words is stated by
 * the other ("were not paid" against "paid"), or it negates without saying what. A negation of
 * something the other does not say ("wages that were not paid" against "unpaid wages") keeps
 * nothing apart; the model weighs it.
 */
function negationMeets(neg: Mention, pos: Mention): boolean {
  return neg.negatedWords.size === 0 || [...neg.negatedWords].some((w) => pos.statement.content.has(w));
}

/** Probability that two mentions state the same thing (data/models/same-claim.json). */
export function sameClaim(a: Mention, b: Mention): number {
  return sameProbability(sameClaimModel(), pairFeatures(a.statement, b.statement));
}

/**
 * Align mentions across articles into claims. Two mentions of different articles are linked when
 * the same-statement model finds them at or above its threshold (or they lie in one copied
 * passage) and nothing keeps them apart (apart()). Claims grow by complete link: a mention joins
 * a claim only when it is linked to every mention already in it, and an article brings at most one
 * mention to a claim, so every pair inside a claim states the same thing. Whole sentences are
 * aligned first; a sentence of several clauses that no other article states as a whole is then
 * aligned clause by clause (a meeting and the request made in it can each find their own
 * corroboration). Candidates share at least two content stems (an inverted index), so unrelated
 * sentences cost nothing. Deterministic: links are taken by probability, then by position.
 */
export function alignMentions(mentions: readonly Mention[], reuse: ReuseIndex): number[][] {
  const n = mentions.length;
  const threshold = sameClaimModel().threshold;
  const scores = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const score = (i: number, j: number): number => {
    const k = key(i, j);
    let s = scores.get(k);
    if (s === undefined) {
      const [a, b] = [mentions[i]!, mentions[j]!];
      if (a.articleId === b.articleId || apart(a, b)) s = -1;
      else {
        s = sameClaim(a, b);
        if (reuse.copied(a, b)) s = Math.max(s, CROSSCHECK.reuseProbability);
      }
      scores.set(k, s);
    }
    return s;
  };
  const candidates = candidatePairs(mentions, reuse);
  const whole = (i: number) => mentions[i]!.level === 'sentence';
  // Round 1: whole sentences.
  const first = completeLink(mentions, candidates.filter(([i, j]) => whole(i) && whole(j)), score, threshold, mentions.map((_, i) => i).filter(whole).map((i) => [i]));
  const joined = first.filter((c) => c.length > 1);
  const done = new Set(joined.flat());
  // A sentence aligned as a whole brings none of its clauses; one that is not brings its clauses instead of itself.
  const sentenceOf = (m: Mention) => `${m.articleId}\n${m.order}`;
  const alignedSentences = new Set([...done].map((i) => sentenceOf(mentions[i]!)));
  const split = new Set(mentions.filter((m) => m.level === 'clause').map(sentenceOf));
  const rest = mentions
    .map((m, i) => i)
    .filter((i) => !done.has(i) && !alignedSentences.has(sentenceOf(mentions[i]!)) && (mentions[i]!.level === 'clause' || !split.has(sentenceOf(mentions[i]!))));
  const live = new Set([...done, ...rest]);
  return completeLink(mentions, candidates.filter(([i, j]) => live.has(i) && live.has(j) && !(done.has(i) && done.has(j))), score, threshold, [...joined, ...rest.map((i) => [i])]);
}

/** Pairs of mentions of different articles that share at least `minSharedStems` content stems and `minContentJaccard` of them, or one copied passage. */
function candidatePairs(mentions: readonly Mention[], reuse: ReuseIndex): [number, number][] {
  const index = new Map<string, number[]>();
  mentions.forEach((m, i) => {
    for (const f of m.statement.content.keys()) pushTo(index, f, i);
  });
  // For each mention, count the stems it shares with each later one (a dense counter, reset per mention).
  const count = new Int32Array(mentions.length);
  const touched: number[] = [];
  const out: [number, number][] = [];
  mentions.forEach((m, i) => {
    for (const f of m.statement.content.keys()) {
      const list = index.get(f)!;
      if (list.length > CROSSCHECK.maxPostings) continue;
      for (const j of list) {
        if (j <= i || mentions[j]!.articleId === m.articleId) continue;
        if (count[j] === 0) touched.push(j);
        count[j]!++;
      }
    }
    for (const j of touched) {
      const shared = count[j]!;
      count[j] = 0;
      const jaccard = shared / Math.max(1, m.statement.content.size + mentions[j]!.statement.content.size - shared);
      if ((shared >= CROSSCHECK.minSharedStems && jaccard >= CROSSCHECK.minContentJaccard) || reuse.copied(m, mentions[j]!)) out.push([i, j]);
    }
    touched.length = 0;
  });
  return out;
}

/** Complete-link merging of `start` clusters over the candidate links at or above `threshold`, one mention per article and claim. */
function completeLink(mentions: readonly Mention[], candidates: readonly [number, number][], score: (i: number, j: number) => number, threshold: number, start: readonly (readonly number[])[]): number[][] {
  const links: [number, number, number][] = [];
  for (const [i, j] of candidates) {
    const s = score(i, j);
    if (s >= threshold) links.push([s, Math.min(i, j), Math.max(i, j)]);
  }
  links.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const clusterOf = new Map<number, number>();
  const members = new Map<number, number[]>();
  for (const c of start) {
    const id = Math.min(...c);
    members.set(id, [...c].sort((p, q) => p - q));
    for (const i of c) clusterOf.set(i, id);
  }
  for (const [, i, j] of links) {
    const [ci, cj] = [clusterOf.get(i), clusterOf.get(j)];
    if (ci === undefined || cj === undefined || ci === cj) continue;
    const A = members.get(ci)!;
    const B = members.get(cj)!;
    const articles = new Set(A.map((x) => mentions[x]!.articleId));
    if (B.some((y) => articles.has(mentions[y]!.articleId))) continue;
    if (!A.every((x) => B.every((y) => score(x, y) >= threshold))) continue;
    const [keep, gone] = ci < cj ? [ci, cj] : [cj, ci];
    const merged = [...members.get(keep)!, ...members.get(gone)!].sort((p, q) => p - q);
    members.set(keep, merged);
    members.delete(gone);
    for (const m of merged) clusterOf.set(m, keep);
  }
  return [...members.values()].sort((p, q) => p[0]! - q[0]!);
}

/**
 * Independent origins of a claim: its articles, joined when they come from one outlet, when their
 * mentions are one copied passage, or when both credit the same outlet or agency for it; each
 * group says what joined it. A claim copied or rewritten from one report is one origin however
 * many articles carry it.
 */
export function originGroups(ms: readonly Mention[], outletOf: (id: string) => string | null, reuse: ReuseIndex, nameOf: (id: string) => string, creditName: (ref: string) => string): OriginGroup[] {
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
  const why = new Map<string, Set<string>>();
  const note = (a: string, reason: string) => {
    let s = why.get(a);
    if (!s) why.set(a, (s = new Set()));
    s.add(reason);
  };
  for (const m of ms) parent.set(m.articleId, m.articleId);
  const byKey = new Map<string, string[]>();
  for (const m of ms) {
    const outlet = outletOf(m.articleId);
    if (outlet) pushTo(byKey, `o:${outlet}`, m.articleId);
    for (const c of m.credits) pushTo(byKey, `c:${c}`, m.articleId);
  }
  for (const [k, ids] of [...byKey].sort((x, y) => x[0].localeCompare(y[0]))) {
    const uniq = [...new Set(ids)].sort();
    if (uniq.length < 2) continue;
    for (const id of uniq.slice(1)) union(uniq[0]!, id);
    const reason = k.startsWith('o:') ? `${uniq.map(nameOf).join(' and ')} are one outlet` : `${uniq.map(nameOf).join(' and ')} both credit ${creditName(k.slice(2))}`;
    for (const id of uniq) note(id, reason);
  }
  for (let i = 0; i < ms.length; i++)
    for (let j = i + 1; j < ms.length; j++) {
      const r = reuse.copied(ms[i]!, ms[j]!);
      if (!r) continue;
      union(ms[i]!.articleId, ms[j]!.articleId);
      const verb = r.kind === 'exact' ? 'copies' : r.passages.some((p) => p.changes.length) ? 'rewrites' : 'copies';
      const reason = r.relation === 'common-origin' ? `${nameOf(r.from)} and ${nameOf(r.to)} share a passage from one upstream report` : `${nameOf(r.to)} ${verb} ${nameOf(r.from)}'s passage`;
      note(ms[i]!.articleId, reason);
      note(ms[j]!.articleId, reason);
    }
  const groups = new Map<string, string[]>();
  for (const m of ms) {
    const root = find(m.articleId);
    const list = groups.get(root) ?? [];
    if (!list.includes(m.articleId)) list.push(m.articleId);
    groups.set(root, list);
  }
  return [...groups.values()]
    .map((ids) => ({ articleIds: [...ids].sort(), joinedBy: [...new Set(ids.flatMap((id) => [...(why.get(id) ?? [])]))].sort() }))
    .sort((a, b) => a.articleIds[0]!.localeCompare(b.articleIds[0]!));
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
 * Two statements speak of the same matter: they share a name when both name someone, at least
 * `CROSSCHECK.minSaidShare` of the smaller of what they say (by weight) is said by the other too,
 * and the share returned is that of the smaller side's words and names together (names at
 * NAME_WEIGHT) that the other has, leaving out what `leaveOut` names (the words in which they
 * differ). 0 when a gate fails.
 */
export function sameMatter(a: Matter, b: Matter, leaveOut: ReadonlySet<string> = new Set(), figures = true): number {
  if (a.names.size && b.names.size && ![...a.names].some((n) => b.names.has(n))) return 0;
  const weight = (m: ReadonlyMap<string, number>) => {
    let t = 0;
    for (const [k, w] of m) if (!leaveOut.has(k)) t += w;
    return t;
  };
  const [small, large] = weight(a.said) <= weight(b.said) ? [a, b] : [b, a];
  let total = 0;
  let hit = 0;
  for (const [k, w] of small.said) {
    if (leaveOut.has(k)) continue;
    total += w;
    if (large.said.has(k)) hit += w;
  }
  if (!total || hit / total < CROSSCHECK.minSaidShare) return 0;
  for (const n of small.names) {
    total += NAME_WEIGHT;
    if (large.names.has(n) || large.said.has(n)) hit += NAME_WEIGHT;
  }
  // A figure is part of the matter too ("hundreds of thousands ... fled"), unless the figures are what is compared.
  if (figures)
    for (const f of small.figures) {
      total += FIGURE_WEIGHT;
      if (large.figures.some((g) => sameFigure(f, g))) hit += FIGURE_WEIGHT;
    }
  return hit / total;
}

/** What sameMatter compares of a statement. */
interface Matter {
  readonly said: ReadonlyMap<string, number>;
  readonly names: ReadonlySet<string>;
  readonly figures: readonly Figure[];
}
const FIGURE_WEIGHT = 8;

/** Weight of a name in sameMatter: a little less than a rare word, so that names alone never make one matter. */
const NAME_WEIGHT = 6;

/** Weight of the words (and predicate classes) two statements both say, leaving out `leaveOut`. */
function sharedSaid(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>, leaveOut: ReadonlySet<string> = new Set()): number {
  let n = 0;
  for (const [k, w] of x) if (y.has(k) && !leaveOut.has(k)) n += Math.min(w, y.get(k)!);
  return n;
}

const cues = (a: Mention, b: Mention) => new Set([...a.cueWords, ...b.cueWords]);
const view = (m: Mention): Matter => ({ said: m.said, names: m.statement.names, figures: m.figures });
const deniedView = (m: Mention): Matter => ({ said: m.denied!.said, names: m.denied!.statement.names, figures: m.denied!.figures });

/** Can be said of the same time: a day both name, or one of them not saying when (both saying when, on no common day, are two moments). */
function sameTime(a: Mention, b: Mention): boolean {
  return a.days.some((d) => b.days.includes(d)) || !a.timed || !b.timed;
}

/**
 * Conflicts between claims of different articles, each found between two mentions about the same
 * matter (sameMatter, with the words that differ left out):
 * - denial: one denies what the other states ("denied reports that hundreds of thousands were fleeing");
 * - change: a plan or possibility, then a settled outcome ("under discussion", then "rejected");
 * - opposite: the same statement with and without a negation, the negated word stated by the
 *   other ("will not accept the passport" / "accepts the passport"), or a word against its opposite;
 * - numbers: different figures for the same thing at the same time (ranges for approximate figures),
 *   neither of them a possibility.
 */
export function findConflicts(claims: readonly ClaimDraft[], describe: (m: Mention) => string, publishedOf: (id: string) => string | null): { byClaim: Map<string, ClaimConflict[]>; pairs: ConflictPair[] } {
  const out = new Map<string, ClaimConflict[]>(claims.map((c) => [c.id, []]));
  const pairs: ConflictPair[] = [];
  const add = (A: ClaimDraft, B: ClaimDraft, kind: ConflictKind, note: string, a: Mention, b: Mention) => {
    const known = (from: ClaimDraft, to: ClaimDraft) => out.get(from.id)!.some((c) => c.claimId === to.id && c.kind === kind);
    if (!known(A, B)) {
      pairs.push({ a, b, kind, note });
      out.get(A.id)!.push({ claimId: B.id, kind, note, role: kind === 'change' ? 'earlier' : kind === 'denial' ? 'denies' : 'side' });
    }
    if (!known(B, A)) out.get(B.id)!.push({ claimId: A.id, kind, note, role: kind === 'change' ? 'later' : kind === 'denial' ? 'denied' : 'side' });
  };
  const all = claims.flatMap((c, ci) => c.mentions.map((m) => ({ m, ci })));
  const index = new Map<string, number[]>();
  all.forEach(({ m }, i) => {
    for (const k of m.said.keys()) pushTo(index, k, i);
    for (const k of m.denied?.said.keys() ?? []) pushTo(index, `denied|${k}`, i);
  });
  const tested = new Set<number>();
  const later = (a: Mention, b: Mention) => {
    const [x, y] = [a.date ?? publishedOf(a.articleId), b.date ?? publishedOf(b.articleId)];
    return !x || !y || y >= x;
  };
  const test = (x: number, y: number) => {
    const key = x < y ? x * all.length + y : y * all.length + x;
    if (x === y || tested.has(key)) return;
    tested.add(key);
    const [{ m: p, ci: i }, { m: q, ci: j }] = [all[x]!, all[y]!];
    if (i === j || p.articleId === q.articleId) return;
    for (const [a, b, A, B] of [
      [p, q, claims[i]!, claims[j]!],
      [q, p, claims[j]!, claims[i]!],
    ] as const) {
      if (a.cue === 'denial' && b.cue !== 'denial' && !b.negated && !b.speculative && b.cue !== 'tentative' && a.denied && sharedSaid(a.denied.said, b.said) >= CROSSCHECK.minSharedSaid && sameMatter(deniedView(a), view(b)) >= CROSSCHECK.deniedMatter) {
        add(A, B, 'denial', `${describe(a)} denies: “${a.text}” — against ${describe(b)}: “${b.text}”`, a, b);
        return;
      }
      if (a.cue === 'tentative' && b.cue === 'outcome' && later(a, b) && sharedSaid(a.said, b.said, cues(a, b)) >= CROSSCHECK.minSharedSaid && sameMatter(view(a), view(b), cues(a, b)) >= CROSSCHECK.changeMatter) {
        add(A, B, 'change', `changed: ${describe(a)}: “${a.text}” — then ${describe(b)}: “${b.text}”`, a, b);
        return;
      }
    }
    if (p.cue === 'denial' || q.cue === 'denial') return;
    if (p.negated !== q.negated) {
      const [neg, pos] = p.negated ? [p, q] : [q, p];
      const word = [...neg.negatedWords].find((w) => pos.statement.content.has(w));
      if (word && sharedSaid(neg.said, pos.said) >= CROSSCHECK.minSharedSaid && sameMatter(view(neg), view(pos)) >= CROSSCHECK.sameMatter) {
        add(claims[i]!, claims[j]!, 'opposite', `${describe(p)}: “${p.text}” — but ${describe(q)}: “${q.text}”`, p, q);
        return;
      }
    }
    const opp = opposed(p, q) ?? opposed(q, p);
    if (opp && p.negated === q.negated && sameMatter(view(p), view(q), new Set(opp)) >= CROSSCHECK.sameMatter && sharedSaid(p.said, q.said, new Set(opp)) >= CROSSCHECK.minSharedSaid) {
      add(claims[i]!, claims[j]!, 'opposite', `${describe(p)}: “${p.text}” — but ${describe(q)}: “${q.text}”`, p, q);
      return;
    }
    if (figuresDisagree(p.figures, q.figures) && sameTime(p, q) && !p.speculative && !q.speculative && p.cue !== 'tentative' && q.cue !== 'tentative' && sharedSaid(p.said, q.said) >= CROSSCHECK.minSharedSaid && sameMatter(view(p), view(q), new Set(), false) >= CROSSCHECK.numbersMatter) {
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

/** A claim's verdict: a conflict first, then a change, then hearsay, then how many origins. */
export function statusOf(conflicts: readonly ClaimConflict[], mentions: readonly Mention[], origins: number): ClaimStatus {
  if (conflicts.some((c) => c.kind !== 'change')) return 'contested';
  if (conflicts.some((c) => c.kind === 'change' && c.role === 'earlier')) return 'changed';
  if (mentions.every((m) => m.hearsay)) return 'reported';
  return origins >= 2 ? 'corroborated' : 'single-origin';
}

export function claimRecord(d: ClaimDraft, conflicts: readonly ClaimConflict[], origins: readonly OriginGroup[], nameOf: (id: string) => string): ClaimRecord {
  const ids = new Set(d.mentions.map((m) => m.articleId));
  const status = statusOf(conflicts, d.mentions, origins.length);
  const dates = d.mentions.map((m) => m.date).filter((x): x is string => !!x);
  return {
    id: d.id,
    text: d.lead.text,
    mentions: d.mentions.map((m) => ({
      articleId: m.articleId,
      start: m.start,
      end: m.end,
      attributedTo: m.attributedTo,
      sentence: m.sentence.start === m.start && m.sentence.end === m.end ? null : m.sentence,
      hearsay: m.hearsay,
    })),
    articles: ids.size,
    independentOrigins: origins.length,
    origins,
    status,
    why: verdictWhy(status, origins, conflicts, nameOf),
    conflicts,
    date: mostFrequent(countOf(dates)),
  };
}

/** One line saying why this claim has its verdict. */
export function verdictWhy(status: ClaimStatus, origins: readonly OriginGroup[], conflicts: readonly ClaimConflict[], nameOf: (id: string) => string): string {
  const group = (g: OriginGroup) => g.articleIds.map(nameOf).join(' + ');
  const joined = origins.filter((g) => g.joinedBy.length).flatMap((g) => g.joinedBy);
  const folds = joined.length ? `; one origin each: ${[...new Set(joined)].join('; ')}` : '';
  switch (status) {
    case 'contested':
      return `reports disagree (${[...new Set(conflicts.filter((c) => c.kind !== 'change').map((c) => c.kind))].join(', ')}): see both sides below`;
    case 'changed':
      return 'a plan or possibility later reported settled otherwise';
    case 'reported':
      return `every source passes it on without standing behind it ("reportedly", "allegedly")${origins.length > 1 ? `, in ${origins.length} origins` : ''}`;
    case 'corroborated':
      return `${origins.length} independent origins (${origins.map(group).join(' | ')}): different outlets, no copied passage between them, no common credited source${folds}`;
    case 'single-origin':
      return origins[0] && origins[0].articleIds.length > 1 ? `one origin: ${[...new Set(joined)].join('; ')}` : 'stated by one article only';
  }
}
