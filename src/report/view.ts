import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { articleLabels, fileOrder, refName, sourceName, urlHost } from '../util/names.js';
import type { GraphEdge, GraphNode } from './charts.js';
import { printable } from '../util/printable.js';

/** Shared views of an article for the human-readable reports. */
export function removedSummary(a: Article): string {
  const counts = new Map<string, number>();
  for (const r of a.removed) {
    const reason = r.reason.replace(/^clean\//, '');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts.entries()].map(([reason, n]) => (n > 1 ? `${reason} ×${n}` : reason)).join(', ');
}

export function clip(s: string, max: number): string {
  // Control characters never reach the terminal, whatever an article holds.
  const one = s.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, Math.max(1, max - 1)).trimEnd() + '…';
}

export interface QuoteLine {
  readonly speaker: string;
  readonly text: string;
  readonly direct: boolean;
  /** The speaker denies what the quote says: shown as denied, never as the claim. */
  readonly denies?: boolean;
}

export function quoteLines(a: Article): QuoteLine[] {
  return (a.layers.quotes ?? []).map((q) => ({ speaker: q.speakerName ?? 'unattributed', text: a.text.slice(q.start, q.end), direct: q.direct, denies: q.denies === true }));
}

export function quantityLines(a: Article): string[] {
  return (a.layers.quantities ?? []).filter((q) => q.counted || q.unit).map((q) => `${a.text.slice(q.start, q.end)}${q.approximate ? ' (≈)' : ''}`);
}

export function dateLines(a: Article): string[] {
  return (a.layers.dates ?? []).map((d) => `${a.text.slice(d.start, d.end)} → ${d.value}${d.mod ? ` ${d.mod}` : ''}`);
}

export function sourceLines(a: Article): string[] {
  const seen = new Map<string, string>();
  for (const c of a.layers.citedSources ?? []) if (!seen.has(c.ref)) seen.set(c.ref, `${c.name} (${c.sourceKind})`);
  return [...seen.values()];
}

export function hedgeLines(a: Article): string[] {
  return [...new Set((a.layers.hedges ?? []).map((h) => a.text.slice(h.start, h.end).toLowerCase()))];
}

export function articleHeading(a: Article): string {
  return a.meta.title ?? printable(a.source);
}

/** Where the article's name comes from, when it is not a named outlet: "aa.com.tr (from its URL)", "file 000 (no outlet named: from its file name)". */
export function outletNote(a: Pick<Article, 'meta' | 'source'>): string {
  if (a.meta.outlet) return a.meta.outlet;
  return urlHost(a.meta.url) ? `${sourceName(a)} (from its URL)` : `${sourceName(a)} (no outlet named: from its file name)`;
}

export function metaLine(a: Article): string {
  const kind = a.classification ? `${a.classification.kind}${a.classification.signals.length ? ` (${a.classification.signals.join(', ')})` : ''}` : 'unknown';
  return [outletNote(a), a.meta.published ?? 'undated', a.meta.byline ? `by ${a.meta.byline}` : null, kind, printable(a.source)].filter(Boolean).join(' · ');
}

/** One line per reuse pair of a story: who shares text with whom, why, and what the copier changed. */
export interface ReuseView {
  readonly from: string;
  readonly to: string;
  readonly head: string;
  readonly changes: readonly { from: string; to: string }[];
}

export function reuseViews(story: StoryRecord, articles: readonly Article[], labels: ReadonlyMap<string, string> = articleLabels(articles.filter((a) => story.articleIds.includes(a.id)))): ReuseView[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? `${labels.get(id) ?? sourceName(a)}${a.meta.published ? ` (${a.meta.published})` : ''}` : id;
  };
  return (story.reuse ?? []).map((r) => {
    const why = r.relation === 'common-origin' ? `both rewrite ${refName(r.origin)}` : r.relation === 'copy' ? 'copied' : 'shared text, direction unknown';
    return {
      from: r.from,
      to: r.to,
      head: `${name(r.from)} → ${name(r.to)}: ${r.kind}, ${Math.round(r.shareOfTo * 100)}% of the second; ${why}`,
      changes: r.passages.flatMap((p) => p.changes.map((c) => ({ from: c.from, to: c.to }))),
    };
  });
}

/**
 * The source-dependency graph of a story: its articles, the outlets and agencies they credit, and
 * who copied or credited whom (for `dependencyGraph`).
 */
export function graphData(story: StoryRecord, articles: readonly Article[], labels: ReadonlyMap<string, string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const mine = fileOrder(articles.filter((a) => story.articleIds.includes(a.id)));
  const nodes: GraphNode[] = mine.map((a) => ({ id: a.id, label: labels.get(a.id) ?? sourceName(a), day: a.meta.published }));
  const edges: GraphEdge[] = [];
  const upstream = new Map<string, string>();
  for (const r of story.reuse ?? []) {
    if (r.relation === 'common-origin') {
      const key = `src:${r.origin}`;
      upstream.set(key, refName(r.origin));
      for (const to of [r.from, r.to]) if (!edges.some((e) => e.from === key && e.to === to)) edges.push({ from: key, to, kind: 'common-origin' });
    } else edges.push({ from: r.from, to: r.to, kind: r.relation, share: r.shareOfTo });
  }
  const ownOutlets = new Set(mine.map((a) => a.meta.outlet).filter(Boolean));
  for (const a of mine) {
    const credited = new Map<string, string>();
    for (const c of a.layers.citedSources ?? []) if ((c.sourceKind === 'outlet' || c.sourceKind === 'agency') && !ownOutlets.has(c.name) && c.name !== a.meta.outlet) credited.set(c.ref, c.name);
    for (const [ref, name] of credited) {
      const key = `src:${ref}`;
      if (!upstream.has(key)) upstream.set(key, name);
      if (!edges.some((e) => e.from === key && e.to === a.id)) edges.push({ from: key, to: a.id, kind: 'credit' });
    }
  }
  return { nodes: [...[...upstream].map(([id, label]) => ({ id, label, day: null, upstream: true })), ...nodes], edges };
}
