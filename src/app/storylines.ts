import { entityTable } from '../annotate/entities/index.js';
import { crossCheckStoryline } from '../crosscheck/storyline.js';
import type { Article } from '../model/article.js';
import type { EntityRecord, ReuseRecord, StorylineRecord, StoryRecord } from '../model/run.js';
import type { StoreBackend } from '../store/backend.js';
import type { StorylineSummary } from '../store/storylines.js';

/** Events of a storyline read at most (its earliest): a page and its cross-check stay bounded however long it grows. */
export const MAX_STORYLINE_EVENTS = 60;

/** A stored storyline with what changed between its events, ready for the web app and the API. */
export interface CheckedStoryline {
  readonly storyline: StorylineRecord & { readonly check: NonNullable<StorylineRecord['check']> };
  readonly summary: StorylineSummary;
  readonly events: readonly StoryRecord[];
  readonly articles: readonly Article[];
  readonly entities: readonly EntityRecord[];
  readonly reuseAcross: readonly ReuseRecord[];
  /** Events it has beyond the MAX_STORYLINE_EVENTS read. */
  readonly eventsLeftOut: number;
}

/**
 * A stored storyline cross-checked across its events now (src/crosscheck/storyline.ts, bounded by
 * its own caps and MAX_STORYLINE_EVENTS), with the text its events share. Null when there is no such
 * storyline.
 */
export async function checkedStoryline(store: StoreBackend, id: string, summary: StorylineSummary): Promise<CheckedStoryline | null> {
  const found = await store.storedStoryline(id, { maxEvents: MAX_STORYLINE_EVENTS });
  if (!found) return null;
  const entities = entityTable(found.articles);
  const check = crossCheckStoryline(found.storyline, found.events, found.articles, entities, found.reuseAcross);
  return { ...found, storyline: { ...found.storyline, check }, summary, entities, eventsLeftOut: Math.max(0, summary.eventCount - found.events.length) };
}
