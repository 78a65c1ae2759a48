import { type Command, InvalidArgumentError, Option } from 'commander';
import { mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeAtomic } from '../io.js';
import type { AnalyzeOptions } from '../../app/analyze.js';
import type { RunResult } from '../../model/run.js';
import { DEFAULT_TIME_BUDGET_MS } from '../../pipeline/settings.js';
import { printable } from '../../util/printable.js';
import type { progress } from '../io.js';

/** `--reference-date`: a real calendar day in ISO form. */
export function parseIsoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a calendar day as YYYY-MM-DD');
  return value;
}

/** `--max-bytes`: a byte count with an optional KB/MB/GB suffix (powers of 1024). */
export function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500000, 512KB or 10MB');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.round(Number(m[1]) * scale);
  if (bytes <= 0) throw new InvalidArgumentError('expected a size above 0');
  return bytes;
}

/** A number of seconds above zero (`--timeout`, `--time-budget`): "-1", "0" or "abc" are usage errors. */
export function parseSeconds(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0, such as 15 or 2.5');
  if (n > 86_400) throw new InvalidArgumentError('expected at most a day (86400 seconds)');
  return n;
}

/** What `addInputOptions` adds to a command's options. */
export interface InputOptions {
  manifest?: string;
  oneStory?: boolean;
  groupBy?: string;
  referenceDate?: string;
  maxBytes: number;
  timeout: number;
  timeBudget: number;
  allowPrivateNetwork?: boolean;
  jobs: number;
}

/** `--jobs`: a whole number of worker threads, at least 1. */
export function parseJobs(value: string): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of threads, 1 or more');
  if (n > 256) throw new InvalidArgumentError('expected at most 256 threads');
  return n;
}

/** The options of every command that reads inputs (`analyze`, `ingest`). */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--manifest <file>', 'CSV or JSON mapping each file or URL to outlet, published date and url')
    .option('--reference-date <YYYY-MM-DD>', 'resolve relative dates against this day when an article has no date', parseIsoDay)
    .addOption(new Option('--max-bytes <n>', 'skip inputs larger than this (e.g. 10MB)').argParser(parseBytes).default(10 * 1024 * 1024, '10MB'))
    .addOption(new Option('--timeout <seconds>', 'timeout for each URL fetch').argParser(parseSeconds).default(15))
    .addOption(new Option('--time-budget <seconds>', 'an input that takes longer than this to read, clean and annotate fails with one line; the batch goes on').argParser(parseSeconds).default(DEFAULT_TIME_BUDGET_MS / 1000))
    .option('--allow-private-network', 'let links found inside feeds and pages, and redirects, reach loopback and private addresses (only for feeds you trust; URLs you type may always)')
    .addOption(new Option('--jobs <n>', 'worker threads that clean, annotate and cross-check articles (1: all on the main thread; the results are the same)').argParser(parseJobs).default(availableParallelism(), `the number of cores, ${availableParallelism()} here`))
    .addOption(new Option('--one-story', 'you know your pile: every input is one story (the clusterer is skipped)').conflicts('groupBy'))
    .option('--group-by <field>', 'records of JSON/JSONL inputs with the same value of FIELD form one story; the rest are clustered as usual', (v: string) => {
      if (!/^[\w.-]{1,64}$/.test(v)) throw new InvalidArgumentError('expected a field name (letters, digits, _ . -)');
      return v;
    });
}

/** Those options as the app reads them, with progress on `bar` and each bad input printed at once as `input: reason`. */
export function readingOptions(opts: InputOptions, bar: ReturnType<typeof progress>): Pick<AnalyzeOptions, 'referenceDate' | 'ingest' | 'onProgress' | 'onError' | 'grouping' | 'timeBudgetMs' | 'jobs'> {
  return {
    jobs: opts.jobs,
    referenceDate: opts.referenceDate ?? null,
    grouping: { oneStory: opts.oneStory === true, by: opts.groupBy ?? null },
    ingest: {
      maxBytes: opts.maxBytes,
      manifest: opts.manifest,
      timeoutMs: opts.timeout * 1000,
      allowPrivateNetwork: Boolean(opts.allowPrivateNetwork),
      typedUrls: true,
      onWarning: (w) => {
        bar.done();
        process.stderr.write(`${printable(w.input)}: warning: ${printable(w.reason)}\n`);
      },
    },
    timeBudgetMs: opts.timeBudget * 1000,
    onProgress: bar.update,
    onError: (e) => {
      bar.done();
      process.stderr.write(`${printable(e.input)}: ${printable(e.reason)}\n`);
    },
  };
}

/**
 * Exit codes: 0 when every input was read, 1 when some inputs failed (and the rest were analysed),
 * 2 for usage errors (set by the CLI parser), 3 when no article could be read at all.
 */
export function exitCode(errors: number, articles: number, inputCount: number): number {
  if (errors === 0) return 0;
  if (articles === 0 && inputCount > 0) return 3;
  return 1;
}

export function exitCodeFor(run: RunResult, inputCount: number): number {
  return exitCode(run.errors.length, run.articles.length, inputCount);
}

/** Where `--json [file]` sends the JSON: the file, stdout (`-`) when given without one, or nowhere. */
export function jsonTarget(value: string | true | undefined): string | null {
  return value === undefined ? null : value === true ? '-' : value;
}

/** A usage or I/O problem found before any work: the CLI prints it as one line and exits 2. */
export class UsageError extends Error {}

/**
 * Check every output before any work is done, so a typo in a path costs a line, not a whole
 * analysis: each report file's folder must exist (and the file must not be a folder); the CSV
 * folder is made if missing.
 */
export function checkOutputs(opts: { json?: string | true; md?: string; html?: string; csv?: string }): void {
  const files: [string, string | null | undefined][] = [['--json', jsonTarget(opts.json)], ['--md', opts.md], ['--html', opts.html]];
  for (const [flag, file] of files) {
    if (!file || file === '-') continue;
    const dir = dirname(resolve(file));
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st?.isDirectory()) throw new UsageError(`${flag} ${file}: no such folder ${dir}`);
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${file}: is a folder, not a file`);
  }
  if (opts.csv) {
    try {
      mkdirSync(opts.csv, { recursive: true });
    } catch (error) {
      throw new UsageError(`--csv ${opts.csv}: cannot make the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!statSync(opts.csv).isDirectory()) throw new UsageError(`--csv ${opts.csv}: not a folder`);
  }
}

/** Write each CSV table as DIR/<name>.csv (atomically). */
export function writeCsv(dir: string, tables: ReadonlyMap<string, string>): void {
  for (const [name, content] of tables) writeAtomic(join(dir, `${name}.csv`), content);
}

/** The "Examples:" block of a command's --help. */
export function examples(rows: readonly (readonly [string, string])[]): string {
  return `\nExamples:\n${rows.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n')}\n`;
}

/** Write a JSON answer to `--json [file]`: the file, or stdout. */
export function writeJson(target: string | true, value: unknown): void {
  writeAtomic(jsonTarget(target)!, JSON.stringify(value, null, 2) + '\n');
}

/** A run is "many undated" when at least this many articles, and this share of them, have no date. */
const UNDATED_WARN = { articles: 3, share: 0.2 } as const;

/**
 * The stderr line for a run with many undated articles: what it costs and how to give dates
 * (issue 21). Null when few are undated.
 *
 * @example
 * undatedWarning(24, 30); // '24 of 30 articles have no publication date …'
 */
export function undatedWarning(undated: number, total: number): string | null {
  if (undated < UNDATED_WARN.articles || undated < UNDATED_WARN.share * total) return null;
  return (
    `${undated} of ${total} articles have no publication date (none in their metadata or their text): ` +
    'each joins only a story it matches strongly, never one of the same topic alone, and no storyline can place it in time. ' +
    'Give dates with --manifest FILE (columns file,published), or --reference-date YYYY-MM-DD for a pile of one week (reads "on Monday" against that day).'
  );
}
