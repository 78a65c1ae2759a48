import { Command } from 'commander';
import { analyze } from '../../app/analyze.js';
import type { RunResult } from '../../model/run.js';
import { renderHtml, renderMarkdown, renderTerminal, toJsonV1 } from '../../report/index.js';
import { holdingSignals, progress, useColor, writeAtomic } from '../io.js';
import { addInputOptions, exitCodeFor, readingOptions, type InputOptions } from './options.js';

export interface ReportOptions {
  json?: string;
  md?: string;
  html?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Options shared by `analyze` and `demo`. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--json <file>', 'write the JSON report (contract v1, docs/json.md); `-` for stdout')
    .option('--md <file>', 'write a Markdown report')
    .option('--html <file>', 'write a self-contained HTML page with the annotations highlighted')
    .option('--no-color', 'no colours in the terminal report (default: colour only on a TTY)')
    .option('-q, --quiet', 'no terminal report; errors only');
}

/**
 * `triangulate analyze <inputs...>`: read, clean and annotate a pile of articles; print the terminal
 * report and write the requested files.
 */
export function analyzeCommand(setExit: (code: number) => void): Command {
  const cmd = new Command('analyze')
    .description('read, clean and annotate articles, group them into stories, trace copies and cross-check each story: files, directories, - (stdin), URLs, RSS/Atom feeds, JSON/JSONL exports')
    .argument('<inputs...>', 'paths, directories (recursive), http(s) URLs or feeds; - reads stdin');
  addInputOptions(cmd).option('--no-crosscheck', 'skip cross-checking stories (claims, conflicts, framing, timeline, brief): faster on big piles');
  addReportOptions(cmd).action(async (inputs: string[], opts: ReportOptions & InputOptions & { crosscheck: boolean }) => {
    const bar = progress();
    const run = await analyze(inputs, { ...readingOptions(opts, bar), crossCheck: opts.crosscheck });
    bar.done();
    await emitReports(run, opts);
    setExit(exitCodeFor(run, inputs.length));
  });
  return cmd;
}

/** Print the terminal report (unless quiet or JSON goes to stdout) and write the requested files (a signal meanwhile is held until they are whole). */
export async function emitReports(run: RunResult, opts: ReportOptions): Promise<void> {
  await holdingSignals(() => {
    if (opts.json) writeAtomic(opts.json, JSON.stringify(toJsonV1(run), null, 2) + '\n');
    if (opts.md) writeAtomic(opts.md, renderMarkdown(run));
    if (opts.html) writeAtomic(opts.html, renderHtml(run));
  });
  if (!opts.quiet && opts.json !== '-') {
    const width = Math.min(process.stdout.columns || 100, 120);
    process.stdout.write(renderTerminal(run, { color: useColor(process.stdout, opts.color), width }));
  }
}
