import { parentPort } from 'node:worker_threads';
import { annotatePipeline, classified } from '../app/pipeline.js';
import { cleanDocument, type Cleaned } from '../clean/index.js';
import { storyReuse } from '../cluster/reuse.js';
import { crossCheckStories } from '../crosscheck/index.js';
import { fromText } from '../ingest/text.js';
import type { Extracted } from '../ingest/types.js';
import type { Article } from '../model/article.js';
import type { EntityRecord, StoryRecord } from '../model/run.js';
import { phasesOf, runPipeline, runStages } from '../pipeline/run.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { TimeBudget } from '../util/budget.js';
import { applyDelta, deltaTransfer, diffArticle, refreeze, type ArticleDelta } from './delta.js';

/**
 * A worker thread of the pool (pool.ts): it cleans documents, runs the per-article phases of the
 * annotate pipeline and the per-story stages (reuse, cross-check) as the main thread sends them,
 * with the same functions the main thread runs with `--jobs 1`. Between an article's phases it
 * keeps the article (`held`), so that only what the main thread's corpus stage changed comes back.
 *
 * Each task that works on an input carries the time that input has used so far; the worker runs
 * it against a budget that starts there and answers with the time used since, so `--time-budget`
 * holds per input wherever its work runs.
 */
export type Task =
  | { readonly kind: 'context'; readonly repeated?: ReadonlyMap<string, ReadonlySet<string>>; readonly entities?: readonly EntityRecord[]; readonly ctx?: StageContext }
  | { readonly kind: 'clean'; readonly doc: Extracted; readonly spentMs: number; readonly limitMs: number | null }
  | { readonly kind: 'phase'; readonly phase: number; readonly article?: Article; readonly id: string; readonly delta?: ArticleDelta; readonly last: boolean; readonly spentMs: number; readonly limitMs: number | null }
  | { readonly kind: 'story'; readonly story: StoryRecord; readonly articles: readonly Article[]; readonly crossCheck: boolean }
  | { readonly kind: 'check'; readonly story: StoryRecord; readonly articles: readonly Article[]; readonly entities: readonly EntityRecord[] }
  | { readonly kind: 'forget' };

export type PhaseResult = { readonly dropped: true; readonly spentMs: number } | { readonly dropped: false; readonly delta: ArticleDelta; readonly spentMs: number };

const held = new Map<string, Article>();
let repeated: ReadonlyMap<string, ReadonlySet<string>> = new Map();
let entities: readonly EntityRecord[] = [];
let ctx: StageContext = { referenceDate: null };
const phases = phasesOf(annotatePipeline());

/**
 * Load what the stages load on first use — the model, the lexicons, the gazetteer, chrono's
 * patterns — before the first task, so that no input's time budget pays for it (a worker's first
 * article took 0.3-0.4 s more without this). Twice: V8 compiles a regular expression to machine
 * code on its second run (the first is interpreted), and compiling chrono's took ~180 ms. Nothing
 * of it is kept: wink tokenises each block as if it were its first (annotate/nlp.ts), and the
 * rest are caches of fixed data.
 */
function warmUp(): void {
  const doc = fromText('Mayor opens the port\nThe mayor of Ankara said on Monday that 3 people were hurt, Reuters reported. "We will rebuild," she said.', 'warm-up.txt', { published: '2020-02-28' });
  const cleaned = cleanDocument(doc, new Map());
  if ('article' in cleaned) for (let i = 0; i < 2; i++) runPipeline(annotatePipeline(), [cleaned.article], ctx).map(classified);
}
warmUp();

/** A budget for one input that has used `spentMs` already (none when the run has no limit). */
function budgetFor(source: string, spentMs: number, limitMs: number | null): TimeBudget | undefined {
  if (limitMs === null) return undefined;
  const budget = new TimeBudget(limitMs);
  budget.charge(source, spentMs);
  return budget;
}

function handle(task: Task): { value: unknown; transfer?: ArrayBuffer[] } {
  switch (task.kind) {
    case 'context':
      repeated = task.repeated ?? repeated;
      entities = task.entities ?? entities;
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
      const after = task.last ? classified(done) : done;
      if (!task.last) held.set(task.id, after);
      const delta = diffArticle(before, after);
      return { value: { dropped: false, delta, spentMs } satisfies PhaseResult, transfer: deltaTransfer(delta) };
    }
    case 'story': {
      const articles = task.articles.map(refreeze);
      const [withReuse] = storyReuse([task.story], articles);
      return { value: task.crossCheck ? crossCheckStories([withReuse!], articles, entities)[0]! : withReuse! };
    }
    case 'check': {
      const articles = task.articles.map(refreeze);
      return { value: crossCheckStories([task.story], articles, task.entities)[0]!.check };
    }
    case 'forget':
      held.clear();
      return { value: null };
  }
}

parentPort!.on('message', ({ id, message }: { id: number; message: Task }) => {
  try {
    const { value, transfer } = handle(message);
    if (id !== 0) parentPort!.postMessage({ id, ok: true, value }, transfer ?? []);
  } catch (error) {
    // One task failed (a bug, not a bad input: stages turn their errors into messages): the main
    // thread reports it as one line for that input and goes on.
    if (id !== 0) parentPort!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
