import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { sourceName } from '../util/names.js';
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
}

export function quoteLines(a: Article): QuoteLine[] {
  return (a.layers.quotes ?? []).map((q) => ({ speaker: q.speakerName ?? 'unattributed', text: a.text.slice(q.start, q.end), direct: q.direct }));
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

export function metaLine(a: Article): string {
  const kind = a.classification ? `${a.classification.kind}${a.classification.signals.length ? ` (${a.classification.signals.join(', ')})` : ''}` : 'unknown';
  return [a.meta.outlet ?? 'unknown outlet', a.meta.published ?? 'undated', a.meta.byline ? `by ${a.meta.byline}` : null, kind, printable(a.source)].filter(Boolean).join(' · ');
}

/** One line per reuse pair of a story: who shares text with whom, why, and what the copier changed. */
export interface ReuseView {
  readonly head: string;
  readonly changes: readonly { from: string; to: string }[];
}

export function reuseViews(story: StoryRecord, articles: readonly Article[]): ReuseView[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? `${sourceName(a)}${a.meta.published ? ` (${a.meta.published})` : ''}` : id;
  };
  return (story.reuse ?? []).map((r) => {
    const why = r.relation === 'common-origin' ? `both rewrite ${r.origin.replace(/^\w+:/, '').replace(/-/g, ' ')}` : r.relation === 'copy' ? 'copied' : 'shared text, direction unknown';
    return {
      head: `${name(r.from)} → ${name(r.to)}: ${r.kind}, ${Math.round(r.shareOfTo * 100)}% of the second; ${why}`,
      changes: r.passages.flatMap((p) => p.changes.map((c) => ({ from: c.from, to: c.to }))),
    };
  });
}
