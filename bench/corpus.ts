import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Extracted } from '../src/ingest/types.js';
import { goldDocs } from '../eval/gold.js';

/** The real articles the benchmarks run on: PolNeAR, BASIL and ECB+ from ../shared/corpus, as extracted documents. */
export function loadArticles(dir: string): Extracted[] {
  return (['polnear', 'basil', 'ecbplus'] as const).flatMap((folder) =>
    goldDocs(
      folder,
      readFileSync(join(dir, folder, `${folder}.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string }),
    ),
  );
}

/** The value after `flag` on the command line (`--sizes 1000,10000`), or undefined. */
export function valueOf(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
