import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { sharedCorpus } from '../../src/util/paths.js';

/** ../shared/corpus, or null on a user's fresh clone (tests that need it skip with a note). */
export const corpus = sharedCorpus();

/** `describe` that skips, with a note saying why, when ../shared/corpus is absent. */
export function describeShared(name: string, fn: () => void): void {
  if (corpus) describe(name, fn);
  else describe.skip(`${name} (skipped: ../shared/corpus is absent)`, fn);
}

/** The five seed reports as { file, text }, sorted by file name. Only call inside describeShared. */
export function seeds(): { file: string; text: string }[] {
  const dir = join(corpus!, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
