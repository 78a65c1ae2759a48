import type { Article } from '../model/article.js';
import { Message } from '../model/message.js';
import type { Pipeline } from './build.js';
import type { StageContext } from './stage.js';

export interface RunOptions {
  /** Called after each article passes the per-article stages (for progress bars). */
  onArticle?: (done: number, total: number) => void;
}

/**
 * Run every per-article stage over each article, then the corpus stages over the whole run.
 * A stage that throws on one article leaves a message on it and the batch goes on: bad input is
 * normal input, and one odd article must not cost the user the other nine hundred.
 */
export function runPipeline(pipeline: Pipeline, articles: readonly Article[], ctx: StageContext, options: RunOptions = {}): readonly Article[] {
  const out: Article[] = [];
  for (const article of articles) {
    let a = article;
    for (const stage of pipeline.stages) {
      try {
        a = stage.run(a, ctx);
      } catch (error) {
        const reason = `stage ${stage.name} failed: ${error instanceof Error ? error.message : String(error)}`;
        a = { ...a, messages: [...a.messages, Message.create(`pipeline/${stage.name}`, reason)] };
      }
    }
    out.push(a);
    options.onArticle?.(out.length, articles.length);
  }
  let result: readonly Article[] = out;
  for (const stage of pipeline.corpusStages) result = stage.run(result, ctx);
  return result;
}
