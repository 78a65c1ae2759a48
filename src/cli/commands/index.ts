import type { Command } from 'commander';

/** Register every subcommand; `setExit` records the exit code a command wants. */
export function registerCommands(program: Command, setExit: (code: number) => void): void {
  void program;
  void setExit;
}
