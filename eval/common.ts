import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sharedCorpus } from '../src/util/paths.js';

/** One row of a stage's score table. `published` rows are figures quoted from a corpus README. */
export interface ScoreRow {
  readonly system: string;
  readonly metrics: Readonly<Record<string, number | string>>;
  readonly note?: string;
}

export interface TaskResult {
  readonly task: string;
  /** The dataset and its size, e.g. `extraction-benchmark (181 pages)`. */
  readonly dataset: string;
  readonly rows: readonly ScoreRow[];
  /** Free-text remarks printed under the table (targets, caveats). */
  readonly notes?: readonly string[];
}

/** An eval task: scores one stage on one dataset of ../shared/corpus. */
export interface EvalTask {
  readonly name: string;
  /** Names the corpus folder(s) it needs; the task is skipped when one is missing. */
  readonly needs: readonly string[];
  run(corpusDir: string, options: { limit?: number }): Promise<TaskResult[]>;
}

export function corpusDir(): string | null {
  return sharedCorpus();
}

/** Stream a JSON Lines file of the shared corpus. */
export async function* readJsonl<T = Record<string, unknown>>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) throw new Error(`eval: missing corpus file ${file}`);
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as T;
}

export async function loadJsonl<T = Record<string, unknown>>(file: string, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const row of readJsonl<T>(file)) {
    if (out.length >= limit) break;
    out.push(row);
  }
  return out;
}

export function corpusPath(dir: string, ...parts: string[]): string {
  return join(dir, ...parts);
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface GoldSpan {
  readonly start: number;
  readonly end: number;
}

/** Spans overlap (relaxed match). */
export function overlaps(a: GoldSpan, b: GoldSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Match predicted spans to gold spans one-to-one, exactly or by overlap, and count tp/fp/fn.
 * `same` can add a condition (e.g. equal values) for a pair to count.
 */
export function matchSpans<P extends GoldSpan, G extends GoldSpan>(
  predicted: readonly P[],
  gold: readonly G[],
  mode: 'exact' | 'overlap',
  same: (p: P, g: G) => boolean = () => true,
): Counts & { pairs: [P, G][] } {
  const used = new Set<number>();
  const pairs: [P, G][] = [];
  for (const p of predicted) {
    const j = gold.findIndex((g, i) => !used.has(i) && (mode === 'exact' ? g.start === p.start && g.end === p.end : overlaps(p, g)) && same(p, g));
    if (j >= 0) {
      used.add(j);
      pairs.push([p, gold[j]!]);
    }
  }
  return { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length, pairs };
}

export function round(x: number, digits = 3): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
