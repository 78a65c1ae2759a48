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

/** A form's typed entities among the articles remembered, in the order they came. */
type FormEntries = { readonly seq: number; readonly type: Entity['type']; readonly ref: string }[];

/**
 * The names of the last `NAME_MEMORY.articles` articles, for resolving a later article's short
 * mentions ("Akar", "Boeing's tanker") against names they gave in full or typed on evidence.
 * Articles go in and out in the order they came (first in, first out), so the memory after any
 * article is a function of the articles before it alone: a store that reads its last articles back
 * (a resumed ingest) holds what one that never stopped holds.
 */
export class NameRegistry {
  private readonly order: { seq: number; entries: NameEntries }[] = [];
  private readonly full = new Map<string, { seq: number; ref: string }[]>();
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
    for (const [key, refs] of entries.full) for (const ref of refs) push(this.full, key, { seq, ref });
    for (const g of entries.given) this.given.set(g, (this.given.get(g) ?? 0) + 1);
    for (const [form, es] of entries.forms) {
      for (const e of es) push(this.forms, form, { seq, type: e.type, ref: e.ref });
      const l = lead(form);
      this.leads.set(l, (this.leads.get(l) ?? 0) + 1);
    }
    if (this.order.length > this.limit) this.forget(this.order.shift()!);
  }

  /** Refs of the full person names remembered that end with this surname; none when it is also someone's given name. */
  refsOf(surname: string): ReadonlySet<string> | undefined {
    if (this.given.has(surname)) return undefined;
    const list = this.full.get(surname);
    return list ? new Set(list.map((x) => x.ref)) : undefined;
  }

  /** True when a remembered full person name opens with this word (lower case): a given name, anyone's alone. */
  isGiven(word: string): boolean {
    return this.given.has(word);
  }

  /** The entity a remembered form was typed as (the earliest remembered); null when articles typed it two ways; undefined when unknown. */
  form(form: string): Pick<Entity, 'type' | 'ref'> | null | undefined {
    const list = this.forms.get(form);
    if (!list) return undefined;
    return list.every((x) => x.type === list[0]!.type) ? { type: list[0]!.type, ref: list[0]!.ref } : null;
  }

  /** True when a remembered form begins with these letters. */
  hasLead(first: string): boolean {
    return this.leads.has(first);
  }

  private forget({ seq, entries }: { seq: number; entries: NameEntries }): void {
    for (const key of entries.full.keys()) drop(this.full, key, seq);
    for (const g of entries.given) {
      const n = this.given.get(g)! - 1;
      if (n === 0) this.given.delete(g);
      else this.given.set(g, n);
    }
    for (const form of entries.forms.keys()) {
      drop(this.forms, form, seq);
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

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Forget one article's entries of `key` (the oldest: they sit at the front). */
function drop<T extends { seq: number }>(map: Map<string, T[]>, key: string, seq: number): void {
  const list = map.get(key)!;
  while (list.length && list[0]!.seq === seq) list.shift();
  if (list.length === 0) map.delete(key);
}
