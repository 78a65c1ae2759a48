import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Extracted } from '../src/ingest/types.js';

/** The real articles the benchmarks run on: PolNeAR, BASIL and ECB+ from ../shared/corpus, as extracted documents. */
export function loadArticles(dir: string): Extracted[] {
  const out: Extracted[] = [];
  for (const [folder, file] of [['polnear', 'polnear.jsonl'], ['basil', 'basil.jsonl'], ['ecbplus', 'ecbplus.jsonl']] as const) {
    const lines = readFileSync(join(dir, folder, file), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const r = JSON.parse(line) as { id: string; title?: string | null; text: string; outlet?: string | null; published?: string | null; url?: string | null };
      out.push({
        source: `${folder}#${r.id}`,
        format: 'json',
        title: r.title ?? null,
        text: r.text,
        outlet: r.outlet ?? null,
        byline: null,
        published: r.published ?? null,
        url: r.url ?? null,
        language: 'en',
        provenance: {},
      });
    }
  }
  return out;
}

