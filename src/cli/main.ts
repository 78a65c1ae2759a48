import { Command, CommanderError } from 'commander';
import { exitCodeOf, messageOf } from './exit.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { registerCommands } from './commands/index.js';
import { printable } from '../util/printable.js';

/**
 * Entry point of the `triangulate` command. Returns the exit code instead of exiting, so tests
 * can call it in-process. Exit codes (exit.ts): 0 ok, 1 some inputs failed, 2 usage error,
 * 3 nothing read, 4 environment fault (store busy or damaged, disk full, a file or port unusable).
 *
 * @example
 * process.exitCode = await main(['analyze', 'article.html', '--json', 'out.json']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('triangulate')
    .description('Cross-check the news: read a pile of reports, find who says what, and what was cut out as junk.')
    .version(version, '-V, --version')
    .addHelpText('after', '\nExit codes: 0 every input read; 1 some inputs failed (one line each), or a feed could not be polled;\n2 usage error; 3 nothing could be read; 4 environment fault (store busy, locked, damaged or newer; disk full;\na file or port that cannot be written or opened).');
  let code = 0;
  registerCommands(program, (c) => {
    code = c;
  });
  for (const cmd of [program, ...program.commands]) {
    // A usage error is one line, naming the command whose --help tells more.
    const name = cmd === program ? 'triangulate' : `triangulate ${cmd.name()}`;
    cmd.exitOverride().configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      outputError: (s, write) => write(`triangulate: ${s.replace(/^error:\s*/, '').trim()} (${name} --help for usage)\n`),
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error);
    // No stack trace for users: one line naming what went wrong. TRIANGULATE_DEBUG=1 shows the trace.
    process.stderr.write(`triangulate: ${printable(messageOf(error))}\n`);
    if (process.env.TRIANGULATE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  }
  return code;
}
