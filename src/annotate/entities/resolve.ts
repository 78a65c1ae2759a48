import { Article } from '../../model/article.js';
import type { Entity } from '../../model/layers.js';
import type { EntityRecord } from '../../model/run.js';
import type { CorpusStage } from '../../pipeline/stage.js';
import { Span } from '../../model/span.js';
import { lookupName } from './lookup.js';

const surname = (name: string) => name.split(/\s+/).at(-1)!.toLowerCase();

/**
 * Join short person mentions to full names across the run: "Akar" and "Selcen" take the ref of
 * the one full name ending with that word, first within the same article, then across all
 * articles; an ambiguous surname keeps its own ref. A surname written alone later in an article
 * whose full name it gave ("Fahrettin Altun … Altun said") is also tagged where no rule caught it.
 */
export function resolveEntityRefs(): CorpusStage {
  return Object.freeze({
    name: 'entity-refs',
    needs: ['entities'] as const,
    rewrites: ['entities'] as const,
    run(articles: readonly Article[]): readonly Article[] {
      const runFull = fullNames(articles);
      return articles.map((a) => {
        const own = fullNames([a]);
        const ents = [...(a.layers.entities ?? []), ...surnameMentions(a, runFull)].sort(Span.compare);
        const resolved = ents.map((e) => {
          // A one-word place that is the surname of a person named in the run ("Orsk said") is that person.
          if (e.type === 'place' && e.rule === 'gazetteer' && !/\s/.test(a.text.slice(e.start, e.end))) {
            const refs = runFull.get(a.text.slice(e.start, e.end).toLowerCase());
            if (refs?.size === 1) return { ...e, type: 'person' as const, ref: [...refs][0]!, rule: 'surname' };
            return e;
          }
          if (e.type !== 'person' || e.rule === 'alias' || /\s/.test(a.text.slice(e.start, e.end))) return e;
          const key = surname(a.text.slice(e.start, e.end));
          const refs = own.get(key)?.size ? own.get(key)! : runFull.get(key);
          return refs && refs.size === 1 ? { ...e, ref: [...refs][0]! } : e;
        });
        return Article.withLayer(a, 'entities', resolved);
      });
    },
  });
}

/** Surname (lower case) → refs of multi-word person names ending with it. */
function fullNames(articles: readonly Article[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of articles)
    for (const e of a.layers.entities ?? []) {
      const name = a.text.slice(e.start, e.end);
      if (e.type !== 'person' || !/\s/.test(name)) continue;
      const key = surname(name);
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(e.ref);
    }
  return out;
}

function surnameMentions(a: Article, own: Map<string, Set<string>>): Entity[] {
  const taken = a.layers.entities ?? [];
  const out: Entity[] = [];
  for (const t of a.layers.tokens ?? []) {
    if (t.pos !== 'PROPN') continue;
    const word = a.text.slice(t.start, t.end);
    const refs = own.get(word.toLowerCase());
    if (!refs || refs.size !== 1 || word[0] !== word[0]!.toUpperCase()) continue;
    if (taken.some((e) => e.start < t.end && t.start < e.end)) continue;
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
