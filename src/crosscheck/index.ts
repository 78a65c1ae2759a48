import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { ClaimRecord, LoadedRecord, OriginGroup, StoryCheck, TextRef, TimelineEntry } from '../model/check.js';
import type { EntityRecord, ReuseRecord, StoryRecord } from '../model/run.js';
import { byDate } from '../cluster/index.js';
import { stemmedWords } from '../lexicon/phrases.js';
import { pushTo } from '../util/maps.js';
import { articleLabels } from '../util/names.js';
import { composeBrief, type BriefClaim } from './brief.js';
import { alignMentions, claimRecord, findConflicts, originGroups, ReuseIndex, type ClaimDraft } from './claims.js';
import { actorHits, actorLabels, articleFraming, entityLabels, loadedWords, quotedRanges, speculation } from './framing.js';
import { mentionsOf, type Mention } from './mentions.js';
import { spansInside } from '../annotate/locate.js';

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

  const mentions = sorted.flatMap((a) => mentionsOf(a, wordsOf.get(a.id), quoted.get(a.id)));
  const loadedOf = new Map<string, LoadedRecord[]>();
  for (const l of loaded) pushTo(loadedOf, l.articleId, l);
  for (const ls of loadedOf.values()) ls.sort((x, y) => x.start - y.start);
  const loadedIn = (m: Mention) => spansInside(loadedOf.get(m.articleId), m.start, m.end).filter((l) => !l.quoted).length;
  const drafts: ClaimDraft[] = alignMentions(mentions, index).map((group) => {
    const ms = group.map((i) => mentions[i]!);
    const lead = [...ms].sort((x, y) => rank(x, byId, loadedIn) - rank(y, byId, loadedIn) || x.order - y.order || x.unit - y.unit || (x.articleId < y.articleId ? -1 : 1))[0]!;
    const first = ms[0]!;
    return { id: createHash('sha256').update(`claim\n${first.articleId}\n${first.start}`).digest('hex').slice(0, 10), mentions: ms, lead };
  });
  const labels0 = articleLabels(sorted);
  const nameOf = (id: string) => labels0.get(id) ?? id;
  const describe = (m: Mention) => {
    const published = byId.get(m.articleId)?.meta.published ?? null;
    return `${nameOf(m.articleId)}${published ? `, ${published}` : ''}${m.attributedTo ? ` (citing ${m.attributedTo})` : ''}${m.date && m.date !== published ? `, about ${m.date}` : ''}`;
  };
  const { byClaim, pairs } = findConflicts(drafts, describe, (id) => byId.get(id)?.meta.published ?? null);
  const outletOf = (id: string) => byId.get(id)?.meta.outlet?.toLowerCase() ?? null;
  const creditName = (ref: string) => names.get(ref) ?? ref.replace(/^[a-z]+:/, '').replace(/-/g, ' ');
  const originsOf = new Map<string, OriginGroup[]>();
  const briefClaims: BriefClaim[] = drafts.map((d) => {
    const origins = originGroups(d.mentions, outletOf, index, nameOf, creditName);
    originsOf.set(d.id, origins);
    return { record: claimRecord(d, byClaim.get(d.id) ?? [], origins, nameOf), lead: d.lead, mentions: d.mentions };
  });
  const claims: ClaimRecord[] = briefClaims
    .map((c) => c.record)
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.independentOrigins - a.independentOrigins || b.articles - a.articles || b.conflicts.length - a.conflicts.length || a.id.localeCompare(b.id));
  const timeline: TimelineEntry[] = claims
    .filter((c) => c.date)
    .map((c) => ({ date: c.date!, text: c.text, articleIds: [...new Set(c.mentions.map((m) => m.articleId))].sort(), claimId: c.id }))
    .sort((a, b) => a.date.localeCompare(b.date) || b.articleIds.length - a.articleIds.length || a.claimId.localeCompare(b.claimId));
  // Two mentions are one origin when their articles fall in one origin group of a claim that holds both.
  const sameOrigin = (a: Mention, b: Mention) => !!index.copied(a, b) || (!!outletOf(a.articleId) && outletOf(a.articleId) === outletOf(b.articleId)) || a.credits.some((c) => b.credits.includes(c));
  const brief = composeBrief(briefClaims, pairs, labels, loaded, byId, sameOrigin);
  const framing = sorted.map((a) => articleFraming(a, loadedOf.get(a.id) ?? [], spec.get(a.id) ?? []));
  return { claims, labels, loaded, framing, timeline, brief };
}

/** Claims listed conflicts first, then what independent sources agree on, then the rest. */
const STATUS_ORDER: Readonly<Record<ClaimRecord['status'], number>> = { contested: 0, changed: 1, corroborated: 2, 'single-origin': 3, reported: 4 };

const NAMES = new WeakMap<readonly EntityRecord[], Map<string, string>>();

/** ref → name of a run's entity table, built once per table (a run cross-checks many stories). */
export function namesOf(entities: readonly EntityRecord[]): Map<string, string> {
  let m = NAMES.get(entities);
  if (!m) NAMES.set(entities, (m = new Map(entities.map((e) => [e.ref, e.name]))));
  return m;
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
