import type { Command } from 'commander';
import { analyzeCommand } from './analyze.js';
import { demoCommand } from './demo.js';
import { serveCommand, watchCommand } from './serve.js';
import { ingestCommand, searchCommand, storiesCommand, storyCommand } from './store.js';
import { storylineCommand, storylinesCommand } from './storylines.js';

/** Register every subcommand; `setExit` records the exit code a command wants. */
export function registerCommands(program: Command, setExit: (code: number) => void): void {
  program.addCommand(analyzeCommand(setExit));
  program.addCommand(demoCommand(setExit));
  program.addCommand(ingestCommand(setExit));
  program.addCommand(storiesCommand());
  program.addCommand(storyCommand());
  program.addCommand(storylinesCommand());
  program.addCommand(storylineCommand());
  program.addCommand(searchCommand());
  program.addCommand(serveCommand());
  program.addCommand(watchCommand(setExit));
}
