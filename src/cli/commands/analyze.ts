import { Command, Option } from 'commander';
import { CLAIM_STATUSES, type ClaimStatus } from '../../model/check.js';
import { CLAIM_SORTS, type ClaimFilter } from '../../report/check-view.js';
import type { RunResult } from '../../model/run.js';
import { holdingSignals, progress, useColor, writeAtomic } from '../io.js';
import { addInputOptions, checkOutputs, examples, exitCodeFor, jsonTarget, parseIsoDay, readingOptions, undatedWarning, writeCsv, type InputOptions } from './options.js';

export interface ReportOptions {
  json?: string | true;
  md?: string;
  html?: string;
  csv?: string;
  all?: boolean;
  color?: boolean;
  quiet?: boolean;
  verdict?: ClaimStatus;
  outlet?: string;
  kind?: string;
  from?: string;
  to?: string;
  sort?: ClaimFilter['sort'];
}

/** The claims filter the report options ask for (`--verdict`, `--outlet`, `--kind`, `--from`, `--to`, `--sort`). */
export function claimFilterOf(opts: ReportOptions): ClaimFilter {
  return { verdict: opts.verdict ?? null, outlet: opts.outlet ?? null, kind: opts.kind ?? null, from: opts.from ?? null, to: opts.to ?? null, sort: opts.sort ?? null };
}

/** Options shared by `analyze`, `demo` and `story`. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--json [file]', 'write the JSON report (contract v1, docs/json.md) to FILE, or to stdout without one')
    .option('--md <file>', 'write a Markdown report')
    .option('--html <file>', 'write a self-contained HTML page: the story with its charts, then every article with its annotations highlighted')
    .option('--csv <dir>', 'write claims.csv, mentions.csv, quotes.csv, labels.csv and loaded.csv into DIR (made if missing)')
    .option('--all', 'list every claim (by default: those carried by several articles or in conflict, at most 12 a story)')
    .addOption(new Option('--verdict <status>', 'list only the claims of this verdict').choices(Object.keys(CLAIM_STATUSES)))
    .option('--outlet <label>', 'list only the claims this article or outlet carries (its label, as the reports name it: "Daily Blaze", "file 003")')
    .addOption(new Option('--kind <kind>', 'list only the claims a news, opinion or unknown article carries').choices(['news', 'opinion', 'unknown']))
    .option('--from <YYYY-MM-DD>', 'list only the claims about this day or later', parseIsoDay)
    .option('--to <YYYY-MM-DD>', 'list only the claims about this day or earlier', parseIsoDay)
    .addOption(new Option('--sort <order>', 'order the claims by most independent origins (default), articles, date or verdict').choices([...CLAIM_SORTS]))
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
  addReportOptions(cmd)
    .addHelpText(
      'after',
      examples([
        ['triangulate analyze reports/', 'every file of a folder, the report in the terminal'],
        ['triangulate analyze a.html b.txt --html report.html', 'one HTML page: the story, its charts, the articles'],
        ['triangulate analyze reports/ --manifest outlets.csv --csv out/', 'outlets and dates from a manifest; the claims, quotes, labels and loaded words as CSV'],
        ['triangulate analyze export.jsonl --json > report.json', 'the JSON report on stdout'],
        ['curl -s https://example.org/story | triangulate analyze - --all', 'a page from stdin, every claim listed'],
      ]),
    )
    .action(async (inputs: string[], opts: ReportOptions & InputOptions & { crosscheck: boolean }) => {
      checkOutputs(opts);
      // The pipeline is loaded when the command runs, not for its --help.
      const { analyze } = await import('../../app/analyze.js');
      const bar = progress();
      const run = await analyze(inputs, { ...readingOptions(opts, bar), crossCheck: opts.crosscheck });
      bar.done();
      const warning = undatedWarning(run.articles.filter((a) => !a.meta.published).length, run.articles.length);
      if (warning && !opts.quiet) process.stderr.write(`triangulate: warning: ${warning}\n`);
      await emitReports(run, opts);
      setExit(exitCodeFor(run, inputs.length));
    });
  return cmd;
}

/** Print the terminal report (unless quiet or a report goes to stdout) and write the requested files (a signal meanwhile is held until they are whole). */
export async function emitReports(run: RunResult, opts: ReportOptions, terminal: { articles?: boolean; errorsPrinted?: boolean } = {}): Promise<void> {
  const json = jsonTarget(opts.json);
  const all = Boolean(opts.all);
  const filter = claimFilterOf(opts);
  const { renderHtml, renderMarkdown, renderTerminal, toJsonV1 } = await import('../../report/index.js');
  const csvTables = opts.csv ? (await import('../../report/csv.js')).csvTables : null;
  await holdingSignals(() => {
    if (json) writeAtomic(json, JSON.stringify(toJsonV1(run), null, 2) + '\n');
    if (opts.md) writeAtomic(opts.md, renderMarkdown(run, { all, filter }));
    if (opts.html) writeAtomic(opts.html, renderHtml(run, { all, filter }));
    if (opts.csv && csvTables) writeCsv(opts.csv, csvTables(run, run.stories, filter));
  });
  if (!opts.quiet && json !== '-' && opts.md !== '-' && opts.html !== '-') {
    const width = Math.min(process.stdout.columns || 100, 120);
    process.stdout.write(renderTerminal(run, { color: useColor(process.stdout, opts.color), width, all, filter, errorsPrinted: terminal.errorsPrinted ?? true, articles: terminal.articles }));
  }
}
