import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../util/paths.js';

/**
 * Every lexicon entry names its term and where it comes from. Other fields are per lexicon
 * (e.g. `ref` and `type` in entities.yml, `weight` in hedges.yml).
 */
export interface LexiconEntry {
  readonly term: string;
  readonly source: string;
  readonly note?: string;
  readonly [field: string]: unknown;
}

export interface Lexicon<E extends LexiconEntry = LexiconEntry> {
  readonly name: string;
  readonly description: string;
  readonly entries: readonly E[];
}

const cache = new Map<string, Lexicon>();

export function lexiconDir(language = 'en'): string {
  return join(packageRoot(), 'data', 'lexicons', language);
}

/** Names of the lexicons shipped for a language (file names without `.yml`). */
export function lexiconNames(language = 'en'): string[] {
  return readdirSync(lexiconDir(language))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/**
 * Load and validate `data/lexicons/<language>/<name>.yml` once per process.
 *
 * @example
 * const titles = loadLexicon<TitleEntry>('titles');
 */
export function loadLexicon<E extends LexiconEntry = LexiconEntry>(name: string, language = 'en'): Lexicon<E> {
  const key = `${language}/${name}`;
  const hit = cache.get(key);
  if (hit) return hit as Lexicon<E>;
  const file = join(lexiconDir(language), `${name}.yml`);
  const lexicon = validateLexicon(parse(readFileSync(file, 'utf8')), file);
  cache.set(key, lexicon);
  return lexicon as Lexicon<E>;
}

/**
 * Fail loudly on a malformed lexicon: each entry needs a `term` and a `source`, and a term may
 * appear once (case-insensitively) unless the entry sets `sense` to tell homographs apart.
 */
export function validateLexicon(data: unknown, file: string): Lexicon {
  const fail = (why: string): never => {
    throw new Error(`lexicon: ${file}: ${why}`);
  };
  if (typeof data !== 'object' || data === null) return fail('not a mapping');
  const { name, description, entries } = data as Record<string, unknown>;
  if (typeof name !== 'string') fail('missing `name`');
  if (!Array.isArray(entries)) return fail('missing `entries` list');
  const seen = new Set<string>();
  entries.forEach((e: unknown, i: number) => {
    if (typeof e !== 'object' || e === null) fail(`entry ${i} is not a mapping`);
    const entry = e as Record<string, unknown>;
    if (typeof entry.term !== 'string' || entry.term.trim() === '') fail(`entry ${i} has no \`term\``);
    if (typeof entry.source !== 'string' || entry.source.trim() === '') fail(`entry \`${String(entry.term)}\` has no \`source\``);
    const key = `${String(entry.term).toLowerCase()}\u0000${String(entry.sense ?? '')}`;
    if (seen.has(key)) fail(`unexpected duplicate entry \`${String(entry.term)}\``);
    seen.add(key);
  });
  return Object.freeze({ name: name as string, description: typeof description === 'string' ? description : '', entries: Object.freeze(entries) as readonly LexiconEntry[] });
}
