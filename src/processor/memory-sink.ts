import { entityTable } from '../annotate/entities/index.js';
import { byDate, clusterEvents, FreeEvents } from '../cluster/index.js';
import { pileReuse } from '../cluster/pile-reuse.js';
import type { Article } from '../model/article.js';
import type { ReuseRecord, RunError, RunResult, StorylineCheck, StorylineRecord, StoryRecord } from '../model/run.js';
import { lineStage } from './line-stage.js';
import type { Sink, SinkPlan, SinkWork, StoryWork } from './sink.js';

/** Articles placed between two turns of the event loop, so that worker threads' answers are read and they are sent more meanwhile. */
const PLACE_SLICE = 25;

/** The sink's steps on this thread (no worker threads). */
const HERE: SinkWork = {
  pile: async (stories, articles) => pileReuse(stories, articles),
  storyline: async (work) => lineStage(work),
};

/**
 * The sink of `analyze`: the articles, their stories and storylines, held in memory. The articles
 * come in publication order, as a store gets them; the clusterer and the storyline linker place
 * them in that order in one pass (clusterEvents), with every story at hand for an article without
 * a date. `result()` gives the RunResult every report renders from.
 */
export class MemorySink implements Sink {
  private readonly articles: Article[] = [];
  private readonly ids = new Set<string>();
  private stories: StoryRecord[] = [];
  private storylines: StorylineRecord[] = [];
  private readonly done = new Map<string, StoryRecord>();
  private readonly members = new Map<string, Article>();
  private crossCheck = true;
  private work: SinkWork = HERE;
  /** The copies across stories, started as soon as the stories are known (they need nothing of the story stage). */
  private across: Promise<ReuseRecord[]> | null = null;
  private reuseAcross: ReuseRecord[] = [];
  /** The clusterer, fed chunk by chunk while the next is annotated; null once an article came that sorts before one fed (dated from its text), and then the batch is clustered whole in end(). */
  private events: FreeEvents | null = new FreeEvents();
  /** Per storyline of several events (by index), the events whose story stage is still owed; its check starts when none is. */
  private waiting = new Map<number, Set<string>>();
  private readonly linesOf = new Map<string, number[]>();
  private readonly checks = new Map<number, Promise<StorylineCheck>>();
  private storyById = new Map<string, StoryRecord>();

  async known(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(ids.filter((id) => this.ids.has(id)));
  }

  async recent(limit: number): Promise<readonly Article[]> {
    return this.articles.slice(-limit);
  }

  async begin(plan: SinkPlan): Promise<void> {
    this.crossCheck = plan.crossCheck;
    this.work = plan.work ?? HERE;
  }

  async place(articles: readonly Article[]): Promise<void> {
    for (const a of articles) {
      this.articles.push(a);
      this.ids.add(a.id);
      this.members.set(a.id, a);
    }
    const free = articles.filter((a) => !a.meta.group).sort(byDate);
    for (let i = 0; i < free.length && this.events; i++) {
      if (!this.events.accepts(free[i]!)) this.events = null;
      else this.events.add(free[i]!);
      if (i % PLACE_SLICE === PLACE_SLICE - 1) await new Promise(setImmediate);
    }
  }

  async end(): Promise<void> {
    const events = clusterEvents(this.articles, undefined, undefined, this.events ?? undefined);
    this.stories = events.stories;
    this.storylines = events.storylines;
    this.storyById = new Map(this.stories.map((s) => [s.id, s]));
    // On a worker while this thread hands out the story stage; awaited in close().
    this.across = this.work.pile(this.stories, this.articles);
    this.across.catch(() => {});
    if (!this.crossCheck) return;
    this.storylines.forEach((line, i) => {
      if (line.eventIds.length < 2) return;
      this.waiting.set(i, new Set(line.eventIds));
      for (const e of line.eventIds) this.linesOf.set(e, [...(this.linesOf.get(e) ?? []), i]);
    });
  }

  /** Every story owes its story stage: its copy chain is traced there (and its check made, unless `--no-crosscheck`). */
  async owed(): Promise<readonly string[]> {
    return this.stories.map((s) => s.id);
  }

  async read(ids: readonly string[]): Promise<readonly StoryWork[]> {
    return ids.flatMap((id) => {
      const story = this.storyById.get(id);
      return story && !this.done.has(id) ? [{ story, articles: story.articleIds.map((a) => this.members.get(a)!) }] : [];
    });
  }

  async keep(work: readonly StoryWork[], done: readonly StoryRecord[]): Promise<void> {
    work.forEach((w, i) => this.done.set(w.story.id, done[i]!));
    // A storyline whose events are all checked is checked across them now, beside the stories still owed.
    for (const w of work)
      for (const i of this.linesOf.get(w.story.id) ?? []) {
        const left = this.waiting.get(i)!;
        left.delete(w.story.id);
        if (left.size === 0) this.checkLine(i);
      }
  }

  private checkLine(i: number): void {
    if (this.checks.has(i)) return;
    const line = this.storylines[i]!;
    const events = line.eventIds.flatMap((e) => this.done.get(e) ?? this.storyById.get(e) ?? []);
    const articles = events.flatMap((e) => e.articleIds).map((id) => this.members.get(id)!);
    const ids = new Set(articles.map((a) => a.id));
    const check = this.across!.then((across) =>
      // Only what joins two of its own articles can count (storylineSample): the rest need not go to a worker.
      this.work.storyline({ line, stories: events, articles, across: across.filter((r) => ids.has(r.from) && ids.has(r.to)) }),
    );
    check.catch(() => {}); // awaited in close()
    this.checks.set(i, check);
  }

  /** The copies across stories, and (unless `--no-crosscheck`) each storyline of several events checked across them. */
  async close(): Promise<void> {
    this.reuseAcross = (await this.across) ?? [];
    for (const i of this.waiting.keys()) this.checkLine(i);
    const checks = await Promise.all(this.storylines.map((_, i) => this.checks.get(i) ?? null));
    this.storylines = this.storylines.map((l, i) => (checks[i] ? { ...l, check: checks[i] } : l));
  }

  /**
   * The run: its articles in `order` (the inputs' order), the entity table over all of them, the
   * stories with their story stage, the text shared across stories and (unless `--no-crosscheck`) each
   * storyline of several stories checked across them (lineStage), as close() left them.
   */
  result(order: readonly string[], errors: readonly RunError[]): RunResult {
    const rank = new Map(order.map((id, i) => [id, i]));
    const articles = [...this.articles].sort((x, y) => rank.get(x.id)! - rank.get(y.id)!);
    const stories = this.stories.map((s) => this.done.get(s.id) ?? s);
    return { articles, entities: entityTable(articles), stories, storylines: this.storylines, reuseAcross: this.reuseAcross, errors };
  }
}
