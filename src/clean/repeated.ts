import type { Extracted } from '../ingest/types.js';
import { wordCount } from '../util/words.js';
import { lines } from './lines.js';
import { REPEATED_MAX_WORDS } from './settings.js';

/**
 * Short lines that appear in two or more articles of the same outlet: taglines, section labels and
 * promos the extractor kept. Keyed by outlet, then by the normalised line.
 */
export function repeatedLines(docs: readonly Extracted[]): Map<string, Set<string>> {
  const counts = new Map<string, Map<string, number>>();
  for (const d of docs) {
    if (!d.outlet) continue;
    const seen = new Set<string>();
    for (const l of lines(d.text)) {
      if (wordCount(l.text) > REPEATED_MAX_WORDS) continue;
      const key = normalise(l.text);
      if (seen.has(key)) continue;
      seen.add(key);
      const perOutlet = counts.get(d.outlet) ?? new Map<string, number>();
      perOutlet.set(key, (perOutlet.get(key) ?? 0) + 1);
      counts.set(d.outlet, perOutlet);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [outlet, perOutlet] of counts) {
    const set = new Set([...perOutlet].filter(([, n]) => n >= 2).map(([k]) => k));
    if (set.size) out.set(outlet, set);
  }
  return out;
}

export function normalise(line: string): string {
  return line.toLowerCase().replace(/\s+/g, ' ').trim();
}
