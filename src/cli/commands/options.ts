import { type Command, InvalidArgumentError, Option } from 'commander';
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
  referenceDate?: string;
  maxBytes: number;
  timeout: number;
  timeBudget: number;
  allowPrivateNetwork?: boolean;
}

/** The options of every command that reads inputs (`analyze`, `ingest`). */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--manifest <file>', 'CSV or JSON mapping each file or URL to outlet, published date and url')
    .option('--reference-date <YYYY-MM-DD>', 'resolve relative dates against this day when an article has no date', parseIsoDay)
    .addOption(new Option('--max-bytes <n>', 'skip inputs larger than this (e.g. 10MB)').argParser(parseBytes).default(10 * 1024 * 1024, '10MB'))
    .addOption(new Option('--timeout <seconds>', 'timeout for each URL fetch').argParser(parseSeconds).default(15))
    .addOption(new Option('--time-budget <seconds>', 'an input that takes longer than this to read, clean and annotate fails with one line; the batch goes on').argParser(parseSeconds).default(DEFAULT_TIME_BUDGET_MS / 1000))
    .option('--allow-private-network', 'let links found inside feeds and pages, and redirects, reach loopback and private addresses (only for feeds you trust; URLs you type may always)');
}

/** Those options as the app reads them, with progress on `bar` and each bad input printed at once as `input: reason`. */
export function readingOptions(opts: InputOptions, bar: ReturnType<typeof progress>): Pick<AnalyzeOptions, 'referenceDate' | 'ingest' | 'onProgress' | 'onError' | 'timeBudgetMs'> {
  return {
    referenceDate: opts.referenceDate ?? null,
    ingest: { maxBytes: opts.maxBytes, manifest: opts.manifest, timeoutMs: opts.timeout * 1000, allowPrivateNetwork: Boolean(opts.allowPrivateNetwork), typedUrls: true },
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
