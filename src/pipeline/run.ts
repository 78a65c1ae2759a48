import type { Article } from '../model/article.js';
import { Message } from '../model/message.js';
import { checkDeadlineNow, TimeUp, type TimeBudget } from '../util/budget.js';
import { isCorpusStage, type Pipeline } from './build.js';
import type { CorpusStage, Stage, StageContext } from './stage.js';

export interface RunOptions {
  /** Called after each article has been through a run of per-article stages. */
  onArticle?: (done: number, total: number) => void;
  /** Each article's per-article stages run against its input's time budget (util/budget.ts). */
  budget?: TimeBudget;
  /** Told of each article left out because its input used up its time budget, with the reason. */
  onDropped?: (article: Article, reason: string) => void;
}

/**
 * Run a pipeline over a batch. Consecutive per-article stages run article by article; a corpus
 * stage runs on the whole batch between them. A stage that throws on one article leaves a message
 * on that article and the batch goes on. With a budget, an article whose input runs out of time
 * is left out of the batch (and `onDropped` told), checked between its stages and inside them.
 */
export function runPipeline(pipeline: Pipeline, articles: readonly Article[], ctx: StageContext, options: RunOptions = {}): readonly Article[] {
  let batch: readonly Article[] = articles;
  for (const phase of phasesOf(pipeline)) {
    if (!Array.isArray(phase)) {
      batch = (phase as CorpusStage).run(batch, ctx);
      continue;
    }
    const total = batch.length;
    batch = batch.flatMap((article, i) => {
      const done = runStages(phase, article, ctx, options.budget);
      options.onArticle?.(i + 1, total);
      if (done === null) {
        options.onDropped?.(article, options.budget!.reason());
        return [];
      }
      return [done];
    });
  }
  return batch;
}

/** A pipeline cut into its phases: each run of consecutive per-article stages, and each corpus stage between them, in order. */
export type Phase = readonly Stage[] | CorpusStage;

/**
 * The phases of a pipeline, in run order: per-article phases (which can run on any thread, article
 * by article) and the corpus stages between them (which need the whole batch at once).
 *
 * @example
 * phasesOf(buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes()])); // [[sentences, entities], resolveEntityRefs, [quotes]]
 */
export function phasesOf(pipeline: Pipeline): Phase[] {
  const phases: Phase[] = [];
  let pending: Stage[] = [];
  for (const step of pipeline.steps) {
    if (isCorpusStage(step)) {
      if (pending.length) phases.push(pending);
      pending = [];
      phases.push(step);
    } else pending.push(step);
  }
  if (pending.length) phases.push(pending);
  return phases;
}

/**
 * Run per-article stages over one article. A stage that throws leaves a message on the article and
 * the next stage goes on. With a budget, the stages run against the article's input's time budget,
 * checked between its stages and inside them: null when it is used up (the article is left out).
 */
export function runStages(stages: readonly Stage[], article: Article, ctx: StageContext, budget?: TimeBudget): Article | null {
  let a = article;
  const work = () => {
    for (const stage of stages) {
      checkDeadlineNow();
      try {
        a = stage.run(a, ctx);
      } catch (error) {
        if (error instanceof TimeUp) throw error;
        const reason = `stage ${stage.name} failed: ${error instanceof Error ? error.message : String(error)}`;
        a = { ...a, messages: [...a.messages, Message.create(`pipeline/${stage.name}`, reason)] };
      }
    }
  };
  try {
    if (budget) budget.run(article.source, work);
    else work();
  } catch (error) {
    if (!(error instanceof TimeUp)) throw error;
  }
  return budget?.over(article.source) ? null : a;
}
