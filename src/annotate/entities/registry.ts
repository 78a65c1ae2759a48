import type { Article } from '../../model/article.js';
import type { Entity } from '../../model/layers.js';
import { NAME_MEMORY } from './settings.js';

/** One article's contribution to the memory: its full names by surname, its given names, and its names typed on evidence. */
export interface NameEntries {
  /** Surname (lower case) → refs of the multi-word person names ending with it. */
  readonly full: ReadonlyMap<string, ReadonlySet<string>>;
  /** First words (lower case) of its multi-word person names: anyone's, alone. */
  readonly given: ReadonlySet<string>;
  /** Names typed on evidence → the entities the article typed each as (one per type, in the order found). */
  readonly forms: ReadonlyMap<string, readonly Pick<Entity, 'type' | 'ref'>[]>;
}

/** A form's typed entities among the articles remembered, in the order they came, and how many of them have each type (so that asking costs the same however many articles typed it). */
interface FormEntries {
  readonly list: { readonly seq: number; readonly type: Entity['type']; readonly ref: string }[];
  readonly types: Map<Entity['type'], number>;
}

/** A surname's full names among the articles remembered, in the order they came, and how many of them give each ref. */
interface FullEntries {
  readonly list: { readonly seq: number; readonly ref: string }[];
  readonly refs: Map<string, number>;
}

/**
 * The names of the last `NAME_MEMORY.articles` articles, for resolving a later article's short
 * mentions ("Akar", "Boeing's tanker") against names they gave in full or typed on evidence.
 * Articles go in and out in the order they came (first in, first out), so the memory after any
 * article is a function of the articles before it alone: a store that reads its last articles back
 * (a resumed ingest) holds what one that never stopped holds.
 */
export class NameRegistry {
  private readonly order: { seq: number; entries: NameEntries }[] = [];
  private readonly full = new Map<string, FullEntries>();
  private readonly given = new Map<string, number>();
  private readonly forms = new Map<string, FormEntries>();
  private readonly leads = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly entriesOf: (a: Article) => NameEntries,
    private readonly limit: number = NAME_MEMORY.articles,
  ) {}

  /** Remember an article (resolved); the oldest is forgotten past the limit. */
  add(article: Article): void {
    const seq = ++this.seq;
    const entries = this.entriesOf(article);
    this.order.push({ seq, entries });
    for (const [key, refs] of entries.full) {
      let f = this.full.get(key);
      if (!f) this.full.set(key, (f = { list: [], refs: new Map() }));
      for (const ref of refs) f.list.push({ seq, ref }), count(f.refs, ref, 1);
    }
    for (const g of entries.given) this.given.set(g, (this.given.get(g) ?? 0) + 1);
    for (const [form, es] of entries.forms) {
      let f = this.forms.get(form);
      if (!f) this.forms.set(form, (f = { list: [], types: new Map() }));
      for (const e of es) f.list.push({ seq, type: e.type, ref: e.ref }), count(f.types, e.type, 1);
      const l = lead(form);
      this.leads.set(l, (this.leads.get(l) ?? 0) + 1);
    }
    if (this.order.length > this.limit) this.forget(this.order.shift()!);
  }

  /** Refs of the full person names remembered that end with this surname; none when it is also someone's given name. */
  refsOf(surname: string): ReadonlySet<string> | undefined {
    if (this.given.has(surname)) return undefined;
    const f = this.full.get(surname);
    return f ? new Set(f.refs.keys()) : undefined;
  }

  /** True when a remembered full person name opens with this word (lower case): a given name, anyone's alone. */
  isGiven(word: string): boolean {
    return this.given.has(word);
  }

  /** The entity a remembered form was typed as (the earliest remembered); null when articles typed it two ways; undefined when unknown. */
  form(form: string): Pick<Entity, 'type' | 'ref'> | null | undefined {
    const f = this.forms.get(form);
    if (!f) return undefined;
    const first = f.list[0]!;
    return f.types.size === 1 ? { type: first.type, ref: first.ref } : null;
  }

  /** True when a remembered form begins with these letters. */
  hasLead(first: string): boolean {
    return this.leads.has(first);
  }

  private forget({ seq, entries }: { seq: number; entries: NameEntries }): void {
    for (const key of entries.full.keys()) {
      const f = this.full.get(key)!;
      while (f.list.length && f.list[0]!.seq === seq) count(f.refs, f.list.shift()!.ref, -1);
      if (f.list.length === 0) this.full.delete(key);
    }
    for (const g of entries.given) {
      const n = this.given.get(g)! - 1;
      if (n === 0) this.given.delete(g);
      else this.given.set(g, n);
    }
    for (const form of entries.forms.keys()) {
      const f = this.forms.get(form)!;
      while (f.list.length && f.list[0]!.seq === seq) count(f.types, f.list.shift()!.type, -1);
      if (f.list.length === 0) this.forms.delete(form);
      const l = lead(form);
      const n = this.leads.get(l)! - 1;
      if (n === 0) this.leads.delete(l);
      else this.leads.set(l, n);
    }
  }
}

/** The letters and digits a form or token begins with ("O" of "O'Leary", "U" of "U.S."), however the tokeniser splits the rest. */
export function lead(s: string): string {
  return /^[\p{L}\p{N}]*/u.exec(s)![0];
}

/** Add `by` to a key's count, dropping the key at zero. */
function count<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}
