import type { LayerName } from '../model/layers.js';
import type { CorpusStage, Stage } from './stage.js';

export type Step = Stage | CorpusStage;

export const isCorpusStage = (s: Step): s is CorpusStage => 'rewrites' in s;

/** A checked, frozen sequence of stages: per-article stages and corpus stages, in run order. */
export interface Pipeline {
  readonly steps: readonly Step[];
}

/**
 * Check that every stage's needs are provided by an earlier stage, then freeze the pipeline, so a
 * mis-ordered pipeline fails when it is built, not half-way through a run. A corpus stage
 * (e.g. entity refs across articles) sits where it must run: stages after it see its result.
 *
 * @example
 * buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes()]);
 */
export function buildPipeline(steps: readonly Step[]): Pipeline {
  const provided = new Set<LayerName>();
  for (const step of steps) {
    const needs = isCorpusStage(step) ? [...step.needs, ...step.rewrites] : step.needs;
    for (const need of needs) {
      if (!provided.has(need)) throw new Error(`pipeline: stage \`${step.name}\` needs layer \`${need}\`, which no earlier stage provides`);
    }
    if (!isCorpusStage(step)) provided.add(step.provides);
  }
  return Object.freeze({ steps: Object.freeze([...steps]) });
}
