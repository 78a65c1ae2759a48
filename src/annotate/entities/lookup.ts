import { gazetteer, type Known } from './gazetteer.js';
import { tokensOf } from './lexicons.js';

/**
 * Look a name up in the gazetteer as written ("MEE", "the Pentagon", "Middle East Eye"); a leading
 * "the" is ignored.
 *
 * @example
 * lookupName('MEE')?.name; // 'Middle East Eye'
 */
export function lookupName(name: string): Known | null {
  const trimmed = name.trim().replace(/^the\s+/i, '');
  const g = gazetteer();
  return g.lookup(tokensOf(trimmed), trimmed) ?? g.lookup(tokensOf(name.trim()), name.trim());
}
