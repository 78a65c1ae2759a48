import { entityLexicons } from '../annotate/entities/lexicons.js';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import { PhraseMatcher, stem, type PhraseEntry } from '../lexicon/phrases.js';
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
  readonly cue: 'denial' | 'tentative' | 'outcome' | 'negation' | 'hearsay';
}
export interface AntonymEntry extends LexiconEntry {
  readonly opposite: string;
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
  /** Stems of verbs that only frame a statement as reported ("said", "told", "announced"): said-verbs.yml less those that say something themselves (a predicate class or a claim cue: "warned", "denied"). */
  readonly reportingVerbs: ReadonlySet<string>;
  /** Number words (numbers.yml: "two", "million", "hundreds", "nearly"): figures, not content. */
  readonly numberWords: ReadonlySet<string>;
  /** Irregular verb form → the stem of its base ("fled" → "flee"; inflections.yml). */
  readonly baseStem: ReadonlyMap<string, string>;
  /** Stem → stems of its opposites (antonyms.yml from WordNet and opposites.yml, both ways; function words left out: "all" / "some"). */
  readonly opposites: ReadonlyMap<string, ReadonlySet<string>>;
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
  const opposites = new Map<string, Set<string>>();
  for (const e of [...loadLexicon<AntonymEntry>('antonyms').entries, ...loadLexicon<AntonymEntry>('opposites').entries]) {
    if (stop.has(e.term) || stop.has(e.opposite)) continue;
    const [a, b] = [stem(e.term), stem(e.opposite)];
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let set = opposites.get(x);
      if (!set) opposites.set(x, (set = new Set()));
      set.add(y);
    }
  }
  cached = {
    loaded: new PhraseMatcher(loadLexicon<LoadedEntry>('loaded').entries),
    actors: new PhraseMatcher(loadLexicon<ActorEntry>('actor-labels').entries),
    predicates: new PhraseMatcher(loadLexicon<PredicateEntry>('predicates').entries),
    cues: new PhraseMatcher(loadLexicon<CueEntry>('claim-cues').entries),
    roles: new PhraseMatcher(loadLexicon<RoleEntry>('speaker-roles').entries),
    countryOf,
    stop,
    opposites,
    reportingVerbs: reportingVerbs(),
    numberWords: new Set(loadLexicon<LexiconEntry & { kind: string }>('numbers').entries.filter((e) => !e.term.includes(' ') && e.term !== 'a').map((e) => e.term.toLowerCase())),
    baseStem: new Map(loadLexicon<LexiconEntry & { base: string }>('inflections').entries.map((e) => [e.term, stem(e.base)])),
  };
  return cached;
}

/** The country a word stands for (demonym, country, capital or leader; "Russia's" as "Russia"), or null. */
export function countryOfWord(norm: string): string | null {
  return crossCheckLexicons().countryOf.get(norm.replace(/'s?$/, '')) ?? null;
}

/** A word's stem, through its base for an irregular verb form: "fled" and "fleeing" both give "flee". */
export function baseStem(w: { readonly norm: string; readonly stem: string }): string {
  return crossCheckLexicons().baseStem.get(w.norm) ?? w.stem;
}

/** A number word: "two", "million", "hundreds". */
export function numberWord(norm: string): boolean {
  return crossCheckLexicons().numberWords.has(norm);
}

function reportingVerbs(): Set<string> {
  const said = loadLexicon<LexiconEntry & { forms?: string[] }>('said-verbs').entries;
  const meaningful = new Set([...loadLexicon('predicates').entries, ...loadLexicon('claim-cues').entries].map((e) => stem(e.term.toLowerCase())));
  const out = new Set<string>();
  for (const e of said) {
    if (e.term.includes(' ') || meaningful.has(stem(e.term))) continue;
    for (const f of [e.term, ...(e.forms ?? [])]) out.add(stem(f.toLowerCase()));
  }
  return out;
}
