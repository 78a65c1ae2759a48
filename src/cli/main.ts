import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { registerCommands } from './commands/index.js';

/**
 * Entry point of the `triangulate` command. Returns the exit code instead of exiting, so tests
 * can call it in-process. Exit codes: 0 ok, 1 some inputs failed, 2 usage error, 3 nothing read.
 *
 * @example
 * process.exitCode = await main(['analyze', 'article.html', '--json', 'out.json']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('triangulate')
    .description('Cross-check the news: read a pile of reports, find who says what, and what was cut out as junk.')
    .version(version, '-V, --version');
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
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    // No stack trace for users: one line naming what went wrong. TRIANGULATE_DEBUG=1 shows the trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`triangulate: ${message}\n`);
    if (process.env.TRIANGULATE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
  return code;
}
