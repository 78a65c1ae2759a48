import type { Command } from 'commander';

/** Register every subcommand; `setExit` records the exit code a command wants. */
export function registerCommands(program: Command, setExit: (code: number) => void): void {
  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write('triangulate 0.1.0\n');
      setExit(0);
    });
}
