import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { StorylineRecord, StoryRecord } from '../model/run.js';
import { features } from './features.js';
import { StoryClusterer } from './stories.js';
import { StorylineLinker } from './storylines.js';
import { STORIES, STORYLINES, type StorylineSettings, type StorySettings } from './settings.js';

export { StoryClusterer, type StoryState, type Background, type ClusterChanges, type StoryAssignment } from './stories.js';
export { dayOf, features, publishedDay, type Features } from './features.js';
export { StorylineLinker, type EventProfileState, type StorylineChanges, type StorylinePlacement } from './storylines.js';

/**
 * Group a batch into stories. Articles the user put in a story (`meta.group`: `--one-story`,
 * `--group-by FIELD`) form that story, by key; the others go through the online clusterer: articles are fed in publication order
 * (undated ones after, by id), so the same input gives the same stories whatever the order of
 * files on disk. A story's id hashes the id of the article that started it (as in the store);
 * stories are ordered by their first article.
 */
export function clusterStories(articles: readonly Article[], settings: StorySettings = STORIES): StoryRecord[] {
  return clusterEvents(articles, settings).stories;
}

/**
 * Stories (events) and the storylines that link them, from one pass of the online clusterer and
 * the storyline linker (src/cluster/storylines.ts) over the batch in publication order. A user's
 * group is one event and one storyline of its own.
 */
export function clusterEvents(
  articles: readonly Article[],
  settings: StorySettings = STORIES,
  lineSettings: StorylineSettings = STORYLINES,
  fed?: FreeEvents,
): { stories: StoryRecord[]; storylines: StorylineRecord[] } {
  const given = new Map<string, Article[]>();
  for (const a of [...articles].sort(byDate)) if (a.meta.group) given.set(a.meta.group, [...(given.get(a.meta.group) ?? []), a]);
  const grouped = [...given].map(([key, members]) => ({ id: groupStoryId(key), title: members[0]!.meta.title ?? key, articleIds: members.map((a) => a.id) }));
  const own = articles.filter((a) => !a.meta.group);
  if (fed && fed.size !== own.length) throw new Error('cluster: the articles fed are not those of the batch');
  const free = fed ? fed.result() : clusterFree(own, settings, lineSettings);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const mine = [...given.entries()].map(([key], i) => storylineRecord(groupStorylineId(key), [grouped[i]!], byId));
  return { stories: [...grouped, ...free.stories], storylines: [...mine, ...free.storylines] };
}

/** The id of the storyline a user's group key makes (its one event is `groupStoryId(key)`). */
export function groupStorylineId(key: string): string {
  return createHash('sha256').update(`group-storyline\n${key}`).digest('hex').slice(0, 10);
}

/** A storyline's id: from the id of the article that started its first event, so it stays put as the storyline grows. */
export function storylineId(firstArticleId: string): string {
  return createHash('sha256').update(`storyline\n${firstArticleId}`).digest('hex').slice(0, 10);
}

/** The id of the story a user's group key names (`--one-story`, `--group-by`): the same key, the same story, in a batch as in a store. */
export function groupStoryId(key: string): string {
  return createHash('sha256').update(`group\n${key}`).digest('hex').slice(0, 10);
}

/** The clusterer and the linker over articles the user put in no story. */
function clusterFree(articles: readonly Article[], settings: StorySettings, lineSettings: StorylineSettings): { stories: StoryRecord[]; storylines: StorylineRecord[] } {
  const events = new FreeEvents(settings, lineSettings);
  for (const a of [...articles].sort(byDate)) events.add(a);
  return events.result();
}

/**
 * The clusterer and the linker over articles the user put in no story, fed one at a time in
 * publication order (byDate), so that a batch can be placed as its chunks come (MemorySink) and
 * give what clusterEvents gives the whole batch at once: it takes only an article that sorts
 * after every one before (`accepts`).
 */
export class FreeEvents {
  private c: StoryClusterer;
  private readonly linker: StorylineLinker;
  private readonly groups = new Map<number, Article[]>();
  private readonly lineOf = new Map<number, number>();
  private readonly fed: Article[] = [];
  private undated = false;

  constructor(
    private readonly settings: StorySettings = STORIES,
    lineSettings: StorylineSettings = STORYLINES,
  ) {
    this.c = new StoryClusterer(settings);
    this.linker = new StorylineLinker(lineSettings, settings, undefined, true);
  }

  /** How many articles were fed. */
  get size(): number {
    return this.fed.length;
  }

  /** Does `a` sort after every article fed (may it come next)? */
  accepts(a: Article): boolean {
    const last = this.fed.at(-1);
    return last === undefined || byDate(last, a) < 0;
  }

  add(a: Article): void {
    if (!this.accepts(a)) throw new Error(`cluster: article ${a.id} comes before one placed already`);
    const f = features(a, this.settings);
    if (a.meta.published === null && !this.undated && this.fed.length > 0) {
      // The dated articles are placed (undated ones sort last). An article without a date cannot
      // be placed in time, so it is compared with every story they formed, not only with those
      // still open at the last date: the batch is in memory anyway. (A store looks the closed ones
      // up by full-text search: StoreWriter.)
      this.undated = true;
      this.c = reopened(this.c, this.settings);
      this.linker.reopenAll();
    }
    this.fed.push(a);
    const c = this.c;
    const placed = c.add(f);
    const { line, absorbed } = this.linker.place(f, placed, (k) => c.frequency(k));
    this.lineOf.set(placed.story, line);
    if (absorbed.length) for (const [ev, l] of this.lineOf) if (absorbed.includes(l)) this.lineOf.set(ev, line);
    const g = this.groups.get(placed.story);
    if (g) g.push(a);
    else this.groups.set(placed.story, [a]);
  }

  /** The stories and storylines of the articles fed. */
  result(): { stories: StoryRecord[]; storylines: StorylineRecord[] } {
    const stories = [...this.groups].map(([num, members]) => ({ num, record: { id: storyId(members[0]!.id), title: members[0]!.meta.title ?? '(untitled)', articleIds: members.map((a) => a.id) } }));
    const lines = new Map<number, StoryRecord[]>();
    for (const { num, record } of stories) pushLine(lines, this.lineOf.get(num)!, record);
    const byId = new Map(this.fed.map((a) => [a.id, a]));
    const storylines = [...lines.values()].map((events) => storylineRecord(storylineId(events[0]!.articleIds[0]!), events, byId));
    return { stories: stories.map((s) => s.record), storylines };
  }
}

function pushLine(lines: Map<number, StoryRecord[]>, line: number, s: StoryRecord): void {
  const list = lines.get(line);
  if (list) list.push(s);
  else lines.set(line, [s]);
}

/** A storyline of events (in the order of their first articles): its title is the first one's, its days span their articles'. */
export function storylineRecord(id: string, events: readonly Pick<StoryRecord, 'id' | 'title' | 'articleIds'>[], byId: ReadonlyMap<string, Dated>): StorylineRecord {
  const days = events.flatMap((e) => e.articleIds.map((a) => byId.get(a)?.meta.published ?? null)).filter((d): d is string => d !== null).sort();
  return { id, title: events[0]!.title, eventIds: events.map((e) => e.id), first: days[0] ?? null, last: days.at(-1) ?? null };
}

/** The storylines of a run: its own, else each story its own storyline (a run of one stored story). */
export function storylinesOf(run: { readonly stories: readonly StoryRecord[]; readonly storylines?: readonly StorylineRecord[]; readonly articles: readonly Dated[] }): readonly StorylineRecord[] {
  if (run.storylines) return run.storylines;
  const byId = new Map(run.articles.map((a) => [a.id, a]));
  return run.stories.map((s) => storylineRecord(storylineId(s.articleIds[0] ?? s.id), [s], byId));
}

/**
 * A clusterer that goes on from `c` with every story `c` formed open again, closed ones too. `c`
 * must have started empty and never been drained: then its first drain holds every story and the
 * whole background.
 */
function reopened(c: StoryClusterer, settings: StorySettings): StoryClusterer {
  const all = c.drain();
  const next = new StoryClusterer(settings, { docs: all.docs, df: all.dfDelta, nextStory: all.nextStory, seq: all.seq, today: null });
  next.load(all.stories);
  return next;
}

type Dated = Pick<Article, 'id'> & { readonly meta: Pick<Article['meta'], 'published' | 'publishedAt'> };

/** A story's id: from the id of the article that started it, so it stays put as the story grows. */
export function storyId(firstArticleId: string): string {
  return createHash('sha256').update(`story\n${firstArticleId}`).digest('hex').slice(0, 10);
}

/** Publication order: by day (undated last), then by instant where the source gave one, then id. */
export function byDate(a: Dated, b: Dated): number {
  // Code-unit comparison, not localeCompare: ISO strings sort right that way, and '~' (no known time) after any time.
  return cmp(a.meta.published ?? '9999', b.meta.published ?? '9999') || cmp(a.meta.publishedAt ?? '~', b.meta.publishedAt ?? '~') || cmp(a.id, b.id);
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
