import { CommanderError } from 'commander';
import { StoreError } from '../store/migrations.js';

/**
 * The exit codes of every command (also in `triangulate --help` and the README):
 * 0 every input was read; 1 some inputs failed (each with its line) and the rest were used, or a
 * feed could not be polled; 2 a usage error (a bad option or argument, an unknown story, a query
 * outside the limits); 3 no input could be read at all; 4 an environment fault: the store is busy,
 * locked, damaged or newer than this triangulate, the disk is full, a file or port cannot be
 * written or opened.
 */
export const EXIT = Object.freeze({ ok: 0, someFailed: 1, usage: 2, nothingRead: 3, environment: 4 });

/** The exit code for an error that stopped a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
  if (error instanceof StoreError) return error.kind === 'environment' ? EXIT.environment : EXIT.usage;
  const code = (error as { code?: unknown })?.code;
  // System errors (ENOSPC, EACCES, EROFS, EADDRINUSE…) and SQLite's (SQLITE_FULL, SQLITE_CORRUPT, SQLITE_BUSY…).
  if (typeof code === 'string' && (/^E[A-Z0-9]+$/.test(code) || code.startsWith('SQLITE_'))) return EXIT.environment;
  return EXIT.usage;
}

/** The one line the CLI prints for such an error (without the `triangulate: ` prefix). */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}
