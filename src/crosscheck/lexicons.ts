import { entityLexicons } from '../annotate/entities/lexicons.js';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import { PhraseMatcher, type PhraseEntry } from '../lexicon/phrases.js';
import { makeRef } from '../util/ref.js';

export interface LoadedEntry extends PhraseEntry {
  readonly category: string;
}
export interface ActorEntry extends PhraseEntry {
  readonly role: 'state' | 'armed-opposition';
  readonly tone: 'neutral' | 'pejorative' | 'sympathetic';
}
export interface PredicateEntry extends PhraseEntry {
  readonly class: string;
}
export interface CueEntry extends PhraseEntry {
  readonly cue: 'denial' | 'tentative' | 'outcome' | 'negation';
}
export interface RoleEntry extends PhraseEntry {
  readonly role: 'official' | 'expert' | 'anonymous' | 'witness';
  /** The word names a person, not an institution. */
  readonly person?: boolean;
}

export interface CrossCheckLexicons {
  readonly loaded: PhraseMatcher<LoadedEntry>;
  readonly actors: PhraseMatcher<ActorEntry>;
  readonly predicates: PhraseMatcher<PredicateEntry>;
  readonly cues: PhraseMatcher<CueEntry>;
  readonly roles: PhraseMatcher<RoleEntry>;
  /** Lower-cased word → country ref, from demonyms ("syrian") and affiliations ("damascus", "assad"). */
  readonly countryOf: ReadonlyMap<string, string>;
  /** English function words: not content. */
  readonly stop: ReadonlySet<string>;
}

let cached: CrossCheckLexicons | undefined;

/** The lexicons of cross-checking (data/lexicons/en), loaded once. */
export function crossCheckLexicons(): CrossCheckLexicons {
  if (cached) return cached;
  const countryOf = new Map<string, string>();
  // Countries are the places demonyms point to; a city or a region ("Idlib") is not a side.
  const countries = new Set<string>();
  for (const [demonym, place] of entityLexicons().demonyms) {
    countryOf.set(demonym, makeRef('place', place));
    countries.add(place.toLowerCase());
    countryOf.set(place.toLowerCase(), makeRef('place', place));
  }
  for (const e of loadLexicon<LexiconEntry & { place: string }>('affiliations').entries) countryOf.set(e.term.toLowerCase(), makeRef('place', e.place));
  for (const e of loadLexicon<LexiconEntry & { type: string; aliases?: string[] }>('aliases').entries) {
    if (e.type !== 'place' || !countries.has(e.term.toLowerCase())) continue;
    for (const name of [e.term, ...(e.aliases ?? [])]) if (!countryOf.has(name.toLowerCase())) countryOf.set(name.toLowerCase(), makeRef('place', e.term));
  }
  const stop = new Set(loadLexicon('function-words').entries.map((e) => e.term.toLowerCase()));
  cached = {
    loaded: new PhraseMatcher(loadLexicon<LoadedEntry>('loaded').entries),
    actors: new PhraseMatcher(loadLexicon<ActorEntry>('actor-labels').entries),
    predicates: new PhraseMatcher(loadLexicon<PredicateEntry>('predicates').entries),
    cues: new PhraseMatcher(loadLexicon<CueEntry>('claim-cues').entries),
    roles: new PhraseMatcher(loadLexicon<RoleEntry>('speaker-roles').entries),
    countryOf,
    stop,
  };
  return cached;
}

/** The country a word stands for (demonym, country, capital or leader; "Russia's" as "Russia"), or null. */
export function countryOfWord(norm: string): string | null {
  return crossCheckLexicons().countryOf.get(norm.replace(/'s?$/, '')) ?? null;
}
