import { createHash } from 'node:crypto';
import { byDate, dayOf } from '../src/cluster/index.js';
import { analyzeExtracted } from '../src/app/analyze.js';
import type { Extracted } from '../src/ingest/types.js';
import type { Article } from '../src/model/article.js';

/**
 * A long stream of articles made from the real corpus articles, annotated once (bench/store.ts and
 * bench/api.ts): clone k of an article is dated in the k-th stretch of days and has about one word
 * in twenty replaced by another word of the same length from the corpus, so offsets stay valid and
 * no two clones are the same text.
 */

/** The stream's base: the corpus documents annotated once (no cross-check), what the clones are made of. */
export async function streamBase(docs: readonly Extracted[]): Promise<readonly Article[]> {
  return (await analyzeExtracted(docs, { crossCheck: false })).articles;
}

/** The base corpus is spread over this many days, once per clone, with a gap longer than the story window between clones. */
export const EPOCH_DAYS = 60;
const GAP_DAYS = 8;

/**
 * Which clone of which base article comes when: n entries in publication order. The base corpus
 * is laid out over one EPOCH_DAYS-long epoch (in its own date order; undated articles by id), and
 * clone k lives in epoch k. So the stream has the same density every day (about 30 articles a
 * day, hundreds of stories open at once) and a bigger store is a longer stretch of time, as when
 * a real store grows.
 */
export function streamPlan(base: readonly Article[], n: number): { k: number; j: number; day: number }[] {
  const order = base.map((_, j) => j).sort((x, y) => byDate(base[x]!, base[y]!));
  const rank = new Array<number>(base.length);
  order.forEach((j, r) => (rank[j] = r));
  const start = dayOf('2030-01-01')!;
  const plan: { k: number; j: number; day: number }[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / base.length);
    const j = i % base.length;
    plan.push({ k, j, day: start + k * (EPOCH_DAYS + GAP_DAYS) + Math.floor((rank[j]! * EPOCH_DAYS) / base.length) });
  }
  return plan.sort((x, y) => x.day - y.day || x.k - y.k || x.j - y.j);
}

const VOCAB = new Map<number, string[]>();

export function* clones(base: readonly Article[], plan: readonly { k: number; j: number; day: number }[]): Generator<Article> {
  if (VOCAB.size === 0) {
    const seen = new Set<string>();
    for (const a of base) for (const w of a.text.match(/\p{L}{4,12}/gu) ?? []) seen.add(w.toLowerCase());
    for (const w of [...seen].sort()) {
      const list = VOCAB.get(w.length) ?? [];
      list.push(w);
      VOCAB.set(w.length, list);
    }
  }
  for (const { k, j, day } of plan) yield clone(base[j]!, k, day);
}

function clone(a: Article, k: number, day: number): Article {
  const published = new Date(day * 86_400_000).toISOString().slice(0, 10);
  if (k === 0) return { ...a, meta: { ...a.meta, published } };
  const swap = (s: string) =>
    s.replace(/\p{L}{4,12}/gu, (w, at: number) => {
      const h = hash(`${k}:${at}:${w}`);
      if (h % 20 !== 0) return w;
      const pool = VOCAB.get(w.length)!;
      const x = pool[(h >>> 5) % pool.length]!;
      return w[0] === w[0]!.toUpperCase() ? x[0]!.toUpperCase() + x.slice(1) : x;
    });
  const text = swap(a.text);
  const tokens = (a.layers.tokens ?? []).map((t) => (a.text.slice(t.start, t.end) === text.slice(t.start, t.end) ? t : { ...t, norm: text.slice(t.start, t.end).toLowerCase() }));
  const id = createHash('sha256').update(`${a.id}:${k}`).digest('hex').slice(0, 12);
  return { ...a, id, text, rawText: text, meta: { ...a.meta, published, title: a.meta.title && swap(a.meta.title), url: a.meta.url && `${a.meta.url}#${k}` }, layers: { ...a.layers, tokens } };
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

