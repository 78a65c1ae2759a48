import type { Page, StorySort } from './browse.js';

/** A story's keys as the story list filters and orders it (its columns in `stories`). */
export interface StoryKeys {
  readonly id: string;
  readonly first: string | null;
  readonly last: string | null;
  readonly articles: number;
  /** Seq of the last article that joined: unique, so every order is total. */
  readonly updated: number;
}

/** The columns of `stories` a StoryIndex keeps (the same SQL on both engines), and a row of them as StoryKeys. */
export const STORY_KEYS_SQL = 'SELECT id, first_published, last_published, article_count, updated_seq FROM stories';
export const storyKeys = ([id, first, last, articles, updated]: readonly [string, string | null, string | null, number, number]): StoryKeys => ({ id, first, last, articles, updated });

/**
 * Can a StoryIndex answer this story list? Not one filtered by outlet, kind or verdict: those read
 * the articles' rows or the kept checks, which the index does not hold (SQL answers them).
 */
export const indexAnswers = (filter: { readonly outlet?: string | null; readonly kind?: string | null; readonly verdict?: string | null }): boolean => !filter.outlet && !filter.kind && !filter.verdict;

/** The rows of a page's stories (read in any order) in the page's order, each made by `make`. */
export function inPageOrder<R extends { id: string }, T>(ids: readonly string[], rows: readonly R[], make: (row: R) => T): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [make(byId.get(id)!)] : []));
}

/**
 * Which story every stored article belongs to, and each story's place in each order of the story
 * list, kept in memory by a long-lived reader (the web app's search worker) so a story list filtered
 * by full text costs the match itself and not a row read per matching article.
 *
 * Why: on a 100k-article store (bench/api.ts's), a common word matches 40,000 articles; FTS5 lists
 * their rowids in ~2–4 ms, but reading each article's story (a row lookup) and each story's dates
 * (another) took 50–170 ms, so a page of the filtered list cost 18.6 ms on average and 172 ms at the
 * 99th percentile over 300 title words (by hand, /tmp script over the bench's store, 2026-12-01);
 * through findStories with this index the same pages, with the same totals, cost 1.0–1.2 ms on
 * average and 8 ms at the 99th percentile (two runs, the same day). Search engines
 * keep such per-document columns for grouping and sorting for the same reason (Lucene's doc values).
 *
 * Articles are never removed and never change story, and seqs are given in commit order (under the
 * placement lock on PostgreSQL), so the index is brought up to date by reading the articles added
 * since its last seq and the keys of the stories they joined (`update`); nothing else changes a
 * story's keys. Strings are compared by UTF-16 code unit, which orders the stored ISO days as
 * SQLite's BINARY collation and PostgreSQL's `COLLATE "C"` columns do.
 */
export class StoryIndex {
  /** Story number (index into the arrays below) of the article with each seq; -1: none. */
  private storyOf = new Int32Array(1024).fill(-1);
  private readonly numOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly first: (string | null)[] = [];
  private readonly last: (string | null)[] = [];
  private readonly articles: number[] = [];
  private readonly updated: number[] = [];
  /** Per order: the stories in that order, and each story's rank in it; made when first asked after a change. */
  private readonly orders = new Map<StorySort, { order: Int32Array; rank: Int32Array }>();
  /** The generation each story was last counted in (one pass of `find`), to count a story once. */
  private seen = new Uint32Array(0);
  private generation = 0;
  /** The greatest seq the index holds (0: none). */
  at = 0;

  /**
   * Add articles (seq, story id) and the current keys of stories (every story an added article
   * joined must be among `stories` or already known). Read the articles first and the stories
   * after: a story's row is written before its articles, in the same transaction.
   */
  update(added: readonly (readonly [number, string])[], stories: readonly StoryKeys[]): void {
    for (const s of stories) {
      let n = this.numOf.get(s.id);
      if (n === undefined) {
        n = this.ids.length;
        this.numOf.set(s.id, n);
        this.ids.push(s.id);
      }
      this.first[n] = s.first;
      this.last[n] = s.last;
      this.articles[n] = s.articles;
      this.updated[n] = s.updated;
    }
    for (const [seq, storyId] of added) {
      const n = this.numOf.get(storyId);
      if (n === undefined) throw new Error(`story index: article ${seq} joined story ${storyId}, whose keys were not given`);
      if (seq >= this.storyOf.length) {
        const grown = new Int32Array(Math.max(seq + 1, this.storyOf.length * 2)).fill(-1);
        grown.set(this.storyOf);
        this.storyOf = grown;
      }
      this.storyOf[seq] = n;
      if (seq > this.at) this.at = seq;
    }
    if (stories.length) this.orders.clear();
  }

  /** Story ids among `added` (what `update` needs the keys of). */
  static storiesOf(added: readonly (readonly [number, string])[]): string[] {
    return [...new Set(added.map(([, id]) => id))];
  }

  /**
   * The stories with an article among `seqs` (a comma-separated list, as the engines' `group_concat`
   * / `string_agg` give it: one string instead of a row per article), filtered by dates as the story
   * list's SQL filters them, in the order asked: their number and the ids of one page.
   * Seqs the index does not hold yet (added after its last update) are left out. `seqs` null: every
   * story (the list without a text filter).
   */
  find(seqs: string | null, filter: { from?: string | null; to?: string | null; sort?: StorySort | null }, page: Page): { total: number; ids: string[] } {
    const { rank, order } = this.ordered(filter.sort ?? 'newest');
    const from = filter.from || null;
    const to = filter.to ? `${filter.to}~` : null;
    const passes = (n: number) => (from === null || (this.last[n] !== null && this.last[n]! >= from)) && (to === null || (this.first[n] !== null && this.first[n]! <= to));
    const end = (total: number) => (page.limit < 0 ? total : page.offset + page.limit);
    const idsOf = (picked: Int32Array) => Array.from(picked, (r) => this.ids[order[r]!]!);
    if (seqs === null) {
      const passing = from === null && to === null ? order : order.filter(passes);
      return { total: passing.length, ids: Array.from(passing.subarray(page.offset, end(passing.length)), (n) => this.ids[n]!) };
    }
    if (this.seen.length < this.ids.length) this.seen = new Uint32Array(Math.max(this.ids.length, this.seen.length * 2));
    const gen = ++this.generation;
    const ranks: number[] = [];
    let seq = 0;
    let digits = 0;
    // A hand-written scan of the list: no array of strings or numbers per article.
    for (let i = 0; i <= seqs.length; i++) {
      const c = i < seqs.length ? seqs.charCodeAt(i) : 44;
      if (c >= 48 && c <= 57) {
        seq = seq * 10 + (c - 48);
        digits++;
        continue;
      }
      if (digits > 0 && seq < this.storyOf.length) {
        const n = this.storyOf[seq]!;
        if (n >= 0 && this.seen[n] !== gen) {
          this.seen[n] = gen;
          if (passes(n)) ranks.push(rank[n]!);
        }
      }
      seq = 0;
      digits = 0;
    }
    return { total: ranks.length, ids: idsOf(Int32Array.from(ranks).sort().subarray(page.offset, end(ranks.length))) };
  }

  /** Make the order a list asks for by default now (loading), not on the first list. */
  prepare(sort: StorySort = 'newest'): this {
    this.ordered(sort);
    return this;
  }

  private ordered(sort: StorySort): { order: Int32Array; rank: Int32Array } {
    let made = this.orders.get(sort);
    if (!made) {
      const order = Int32Array.from(this.ids.keys()).sort(this.comparator(sort));
      const rank = new Int32Array(order.length);
      order.forEach((n, r) => (rank[n] = r));
      made = { order, rank };
      this.orders.set(sort, made);
    }
    return made;
  }

  /** The story list's orders (browse.ts STORY_SORTS), on the arrays. */
  private comparator(sort: StorySort): (a: number, b: number) => number {
    const { first, last, articles, updated } = this;
    // last_published DESC with undated stories last, as SQLite puts NULLs in a descending order (PostgreSQL: NULLS LAST).
    const lastDesc = (a: number, b: number) => {
      const x = last[a]!;
      const y = last[b]!;
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? 1 : -1;
    };
    switch (sort) {
      case 'newest':
        return (a, b) => lastDesc(a, b) || updated[b]! - updated[a]!;
      case 'oldest':
        return (a, b) => {
          const x = first[a] ?? '~';
          const y = first[b] ?? '~';
          return x === y ? updated[a]! - updated[b]! : x < y ? -1 : 1;
        };
      case 'articles':
        return (a, b) => articles[b]! - articles[a]! || lastDesc(a, b) || updated[b]! - updated[a]!;
    }
  }
}
