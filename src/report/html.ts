import type { Article } from '../model/article.js';
import type { RunResult } from '../model/run.js';
import { checkView, type CheckView } from './check-view.js';
import { reuseViews, articleHeading, dateLines, hedgeLines, metaLine, quantityLines, removedSummary, sourceLines } from './view.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape untrusted text for HTML element content and quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESC[ch]!);
}

export interface Mark {
  readonly start: number;
  readonly end: number;
  readonly cls: string;
  readonly title: string;
}

function marks(a: Article): Mark[] {
  const L = a.layers;
  return [
    ...(L.quotes ?? []).map((q) => ({ start: q.start, end: q.end, cls: q.direct ? 'q' : 'qi', title: `quote: ${q.speakerName ?? 'unattributed'}` })),
    ...(L.entities ?? []).map((e) => ({ start: e.start, end: e.end, cls: `e ${e.type}`, title: `${e.type}: ${e.ref}` })),
    ...(L.quantities ?? []).map((q) => ({ start: q.start, end: q.end, cls: 'n', title: `quantity: ${q.value}${q.unit ? ` ${q.unit}` : ''}${q.approximate ? ' (approximate)' : ''}` })),
    ...(L.dates ?? []).map((d) => ({ start: d.start, end: d.end, cls: 'd', title: `date: ${d.value}${d.mod ? ` ${d.mod}` : ''}` })),
    ...(L.citedSources ?? []).map((c) => ({ start: c.start, end: c.end, cls: 's', title: `cited source: ${c.name} (${c.sourceKind})` })),
    ...(L.hedges ?? []).map((h) => ({ start: h.start, end: h.end, cls: 'h', title: 'hedge' })),
  ];
}

/**
 * The cleaned text with every annotation highlighted. Spans may nest or overlap, so the text is cut
 * at every span boundary and each piece is wrapped in the classes of the spans that cover it; every
 * piece of article text goes through `esc`.
 */
export function highlight(a: Article, extra: readonly Mark[] = []): string {
  const ms = [...marks(a), ...extra];
  const cuts = new Set<number>([0, a.text.length]);
  for (const m of ms) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const piece = esc(a.text.slice(s, e));
    const covering = ms.filter((m) => m.start <= s && e <= m.end);
    if (covering.length === 0) html += piece;
    else html += `<span class="${esc(covering.map((m) => m.cls).join(' '))}" title="${esc(covering.map((m) => m.title).join(' | '))}">${piece}</span>`;
  }
  return html;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#222;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-top:1px solid #ccc;padding-top:1rem}
.meta{color:#555;font-size:.9rem}.text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:1rem}
.q{background:#fff3c4}.qi{background:#f4f0e0}.e{border-bottom:2px solid #7aa7d8}.e.person{border-color:#d87a7a}
.e.group{border-color:#9b59b6}.e.place{border-color:#27ae60}.n{background:#d9f2e6}.d{background:#dbe8fb}.s{outline:1px dashed #999}
.h{text-decoration:underline wavy #c0392b}.legend span{margin-right:.8rem;padding:0 .3rem}dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem 1rem}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}dt{color:#555}dd{margin:0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
.ok{background:#d9f2e6}.one{background:#fff3c4}.bad{background:#fbdada}h3{font-size:1.05rem;margin-top:1.2rem}.matrix td:nth-child(n+4){text-align:center}`;

/** CSS class of each claim status (the report and the web app share the colours). */
export const STATUS_CLASS = { corroborated: 'ok', 'single-origin': 'one', reported: 'one', contested: 'bad', changed: 'bad' } as const;

/** The key to the highlight colours of `highlight`, with extra entries (`<span class="x">…</span>`) after ours. */
export function legend(extra = ''): string {
  return `<p class="legend"><span class="q">quote</span><span class="qi">indirect quote</span><span class="e person">person</span><span class="e organization">organization</span><span class="e group">group</span><span class="e place">place</span><span class="n">number</span><span class="d">date</span><span class="s">cited source</span><span class="h">hedge</span>${extra}</p>`;
}

/** A story's cross-check as HTML: brief, claims × sources matrix, labels, loaded words, quoted sources, timeline. */
function checkHtml(v: CheckView): string {
  const p: string[] = [];
  for (const s of v.brief) {
    p.push(`<h3>${esc(s.heading)}</h3><ul>`);
    for (const b of s.items) p.push(`<li>${esc(b.text)} <span class="meta">[${esc(b.cites)}]</span></li>`);
    p.push(`</ul>`);
  }
  const n = v.claimCounts;
  p.push(`<h3>Claims</h3><p class="meta">${n.corroborated} corroborated · ${n['single-origin']} single-origin · ${n.contested} contested</p>`);
  if (v.claims.length) {
    p.push(`<table class="matrix"><tr><th>status</th><th>origins / articles</th><th>claim</th>${v.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`);
    for (const c of v.claims)
      p.push(`<tr><td class="${STATUS_CLASS[c.status]}">${esc(c.status)}</td><td>${c.origins} / ${c.articles}</td><td>${esc(c.text)}${c.conflicts.map((k) => `<br><small>⚠ ${esc(k)}</small>`).join('')}</td>${c.cells.map((x) => `<td class="${x ? STATUS_CLASS[c.status] : ''}">${x ? '●' : ''}</td>`).join('')}</tr>`);
    p.push(`</table>`);
  }
  if (v.labels.length) {
    p.push(`<h3>Labels</h3><table><tr><th>actor</th><th>outlet</th><th>own voice</th><th>in quotes</th></tr>`);
    for (const l of v.labels) for (const r of l.rows) p.push(`<tr><td>${esc(l.actor)}</td><td>${esc(r.outlet)}</td><td>${esc(r.own.join(', '))}</td><td>${esc(r.quoted.join(', '))}</td></tr>`);
    p.push(`</table>`);
  }
  p.push(`<h3>Loaded language and sources</h3><table><tr><th>outlet</th><th>kind</th><th>loaded (own voice)</th><th>loaded (in quotes)</th><th>speculative sentences</th><th>quoted</th></tr>`);
  v.loaded.forEach((l, i) => p.push(`<tr><td>${esc(l.outlet)}</td><td>${esc(l.kind)}</td><td class="bad">${esc(l.own.join(', '))}</td><td>${esc(l.quoted.join(', '))}</td><td>${l.speculation}</td><td>${esc(v.quoted[i]?.sources.join('; ') ?? '')}</td></tr>`));
  p.push(`</table>`);
  if (v.timeline.length) {
    p.push(`<h3>Timeline</h3><table><tr><th>date</th><th>event</th><th>sources</th></tr>`);
    for (const t of v.timeline) p.push(`<tr><td>${esc(t.date)}</td><td>${esc(t.text)}</td><td>${esc(t.outlets)}</td></tr>`);
    p.push(`</table>`);
  }
  return p.join('\n');
}

/**
 * One self-contained HTML page: no scripts, no external assets, a Content-Security-Policy that
 * forbids both, and all article text escaped.
 */
export function renderHtml(run: RunResult): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>triangulate report</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>triangulate report</h1><p class="meta">${run.articles.length} articles · ${run.stories.length} stories · ${run.errors.length} errors</p>`);
  parts.push(legend());
  for (const a of run.articles) {
    parts.push(`<section id="a-${esc(a.id)}"><h2>${esc(articleHeading(a))}</h2><p class="meta">${esc(metaLine(a))}</p><dl>`);
    const rows: [string, string[]][] = [
      ['removed', a.removed.length ? [removedSummary(a)] : []],
      ['numbers', quantityLines(a)],
      ['dates', dateLines(a)],
      ['sources', sourceLines(a)],
      ['hedges', hedgeLines(a)],
    ];
    for (const [label, items] of rows) if (items.length) parts.push(`<dt>${label}</dt><dd>${esc(items.join('; '))}</dd>`);
    parts.push(`</dl><div class="text">${highlight(a)}</div>`);
    if (a.removed.length) {
      parts.push(`<details><summary>${a.removed.length} removed lines</summary><ul>`);
      for (const r of a.removed) parts.push(`<li><code>${esc(r.reason)}</code> ${esc(r.text)}</li>`);
      parts.push(`</ul></details>`);
    }
    parts.push(`</section>`);
  }
  if (run.entities.length) {
    parts.push(`<h2>Entities</h2><table><tr><th>name</th><th>type</th><th>ref</th><th>also written</th></tr>`);
    for (const e of run.entities) parts.push(`<tr><td>${esc(e.name)}</td><td>${esc(e.type)}</td><td><code>${esc(e.ref)}</code></td><td>${esc(e.aliases.join(', '))}</td></tr>`);
    parts.push(`</table>`);
  }
  if (run.stories.length) {
    parts.push(`<h2>Stories</h2><ul>`);
    for (const s of run.stories) {
      parts.push(`<li>${esc(s.title)} (${s.articleIds.map((id) => `<a href="#a-${esc(id)}">${esc(id)}</a>`).join(', ')})`);
      const views = reuseViews(s, run.articles);
      if (views.length) {
        parts.push(`<ul class="reuse">`);
        for (const r of views) parts.push(`<li>${esc(r.head)}${r.changes.length ? `<br>${r.changes.map((c) => `${c.from ? `<del>${esc(c.from)}</del>` : ''}${c.to ? `<ins>${esc(c.to)}</ins>` : ''}`).join(' · ')}` : ''}</li>`);
        parts.push(`</ul>`);
      }
      if (s.check) parts.push(checkHtml(checkView(s.check, run.articles, s.articleIds)));
      parts.push(`</li>`);
    }
    parts.push(`</ul>`);
  }
  if (run.errors.length) {
    parts.push(`<h2>Errors</h2><ul>`);
    for (const e of run.errors) parts.push(`<li><code>${esc(e.input)}</code>: ${esc(e.reason)}</li>`);
    parts.push(`</ul>`);
  }
  parts.push(`</body></html>\n`);
  return parts.join('\n');
}
