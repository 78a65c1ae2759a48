import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { ClaimRecord, LoadedRecord, StoryCheck, TextRef, TimelineEntry } from '../model/check.js';
import type { EntityRecord, ReuseRecord, StoryRecord } from '../model/run.js';
import { byDate } from '../cluster/index.js';
import { stemmedWords } from '../lexicon/phrases.js';
import { pushTo } from '../util/maps.js';
import { sourceName } from '../util/names.js';
import { composeBrief, type BriefClaim } from './brief.js';
import { alignMentions, claimRecord, findConflicts, independentOrigins, ReuseIndex, type ClaimDraft } from './claims.js';
import { actorHits, actorLabels, articleFraming, entityLabels, loadedWords, quotedRanges, speculation } from './framing.js';
import { mentionsOf, type Mention } from './mentions.js';

export { briefHolds, claimHolds } from './brief.js';

/**
 * Cross-check one story: align what its articles claim, count independent origins, find denials,
 * disagreeing figures, opposite statements and changes over time, set each outlet's words for the
 * same actors side by side, mark loaded words in the outlet's own voice, order dated events, and
 * compose a brief from the articles' own sentences. Pure: the same articles and reuse give the
 * same result, whatever their order.
 */
export function crossCheck(articles: readonly Article[], reuse: readonly ReuseRecord[] = [], entities: readonly EntityRecord[] = []): StoryCheck {
  const sorted = [...articles].sort(byDate);
  const byId = new Map(sorted.map((a) => [a.id, a]));
  const index = new ReuseIndex(reuse);

  // Framing first: the brief picks sentences with the fewest loaded words.
  const loaded: LoadedRecord[] = [];
  const hits: ReturnType<typeof actorHits> = [];
  const quoted = new Map<string, [number, number][]>();
  const spec = new Map<string, TextRef[]>();
  const wordsOf = new Map<string, ReturnType<typeof stemmedWords>>();
  for (const a of sorted) {
    const ws = stemmedWords(a.text);
    wordsOf.set(a.id, ws);
    const q = quotedRanges(a);
    quoted.set(a.id, q);
    loaded.push(...loadedWords(a, ws, q));
    hits.push(...actorHits(a, ws, q));
    spec.set(a.id, speculation(a, ws, q));
  }
  const names = namesOf(entities);
  const placeName = (ref: string) => names.get(ref) ?? ref.replace(/^place:/, '').replace(/-/g, ' ').replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  const labels = [...actorLabels(hits, placeName), ...entityLabels(sorted, names, quoted)];

  const mentions = storyWeights(sorted.flatMap((a) => mentionsOf(a, wordsOf.get(a.id), quoted.get(a.id))));
  const loadedOf = new Map<string, LoadedRecord[]>();
  for (const l of loaded) pushTo(loadedOf, l.articleId, l);
  const loadedIn = (m: Mention) => (loadedOf.get(m.articleId) ?? []).filter((l) => !l.quoted && l.start >= m.start && l.end <= m.end).length;
  const drafts: ClaimDraft[] = alignMentions(mentions, index).map((group) => {
    const ms = group.map((i) => mentions[i]!);
    const lead = [...ms].sort((x, y) => rank(x, byId, loadedIn) - rank(y, byId, loadedIn) || x.order - y.order || (x.articleId < y.articleId ? -1 : 1))[0]!;
    const first = ms[0]!;
    return { id: createHash('sha256').update(`claim\n${first.articleId}\n${first.start}`).digest('hex').slice(0, 10), mentions: ms, lead };
  });
  const describe = (m: Mention) => {
    const a = byId.get(m.articleId);
    const who = a ? sourceName(a) : m.articleId;
    const when = a?.meta.published ? `, ${a.meta.published}` : '';
    return m.attributedTo ? `${who}${when} (citing ${m.attributedTo})` : `${who}${when}`;
  };
  const { byClaim, pairs } = findConflicts(drafts, describe);
  const outletOf = (id: string) => byId.get(id)?.meta.outlet?.toLowerCase() ?? null;
  const briefClaims: BriefClaim[] = drafts.map((d) => ({
    record: claimRecord(d, byClaim.get(d.id) ?? [], independentOrigins(d.mentions, outletOf, index)),
    lead: d.lead,
    mentions: d.mentions,
  }));
  const claims: ClaimRecord[] = briefClaims
    .map((c) => c.record)
    .sort((a, b) => b.independentOrigins - a.independentOrigins || b.articles - a.articles || b.conflicts.length - a.conflicts.length || a.id.localeCompare(b.id));
  const timeline: TimelineEntry[] = claims
    .filter((c) => c.date)
    .map((c) => ({ date: c.date!, text: c.text, articleIds: [...new Set(c.mentions.map((m) => m.articleId))].sort(), claimId: c.id }))
    .sort((a, b) => a.date.localeCompare(b.date) || b.articleIds.length - a.articleIds.length || a.claimId.localeCompare(b.claimId));
  const brief = composeBrief(briefClaims, pairs, labels, loaded, byId);
  const framing = sorted.map((a) => articleFraming(a, loadedOf.get(a.id) ?? [], spec.get(a.id) ?? []));
  return { claims, labels, loaded, framing, timeline, brief };
}

const NAMES = new WeakMap<readonly EntityRecord[], Map<string, string>>();

/** ref → name of a run's entity table, built once per table (a run cross-checks many stories). */
export function namesOf(entities: readonly EntityRecord[]): Map<string, string> {
  let m = NAMES.get(entities);
  if (!m) NAMES.set(entities, (m = new Map(entities.map((e) => [e.ref, e.name]))));
  return m;
}

/**
 * Weigh each feature by how rare it is in the story: the places and actors every sentence of a
 * story names ("Idlib", "Turkey") say little about which statement is which; the rare words do.
 * Scale: log(1 + N/df) / log(1 + N), so a feature in one sentence keeps most of its weight.
 */
function storyWeights(mentions: readonly Mention[]): Mention[] {
  const df = new Map<string, number>();
  for (const m of mentions) for (const k of m.features.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = mentions.length;
  const norm = Math.log(1 + n) || 1;
  const rw = (f: ReadonlyMap<string, number>) => new Map([...f].map(([k, w]) => [k, (w * Math.log(1 + n / (df.get(k) ?? 1))) / norm]));
  return mentions.map((m) => ({ ...m, features: rw(m.features), denied: m.denied && rw(m.denied) }));
}

/** Which mention words a claim: own voice or reported speech over a direct quote, news over opinion, fewer loaded words, then earlier. */
function rank(m: Mention, byId: ReadonlyMap<string, Article>, loadedIn: (m: Mention) => number): number {
  const kind = byId.get(m.articleId)?.classification?.kind;
  return (m.quoted ? 4 : 0) + (kind === 'opinion' ? 2 : 0) + loadedIn(m) * 1.5 + (m.speculative ? 1 : 0);
}

/** Cross-check every story of a run (each with its own articles and copy chain). */
export function crossCheckStories(stories: readonly StoryRecord[], articles: readonly Article[], entities: readonly EntityRecord[]): StoryRecord[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return stories.map((s) => ({ ...s, check: crossCheck(s.articleIds.map((id) => byId.get(id)!).filter(Boolean), s.reuse ?? [], entities) }));
}
