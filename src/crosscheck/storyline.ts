import type { Article } from '../model/article.js';
import type { ClaimRecord } from '../model/check.js';
import type { EntityRecord, ReuseRecord, StorylineChange, StorylineCheck, StorylineRecord, StorylineSide, StoryRecord } from '../model/run.js';
import { byDate } from '../cluster/index.js';
import { crossCheck } from './index.js';

/**
 * How much of a storyline is cross-checked together: the cross-check compares every pair of
 * mentions it cannot rule out, so a storyline of many events is read through a bounded sample —
 * the earliest `perEvent` articles of each event, at most `articles` in all (the latest events
 * first left out: what changed is read against where the storyline began).
 */
export const STORYLINE_CHECK = Object.freeze({ perEvent: 6, articles: 36 });

/**
 * The cross-check across a storyline's events: its events' articles (bounded, STORYLINE_CHECK)
 * checked together by `crossCheck`, with the text they share within and across stories, and of
 * what it finds, the changes (a plan settled otherwise) and denials whose two sides stand in
 * different events: a statement overtaken in a later event, with both dates. Conflicts inside one
 * event are that story's own cross-check's. Pure: the same storyline gives the same result.
 *
 * @example
 * const check = crossCheckStoryline(run.storylines[0], run.stories, run.articles, run.entities);
 * check.changes[0]?.kind; // 'change'
 */
export function crossCheckStoryline(
  line: Pick<StorylineRecord, 'eventIds'>,
  stories: readonly Pick<StoryRecord, 'id' | 'articleIds' | 'reuse'>[],
  articles: readonly Article[],
  entities: readonly EntityRecord[] = [],
  across: readonly ReuseRecord[] = [],
): StorylineCheck {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const { chosen, eventOf, reuse, total } = storylineSample(line, stories, articles, across);
  if (line.eventIds.length < 2 || new Set(eventOf.values()).size < 2) return { changes: [], articles: chosen.length, leftOut: total - chosen.length };
  const check = crossCheck(chosen, reuse, entities);
  const claims = new Map(check.claims.map((c) => [c.id, c]));
  const eventsOf = (c: ClaimRecord) => new Set(c.mentions.map((m) => eventOf.get(m.articleId)!));
  const changes: StorylineChange[] = [];
  const seen = new Set<string>();
  for (const c of check.claims)
    for (const k of c.conflicts) {
      if (k.kind !== 'change' && k.kind !== 'denial') continue;
      const other = claims.get(k.claimId);
      const key = [c.id, k.claimId].sort().join(' ');
      if (!other || seen.has(key)) continue;
      seen.add(key);
      const [mine, theirs] = [eventsOf(c), eventsOf(other)];
      if ([...mine].some((e) => theirs.has(e))) continue;
      const a = side(c, byId, eventOf);
      const b = side(other, byId, eventOf);
      // A change: the plan, then its outcome; a denial: the two sides in publication order.
      const first = k.kind === 'change' ? k.role !== 'later' : (a.published ?? '9999') <= (b.published ?? '9999');
      changes.push({ kind: k.kind, earlier: first ? a : b, later: first ? b : a, note: k.note });
    }
  changes.sort((x, y) => (x.later.published ?? '9999').localeCompare(y.later.published ?? '9999') || x.earlier.claimId.localeCompare(y.earlier.claimId));
  return { changes, articles: chosen.length, leftOut: total - chosen.length };
}

/**
 * What the cross-check across a storyline reads: the earliest articles of each event (within
 * STORYLINE_CHECK), the event of each, and the text they share — within each event's story and
 * across its stories (`across`), so a copy filed under another story folds into one origin.
 */
export function storylineSample(
  line: Pick<StorylineRecord, 'eventIds'>,
  stories: readonly Pick<StoryRecord, 'id' | 'articleIds' | 'reuse'>[],
  articles: readonly Article[],
  across: readonly ReuseRecord[] = [],
): { chosen: Article[]; eventOf: Map<string, string>; reuse: ReuseRecord[]; total: number } {
  const events = new Map(stories.map((s) => [s.id, s]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const eventOf = new Map<string, string>();
  const chosen: Article[] = [];
  let total = 0;
  for (const id of line.eventIds) {
    const members = (events.get(id)?.articleIds ?? []).map((a) => byId.get(a)).filter((a): a is Article => a !== undefined).sort(byDate);
    total += members.length;
    for (const a of members.slice(0, STORYLINE_CHECK.perEvent)) {
      if (chosen.length >= STORYLINE_CHECK.articles) break;
      chosen.push(a);
      eventOf.set(a.id, id);
    }
  }
  const inside = (r: ReuseRecord) => eventOf.has(r.from) && eventOf.has(r.to);
  const reuse = [...line.eventIds.flatMap((id) => events.get(id)?.reuse ?? []), ...across].filter(inside);
  return { chosen, eventOf, reuse, total };
}

function side(c: ClaimRecord, byId: ReadonlyMap<string, Article>, eventOf: ReadonlyMap<string, string>): StorylineSide {
  const ids = [...new Set(c.mentions.map((m) => m.articleId))].sort((x, y) => byDate(byId.get(x)!, byId.get(y)!));
  const days = ids.map((id) => byId.get(id)!.meta.published).filter((d): d is string => !!d).sort();
  return { claimId: c.id, text: c.text, eventId: eventOf.get(ids[0]!)!, articleIds: ids, published: days[0] ?? null };
}

/** Cross-check every storyline of a run that has two or more events. */
export function crossCheckStorylines(lines: readonly StorylineRecord[], stories: readonly StoryRecord[], articles: readonly Article[], entities: readonly EntityRecord[], across: readonly ReuseRecord[] = []): StorylineRecord[] {
  return lines.map((l) => (l.eventIds.length > 1 ? { ...l, check: crossCheckStoryline(l, stories, articles, entities, across) } : l));
}
