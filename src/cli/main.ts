import { Command, CommanderError } from 'commander';

/**
 * Entry point of the `triangulate` command. Returns the exit code instead of exiting, so tests
 * can call it in-process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('triangulate')
    .description('Cross-check the news: read a pile of reports, find who says what, and what was copied.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let code = 0;
  const { registerCommands } = await import('./commands/index.js');
  registerCommands(program, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`triangulate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return code;
}
