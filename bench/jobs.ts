import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from './corpus.js';
import { out } from './readme.js';

/**
 * All cores and the startup cost, as a user meets them: the real `triangulate` binary in a fresh
 * process each time, wall clock. The machine may be shared, so each figure is the best of several
 * runs (the least disturbed), the runs of `--jobs 1` and `--jobs 2` interleaved so that a burst of
 * load elsewhere does not fall on one side only, and the load average is printed beside them.
 *
 * - `analyze --jobs 1` and `--jobs 2` on the bench's JSON Lines file (read, clean, annotate, refs,
 *   stories, copies; with and without the cross-check): articles/s and the ratio;
 * - two `analyze --jobs 1 --no-crosscheck` started together, each on the whole file: what two-way
 *   parallel work with nothing shared gets on this machine, beside which --jobs 2 is read;
 * - `triangulate --help`, and `analyze` of one article (a seed report) to its end: the startup.
 */
function wall(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  // Exit 1 is "some inputs failed" (the bench file holds one article twice): the run is whole.
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench: triangulate ${args.join(' ')} exited with ${r.status}: ${r.stderr.split('\n')[0]}`);
  return seconds;
}

/** Wall seconds of two runs of one command started together, until both end. */
async function together(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all([runCli(args), runCli(args)]);
  return (performance.now() - t0) / 1000;
}

/** The best of `rounds` runs of each command, interleaved (a command: its arguments, or a measurement of its own). */
async function best(commands: readonly (readonly string[] | (() => Promise<number>))[], rounds: number): Promise<number[]> {
  const out = commands.map(() => Infinity);
  for (let r = 0; r < rounds; r++) for (const [i, c] of commands.entries()) out[i] = Math.min(out[i]!, typeof c === 'function' ? await c() : wall(c));
  return out;
}

export async function benchJobs(file: string, articles: number, corpus: string): Promise<void> {
  const load = () => loadavg()[0]!.toFixed(2);
  out(`\n# all cores and startup — the CLI in a fresh process, wall clock, best of several interleaved runs (load average ${load()} at the start)\n\n`);
  const rows: string[] = [];
  const ratios: string[] = [];
  let ceiling = '';
  for (const [name, extra, rounds, pair] of [
    ['analyze --no-crosscheck', ['--no-crosscheck'], 3, true],
    ['analyze (with the cross-check)', [], 2, false],
  ] as const) {
    const run = (j: number) => ['analyze', file, '-q', '--jobs', String(j), ...extra];
    const [one, two, both] = await best([run(1), run(2), ...(pair ? [() => together(run(1))] : [])], rounds);
    rows.push(`| ${name} --jobs 1 | ${articles} | ${one!.toFixed(2)} | ${(articles / one!).toFixed(0)} |`, `| ${name} --jobs 2 | ${articles} | ${two!.toFixed(2)} | ${(articles / two!).toFixed(0)} |`);
    ratios.push(`${name}: --jobs 2 ${(one! / two!).toFixed(2)}× the throughput of --jobs 1 (best of ${rounds})`);
    if (pair) {
      rows.push(`| ${name} --jobs 1, two processes started together | ${2 * articles} | ${both!.toFixed(2)} | ${((2 * articles) / both!).toFixed(0)} |`);
      ceiling = `two processes of ${name} --jobs 1 at once: ${((2 * one!) / both!).toFixed(2)}× the throughput of one (best of ${rounds}): what two-way work with nothing shared gets on this machine`;
    }
  }
  out(`| run | articles | seconds | articles/s |\n|---|---|---|---|\n${rows.join('\n')}\n\n${ratios.join('\n')}\n${ceiling}\n`);
  const [help, first] = await best([['--help'], ['analyze', join(corpus, 'seeds', '000_12436d311f05a390.txt'), '-q', '--jobs', '1']], 5);
  out(`startup (best of 5): \`triangulate --help\` ${help!.toFixed(2)} s; \`analyze\` of one article (a 2.4 KB seed report, to its end, cross-check included) ${first!.toFixed(2)} s\n`);
  const ratio = Math.min(...ratios.map((r) => Number(/ ([\d.]+)×/.exec(r)![1])));
  out(
    `targets (issue 20): --jobs 2 >= 1.7× --jobs 1 — ${ratio >= 1.7 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}× at the least); --help < 0.5 s — ${help! < 0.5 ? 'met' : 'NOT met'}; < 1 s to the first article — ${first! < 1 ? 'met' : 'NOT met'} (load average ${load()} at the end)\n`,
  );
}
