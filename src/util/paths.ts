import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (the folder holding package.json), from src/ under Vitest or dist/src/ when built. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('paths: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  root = dir;
  return dir;
}

/** `../shared/corpus` beside the checkout, or `TRIANGULATE_SHARED`/corpus; null when absent. */
export function sharedCorpus(): string | null {
  const base = process.env.TRIANGULATE_SHARED ?? resolve(packageRoot(), '..', 'shared');
  const dir = join(base, 'corpus');
  return existsSync(dir) ? dir : null;
}
