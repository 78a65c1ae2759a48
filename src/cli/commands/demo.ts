import { Command } from 'commander';
import { join } from 'node:path';
import { analyze } from '../../app/analyze.js';
import { packageRoot } from '../../util/paths.js';
import { progress } from '../io.js';
import { addReportOptions, emitReports, type ReportOptions } from './analyze.js';
import { exitCodeFor } from './options.js';
import { printable } from '../../util/printable.js';

/** The bundled demo corpus: fiction written for triangulate (see examples/demo/README.md). */
export function demoDir(): string {
  return join(packageRoot(), 'examples', 'demo');
}

/** `triangulate demo`: analyse the bundled demo corpus, with its manifest. */
export function demoCommand(setExit: (code: number) => void): Command {
  const cmd = new Command('demo').description('analyse the bundled demo corpus (six fictional outlets reporting one fictional event)');
  addReportOptions(cmd).action(async (opts: ReportOptions) => {
    const dir = demoDir();
    const bar = progress();
    // The folder's README and manifest.csv are skipped and read as such by the folder walk.
    const run = await analyze([dir], {
      onProgress: bar.update,
      onError: (e) => process.stderr.write(`${printable(e.input)}: ${printable(e.reason)}\n`),
    });
    bar.done();
    await emitReports(run, opts);
    setExit(exitCodeFor(run, 1));
  });
  return cmd;
}
