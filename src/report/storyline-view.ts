import { storylinesOf } from '../cluster/index.js';
import type { Article } from '../model/article.js';
import type { ReuseRecord, StorylineChange, StorylineRecord, StoryRecord } from '../model/run.js';
import { articleLabels, sourceName } from '../util/names.js';
import { plural } from './check-view.js';
import type { TimePoint } from './charts.js';
import { reuseViews, type ReuseView } from './view.js';

/** One event of a storyline as every report shows it: its days and the outlets that reported it. */
export interface EventView {
  readonly id: string;
  readonly title: string;
  readonly first: string | null;
  readonly last: string | null;
  readonly days: string;
  readonly outlets: readonly string[];
  readonly articles: number;
}

/** A change across a storyline's events in words: what was said first, what later, each with its date and event. */
export interface ChangeView {
  readonly kind: StorylineChange['kind'];
  readonly line: string;
  readonly earlier: { readonly text: string; readonly date: string | null; readonly event: string; readonly outlets: string };
  readonly later: { readonly text: string; readonly date: string | null; readonly event: string; readonly outlets: string };
}

/** A storyline of two or more events, ready for the terminal, Markdown, HTML and the web app. */
export interface StorylineView {
  readonly id: string;
  readonly title: string;
  readonly days: string;
  readonly events: readonly EventView[];
  readonly changes: readonly ChangeView[];
  /** What the cross-check across its events read ("6 articles cross-checked together"), or null when it did not run. */
  readonly checked: string | null;
}

/** "2020-02-20 – 2020-02-28", one day, or "undated". */
export function daySpan(first: string | null, last: string | null): string {
  if (!first) return 'undated';
  return !last || last === first ? first : `${first} – ${last}`;
}

/** A storyline and its events as the reports show them. */
export function storylineView(line: StorylineRecord, stories: readonly StoryRecord[], articles: readonly Article[], labels: ReadonlyMap<string, string> = articleLabels(articles)): StorylineView {
  const byStory = new Map(stories.map((s) => [s.id, s]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const events: EventView[] = line.eventIds.map((id) => {
    const s = byStory.get(id);
    const mine = (s?.articleIds ?? []).map((a) => byId.get(a)).filter((a): a is Article => a !== undefined);
    const days = mine.map((a) => a.meta.published).filter((d): d is string => !!d).sort();
    return {
      id,
      title: s?.title ?? id,
      first: days[0] ?? null,
      last: days.at(-1) ?? null,
      days: daySpan(days[0] ?? null, days.at(-1) ?? null),
      outlets: [...new Set(mine.map((a) => a.meta.outlet ?? sourceName(a)))],
      articles: mine.length,
    };
  });
  const titleOf = new Map(events.map((e) => [e.id, e.title]));
  const names = (ids: readonly string[]) => ids.map((id) => labels.get(id) ?? id).join(', ');
  const changes: ChangeView[] = (line.check?.changes ?? []).map((c) => {
    const side = (x: StorylineChange['earlier']) => ({ text: x.text, date: x.published, event: titleOf.get(x.eventId) ?? x.eventId, outlets: names(x.articleIds) });
    const [e, l] = [side(c.earlier), side(c.later)];
    // A change: the plan, then what settled it; a denial: the two sides, in publication order.
    const verb = c.kind === 'change' ? 'then, settled otherwise,' : 'against';
    return { kind: c.kind, earlier: e, later: l, line: `${e.date ?? 'undated'} (${e.event}): “${e.text}” [${e.outlets}] — ${verb} ${l.date ?? 'undated'} (${l.event}): “${l.text}” [${l.outlets}]` };
  });
  const checked = line.check ? `${plural(line.check.articles, 'article')} of its events cross-checked together${line.check.leftOut ? `; ${line.check.leftOut} more left out (the first of each event are read)` : ''}` : null;
  return { id: line.id, title: line.title, days: daySpan(line.first, line.last), events, changes, checked };
}

/** The storylines of a run that link two or more events, as the reports show them. */
export function storylineViews(run: { readonly stories: readonly StoryRecord[]; readonly storylines?: readonly StorylineRecord[]; readonly articles: readonly Article[] }, labels?: ReadonlyMap<string, string>): StorylineView[] {
  return storylinesOf(run)
    .filter((l) => l.eventIds.length > 1)
    .map((l) => storylineView(l, run.stories, run.articles, labels));
}

/** A storyline's events on a time axis (charts.ts `timelineChart`): each at its first day, with its outlets. */
export function eventPoints(v: StorylineView): TimePoint[] {
  return v.events.filter((e) => e.first).map((e) => ({ date: e.first!, text: `${e.title} (${plural(e.articles, 'article')}, ${e.days})`, sources: e.outlets.join(', ') }));
}

/** Copies between an article of this story and one of another story, each with the other story named. */
export function acrossViews(story: StoryRecord, across: readonly ReuseRecord[], stories: readonly StoryRecord[], articles: readonly Article[], labels?: ReadonlyMap<string, string>): (ReuseView & { readonly otherStory: string; readonly otherTitle: string })[] {
  const mine = new Set(story.articleIds);
  const storyOf = new Map<string, StoryRecord>();
  for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s);
  const touching = across.filter((r) => mine.has(r.from) !== mine.has(r.to));
  if (touching.length === 0) return [];
  const views = reuseViews({ ...story, reuse: touching }, articles, labels ?? articleLabels(articles));
  return views.map((v) => {
    const other = storyOf.get(mine.has(v.from) ? v.to : v.from);
    return { ...v, otherStory: other?.id ?? '', otherTitle: other?.title ?? 'another story' };
  });
}
