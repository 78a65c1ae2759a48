import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';

/**
 * Cosine similarity (TF-IDF over content lemmas and entity refs) above which two articles are
 * linked into one story. 0.15 keeps the five seed reports of one event together while articles
 * on unrelated events share too few weighted terms to pass; the stories issue replaces this.
 */
const LINK_THRESHOLD = 0.15;
const COMMON_FLOOR = 50;
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);

/**
 * A simple story grouping: single-link clustering of articles on TF-IDF cosine over content words
 * and entity refs. Deterministic: stories and their articles are ordered by publication date, then id.
 */
export function groupStories(articles: readonly Article[]): StoryRecord[] {
  const bags = articles.map(termBag);
  const df = new Map<string, number>();
  for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = articles.length;
  const vectors = bags.map((bag) => weigh(bag, df, n));
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Sparse dot products through an inverted index: each article meets only the earlier articles
  // that share a term with it. Terms in more than a tenth of the batch (and at least
  // COMMON_FLOOR articles) carry little weight and would make the index quadratic, so they are
  // left out of the products; the cosine is then a slight underestimate.
  const postings = new Map<string, [number, number][]>();
  const common = Math.max(COMMON_FLOOR, n * 0.1);
  const dot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const touched: number[] = [];
    for (const [term, w] of vectors[i]!) {
      if ((df.get(term) ?? 0) > common) continue;
      const list = postings.get(term) ?? [];
      for (const [j, wj] of list) {
        if (dot[j] === 0) touched.push(j);
        dot[j] = dot[j]! + w * wj;
      }
      list.push([i, w]);
      postings.set(term, list);
    }
    for (const j of touched) {
      if (dot[j]! >= LINK_THRESHOLD) parent[find(j)] = find(i);
      dot[j] = 0;
    }
  }
  const groups = new Map<number, Article[]>();
  articles.forEach((a, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), a]);
  });
  const byDate = (a: Article, b: Article) => (a.meta.published ?? '9999').localeCompare(b.meta.published ?? '9999') || a.id.localeCompare(b.id);
  return [...groups.values()]
    .map((members) => members.sort(byDate))
    .sort((a, b) => byDate(a[0]!, b[0]!))
    .map((members) => {
      const ids = members.map((a) => a.id);
      const id = createHash('sha256').update([...ids].sort().join('\n')).digest('hex').slice(0, 10);
      return { id, title: members[0]!.meta.title ?? '(untitled)', articleIds: ids };
    });
}

function termBag(article: Article): Map<string, number> {
  const bag = new Map<string, number>();
  const add = (t: string) => bag.set(t, (bag.get(t) ?? 0) + 1);
  for (const t of article.layers.tokens ?? []) if (CONTENT_POS.has(t.pos) && t.norm.length > 2) add(t.norm);
  for (const e of article.layers.entities ?? []) add(e.ref);
  return bag;
}

function weigh(bag: Map<string, number>, df: Map<string, number>, n: number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [term, tf] of bag) {
    const w = (1 + Math.log(tf)) * Math.log(1 + n / (df.get(term) ?? 1));
    v.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, w] of v) v.set(term, w / norm);
  return v;
}
