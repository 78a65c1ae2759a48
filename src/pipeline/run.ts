import type { Article } from '../model/article.js';
import { Message } from '../model/message.js';
import { checkDeadlineNow, TimeUp, type TimeBudget } from '../util/budget.js';
import { isCorpusStage, type Pipeline } from './build.js';
import type { Stage, StageContext } from './stage.js';

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
  let pending: Stage[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const stages = pending;
    pending = [];
    const total = batch.length;
    batch = batch.flatMap((article, i) => {
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
      const { budget } = options;
      try {
        if (budget) budget.run(article.source, work);
        else work();
      } catch (error) {
        if (!(error instanceof TimeUp)) throw error;
      }
      options.onArticle?.(i + 1, total);
      if (budget?.over(article.source)) {
        options.onDropped?.(article, budget.reason());
        return [];
      }
      return [a];
    });
  };
  for (const step of pipeline.steps) {
    if (isCorpusStage(step)) {
      flush();
      batch = step.run(batch, ctx);
    } else pending.push(step);
  }
  flush();
  return batch;
}
