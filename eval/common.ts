import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sharedCorpus } from '../src/util/paths.js';
import type { Part } from './split.js';

/** A part of an eval set (eval/split.ts), or `all` for a figure of the whole set (a published one). */
export type PartName = Part | 'all';
export const PART_ORDER: readonly PartName[] = ['dev', 'test', 'all'];

export type Metrics = Readonly<Record<string, number | string>>;

/** One row of a stage's score table: a system and its figures on each part of the set. */
export interface ScoreRow {
  readonly system: string;
  /** Figures per part, printed side by side: `dev` and `test` as eval/split.ts cuts the set; `all` for the whole set. */
  readonly parts?: Readonly<Partial<Record<PartName, Metrics>>>;
  /** Figures of one part only: the part `TaskResult.part` names, else the whole set (a row written before parts). */
  readonly metrics?: Metrics;
  /** Columns that are the same for every part (the settings a row stands for). */
  readonly info?: Metrics;
  readonly note?: string;
  /** Metrics of this row that are headline figures: `--gate` keeps a floor under each of its dev and test values. */
  readonly gate?: readonly string[];
}

/** Gold items an eval could not score, and why: printed under its table and in the README. */
export interface Unscored {
  readonly count: number;
  /** Out of how many (optional). */
  readonly of?: number;
  /** What they are: "texts", "gold attributions without a content span". */
  readonly what: string;
  readonly why: string;
}

export interface TaskResult {
  readonly task: string;
  /** Stable name of this table (README marker and gate key); default `<task>/<dataset before its first parenthesis>`. */
  readonly id?: string;
  /** The dataset and its size, e.g. `extraction-benchmark (181 pages)`. */
  readonly dataset: string;
  /** The part every row's `metrics` belong to, when the task reports one part per result (results of one `id` are merged). */
  readonly part?: PartName;
  /** How the set is cut into its parts, and their sizes. */
  readonly split?: string;
  readonly rows: readonly ScoreRow[];
  /** Free-text remarks printed under the table (targets, caveats). */
  readonly notes?: readonly string[];
  /** What of the gold could not be scored, and why; an empty list says everything was. */
  readonly unscored?: readonly Unscored[];
  /** Corpus files (relative to the corpus folder; a folder ends in `/`) the figures were measured on; default: every file the task read. */
  readonly files?: readonly string[];
  /** Metric columns the README shows (default: all but timings). */
  readonly readme?: readonly string[];
}

/** An eval task: scores one stage on one dataset of ../shared/corpus. */
export interface EvalTask {
  readonly name: string;
  /** Names the corpus folder(s) it needs; the task is skipped when one is missing. */
  readonly needs: readonly string[];
  /** Takes minutes, not seconds: left out of `--quick` (the CI gate). */
  readonly slow?: boolean;
  run(corpusDir: string, options: { limit?: number }): Promise<TaskResult[]>;
}

const read = new Set<string>();

/** Note that a task read this corpus file or folder (the gate pins its sha256). */
export function track(path: string): void {
  read.add(path);
}

/** The corpus files and folders read since the last call (absolute paths), and forget them. */
export function takeTracked(): string[] {
  const out = [...read].sort();
  read.clear();
  return out;
}

/** Count items by reason: `[{count, what, why}]`, largest first. */
export function unscoredBy(reasons: readonly string[], what: string, of?: number): Unscored[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([why, count]) => (of === undefined ? { count, what, why } : { count, of, what, why }));
}

export function corpusDir(): string | null {
  return sharedCorpus();
}

/** Stream a JSON Lines file of the shared corpus. */
export async function* readJsonl<T = Record<string, unknown>>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) throw new Error(`eval: missing corpus file ${file}`);
  track(file);
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
