import type { LayerName } from '../model/layers.js';
import type { CorpusStage, Stage } from './stage.js';

export interface Pipeline {
  readonly stages: readonly Stage[];
  readonly corpusStages: readonly CorpusStage[];
}

/**
 * Check the pipeline when it is built, not when it runs: every `needs` must be provided by an
 * earlier stage. Returns a frozen pipeline.
 *
 * @example
 * const p = buildPipeline([sentences(), entities()], [resolveRefs()]);
 */
export function buildPipeline(stages: readonly Stage[], corpusStages: readonly CorpusStage[] = []): Pipeline {
  const provided = new Set<LayerName>();
  for (const stage of stages) {
    for (const need of stage.needs) {
      if (!provided.has(need)) {
        throw new Error(`pipeline: stage \`${stage.name}\` needs layer \`${need}\`, which no earlier stage provides`);
      }
    }
    provided.add(stage.provides);
  }
  for (const stage of corpusStages) {
    for (const need of [...stage.needs, ...stage.rewrites]) {
      if (!provided.has(need)) {
        throw new Error(`pipeline: corpus stage \`${stage.name}\` needs layer \`${need}\`, which no stage provides`);
      }
    }
  }
  return Object.freeze({ stages: Object.freeze([...stages]), corpusStages: Object.freeze([...corpusStages]) });
}
