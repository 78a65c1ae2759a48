import type { EntityType, SourceKind } from '../../model/layers.js';
import { loadLexicon, type LexiconEntry } from '../../lexicon/load.js';

/** Entity lexicons, loaded once per process and turned into lookup sets keyed by lower-case term. */
export interface EntityLexicons {
  /** Title or role phrases (lower case, as token sequences joined by one space). */
  readonly titles: ReadonlySet<string>;
  readonly titleMaxTokens: number;
  /** First tokens of the titles, for a cheap test before trying phrases. */
  readonly titleFirsts: ReadonlySet<string>;
  /** Demonym (lower case) → canonical place. */
  readonly demonyms: ReadonlyMap<string, string>;
  /** Last word (lower case) → organization or group. */
  readonly suffixes: ReadonlyMap<string, EntityType>;
  /** Legal forms among them (lower case): "inc.", "plc", "gmbh". */
  readonly legalForms: ReadonlySet<string>;
  /** Capitalised words that never start or make an entity (lower case). */
  readonly stop: ReadonlySet<string>;
  /** Those of them never inside a name either, so a capitalised run ends before them: weekdays, time zones. */
  readonly breaks: ReadonlySet<string>;
  /** Every inflected form of a reporting verb (lower case). */
  readonly saidVerbs: ReadonlySet<string>;
  /** Common nouns (lower case) that say what the name after them is: "drugmaker" → organization. */
  readonly descriptors: ReadonlyMap<string, EntityType>;
  /** Those of them that no name begins with, so they are descriptors as a sentence's first word too. */
  readonly initialDescriptors: ReadonlySet<string>;
}

interface DemonymEntry extends LexiconEntry {
  readonly place: string;
}
interface SuffixEntry extends LexiconEntry {
  readonly type: EntityType;
  readonly legal?: boolean;
}
interface DescriptorEntry extends LexiconEntry {
  readonly type: EntityType;
  readonly initial?: boolean;
}
interface SaidEntry extends LexiconEntry {
  readonly forms: readonly string[];
}
export interface AliasEntry extends LexiconEntry {
  readonly type?: EntityType;
  readonly kind?: SourceKind;
  readonly aliases?: readonly string[];
}

let cached: EntityLexicons | undefined;

export function entityLexicons(): EntityLexicons {
  if (cached) return cached;
  const titles = new Set<string>();
  let titleMaxTokens = 1;
  for (const e of loadLexicon('titles').entries) {
    const key = tokensOf(e.term).join(' ');
    titles.add(key);
    titleMaxTokens = Math.max(titleMaxTokens, key.split(' ').length);
  }
  const suffixes = loadLexicon<SuffixEntry>('org-suffixes').entries;
  const stop = loadLexicon('entity-stop').entries;
  const descriptors = loadLexicon<DescriptorEntry>('org-descriptors').entries;
  cached = {
    titles,
    titleFirsts: new Set([...titles].map((t) => t.split(' ')[0]!)),
    titleMaxTokens,
    demonyms: new Map(loadLexicon<DemonymEntry>('demonyms').entries.map((e) => [e.term.toLowerCase(), e.place])),
    suffixes: new Map(suffixes.map((e) => [e.term.toLowerCase(), e.type])),
    legalForms: new Set(suffixes.filter((e) => e.legal).map((e) => e.term.toLowerCase())),
    stop: new Set(stop.map((e) => e.term.toLowerCase())),
    breaks: new Set(stop.filter((e) => e.breaks).map((e) => e.term.toLowerCase())),
    saidVerbs: new Set(loadLexicon<SaidEntry>('said-verbs').entries.flatMap((e) => e.forms.map((f) => f.toLowerCase()))),
    descriptors: new Map(descriptors.map((e) => [e.term.toLowerCase(), e.type])),
    initialDescriptors: new Set(descriptors.filter((e) => e.initial).map((e) => e.term.toLowerCase())),
  };
  return cached;
}

/**
 * Split a lexicon phrase the way wink-nlp splits text, so phrases can be compared token by token:
 * words, and punctuation (hyphens, apostrophes) as tokens of their own; "Mr." and "U.S." stay one token.
 */
export function tokensOf(phrase: string): string[] {
  return (phrase.toLowerCase().match(/(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:\.(?=\s|$))?|['’]s\b|[^\s\p{L}\p{N}]/gu) ?? []).map((t) => t.replace(/’/g, "'"));
}
