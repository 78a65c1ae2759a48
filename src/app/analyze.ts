import { ingest } from '../ingest/index.js';
import type { Extracted } from '../ingest/types.js';
import { InputError } from '../ingest/types.js';
import type { RunError, RunResult } from '../model/run.js';
import { MemorySink } from '../processor/memory-sink.js';
import { budgetOf, type ProcessOptions } from '../processor/options.js';
import { runProcessor } from '../processor/process.js';

/** The options of `analyze`: the processor's (src/processor/options.ts). */
export type AnalyzeOptions = ProcessOptions;

/**
 * The whole analyze job: ingest every input, then run the processor (src/processor) into a memory
 * sink: clean, annotate, group stories and the storylines that link them, trace copies (within
 * and across stories) and cross-check each story and each storyline's events together. Bad inputs
 * become errors in the result; the rest of the batch goes on.
 *
 * @example
 * const run = await analyze(['examples/demo']);
 * run.articles.length; // 7
 */
export async function analyze(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<RunResult> {
  const budget = budgetOf(options);
  const { docs, errors } = await readInputs(inputs, { ...options, budget });
  const result = await analyzeExtracted(docs, { ...options, budget });
  return { ...result, errors: [...errors, ...result.errors] };
}

/**
 * Clean, annotate and group documents already read (used by `analyze`, the eval and the
 * benchmarks): the processor into a memory sink, on `options.jobs` threads. The articles come back
 * in the documents' order.
 */
export async function analyzeExtracted(docs: readonly Extracted[], options: AnalyzeOptions = {}): Promise<RunResult> {
  const sink = new MemorySink();
  const run = await runProcessor(docs, sink, options);
  return sink.result(
    run.articles.map((a) => a.id),
    run.errors,
  );
}

/** Read every input; errors go to `onError` as soon as they are known and into the returned list. Reading an input counts against its time budget. */
export async function readInputs(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<{ docs: Extracted[]; errors: RunError[] }> {
  const errors: RunError[] = [];
  const docs: Extracted[] = [];
  const budget = budgetOf(options);
  const fail = (e: InputError) => {
    errors.push(e);
    options.onError?.(e);
  };
  // Reading cannot be stopped half-way (the caps bound it), but its time counts against the input.
  let start = performance.now();
  for await (const item of ingest(inputs, options.ingest)) {
    if (InputError.is(item)) fail(item);
    else {
      budget.charge(item.source, performance.now() - start);
      if (budget.over(item.source)) fail(InputError.create(item.source, budget.reason()));
      else docs.push(item);
    }
    options.onProgress?.('reading', docs.length + errors.length, 0);
    start = performance.now();
  }
  return { docs, errors };
}
