import type { Article } from '../model/article.js';
import type { RunResult } from '../model/run.js';
import { CLAIM_STATUSES } from '../model/check.js';
import type { StoryRecord } from '../model/run.js';
import { articleLabels, fileOrder, refName } from '../util/names.js';
import { CHART_CSS, coverageChart, dependencyGraph, labelGrid, loadedRates, timelineChart, verdictBar } from './charts.js';
import { checkView, plural, STATUS_ORDER, type CheckView, type ClaimFilter } from './check-view.js';
import { countsLine, HOW_TO_READ, shownLine, statusLegend } from './explain.js';
import { acrossViews, eventPoints, storylineViews, type StorylineView } from './storyline-view.js';
import { reuseViews, articleHeading, dateLines, graphData, hedgeLines, metaLine, quantityLines, removedSummary, sourceLines } from './view.js';

import { esc } from './escape.js';

export { esc };

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
    ...(L.entities ?? []).map((e) => ({ start: e.start, end: e.end, cls: `e ${e.type}`, title: `${e.type}: ${refName(e.ref)}` })),
    ...(L.quantities ?? []).map((q) => ({ start: q.start, end: q.end, cls: 'n', title: `quantity: ${q.value}${q.unit ? ` ${q.unit}` : ''}${q.approximate ? ' (approximate)' : ''}` })),
    ...(L.dates ?? []).map((d) => ({ start: d.start, end: d.end, cls: 'd', title: `date: ${d.value}${d.mod ? ` ${d.mod}` : ''}` })),
    ...(L.citedSources ?? []).map((c) => ({ start: c.start, end: c.end, cls: 's', title: `cited source: ${c.name} (${c.sourceKind})` })),
    ...(L.hedges ?? []).map((h) => ({ start: h.start, end: h.end, cls: 'h', title: 'hedge' })),
    ...(L.paragraphs ?? []).filter((p) => p.heading).map((p) => ({ start: p.start, end: p.end, cls: 'sub', title: 'subhead: a heading, not a sentence' })),
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

const STYLE = `.why{display:block;color:#555;font-size:.85em}body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:auto;padding:1rem;color:#222;background:#fff}*{box-sizing:border-box}
h1{font-size:1.5rem}h2{font-size:1.3rem;margin-top:2.5rem;border-top:2px solid #ccc;padding-top:1rem}h3{font-size:1.05rem;margin-top:1.4rem}
.meta{color:#555;font-size:.9rem}.text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:1rem;overflow-wrap:anywhere}
.q{background:#fff3c4}.qi{background:#f4f0e0}.e{border-bottom:2px solid #7aa7d8}.e.person{border-color:#d87a7a}
.e.group{border-color:#9b59b6}.e.place{border-color:#27ae60}.n{background:#d9f2e6}.d{background:#dbe8fb}.s{outline:1px dashed #999}
.h{text-decoration:underline wavy #c0392b}.sub{font-weight:700}.legend span{margin-right:.8rem;padding:0 .3rem;display:inline-block}dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem 1rem}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}dt{color:#555}dd{margin:0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
.ok{background:#d9f2e6}.one{background:#fff3c4}.rep{background:#e6e9ef}.bad{background:#fbdada}.chg{background:#efe0f7}.tag{padding:0 .35rem;border-radius:4px;white-space:nowrap}
.howto{background:#f6f7fb;border-left:4px solid #1f5fbf;padding:.6rem 1rem}.howto p{margin:.3rem 0}.verdicts dt{font-weight:600;color:#222}
.claims td:first-child{white-space:nowrap}p,li,dd,h1,h2,h3{overflow-wrap:anywhere}@media (max-width:600px){dl{grid-template-columns:1fr}body{padding:.6rem}}${CHART_CSS}`;

/** CSS class of each claim status (the report and the web app share the colours). */
export const STATUS_CLASS = { corroborated: 'ok', 'single-origin': 'one', reported: 'rep', contested: 'bad', changed: 'chg' } as const;

/** The key to the highlight colours of `highlight`, with extra entries (`<span class="x">…</span>`) after ours. */
export function legend(extra = ''): string {
  return `<p class="legend"><span class="q">quote</span><span class="qi">indirect quote</span><span class="e person">person</span><span class="e organization">organization</span><span class="e group">group</span><span class="e place">place</span><span class="n">number</span><span class="d">date</span><span class="s">cited source</span><span class="h">hedge</span><span class="sub">subhead</span>${extra}</p>`;
}

/** A verdict as a coloured tag whose tooltip is its one-line meaning. */
export function statusTag(status: keyof typeof STATUS_CLASS, count?: number): string {
  return `<span class="tag ${STATUS_CLASS[status]}" title="${esc(CLAIM_STATUSES[status].means)}">${count === undefined ? '' : `${count} `}${esc(CLAIM_STATUSES[status].label)}</span>`;
}

/** The verdicts with their meanings, as a definition list (all five, or those with claims when counts are given). */
export function verdictLegend(counts?: Readonly<Record<string, number>>): string {
  const rows = statusLegend().filter((s) => !counts || counts[s.status]);
  return `<dl class="verdicts">${rows.map((s) => `<dt>${statusTag(s.status, counts?.[s.status])}</dt><dd>${esc(s.means)}</dd>`).join('')}</dl>`;
}

/** "How to read this", as the top of every report and page that shows a story. */
export function howToRead(): string {
  return `<section class="howto" aria-label="How to read this"><strong>How to read this.</strong>${HOW_TO_READ.map((p) => `<p>${esc(p)}</p>`).join('')}</section>`;
}

/** A story's claims, framing and timeline as HTML (after its brief, verdicts, conflicts and copy chain). */
function checkHtml(v: CheckView, id: string): string {
  const p: string[] = [];
  p.push(`<h3>Claims</h3><p class="meta">${esc(shownLine(v.claims.length, v.totalClaims, 'run with --all to list every claim', v.filter))}</p>`);
  if (v.claims.length) {
    // Pivoted: one row per claim naming the articles that carry it, so the table keeps its width whatever the number of articles.
    p.push(`<div class="scroll" tabindex="0" role="region" aria-label="Claims"><table class="claims"><tr><th>verdict</th><th>origins / articles</th><th>claim</th><th>carried by</th></tr>`);
    for (const c of v.claims) p.push(`<tr><td>${statusTag(c.status)}</td><td>${c.origins} / ${c.articles}</td><td>${esc(c.text)}${c.why ? `<br><small class="why">${esc(c.why)}</small>` : ''}${c.conflicts.map((k) => `<br><small>⚠ ${esc(k.line)}</small>`).join('')}</td><td>${esc(c.outlets)}</td></tr>`);
    p.push(`</table></div>`);
  }
  if (v.labels.length) {
    p.push(`<h3>How each outlet names the actors</h3>`);
    p.push(labelGrid(v.columns.filter((o) => v.labels.some((l) => l.rows.some((r) => r.outlet === o))), v.labels.map((l) => ({ actor: l.actor, cells: new Map(l.rows.map((r) => [r.outlet, { own: r.own, quoted: r.quoted }])) })), `labels-${id}`));
  }
  p.push(`<h3>Loaded language</h3>`, loadedRates(v.loaded.map((l) => ({ label: l.outlet, count: l.ownCount, words: l.words })), `rates-${id}`));
  p.push(`<div class="scroll" tabindex="0" role="region" aria-label="Loaded words and quoted sources"><table><tr><th>outlet</th><th>kind</th><th>loaded (own voice)</th><th>loaded (in quotes)</th><th>speculative sentences</th><th>quoted</th></tr>`);
  v.loaded.forEach((l, i) => p.push(`<tr><td>${esc(l.outlet)}</td><td>${esc(l.kind)}</td><td class="${l.own.length ? 'bad' : ''}">${esc(l.own.join(', '))}</td><td>${esc(l.quoted.join(', '))}</td><td>${l.speculation}</td><td>${esc(v.quoted[i]?.sources.join('; ') ?? '')}</td></tr>`));
  p.push(`</table></div>`);
  if (v.timeline.length) {
    p.push(`<h3>Timeline</h3>`, timelineChart(v.timeline.map((t) => ({ date: t.date, text: t.text, sources: t.outlets })), `timeline-${id}`));
    p.push(`<ol class="timeline">${v.timeline.map((t) => `<li><time datetime="${esc(t.date)}">${esc(t.date)}</time> ${esc(t.text)} <span class="meta">[${esc(t.outlets)}]</span></li>`).join('')}</ol>`);
  }
  return p.join('\n');
}

function storyHtml(s: StoryRecord, articles: readonly Article[], labels: ReadonlyMap<string, string>, all: boolean, filter?: ClaimFilter): string {
  const p: string[] = [];
  const mine = fileOrder(articles.filter((a) => s.articleIds.includes(a.id)));
  const v = s.check ? checkView(s.check, articles, s.articleIds, { all, filter }) : null;
  p.push(`<section class="story" id="s-${esc(s.id)}"><h2>${esc(s.title)}</h2><p class="meta">${plural(mine.length, 'article')}: ${mine.map((a) => `<a href="#a-${esc(a.id)}">${esc(labels.get(a.id) ?? a.source)}</a>`).join(', ')} · story ${esc(s.id)}</p>`);
  if (v) {
    p.push(verdictBar(STATUS_ORDER.map((st) => ({ status: st, count: v.claimCounts[st] })), `verdicts-${s.id}`));
    for (const sec of v.brief) {
      p.push(`<h3>${esc(sec.heading)}</h3><ul>`);
      for (const b of sec.items) p.push(`<li>${esc(b.text)} <span class="meta">[${b.articleIds.map((id) => `<a href="#a-${esc(id)}">${esc(labels.get(id) ?? id)}</a>`).join(', ')}]</span></li>`);
      p.push(`</ul>`);
    }
    p.push(`<h3>Verdicts</h3><p class="meta">${esc(countsLine(v.claimCounts))} (of ${plural(v.totalClaims, 'claim')})</p>${verdictLegend(v.claimCounts)}`);
    const conflicts = v.allClaims.flatMap((x) => x.conflicts.filter((k) => x.id < k.claimId || !v.allClaims.some((y) => y.id === k.claimId)));
    if (conflicts.length) p.push(`<h3>Conflicts</h3><ul>${conflicts.map((k) => `<li><strong>${esc(k.kind)}</strong>: ${esc(k.note)}</li>`).join('')}</ul>`);
  }
  const views = reuseViews(s, articles, labels);
  p.push(`<h3>Copy chain and credits</h3>`);
  const g = graphData(s, articles, labels);
  p.push(dependencyGraph(g.nodes, g.edges, `graph-${s.id}`, (id) => `#a-${id}`));
  if (views.length) {
    p.push(`<ul class="reuse">`);
    for (const r of views) p.push(`<li>${esc(r.head)}${r.changes.length ? `<br>${r.changes.map((c) => `${c.from ? `<del>${esc(c.from)}</del>` : ''}${c.to ? `<ins>${esc(c.to)}</ins>` : ''}`).join(' · ')}` : ''}</li>`);
    p.push(`</ul>`);
  } else p.push(`<p class="meta">No two articles share text.</p>`);
  if (v) p.push(checkHtml(v, s.id));
  p.push(`<h3>Coverage</h3>`, coverageChart(mine.map((a) => ({ id: a.id, outlet: labels.get(a.id) ?? a.source, day: a.meta.published, title: a.meta.title ?? a.source })), `coverage-${s.id}`, (id) => `#a-${id}`));
  p.push(`</section>`);
  return p.join('\n');
}

/** A storyline: its events on a time axis and as a list (each with its days and outlets), then what changed between them. `href` links an event's story. */
export function storylineHtml(v: StorylineView, href: (storyId: string) => string): string {
  const p: string[] = [`<section class="storyline" id="l-${esc(v.id)}"><h3>${esc(v.title)}</h3><p class="meta">${esc(v.days)} · ${plural(v.events.length, 'story', 'stories')} · storyline ${esc(v.id)}</p>`];
  p.push(timelineChart(eventPoints(v), `events-${v.id}`));
  p.push(`<ol class="events">${v.events.map((e) => `<li><span class="meta">${esc(e.days)}</span> <a href="${esc(href(e.id))}">${esc(e.title)}</a> <span class="meta">[${esc(e.outlets.join(', '))}; ${plural(e.articles, 'article')}]</span></li>`).join('')}</ol>`);
  if (v.changes.length) p.push(`<h4>What changed between them</h4><ul>${v.changes.map((c) => `<li><strong>${esc(c.kind)}</strong>: ${esc(c.line)}</li>`).join('')}</ul>`);
  else if (v.checked) p.push(`<p class="meta">No statement of one of its stories is overtaken or denied in another.</p>`);
  if (v.checked) p.push(`<p class="meta">${esc(v.checked)}</p>`);
  p.push(`</section>`);
  return p.join('\n');
}

/**
 * One self-contained HTML page, story first: how to read it and the verdicts' meanings, each
 * story (brief, verdict bar, conflicts, copy graph, claims, framing charts, timeline), then each
 * article with its annotations highlighted. No scripts, no external assets, a
 * Content-Security-Policy that forbids both, and all article text escaped; the charts are inline SVG.
 */
export function renderHtml(run: RunResult, options: { all?: boolean; filter?: ClaimFilter } = {}): string {
  const parts: string[] = [];
  const labels = articleLabels(run.articles);
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>triangulate report</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>triangulate report</h1><p class="meta">${plural(run.articles.length, 'article')} · ${plural(run.stories.length, 'story', 'stories')}${run.storylines ? ` in ${plural(run.storylines.length, 'storyline')}` : ''} · ${plural(run.errors.length, 'input')} not read</p>`);
  parts.push(howToRead(), `<h3>Verdicts</h3>`, verdictLegend(), `<p class="meta">Highlights in the article texts:</p>`, legend());
  const views = storylineViews(run, labels);
  if (views.length) parts.push(`<h2>Storylines</h2><p class="meta">${plural(views.length, 'storyline')} of two or more stories that continue one another.</p>`);
  for (const v of views) parts.push(storylineHtml(v, (id) => `#s-${id}`));
  for (const s of run.stories) {
    parts.push(storyHtml(s, run.articles, labels, Boolean(options.all), options.filter));
    const across = acrossViews(s, run.reuseAcross ?? [], run.stories, run.articles, labels);
    if (across.length) parts.push(`<h3>Copies across stories</h3><ul class="reuse">${across.map((r) => `<li>${esc(r.head)} (the other is in <a href="#s-${esc(r.otherStory)}">${esc(r.otherTitle)}</a>)</li>`).join('')}</ul>`);
  }
  if (run.articles.length) parts.push(`<h2>Articles</h2>`);
  for (const a of fileOrder(run.articles)) {
    parts.push(`<section id="a-${esc(a.id)}"><h3>${esc(labels.get(a.id) ?? a.source)}: ${esc(articleHeading(a))}</h3><p class="meta">${esc(metaLine(a))}</p><dl>`);
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
      parts.push(`<details><summary>${plural(a.removed.length, 'removed line')}</summary><ul>`);
      for (const r of a.removed) parts.push(`<li><code>${esc(r.reason)}</code> ${esc(r.text)}</li>`);
      parts.push(`</ul></details>`);
    }
    parts.push(`</section>`);
  }
  if (run.entities.length) {
    parts.push(`<h2>Entities</h2><div class="scroll" tabindex="0" role="region" aria-label="Entities"><table><tr><th>name</th><th>type</th><th>also written</th></tr>`);
    for (const e of run.entities) parts.push(`<tr><td>${esc(e.name)}</td><td>${esc(e.type)}</td><td>${esc(e.aliases.join(', '))}</td></tr>`);
    parts.push(`</table></div>`);
  }
  if (run.errors.length) {
    parts.push(`<h2>Errors</h2><ul>`);
    for (const e of run.errors) parts.push(`<li><code>${esc(e.input)}</code>: ${esc(e.reason)}</li>`);
    parts.push(`</ul>`);
  }
  parts.push(`</body></html>\n`);
  return parts.join('\n');
}
