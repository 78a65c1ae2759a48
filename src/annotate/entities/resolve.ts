import { Article } from '../../model/article.js';
import type { Entity } from '../../model/layers.js';
import type { EntityRecord } from '../../model/run.js';
import type { CorpusStage } from '../../pipeline/stage.js';
import { Span } from '../../model/span.js';
import { Coverage } from '../locate.js';
import { capitalised } from './find.js';
import { entityLexicons } from './lexicons.js';
import { lookupName } from './lookup.js';
import { lead, NameRegistry, type NameEntries } from './registry.js';

const surname = (name: string) => name.split(/\s+/).at(-1)!.toLowerCase();

/**
 * Join short person mentions to full names: "Akar" and "Selcen" take the ref of the one full name
 * ending with that word, first within the same article, then among the articles before it (the
 * last NAME_MEMORY.articles of them); an ambiguous surname keeps its own ref. A surname written
 * alone later in an article whose full name it gave ("Fahrettin Altun … Altun said") is also
 * tagged where no rule caught it, and a name typed on evidence ("Boeing said") is found again
 * where it stands bare, in its article or a later one.
 *
 * Articles are resolved one after another in the order given (the processor gives publication
 * order), each against its own names and those of the articles before it, never of those after:
 * so an article's refs do not depend on the chunk it is annotated with or on what a later chunk
 * holds, and a store that reads its last articles back into `names` (a resumed ingest) resolves
 * the next article as one that never stopped. Without `names`, each run starts with an empty memory.
 */
export function resolveEntityRefs(names?: NameRegistry): CorpusStage {
  return Object.freeze({
    name: 'entity-refs',
    needs: ['entities'] as const,
    rewrites: ['entities'] as const,
    run(articles: readonly Article[]): readonly Article[] {
      const memory = names ?? nameRegistry();
      return articles.map((a) => {
        const resolved = resolveWith(a, memory);
        memory.add(resolved);
        return resolved;
      });
    },
  });
}

/** An empty memory of names, filled by resolveEntityRefs (or by a store with its last articles, resolved already). */
export function nameRegistry(limit?: number): NameRegistry {
  return new NameRegistry(nameEntries, limit);
}

/** One article's refs, against its own names first and then the memory's. */
function resolveWith(a: Article, memory: NameRegistry): Article {
  const ownFull = fullNames(a);
  const ownEntries = nameEntries(a);
  // Surname → refs among the article's names and the memory's; a given name of either is anyone's.
  const refsOf = (key: string): ReadonlySet<string> | undefined => {
    if (ownEntries.given.has(key) || memory.isGiven(key)) return undefined;
    const mine = ownEntries.full.get(key);
    const theirs = memory.refsOf(key);
    return mine && theirs ? new Set([...mine, ...theirs]) : (mine ?? theirs);
  };
  const found = [...(a.layers.entities ?? []), ...surnameMentions(a, refsOf)];
  // The article's own names first: a form the memory gives two types still holds where the
  // article types it, and an acronym holds in its own article only ("UTC" is a company in one, a
  // time zone in another).
  const own = forms(evidenceForms(a, true));
  const together = remembered(evidenceForms(a, false), memory);
  const ents = [...found, ...repeatedNames(a, [own, together], found)].sort(Span.compare);
  const resolved = ents.map((e) => {
    // A one-word place, or a word alone before "said" taken for an organisation, that is the
    // surname of a person named in the article or before it ("Orsk said") is that person.
    if (((e.type === 'place' && e.rule === 'gazetteer') || (e.type === 'organization' && e.rule === 'said-verb')) && !/\s/.test(a.text.slice(e.start, e.end))) {
      const refs = refsOf(a.text.slice(e.start, e.end).toLowerCase());
      if (refs?.size === 1) return { ...e, type: 'person' as const, ref: [...refs][0]!, rule: 'surname' };
      return e;
    }
    if (e.type !== 'person' || e.rule === 'alias' || /\s/.test(a.text.slice(e.start, e.end))) return e;
    const key = surname(a.text.slice(e.start, e.end));
    const refs = ownFull.get(key)?.size ? ownFull.get(key)! : refsOf(key);
    return refs && refs.size === 1 ? { ...e, ref: [...refs][0]! } : e;
  });
  return Article.withLayer(a, 'entities', resolved);
}

/** What an article leaves in the memory: its full names by surname, its given names, its names typed on evidence (without acronyms: those hold in their own article only). */
function nameEntries(a: Article): NameEntries {
  const full = new Map<string, Set<string>>();
  const given = new Set<string>();
  const { suffixes } = entityLexicons();
  for (const e of a.layers.entities ?? []) {
    const name = a.text.slice(e.start, e.end);
    if (e.type !== 'person' || !/\s/.test(name)) continue;
    const key = surname(name);
    // "State House", "Senate Democrats" typed a person by mistake: no surname to spread.
    if (suffixes.has(key)) continue;
    given.add(name.split(/\s+/)[0]!.toLowerCase());
    if (!full.has(key)) full.set(key, new Set());
    full.get(key)!.add(e.ref);
  }
  return { full, given, forms: evidenceForms(a, false) };
}

/** Rules whose evidence stands only where it was found (a title, a descriptor, a reporting verb…): what they typed, the article and later ones may name again without it. */
const EVIDENCE = new Set(['suffix', 'said-verb', 'appositive', 'context', 'title', 'descriptor']);

/** Forms of names with their entity, and how those forms begin (`lead`: a cheap test before slicing text). */
interface Forms {
  get(form: string): Pick<Entity, 'type' | 'ref'> | undefined;
  hasLead(first: string): boolean;
}

/**
 * Names the article typed on evidence (an organisation word, a reporting verb, an appositive
 * role), organisations also without their legal form ("Apple Inc." is "Apple" after; the legal
 * forms are marked in org-suffixes.yml), and (`acronyms`) the acronym given in brackets after a
 * name ("General Motors Corporation (GM)"): each form with the entities it was typed as, one per
 * type, in the order found. A nationality or a word that never makes a name ("American",
 * "Workers") is left out.
 */
function evidenceForms(a: Article, acronyms: boolean): Map<string, Pick<Entity, 'type' | 'ref'>[]> {
  const lex = entityLexicons();
  const out = new Map<string, Pick<Entity, 'type' | 'ref'>[]>();
  const add = (form: string, e: Entity) => {
    if (!/^\p{Lu}[\p{L}\p{N}.&'’ -]*[\p{L}.]$/u.test(form) || lex.demonyms.has(form.toLowerCase()) || lex.stop.has(form.toLowerCase())) return;
    const had = out.get(form);
    if (!had) out.set(form, [{ type: e.type, ref: e.ref }]);
    else if (!had.some((h) => h.type === e.type)) had.push({ type: e.type, ref: e.ref });
  };
  for (const e of a.layers.entities ?? []) {
    if (!EVIDENCE.has(e.rule ?? '')) continue;
    const name = a.text.slice(e.start, e.end).replace(/\s+/g, ' ');
    add(name, e);
    const words = name.split(' ');
    const last = words.at(-1)!.toLowerCase();
    if (e.type === 'organization' && words.length > 1 && (lex.legalForms.has(last) || lex.legalForms.has(last.replace(/\.$/, '')))) add(words.slice(0, -1).join(' ').replace(/,$/, ''), e);
    const acronym = acronyms ? /^\s*\(([\p{Lu}][\p{Lu}&.-]{1,7})\)/u.exec(a.text.slice(e.end, e.end + 12)) : null;
    if (acronym) add(acronym[1]!, e);
  }
  return out;
}

/** An article's forms alone: a form it types two ways is left out. */
function forms(found: ReadonlyMap<string, readonly Pick<Entity, 'type' | 'ref'>[]>): Forms {
  const byForm = new Map([...found].filter(([, es]) => es.length === 1).map(([f, es]) => [f, es[0]!] as const));
  const leads = new Set([...byForm.keys()].map(lead));
  return { get: (f) => byForm.get(f), hasLead: (l) => leads.has(l) };
}

/** The memory's forms and the article's together: the earliest typing holds, and a form typed two ways among them is left out. */
function remembered(found: ReadonlyMap<string, readonly Pick<Entity, 'type' | 'ref'>[]>, memory: NameRegistry): Forms {
  const leads = new Set([...found.keys()].map(lead));
  return {
    get(f) {
      const old = memory.form(f);
      const mine = found.get(f);
      if (old === null) return undefined;
      if (old === undefined) return mine?.length === 1 ? mine[0] : undefined;
      return !mine || mine.every((m) => m.type === old.type) ? old : undefined;
    },
    hasLead: (l) => leads.has(l) || memory.hasLead(l),
  };
}

/**
 * Mentions of a name typed elsewhere (the first of `sources` that knows it), where no rule caught
 * them ("Boeing said" in one place, "Boeing's tanker" in another): one sense per discourse. Only
 * whole capitalised names, not part of a longer one, and not inside an entity already found.
 */
function repeatedNames(a: Article, sources: readonly Forms[], taken: readonly Entity[]): Entity[] {
  const toks = a.layers.tokens ?? [];
  const out: Entity[] = [];
  const found = Coverage.of(a.text.length, taken);
  const cap = (k: number) => k >= 0 && k < toks.length && capitalised(a.text, toks[k]!);
  for (let i = 0; i < toks.length; i++) {
    if (!cap(i) || cap(i - 1)) continue;
    const first = lead(a.text.slice(toks[i]!.start, toks[i]!.end));
    if (!sources.some((s) => s.hasLead(first))) continue;
    for (let j = Math.min(toks.length, i + 6); j > i; j--) {
      if (cap(j)) continue;
      const start = toks[i]!.start;
      const end = toks[j - 1]!.end;
      const form = a.text.slice(start, end).replace(/\s+/g, ' ');
      const hit = sources.map((s) => s.get(form)).find((h) => h !== undefined);
      if (!hit || found.overlaps(start, end) || /\n/.test(a.text.slice(start, end))) continue;
      out.push({ kind: 'entity', start, end, type: hit.type, ref: hit.ref, rule: 'repeated' });
      i = j - 1;
      break;
    }
  }
  return out;
}

/**
 * Surname (lower case) → refs of the article's multi-word person names ending with it (not with an
 * organisation or place word). A word that also opens such a name ("John", "James", "Mark") is a
 * given name: alone, it is anyone's, so it maps to no one ("Mary John" would otherwise take every
 * bare "John" of the article).
 */
function fullNames(a: Article): Map<string, Set<string>> {
  const { full, given } = nameEntries(a);
  const out = new Map([...full].map(([k, v]) => [k, new Set(v)]));
  for (const g of given) out.delete(g);
  return out;
}

function surnameMentions(a: Article, refsOf: (surname: string) => ReadonlySet<string> | undefined): Entity[] {
  const taken = Coverage.of(a.text.length, a.layers.entities ?? []);
  const out: Entity[] = [];
  for (const t of a.layers.tokens ?? []) {
    if (t.pos !== 'PROPN') continue;
    const word = a.text.slice(t.start, t.end);
    const refs = refsOf(word.toLowerCase());
    if (!refs || refs.size !== 1 || word[0] !== word[0]!.toUpperCase()) continue;
    if (taken.overlaps(t.start, t.end)) continue;
    out.push({ kind: 'entity', start: t.start, end: t.end, type: 'person', ref: [...refs][0]!, rule: 'surname' });
  }
  return out;
}

/**
 * The run's entity table: one record per ref, named by the gazetteer's canonical name where the
 * name is known, else by its longest mention; `aliases` are the other surface forms seen.
 */
export function entityTable(articles: readonly Article[]): EntityRecord[] {
  const byRef = new Map<string, { type: Entity['type']; forms: Map<string, number> }>();
  for (const a of articles)
    for (const e of a.layers.entities ?? []) {
      const rec = byRef.get(e.ref) ?? { type: e.type, forms: new Map<string, number>() };
      const form = a.text.slice(e.start, e.end).replace(/\s+/g, ' ');
      rec.forms.set(form, (rec.forms.get(form) ?? 0) + 1);
      byRef.set(e.ref, rec);
    }
  return [...byRef.entries()]
    .map(([ref, { type, forms }]) => {
      const surfaces = [...forms.keys()].sort();
      const known = surfaces.map((s) => lookupName(s)).find((k) => k?.ref === ref);
      const name = known?.name ?? [...surfaces].sort((x, y) => y.length - x.length || x.localeCompare(y))[0]!;
      return { ref, name, type, aliases: surfaces.filter((s) => s !== name) };
    })
    .sort((x, y) => x.ref.localeCompare(y.ref));
}
