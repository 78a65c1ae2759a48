import { Article } from '../../model/article.js';
import type { Entity } from '../../model/layers.js';
import type { EntityRecord } from '../../model/run.js';
import type { Stage } from '../../pipeline/stage.js';
import { Span } from '../../model/span.js';
import { Coverage } from '../locate.js';
import { capitalised } from './find.js';
import { entityLexicons } from './lexicons.js';
import { lookupName } from './lookup.js';

const surname = (name: string) => name.split(/\s+/).at(-1)!.toLowerCase();

/**
 * Join short person mentions to full names within each article: "Akar" and "Selcen" take the ref
 * of the one full name of the article ending with that word; an ambiguous surname keeps its own
 * ref. A surname written alone later in an article whose full name it gave ("Fahrettin Altun …
 * Altun said") is also tagged where no rule caught it, and a name typed on evidence in one place
 * ("Boeing said") is found again where it stands without it.
 *
 * An article's refs depend on the article alone, never on the others of the run: so the same
 * article gets the same refs in a batch (`analyze`), in any chunk of a streaming store (`ingest`,
 * however a resumed ingest cuts its chunks), and on any worker thread. Across articles, one name
 * is one ref because refs are made from the name (`person:hulusi-akar`), not from the run.
 */
export function resolveEntityRefs(): Stage<'entities'> {
  return Object.freeze({
    name: 'entity-refs',
    needs: ['entities'] as const,
    provides: 'entities',
    run(a: Article): Article {
      const own = fullNames(a);
      const found = [...(a.layers.entities ?? []), ...surnameMentions(a, own)];
      // An acronym holds in its own article only ("UTC" is a company in one, a time zone in another).
      const ents = [...found, ...repeatedNames(a, [namedForms(a)], found)].sort(Span.compare);
      const resolved = ents.map((e) => {
        // A one-word place, or a word alone before "said" taken for an organisation, that is the
        // surname of a person the article names ("Orsk said") is that person.
        if (((e.type === 'place' && e.rule === 'gazetteer') || (e.type === 'organization' && e.rule === 'said-verb')) && !/\s/.test(a.text.slice(e.start, e.end))) {
          const refs = own.get(a.text.slice(e.start, e.end).toLowerCase());
          if (refs?.size === 1) return { ...e, type: 'person' as const, ref: [...refs][0]!, rule: 'surname' };
          return e;
        }
        if (e.type !== 'person' || e.rule === 'alias' || /\s/.test(a.text.slice(e.start, e.end))) return e;
        const refs = own.get(surname(a.text.slice(e.start, e.end)));
        return refs && refs.size === 1 ? { ...e, ref: [...refs][0]! } : e;
      });
      return Article.withLayer(a, 'entities', resolved);
    },
  });
}

/** Rules whose evidence stands only where it was found (a title, a descriptor, a reporting verb…): what they typed, the article may name again without it. */
const EVIDENCE = new Set(['suffix', 'said-verb', 'appositive', 'context', 'title', 'descriptor']);

/** Forms of names typed on evidence, each with its type and ref, and how those forms begin (`lead`: a cheap test before slicing text). */
interface Forms {
  readonly byForm: ReadonlyMap<string, Pick<Entity, 'type' | 'ref'>>;
  readonly firsts: ReadonlySet<string>;
}

/** The letters and digits a form or token begins with ("O" of "O'Leary", "U" of "U.S."), however the tokeniser splits the rest. */
function lead(s: string): string {
  return /^[\p{L}\p{N}]*/u.exec(s)![0];
}

/**
 * Collects forms of names with their entity; a form given two types is left out, and so is a
 * nationality or a word that never makes a name ("American", "Workers").
 */
function formTable(): { add(form: string, e: Entity): void; done(): Forms } {
  const lex = entityLexicons();
  const out = new Map<string, Pick<Entity, 'type' | 'ref'> | null>();
  return {
    add(form, e) {
      if (!/^\p{Lu}[\p{L}\p{N}.&'’ -]*[\p{L}.]$/u.test(form) || lex.demonyms.has(form.toLowerCase()) || lex.stop.has(form.toLowerCase())) return;
      const had = out.get(form);
      if (had === undefined) out.set(form, { type: e.type, ref: e.ref });
      else if (had && had.type !== e.type) out.set(form, null);
    },
    done() {
      const byForm = new Map([...out].filter((x): x is [string, Pick<Entity, 'type' | 'ref'>] => x[1] !== null));
      return { byForm, firsts: new Set([...byForm.keys()].map(lead)) };
    },
  };
}

/**
 * Names the article typed on evidence (an organisation word, a reporting verb, an appositive role),
 * organisations also without their legal form ("Apple Inc." is "Apple" after; the legal forms are
 * marked in org-suffixes.yml), and the acronym given in brackets after a name ("General Motors
 * Corporation (GM)").
 */
function namedForms(a: Article): Forms {
  const legal = entityLexicons().legalForms;
  const table = formTable();
  for (const e of a.layers.entities ?? []) {
    if (!EVIDENCE.has(e.rule ?? '')) continue;
    const name = a.text.slice(e.start, e.end).replace(/\s+/g, ' ');
    table.add(name, e);
    const words = name.split(' ');
    const last = words.at(-1)!.toLowerCase();
    if (e.type === 'organization' && words.length > 1 && (legal.has(last) || legal.has(last.replace(/\.$/, '')))) table.add(words.slice(0, -1).join(' ').replace(/,$/, ''), e);
    const acronym = /^\s*\(([\p{Lu}][\p{Lu}&.-]{1,7})\)/u.exec(a.text.slice(e.end, e.end + 12));
    if (acronym) table.add(acronym[1]!, e);
  }
  return table.done();
}

/**
 * Mentions of a name typed elsewhere in the article (the first of `sources` that knows it), where
 * no rule caught them ("Boeing said" in one place, "Boeing's tanker" in another): one sense per discourse. Only
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
    if (!sources.some((s) => s.firsts.has(first))) continue;
    for (let j = Math.min(toks.length, i + 6); j > i; j--) {
      if (cap(j)) continue;
      const start = toks[i]!.start;
      const end = toks[j - 1]!.end;
      const form = a.text.slice(start, end).replace(/\s+/g, ' ');
      const hit = sources.map((s) => s.byForm.get(form)).find((h) => h !== undefined);
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
  const out = new Map<string, Set<string>>();
  const given = new Set<string>();
  const { suffixes } = entityLexicons();
  for (const e of a.layers.entities ?? []) {
    const name = a.text.slice(e.start, e.end);
    if (e.type !== 'person' || !/\s/.test(name)) continue;
    const key = surname(name);
    // "State House", "Senate Democrats" typed a person by mistake: no surname to spread.
    if (suffixes.has(key)) continue;
    given.add(name.split(/\s+/)[0]!.toLowerCase());
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(e.ref);
  }
  for (const g of given) out.delete(g);
  return out;
}

function surnameMentions(a: Article, own: Map<string, Set<string>>): Entity[] {
  const taken = Coverage.of(a.text.length, a.layers.entities ?? []);
  const out: Entity[] = [];
  for (const t of a.layers.tokens ?? []) {
    if (t.pos !== 'PROPN') continue;
    const word = a.text.slice(t.start, t.end);
    const refs = own.get(word.toLowerCase());
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
