import type { Article } from '../model/article.js';
import { STORIES, type StorySettings } from './settings.js';

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);
const LIGHT = new Set(['say', 'said', 'says', 'tell', 'told', 'also', 'year', 'years', 'time', 'people', 'make', 'take', 'have', 'been', 'being', 'would', 'could', 'will', 'more', 'other', 'new', 'one', 'two', 'get', 'go', 'come', 'know']);

/** What story clustering reads of an article: bags of content words and entity refs, specific facts, and its day. */
export interface Features {
  readonly id: string;
  readonly terms: ReadonlyMap<string, number>;
  readonly entities: ReadonlyMap<string, number>;
  /** Its words and `@`-prefixed entity refs with their counts, as the vectors, the document frequencies and the index key them. */
  readonly bag: ReadonlyMap<string, number>;
  /** Specific figures and calendar days it states: `n:33:soldier`, `d:2020-02-27`. */
  readonly facts: ReadonlySet<string>;
  /** Publication day as days since the epoch, or null. */
  readonly day: number | null;
}

/** Days since the epoch of an ISO date (a month or a year counts from its first day), or null. */
export function dayOf(iso: string): number | null {
  const t = Date.parse(`${iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso}T12:00:00Z`);
  return Number.isNaN(t) ? null : Math.floor(t / 86_400_000);
}

/** The publication day as days since the epoch: only a full date places an article on a day. */
export function publishedDay(published: string | null): number | null {
  return published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? dayOf(published) : null;
}

export function features(a: Article, settings: Pick<StorySettings, 'properBoost'> = STORIES): Features {
  const terms = new Map<string, number>();
  const title = a.meta.title ?? '';
  // Words of a date ("on Friday", "Aug. 31") say when, not what: the day is a fact below and the
  // clusterer's time distance, while as words they would tie every story told on that weekday.
  const dates = [...(a.layers.dates ?? [])].sort((x, y) => x.start - y.start);
  let d = 0;
  for (const t of a.layers.tokens ?? []) {
    while (d < dates.length && dates[d]!.end <= t.start) d++;
    if (d < dates.length && dates[d]!.start <= t.start) continue;
    if (!CONTENT_POS.has(t.pos)) continue;
    const w = t.norm;
    if (w.length < 3 || LIGHT.has(w) || !/\p{L}/u.test(w)) continue;
    // Proper nouns name the who and where that tell one event from another of the same kind.
    terms.set(w, (terms.get(w) ?? 0) + (t.pos === 'PROPN' ? settings.properBoost : 1));
  }
  // The headline says what the story is: its words count twice.
  for (const w of title.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{2,}/gu) ?? []) if (terms.has(w)) terms.set(w, terms.get(w)! + 2);
  const entities = new Map<string, number>();
  for (const e of a.layers.entities ?? []) entities.set(e.ref, (entities.get(e.ref) ?? 0) + 1);
  const facts = new Set<string>();
  for (const q of a.layers.quantities ?? []) if (q.unit && q.value >= 3 && !q.approximate) facts.add(`n:${q.value}:${q.unit}`);
  for (const d of a.layers.dates ?? []) if (d.precision === 'day') facts.add(`d:${d.value}`);
  // Keyed once here: every count, weighing and candidate lookup reads the same keys.
  const bag = new Map(terms);
  for (const [k, tf] of entities) bag.set(`@${k}`, (bag.get(`@${k}`) ?? 0) + tf);
  return { id: a.id, terms, entities, bag, facts, day: publishedDay(a.meta.published) };
}
