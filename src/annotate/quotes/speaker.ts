import type { Entity, Token } from '../../model/layers.js';
import { lookupName } from '../entities/index.js';
import { standsAlone } from '../entities/gazetteer.js';
import { entityLexicons } from '../entities/lexicons.js';
import { firstStartingAt } from '../locate.js';

export interface Speaker {
  readonly span: { start: number; end: number } | null;
  readonly name: string | null;
  readonly ref: string | null;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we']);
const DETERMINERS = /^(?:a|an|the|another|one|some|two|three|several|many)\s+/i;

/** The mentions a speaker can be resolved against: the article's entities, and its last speaker. */
export interface SpeakerContext {
  readonly text: string;
  readonly entities: readonly Entity[];
  /** Canonical name per ref (the longest mention, or the gazetteer's name). */
  readonly names: ReadonlyMap<string, string>;
  last: Speaker | null;
}

/**
 * Resolve a speaker phrase ("Turkish Defense Minister Hulusi Akar", "he", "a Turkish official",
 * "the Pentagon"): the last person named in it wins, else the organisation or place named in it;
 * a pronoun is the last speaker; an unnamed description keeps its words as the name ("Turkish
 * official") and no ref, so an anonymous source is never merged with a named one.
 */
export function resolveSpeaker(ctx: SpeakerContext, tokens: readonly Token[]): Speaker | null {
  if (tokens.length === 0) return null;
  const start = tokens[0]!.start;
  const end = tokens.at(-1)!.end;
  const inside = ctx.entities.slice(firstStartingAt(ctx.entities, start), firstStartingAt(ctx.entities, end)).filter((e) => e.end <= end);
  const person = inside.filter((e) => e.type === 'person').at(-1);
  const named = person ?? inside.find((e) => e.type === 'organization' || e.type === 'group') ?? (inside.length === 1 && inside[0]!.end - inside[0]!.start >= (end - start) * 0.5 ? inside[0] : undefined);
  if (named) {
    // The speaker span is the name with the capitalised title run before it ("Turkish Defense Minister Hulusi Akar").
    let k = tokens.findIndex((t) => t.start === named.start);
    while (k > 0 && /^\p{Lu}/u.test(ctx.text.slice(tokens[k - 1]!.start, tokens[k - 1]!.end))) k--;
    const from = k >= 0 ? tokens[k]!.start : named.start;
    return { span: { start: Math.min(from, named.start), end: named.end }, name: ctx.names.get(named.ref) ?? ctx.text.slice(named.start, named.end), ref: named.ref };
  }
  const phrase = ctx.text.slice(start, end);
  if (tokens.length === 1 && PRONOUNS.has(phrase.toLowerCase())) {
    if (ctx.last) return { span: { start, end }, name: ctx.last.name, ref: ctx.last.ref };
    // No one quoted yet: "he" is the last person named before it ("Mr Erdogan issued a warning. He said: …").
    const before = /^(he|she)$/i.test(phrase) ? lastBefore(people(ctx), start) : undefined;
    if (before) return { span: { start, end }, name: ctx.names.get(before.ref) ?? ctx.text.slice(before.start, before.end), ref: before.ref };
    return { span: { start, end }, name: null, ref: null };
  }
  const known = lookupName(phrase);
  if (known && !standsAlone(known)) return { span: { start, end }, name: known.name, ref: known.ref };
  const name = phrase.replace(DETERMINERS, '').replace(/[’']s$/, '').trim();
  // "the minister said": the last person this article gave that title ("Interior Minister Pavel Dragan").
  if (/^the\s/i.test(phrase) && tokens.length <= 3 && entityLexicons().titles.has(name.toLowerCase().split(/\s+/).at(-1)!)) {
    const role = name.toLowerCase().split(/\s+/).at(-1)!;
    const titled = lastBefore(titledPeople(ctx, role), start);
    if (titled) return { span: { start, end }, name: ctx.names.get(titled.ref) ?? ctx.text.slice(titled.start, titled.end), ref: titled.ref };
  }
  return { span: { start, end }, name: name || null, ref: null };
}

/*
 * The lookups above go through the article's entities once per quote: on a long text dense with
 * quotes a scan of every entity for each would be quadratic (400 KB of quotes took 15 s, most of
 * it here), so they binary-search the (sorted) entities, and the people with a given title before
 * them are listed once per article.
 */

/** The last entity of a sorted list that ends at or before `offset`. */
function lastBefore(entities: readonly Entity[], offset: number): Entity | undefined {
  for (let i = firstStartingAt(entities, offset) - 1; i >= 0; i--) if (entities[i]!.end <= offset) return entities[i];
  return undefined;
}

const peopleOf = new WeakMap<readonly Entity[], { all: Entity[]; byTitle: Map<string, Entity[]> }>();

function peopleIndex(ctx: SpeakerContext): { all: Entity[]; byTitle: Map<string, Entity[]> } {
  let index = peopleOf.get(ctx.entities);
  if (!index) {
    index = { all: ctx.entities.filter((e) => e.type === 'person'), byTitle: new Map() };
    peopleOf.set(ctx.entities, index);
  }
  return index;
}

function people(ctx: SpeakerContext): readonly Entity[] {
  return peopleIndex(ctx).all;
}

/** The people whose 40 characters before them hold this title word ("Interior Minister Pavel Dragan"). */
function titledPeople(ctx: SpeakerContext, role: string): readonly Entity[] {
  const index = peopleIndex(ctx);
  let list = index.byTitle.get(role);
  if (!list) {
    list = index.all.filter((e) => ctx.text.slice(Math.max(0, e.start - 40), e.start).toLowerCase().includes(role));
    index.byTitle.set(role, list);
  }
  return list;
}
