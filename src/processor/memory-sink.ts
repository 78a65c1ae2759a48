import { entityTable } from '../annotate/entities/index.js';
import { clusterEvents } from '../cluster/index.js';
import { pileReuse } from '../cluster/pile-reuse.js';
import { crossCheckStoryline } from '../crosscheck/storyline.js';
import type { Article } from '../model/article.js';
import type { RunError, RunResult, StorylineRecord, StoryRecord } from '../model/run.js';
import type { Sink, SinkPlan, StoryWork } from './sink.js';

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

  async known(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(ids.filter((id) => this.ids.has(id)));
  }

  async recent(limit: number): Promise<readonly Article[]> {
    return this.articles.slice(-limit);
  }

  async begin(plan: SinkPlan): Promise<void> {
    this.crossCheck = plan.crossCheck;
  }

  async place(articles: readonly Article[]): Promise<void> {
    for (const a of articles) {
      this.articles.push(a);
      this.ids.add(a.id);
      this.members.set(a.id, a);
    }
  }

  async end(): Promise<void> {
    const events = clusterEvents(this.articles);
    this.stories = events.stories;
    this.storylines = events.storylines;
  }

  /** Every story owes its story stage: its copy chain is traced there (and its check made, unless `--no-crosscheck`). */
  async owed(): Promise<readonly string[]> {
    return this.stories.map((s) => s.id);
  }

  async read(ids: readonly string[]): Promise<readonly StoryWork[]> {
    const byId = new Map(this.stories.map((s) => [s.id, s]));
    return ids.flatMap((id) => {
      const story = byId.get(id);
      return story && !this.done.has(id) ? [{ story, articles: story.articleIds.map((a) => this.members.get(a)!) }] : [];
    });
  }

  async keep(work: readonly StoryWork[], done: readonly StoryRecord[]): Promise<void> {
    work.forEach((w, i) => this.done.set(w.story.id, done[i]!));
  }

  async close(): Promise<void> {}

  /**
   * The run: its articles in `order` (the inputs' order), the entity table over all of them, the
   * stories with their story stage, the text shared across stories and (unless `--no-crosscheck`) each
   * storyline of several stories checked across them (its refs named by its own articles' table,
   * as the store's storyline page names them).
   */
  result(order: readonly string[], errors: readonly RunError[]): RunResult {
    const rank = new Map(order.map((id, i) => [id, i]));
    const articles = [...this.articles].sort((x, y) => rank.get(x.id)! - rank.get(y.id)!);
    const stories = this.stories.map((s) => this.done.get(s.id) ?? s);
    const reuseAcross = pileReuse(stories, articles);
    const storylines = this.crossCheck ? this.checkLines(stories, reuseAcross) : this.storylines;
    return { articles, entities: entityTable(articles), stories, storylines, reuseAcross, errors };
  }

  private checkLines(stories: readonly StoryRecord[], across: NonNullable<RunResult['reuseAcross']>): StorylineRecord[] {
    const byId = new Map(stories.map((s) => [s.id, s]));
    return this.storylines.map((l) => {
      if (l.eventIds.length < 2) return l;
      const articles = l.eventIds.flatMap((e) => byId.get(e)?.articleIds ?? []).map((id) => this.members.get(id)!);
      return { ...l, check: crossCheckStoryline(l, stories, articles, entityTable(articles), across) };
    });
  }
}
