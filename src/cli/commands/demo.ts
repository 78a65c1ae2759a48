import { Command } from 'commander';
import { join } from 'node:path';
import pc from 'picocolors';
import { packageRoot } from '../../util/paths.js';
import { progress, useColor } from '../io.js';
import { addReportOptions, emitReports, type ReportOptions } from './analyze.js';
import { checkOutputs, examples, exitCodeFor, jsonTarget } from './options.js';
import { printable } from '../../util/printable.js';

/** The bundled demo corpus: fiction written for triangulate (see examples/demo/README.md). */
export function demoDir(): string {
  return join(packageRoot(), 'examples', 'demo');
}

/** `triangulate demo`: analyse the bundled demo corpus, with its manifest. */
export function demoCommand(setExit: (code: number) => void): Command {
  const cmd = new Command('demo').description('analyse the bundled demo corpus (six fictional outlets reporting one fictional event)');
  addReportOptions(cmd)
    .addHelpText(
      'after',
      examples([
        ['triangulate demo', 'the stories of the demo corpus in the terminal'],
        ['triangulate demo --html demo.html', 'the same as one HTML page with its charts'],
        ['triangulate demo --csv demo-csv/', 'its claims, quotes, labels and loaded words as CSV'],
      ]),
    )
    .action(async (opts: ReportOptions) => {
      checkOutputs(opts);
      const dir = demoDir();
      const { analyze } = await import('../../app/analyze.js');
      const bar = progress();
      // The folder's README and manifest.csv are skipped and read as such by the folder walk.
      const run = await analyze([dir], {
        onProgress: bar.update,
        onError: (e) => process.stderr.write(`${printable(e.input)}: ${printable(e.reason)}\n`),
      });
      bar.done();
      const toStdout = [jsonTarget(opts.json), opts.md, opts.html].includes('-');
      const c = pc.createColors(useColor(process.stdout, opts.color));
      if (!opts.quiet && !toStdout) process.stdout.write(`${c.bold('triangulate demo')}: six fictional outlets report one fictional chemical blast in the port of Maravel (${dir}). Below: what triangulate makes of them.\n\n`);
      await emitReports(run, opts, { articles: false });
      if (!opts.quiet && !toStdout)
        process.stdout.write(
          `\n${c.bold('Next')}\n  triangulate demo --html demo.html      the story with its charts, in one page\n  triangulate ingest ${dir} && triangulate serve      browse it in the web app\n  triangulate analyze YOUR-FOLDER --manifest outlets.csv      your own reports\n`,
        );
      setExit(exitCodeFor(run, 1));
    });
  return cmd;
}
