import type { Article } from '../model/article.js';
import type { LayerName } from '../model/layers.js';

/** What every stage can read while it runs: shared, read-only resources loaded once per run. */
export interface StageContext {
  /** Resolve relative dates against this ISO day when an article has no publication date. */
  readonly referenceDate: string | null;
}

/**
 * A per-article stage: reads the layers it `needs`, adds the one it `provides`, and returns a new
 * frozen Article. Factories (e.g. `sentences()`) load their lexicons once and return the stage.
 */
export interface Stage<L extends LayerName = LayerName> {
  readonly name: string;
  readonly needs: readonly LayerName[];
  readonly provides: L;
  run(article: Article, ctx: StageContext): Article;
}

/**
 * A stage that needs more than one article: it gets a batch (in the processor, each chunk in
 * publication order, on the main thread), e.g. resolving each article's entity refs against the
 * articles before it. It may rewrite the layers it lists in `rewrites` (never the text).
 */
export interface CorpusStage {
  readonly name: string;
  readonly needs: readonly LayerName[];
  readonly rewrites: readonly LayerName[];
  run(articles: readonly Article[], ctx: StageContext): readonly Article[];
}
