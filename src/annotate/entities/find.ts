import type { Entity, EntityType, Sentence, Token } from '../../model/layers.js';
import { makeRef } from '../../util/ref.js';
import { gazetteer, standsAlone, type Gazetteer, type Known } from './gazetteer.js';
import { entityLexicons, type EntityLexicons } from './lexicons.js';
import { RUNS } from './settings.js';
import { checkDeadline } from '../../util/budget.js';

/** Lowercase words that join the parts of one name: "Department of Defense", "Bashar al-Assad". */
const CONNECTORS = new Set(['the', 'of', 'al', 'el', 'bin', 'ibn', 'de', 'van', 'von', 'la', 'du', 'der', '-', 'for']);
/** Connectors that join an organisation's name, never a person's. */
const ORG_LINKS = new Set(['of', 'for', 'the']);
const PLACE_CONTEXT = new Set(['town', 'city', 'village', 'province', 'region', 'district', 'governorate', 'capital', 'port']);
const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN']);
const QUOTE_MARKS = new Set(['"', '“', '”', "'", '‘', '’', ',']);

interface Scan {
  readonly text: string;
  readonly toks: readonly Token[];
  readonly low: readonly string[];
  readonly lex: EntityLexicons;
  readonly gaz: Gazetteer;
}

/**
 * Find the entity mentions of one text. The rules, in order, on each run of capitalised tokens:
 * a name we know (gazetteer, longest match) wins; a title ("Defense Minister", "spokesman") makes
 * the name after it a person; a nationality before a title is skipped; an unknown run is typed by
 * its last word (org suffixes), by its context ("the town of X"), by a reporting verb next to it
 * ("Altun said", "said Omer Celik") or by an appositive role (", communications director at");
 * an unknown run with no evidence is left alone, which is what keeps Title Case headlines and
 * sentence-initial words from yielding junk. Hand-written because no npm package ships an English
 * NER model that works offline (wink-eng-lite-web-model types only dates, numbers and money).
 */
export function findEntities(text: string, given: readonly Token[], sentences: readonly Sentence[]): Entity[] {
  const tokens = given.some((t) => possessive(text, t)) ? given.flatMap((t) => (possessive(text, t) ? splitPossessive(t) : [t])) : given;
  const scan: Scan = { text, toks: tokens, low: tokens.map((t) => text.slice(t.start, t.end).toLowerCase().replace(/’/g, "'")), lex: entityLexicons(), gaz: gazetteer() };
  const out: Entity[] = [];
  let t = 0;
  for (const s of sentences) {
    checkDeadline();
    while (t < tokens.length && tokens[t]!.start < s.start) t++;
    let end = t;
    while (end < tokens.length && tokens[end]!.end <= s.end) end++;
    scanSentence(scan, t, end, isTitleCase(scan, t, end), out);
    t = end;
  }
  return out;
}

/** wink-nlp sometimes keeps a possessive on its name ("Trump's" one token): the name ends before it. */
function possessive(text: string, t: Token): boolean {
  return t.end - t.start >= 4 && text[t.end - 1] === 's' && (text[t.end - 2] === "'" || text[t.end - 2] === '’') && POSSESSIVE.test(text.slice(t.start, t.end));
}
const POSSESSIVE = /^\p{Lu}[\p{L}.-]+['’]s$/u;

function splitPossessive(t: Token): Token[] {
  const at = t.end - 2;
  return [
    { ...t, end: at, norm: t.norm.slice(0, -2) },
    { ...t, start: at, pos: 'PART', norm: "'s" },
  ];
}

function scanSentence(sc: Scan, from: number, to: number, headline: boolean, out: Entity[]): void {
  let i = from;
  // What the word before says the next name is: a title a person ("Gov."), a descriptor an
  // organisation or a group ("drugmaker").
  let cue: EntityType | null = null;
  while (i < to) {
    const known = longestKnown(sc, i, to);
    const title = titleAt(sc, i, to);
    if (title > 0 && (!known || title >= known.len)) {
      cue = 'person';
      i += title;
      continue;
    }
    if (known) {
      // A place opening an organisation's name: "Singapore Airlines", "U.S. Air Force".
      const org = known.hit.type === 'place' ? suffixedRun(sc, i + known.len, to) : null;
      if (org) {
        out.push(entity(sc, i, org.end, org.type, null, 'suffix'));
        i = org.end;
        cue = null;
        continue;
      }
      out.push(entity(sc, i, i + known.len, known.hit.type, known.hit.ref, standsAlone(known.hit) || known.hit.origin.startsWith('country') ? 'gazetteer' : 'alias'));
      i += known.len;
      cue = null;
      continue;
    }
    const described = descriptorAt(sc, i, from, to);
    if (described) {
      [cue, i] = described;
      continue;
    }
    // A capitalised first word of a sentence is a name only when tagged one ("Fighters of the …").
    const initialWord = i === from && sc.toks[i]!.pos !== 'PROPN';
    if (!isCap(sc, i) || sc.lex.stop.has(sc.low[i]!) || initialWord) {
      cue = null;
      i++;
      continue;
    }
    // A nationality before a title or another nationality: "Turkish Defense Minister", "Turkish diplomat".
    if (sc.lex.demonyms.has(sc.low[i]!) && (titleAt(sc, i + 1, to) > 0 || sc.lex.demonyms.has(sc.low[i + 1] ?? ''))) {
      i++;
      continue;
    }
    // An unknown capitalised run: extend it over capitalised tokens and connectors, stopping at
    // a title or at a name we know (unless a title before it says the whole run is a person).
    let j = i + 1;
    // After a title the run is a person's name, which "of" or "for" ends ("Gov. Gavin Newsom of California").
    const titled = cue === 'person';
    while (j < to && !sc.lex.breaks.has(sc.low[j]!) && (isCap(sc, j) || (CONNECTORS.has(sc.low[j]!) && !(titled && ORG_LINKS.has(sc.low[j]!)) && adjacentCap(sc, j, to)))) {
      const inner = titled ? null : longestKnown(sc, j, to);
      if (!titled && (titleAt(sc, j, to) > 0 || (inner && !standsAlone(inner.hit)))) break;
      j++;
    }
    const typed = headline ? null : classify(sc, i, j, from, to, cue);
    if (typed) out.push(entity(sc, i, j, typed[0], null, typed[1]));
    else if (!headline && j === i + 1 && sc.toks[i]!.pos === 'PROPN') {
      const guess = sc.gaz.fuzzy(sc.low[i]!);
      if (guess) out.push(entity(sc, i, j, guess.type, guess.ref, 'fuzzy'));
    }
    cue = null;
    i = j;
  }
}

function classify(sc: Scan, i: number, j: number, from: number, to: number, cue: EntityType | null): [EntityType, string] | null {
  const words = j - i;
  if (cue === 'person' && words <= RUNS.maxPersonTokens) return ['person', 'title'];
  if (cue && cue !== 'person') return [cue, 'descriptor'];
  const last = sc.low[j - 1]!;
  const suffix = sc.lex.suffixes.get(last);
  if (suffix && words >= 2 && !sc.lex.suffixes.has(sc.low[i]!)) return [suffix, 'suffix'];
  // "Ministry of the Interior", "University of Kestria": an organisation word followed by "of".
  const head = sc.lex.suffixes.get(sc.low[i]!);
  if (head && words >= 3 && sc.low[i + 1] === 'of') return [head, 'suffix'];
  if (i >= from + 2 && sc.low[i - 1] === 'of' && PLACE_CONTEXT.has(sc.low[i - 2]!)) return ['place', 'context'];
  const after = j < to ? sc.low[j]! : '';
  const before = i > from ? sc.low[i - 1]! : '';
  const saidAfter = sc.lex.saidVerbs.has(after);
  const saidBefore = sc.lex.saidVerbs.has(before) && i - 2 >= from && QUOTE_MARKS.has(sc.low[i - 2]!);
  // News introduces a person by full name, so one word alone before "said" ("Boeing said") is an
  // organisation, unless it is the surname of someone the run names in full (the refs stage).
  if ((saidAfter || saidBefore) && words <= 3) return before === 'the' || words === 1 ? ['organization', 'said-verb'] : ['person', 'said-verb'];
  if (after === ',') {
    // The appositive up to its first verb or punctuation: a role in it makes a person (even after
    // an organisation word: "communications director"), else an organisation word an organisation.
    let end = j + 1;
    while (end < Math.min(to, j + 1 + RUNS.appositiveWindow) && sc.toks[end]!.pos !== 'PUNCT' && sc.toks[end]!.pos !== 'VERB') end++;
    // A title that opens another name is that name's ("In Congress, Rep. Edward Markey").
    if (words <= RUNS.maxPersonTokens) for (let k = j + 1; k < end; k++) if (sc.lex.titles.has(sc.low[k]!) && !isCap(sc, k + 1)) return ['person', 'appositive'];
    // A place word there says where it is, not what ("Jane Roe, a farmer in the valley").
    for (let k = j + 1; k < end; k++) {
      const kind = sc.lex.suffixes.get(sc.low[k]!);
      if (kind && kind !== 'place') return [kind, 'appositive'];
    }
  }
  return null;
}

function entity(sc: Scan, i: number, j: number, type: EntityType, ref: string | null, rule: string): Entity {
  const start = sc.toks[i]!.start;
  const end = sc.toks[j - 1]!.end;
  return { kind: 'entity', start, end, type, ref: ref ?? makeRef(type, sc.text.slice(start, end)), rule };
}

/** The longest known name starting at token i (it may run into lower-case words: "Russian defense ministry"). */
function longestKnown(sc: Scan, i: number, to: number): { hit: Known; len: number } | null {
  if ((!isCap(sc, i) && sc.low[i] !== 'al') || !sc.gaz.starts(sc.low[i]!)) return null;
  for (let len = Math.min(sc.gaz.maxTokens, to - i); len >= 1; len--) {
    if (!contiguous(sc, i, i + len)) continue;
    const hit = sc.gaz.lookup(sc.low.slice(i, i + len), sc.text.slice(sc.toks[i]!.start, sc.toks[i + len - 1]!.end));
    if (!hit) continue;
    // A one-word city must be tagged a proper noun, and is no city when it starts a longer name
    // (but is one before a title: "Chicago Mayor Rahm Emanuel");
    // a city of several words ("San Francisco", "Los Angeles") is capitalised throughout.
    if (standsAlone(hit) && (len > 1 ? !allCap(sc, i, i + len) : sc.toks[i]!.pos !== 'PROPN' || (i + 1 < to && isCap(sc, i + 1) && !sc.lex.stop.has(sc.low[i + 1]!) && titleAt(sc, i + 1, to) === 0))) continue;
    if (sc.lex.stop.has(sc.low[i]!) && len === 1) continue;
    return { hit, len };
  }
  return null;
}

/**
 * The type a descriptor at token i gives the capitalised name right after it ("drugmaker Pfizer"),
 * or null. Capitalised, it is part of the name ("Bank Leumi", "Union Pacific said"), unless it
 * opens the sentence and no name begins with it ("Drugmaker Pfizer said"); before a title it
 * describes nobody ("company President Tim Cook"). A comma may stand between them ("Irish low cost
 * airline, Ryanair, announced"). Returns the type and the token where the name starts.
 */
function descriptorAt(sc: Scan, i: number, from: number, to: number): [EntityType, number] | null {
  const type = sc.lex.descriptors.get(sc.low[i]!);
  if (!type || (isCap(sc, i) && (i !== from || !sc.lex.initialDescriptors.has(sc.low[i]!)))) return null;
  const next = sc.low[i + 1] === ',' ? i + 2 : i + 1;
  if (next >= to || !isCap(sc, next) || sc.lex.stop.has(sc.low[next]!) || titleAt(sc, next, to) > 0) return null;
  return [type, next];
}

/** Length of the title or role phrase starting at token i ("Special Envoy", "spokesman"), or 0. */
function titleAt(sc: Scan, i: number, to: number): number {
  if (!sc.lex.titleFirsts.has(sc.low[i] ?? '')) return 0;
  for (let len = Math.min(sc.lex.titleMaxTokens, to - i); len >= 1; len--) {
    if (!sc.lex.titles.has(sc.low.slice(i, i + len).join(' '))) continue;
    // A role counts as a title only when a capitalised name follows ("spokesman Omer Celik"), and
    // not one of an organisation ("General Motors", "General Electric Company").
    const next = i + len;
    if (next < to && isCap(sc, next) && !sc.lex.stop.has(sc.low[next]!)) return suffixedRun(sc, next, to) ? 0 : len;
    if (next < to && sc.lex.demonyms.has(sc.low[next]!)) return len;
  }
  return 0;
}

function isCap(sc: Scan, i: number): boolean {
  const tok = sc.toks[i];
  return tok !== undefined && capitalised(sc.text, tok);
}

/** The token starts with a capital letter. */
export function capitalised(text: string, tok: Token): boolean {
  const c = text.charCodeAt(tok.start);
  const ch = text[tok.start]!;
  return c < 128 ? c >= 65 && c <= 90 : ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** The capitalised run from token i when it ends in an organisation word ("Airlines", "Motors"): its end and type. */
function suffixedRun(sc: Scan, i: number, to: number): { end: number; type: EntityType } | null {
  let j = i;
  while (j < to && j - i < 4 && isCap(sc, j) && contiguous(sc, i, j + 1)) j++;
  for (let end = j; end > i; end--) {
    const type = sc.lex.suffixes.get(sc.low[end - 1]!);
    if (type) return { end, type };
  }
  return null;
}

function allCap(sc: Scan, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (!isCap(sc, k)) return false;
  return true;
}

function adjacentCap(sc: Scan, j: number, to: number): boolean {
  // "Ministry of the Interior": "of the" joins a name to an organisation word before it.
  if (sc.low[j] === 'of' && sc.low[j + 1] === 'the' && isCap(sc, j + 2)) return sc.lex.suffixes.has(sc.low[j - 1] ?? '');
  if (sc.low[j] === 'the' && sc.low[j - 1] === 'of' && isCap(sc, j + 1)) return true;
  return j + 1 < to && ((isCap(sc, j + 1) && !sc.lex.breaks.has(sc.low[j + 1]!)) || sc.low[j + 1] === '-' || sc.low[j + 1] === 'al') && (sc.low[j] !== 'of' || sc.toks[j + 1]!.start > sc.toks[j]!.end);
}

function contiguous(sc: Scan, i: number, j: number): boolean {
  for (let k = i + 1; k < j; k++) if (/\n/.test(sc.text.slice(sc.toks[k - 1]!.end, sc.toks[k]!.start))) return false;
  return true;
}

/**
 * A Title Case line (a headline): its content words (nouns, verbs, adjectives, adverbs, names; not
 * "of", "for", "the") start with a capital, after the first, which any sentence capitalises. A
 * sentence dense with names still writes its verbs and nouns in lower case ("California Gov. Jerry
 * Brown spoke in Texas on Monday"), so it is read as a sentence.
 */
function isTitleCase(sc: Scan, from: number, to: number): boolean {
  let words = 0;
  let caps = 0;
  for (let k = from + 1; k < to; k++) {
    if (!/^\p{L}/u.test(sc.low[k]!) || sc.low[k]!.length < 3 || !CONTENT_POS.has(sc.toks[k]!.pos)) continue;
    words++;
    if (isCap(sc, k)) caps++;
  }
  return words >= 3 && caps / words >= RUNS.titleCaseShare;
}
