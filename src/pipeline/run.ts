import type { Article } from '../model/article.js';
import { Message } from '../model/message.js';
import { isCorpusStage, type Pipeline } from './build.js';
import type { Stage, StageContext } from './stage.js';

export interface RunOptions {
  /** Called after each article has been through a run of per-article stages. */
  onArticle?: (done: number, total: number) => void;
}

/**
 * Run a pipeline over a batch. Consecutive per-article stages run article by article; a corpus
 * stage runs on the whole batch between them. A stage that throws on one article leaves a message
 * on that article and the batch goes on.
 */
export function runPipeline(pipeline: Pipeline, articles: readonly Article[], ctx: StageContext, options: RunOptions = {}): readonly Article[] {
  let batch: readonly Article[] = articles;
  let pending: Stage[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const stages = pending;
    pending = [];
    batch = batch.map((article, i) => {
      let a = article;
      for (const stage of stages) {
        try {
          a = stage.run(a, ctx);
        } catch (error) {
          const reason = `stage ${stage.name} failed: ${error instanceof Error ? error.message : String(error)}`;
          a = { ...a, messages: [...a.messages, Message.create(`pipeline/${stage.name}`, reason)] };
        }
      }
      options.onArticle?.(i + 1, articles.length);
      return a;
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
