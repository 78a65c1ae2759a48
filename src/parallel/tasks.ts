import { annotatePipeline, finishArticle } from '../app/pipeline.js';
import { cleanDocument, type Cleaned } from '../clean/index.js';
import { findDates } from '../annotate/dates/index.js';
import { fromText } from '../ingest/text.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import { pileReuse } from '../cluster/pile-reuse.js';
import type { ReuseDoc } from '../cluster/reuse.js';
import type { StoryRecord } from '../model/run.js';
import { lineStage } from '../processor/line-stage.js';
import type { LineWork } from '../processor/sink.js';
import { storyStage } from '../processor/story-stage.js';
import { phasesOf, runPipeline, runStages } from '../pipeline/run.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { TimeBudget } from '../util/budget.js';
import { REGEXP_TIER_UP_TICKS } from '../util/startup.js';
import { applyDelta, deltaTransfer, diffArticle, refreeze, type ArticleDelta } from './delta.js';

/**
 * What a thread of the pool (pool.ts) does: clean documents, run the per-article phases of the
 * annotate pipeline, the per-story stages (reuse, cross-check), the copies across stories and the
 * check across each storyline as the main thread sends them,
 * with the same functions the main thread runs with `--jobs 1`. Between an article's phases a
 * runner keeps the article (`held`), so that only what the main thread's corpus stage changed
 * goes back to it. A worker thread has one runner (worker.ts).
 *
 * Each task that works on an input carries the time that input has used so far; it runs against a
 * budget that starts there and answers with the time used since, so `--time-budget` holds per
 * input on whatever thread its work runs.
 */
export type Task =
  | { readonly kind: 'context'; readonly repeated?: ReadonlyMap<string, ReadonlySet<string>>; readonly ctx?: StageContext }
  | { readonly kind: 'clean'; readonly doc: Extracted; readonly spentMs: number; readonly limitMs: number | null }
  | { readonly kind: 'phase'; readonly phase: number; readonly article?: Article; readonly id: string; readonly delta?: ArticleDelta; readonly last: boolean; readonly finish?: boolean; readonly keep?: boolean; readonly spentMs: number; readonly limitMs: number | null }
  | { readonly kind: 'story'; readonly story: StoryRecord; readonly articles: readonly HeldOrSent[]; readonly crossCheck: boolean }
  | { readonly kind: 'pile'; readonly stories: readonly Pick<StoryRecord, 'id' | 'articleIds'>[]; readonly docs: readonly ReuseDoc[] }
  | { readonly kind: 'storyline'; readonly work: Omit<LineWork, 'articles'> & { readonly articles: readonly HeldOrSent[] } }
  | { readonly kind: 'forget' };

/** An article a task reads: sent whole (without its tokens), or the id of one the thread keeps from its last annotate phase (`keep`). */
export type HeldOrSent = Article | string;

export type PhaseResult = { readonly dropped: true; readonly spentMs: number } | { readonly dropped: false; readonly delta: ArticleDelta; readonly spentMs: number };

/**
 * Load what the stages load on first use — the model, the lexicons, the gazetteer — and have V8
 * compile chrono's patterns (after REGEXP_TIER_UP_TICKS runs, util/startup.ts; ~250 ms), before
 * the first task, so that no input's time budget pays for it (a worker's first article took
 * 0.3-0.4 s more without this). Nothing of it is kept: wink tokenises each block as if it were its
 * first (annotate/nlp.ts), and the rest are caches of fixed data.
 */
export function warmUp(): void {
  const ctx: StageContext = { referenceDate: null };
  const doc = fromText('Mayor opens the port\nThe mayor of Ankara said on Monday that 3 people were hurt, Reuters reported. "We will rebuild," she said.', 'warm-up.txt', { published: '2020-02-28' });
  const cleaned = cleanDocument(doc, new Map());
  if (!('article' in cleaned)) return;
  runPipeline(annotatePipeline(), [cleaned.article], ctx).map((a) => finishArticle(a, ctx.referenceDate));
  for (let i = 0; i <= REGEXP_TIER_UP_TICKS; i++) findDates('On Monday, 3 March 2020.', [], '2020-02-28');
}

/** A budget for one input that has used `spentMs` already (none when the run has no limit). */
function budgetFor(source: string, spentMs: number, limitMs: number | null): TimeBudget | undefined {
  if (limitMs === null) return undefined;
  const budget = new TimeBudget(limitMs);
  budget.charge(source, spentMs);
  return budget;
}

/** What a task gives back: its value, and the buffers to move rather than copy when it crosses threads. */
export interface TaskAnswer {
  readonly value: unknown;
  readonly transfer?: ArrayBuffer[];
}

/** A runner of tasks, with its own held articles and context. */
export function taskRunner(): (task: Task) => TaskAnswer {
  const held = new Map<string, Article>();
  // Annotated articles kept for the story stage and the storyline check, without their tokens (neither reads them).
  const finished = new Map<string, Article>();
  const article = (a: HeldOrSent): Article => {
    if (typeof a !== 'string') return refreeze(a);
    const kept = finished.get(a);
    if (!kept) throw new Error(`worker: article ${a} is not kept by this thread`);
    return kept;
  };
  let repeated: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  let ctx: StageContext = { referenceDate: null };
  const phases = phasesOf(annotatePipeline());
  return function run(task: Task): TaskAnswer {
    switch (task.kind) {
      case 'context':
        repeated = task.repeated ?? repeated;
        ctx = task.ctx ?? ctx;
        return { value: null };
      case 'clean': {
        const budget = budgetFor(task.doc.source, task.spentMs, task.limitMs);
        const cleaned: Cleaned = cleanDocument(task.doc, repeated, budget);
        return { value: { cleaned, spentMs: budget?.spentOn(task.doc.source) ?? 0 } };
      }
      case 'phase': {
        const stages = phases[task.phase];
        if (!Array.isArray(stages)) throw new Error(`worker: phase ${task.phase} is not a per-article phase`);
        const base = task.article ? refreeze(task.article) : held.get(task.id);
        if (!base) throw new Error(`worker: article ${task.id} is not held by this thread`);
        held.delete(task.id);
        const before = task.delta ? applyDelta(base, task.delta) : base;
        const budget = budgetFor(before.source, task.spentMs, task.limitMs);
        const done = runStages(stages as readonly Stage[], before, ctx, budget);
        const spentMs = budget?.spentOn(before.source) ?? 0;
        if (done === null) return { value: { dropped: true, spentMs } satisfies PhaseResult };
        // The last phase sent here gives the article back whole; the step after the pipeline runs with it unless the rest of the pipeline runs elsewhere (`finish` false).
        const after = task.last && task.finish !== false ? finishArticle(done, ctx.referenceDate) : done;
        if (!task.last) held.set(task.id, after);
        else if (task.keep) finished.set(task.id, withoutTokens(after));
        const delta = diffArticle(before, after);
        return { value: { dropped: false, delta, spentMs } satisfies PhaseResult, transfer: deltaTransfer(delta) };
      }
      case 'story':
        return { value: storyStage(task.story, task.articles.map(article), task.crossCheck) };
      case 'pile':
        return { value: pileReuse(task.stories, task.docs) };
      case 'storyline':
        return { value: lineStage({ ...task.work, articles: task.work.articles.map(article) }) };
      case 'forget':
        held.clear();
        finished.clear();
        return { value: null };
    }
  }
}

/** An article without its tokens, which neither the story stage nor the storyline check reads: what crosses to them, and what a thread keeps for them. */
export function withoutTokens(a: Article): Article {
  const { tokens: _tokens, ...layers } = a.layers;
  return Object.freeze({ ...a, layers: Object.freeze(layers) }) as Article;
}
