import type { Article } from '../../model/article.js';
import { CLAIM_STATUSES } from '../../model/check.js';
import type { ReuseRecord } from '../../model/run.js';
import { coverageChart, dependencyGraph, labelGrid, loadedRates, timelineChart, verdictBar } from '../../report/charts.js';
import { checkView, plural, STATUS_ORDER, type CheckView } from '../../report/check-view.js';
import { CSV_TABLES } from '../../report/csv.js';
import { countsLine, shownLine } from '../../report/explain.js';
import { howToRead, statusTag, verdictLegend } from '../../report/html.js';
import { graphData, reuseViews } from '../../report/view.js';
import { articleLabels, fileOrder, sourceName } from '../../util/names.js';
import type { CheckedStory } from '../book.js';
import { html, query, raw, type Html } from '../html.js';
import { count, dateRange, layout } from './layout.js';

const CONTEXT = 70;

/** Link to a place in an article: the article page highlights [start, end). */
export function spanHref(articleId: string, start: number, end: number): string {
  return `/articles/${articleId}${query({ hl: `${start}-${end}` })}#hl`;
}

/** The permalink of a claim's evidence page. */
export function claimHref(storyId: string, claimId: string): string {
  return `/stories/${storyId}/claims/${claimId}`;
}

import { filterClaims, type ClaimFilter } from '../../report/check-view.js';
export { CLAIM_SORTS, filterClaims, type ClaimFilter } from '../../report/check-view.js';

/**
 * A story, story first: header, the storyline it belongs to (`note`), how to read it, the verdict bar, the brief with its citations,
 * the verdicts with their meanings, the conflicts, who copied or credited whom (graph and
 * passages), the claims (filtered and sorted, each linking to its evidence page), the framing
 * (label grid, loaded-word rates, whom each quotes), quotes by speaker, the timeline on a time
 * axis, coverage, and the articles last.
 */
export function storyPage(s: CheckedStory, f: ClaimFilter = {}, note: Html = html``): string {
  const { meta, story, articles } = s;
  const mine = fileOrder(articles.filter((a) => story.articleIds.includes(a.id)));
  const labels = articleLabels(mine);
  const label = (id: string) => labels.get(id) ?? id;
  const byId = new Map(articles.map((a) => [a.id, a]));
  // A brief sentence cites every article that carries its claim but spans only the words it quotes: the others link to their own mention of the claim.
  const mentionIn = (spans: readonly { articleId: string; start: number; end: number }[], id: string) =>
    story.check?.claims.find((c) => c.mentions.some((m) => spans.some((sp) => sp.articleId === m.articleId && sp.start === m.start && sp.end === m.end)))?.mentions.find((m) => m.articleId === id);
  const v = story.check ? checkView(story.check, articles, story.articleIds, { all: f.all }) : null;
  const cite = (id: string, ref?: { start: number; end: number }) =>
    html`<a class="cite" href="${ref ? spanHref(id, ref.start, ref.end) : `/articles/${id}`}" title="${byId.get(id)?.meta.title ?? ''}">${label(id)}</a>`;
  const sources = new Set(mine.map((a) => sourceName(a))).size;

  const parts: Html[] = [];
  parts.push(html`<h1>${story.title}</h1>
<p class="lede">${dateRange(meta.firstPublished, meta.lastPublished)} · ${count(mine.length, 'article')} from ${count(sources, 'source')}${meta.outlets.length < sources ? html` <span class="meta">(${meta.outlets.length ? `${count(meta.outlets.length, 'named outlet')}; the others` : 'no outlet named; they'} are labelled by their site or file name)</span>` : ''} · <a href="/api/stories/${story.id}">JSON</a> · CSV: ${CSV_TABLES.map((t, i) => html`${i ? ', ' : ''}<a href="/stories/${story.id}/${t}.csv" download>${t}</a>`)}</p>`);
  parts.push(note, raw(howToRead()));
  if (v) {
    parts.push(raw(verdictBar(STATUS_ORDER.map((st) => ({ status: st, count: v.claimCounts[st] })), 'verdicts-chart')));
    parts.push(html`<section id="brief" aria-labelledby="h-brief"><h2 id="h-brief">Brief</h2>${v.brief.map(
      (sec) => html`<h3>${sec.heading === 'Brief' ? 'Summary' : sec.heading}</h3><ul class="brief">${sec.items.map(
        (b) => html`<li>${b.text} <span class="cites">${b.articleIds.map((id) => cite(id, b.spans.find((sp) => sp.articleId === id) ?? mentionIn(b.spans, id)))}</span></li>`,
      )}</ul>`,
    )}</section>`);
    parts.push(html`<section id="verdicts" aria-labelledby="h-verdicts"><h2 id="h-verdicts">Verdicts</h2><p class="meta">${countsLine(v.claimCounts)} (of ${plural(v.totalClaims, 'claim')}). What each verdict means:</p>${raw(verdictLegend())}</section>`);
    const conflicts = v.allClaims.flatMap((x) => x.conflicts.filter((k) => x.id < k.claimId || !v.allClaims.some((y) => y.id === k.claimId)).map((k) => ({ x, k })));
    parts.push(html`<section id="conflicts" aria-labelledby="h-conflicts"><h2 id="h-conflicts">Conflicts</h2>${
      conflicts.length
        ? html`<ul class="conflicts">${conflicts.map(({ x, k }) => html`<li><strong>${k.kind}</strong>: ${k.note} <a href="${claimHref(story.id, x.id)}">evidence</a>${v.allClaims.some((y) => y.id === k.claimId) ? html` · <a href="${claimHref(story.id, k.claimId)}">the other side</a>` : ''}</li>`)}</ul>`
        : html`<p class="empty">No report contradicts another.</p>`
    }</section>`);
  }
  parts.push(copyChain(story, articles, labels));
  if (v) parts.push(claimsSection(story.id, v, mine, f));
  if (v) {
    const outlets = v.columns.filter((o) => v.labels.some((l) => l.rows.some((r) => r.outlet === o)));
    parts.push(html`<section id="framing" aria-labelledby="h-framing"><h2 id="h-framing">Framing</h2>
<h3>How each outlet names the actors</h3>
${v.labels.length ? raw(labelGrid(outlets, v.labels.map((l) => ({ actor: l.actor, cells: new Map(l.rows.map((r) => [r.outlet, { own: r.own, quoted: r.quoted }])) })), 'labels-chart')) : html`<p class="empty">No actor is named differently.</p>`}
<h3>Loaded language</h3>
${raw(loadedRates(v.loaded.map((l) => ({ label: l.outlet, count: l.ownCount, words: l.words })), 'rates-chart'))}
<div class="scroll" tabindex="0" role="region" aria-label="Loaded language by outlet"><table class="loaded"><thead><tr><th scope="col">article</th><th scope="col">kind</th><th scope="col">own voice</th><th scope="col">inside quotes</th><th scope="col">uncredited speculation</th></tr></thead><tbody>${v.loaded.map(
      (l) => html`<tr data-article="${l.articleId}"><th scope="row">${l.outlet}</th><td>${l.kind}</td><td class="${l.own.length ? 'bad' : ''}">${l.own.join(', ')}</td><td>${l.quoted.join(', ')}</td><td>${l.speculation || ''}</td></tr>`,
    )}</tbody></table></div>
<h3>Whom each article quotes</h3><ul class="quoted-sources">${v.quoted.map((q) => html`<li><strong>${q.outlet}</strong>: ${q.sources.length ? q.sources.join('; ') : 'no one'}</li>`)}</ul></section>`);
  }
  parts.push(quotesBySpeaker(mine, s.entities, labels));
  if (v && v.timeline.length) {
    parts.push(html`<section id="timeline" aria-labelledby="h-timeline"><h2 id="h-timeline">Timeline</h2>${raw(timelineChart(v.timeline.map((t) => ({ date: t.date, text: t.text, sources: t.outlets })), 'timeline-chart'))}<ol class="timeline">${v.timeline.map(
      (t) => html`<li><time datetime="${t.date}">${t.date}</time> ${t.text} <span class="cites">${t.articleIds.map((id) => cite(id))}</span> <a class="evidence" href="${claimHref(story.id, t.claimId)}">evidence</a></li>`,
    )}</ol></section>`);
  }
  parts.push(html`<section id="coverage" aria-labelledby="h-coverage"><h2 id="h-coverage">Coverage</h2>${raw(coverageChart(mine.map((a) => ({ id: a.id, outlet: label(a.id), day: a.meta.published, title: a.meta.title ?? a.source })), 'coverage-chart', (id) => `/articles/${id}`))}</section>`);
  parts.push(html`<section id="articles" aria-labelledby="h-articles"><h2 id="h-articles">Articles</h2><ol class="articles">${mine.map(
    (a) => html`<li><a href="/articles/${a.id}">${a.meta.title ?? a.source}</a> <span class="meta">${label(a.id)} · ${a.meta.published ?? 'undated'} · ${a.classification?.kind ?? 'unknown'}</span></li>`,
  )}</ol></section>`);
  return layout(story.title, 'stories', html`${parts}`);
}

/** The claims: a filter form (verdict, outlet, kind, dates, order), how many are shown of how many, and one row per claim linking to its evidence. */
function claimsSection(storyId: string, v: CheckView, articles: readonly Article[], f: ClaimFilter): Html {
  const { shown } = filterClaims(v, articles, f);
  const filtering = Boolean(f.verdict || f.outlet || f.kind || f.from || f.to);
  const kinds = [...new Set(articles.map((a) => a.classification?.kind ?? 'unknown'))].sort();
  const keep = { verdict: f.verdict ?? null, outlet: f.outlet ?? null, kind: f.kind ?? null, from: f.from ?? null, to: f.to ?? null, sort: f.sort ?? null };
  const allHref = `/stories/${storyId}${query({ ...keep, claims: 'all' })}#claims`;
  const status = filtering
    ? html`${count(shown.length, 'claim')} of ${v.totalClaims} match. <a href="/stories/${storyId}#claims">Clear the filter</a>`
    : f.all
      ? html`All ${count(v.totalClaims, 'claim')} shown. <a href="/stories/${storyId}${query({ sort: f.sort ?? null })}#claims">Show only those carried by several articles or in conflict</a>`
      : shown.length < v.totalClaims
        ? html`${shownLine(shown.length, v.totalClaims, 'the link beside shows them')} <a class="show-all" href="${allHref}">Show all ${v.totalClaims} claims</a>`
        : html`${shownLine(shown.length, v.totalClaims, '')}`;
  const opt = (value: string, labelText: string, current: string | null | undefined) => html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${labelText}</option>`;
  const form = html`<form class="filters" method="get" action="/stories/${storyId}#claims" aria-label="Filter the claims">
<label>Verdict <select name="verdict">${opt('', 'any verdict', f.verdict)}${STATUS_ORDER.map((st) => opt(st, `${CLAIM_STATUSES[st].label} (${v.claimCounts[st]})`, f.verdict))}</select></label>
<label>Outlet <select name="outlet">${opt('', 'any outlet', f.outlet)}${v.columns.map((o) => opt(o, o, f.outlet))}</select></label>
<label>Kind <select name="kind">${opt('', 'any kind', f.kind)}${kinds.map((k) => opt(k, k, f.kind))}</select></label>
<label>About from <input type="date" name="from" value="${f.from ?? ''}"></label><label>to <input type="date" name="to" value="${f.to ?? ''}"></label>
<label>Order <select name="sort">${opt('', 'most independent origins', f.sort)}${opt('articles', 'most articles', f.sort)}${opt('date', 'by the day it is about', f.sort)}${opt('verdict', 'by verdict', f.sort)}</select></label>
${f.all ? html`<input type="hidden" name="claims" value="all">` : ''}<button type="submit">Filter</button></form>`;
  return html`<section id="claims" aria-labelledby="h-claims"><h2 id="h-claims">Claims</h2>
<p class="meta claims-count">${status}</p>
${form}
${
  shown.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Claims"><table class="claims"><thead><tr><th scope="col">verdict</th><th scope="col">claim</th><th scope="col" title="independent origins / articles">origins / articles</th><th scope="col">carried by</th></tr></thead><tbody>${shown.map(
        (c) => html`<tr data-status="${c.status}" data-claim="${c.id}"><td>${raw(statusTag(c.status))}</td><th scope="row" class="claim"><a href="${claimHref(storyId, c.id)}">${c.text}</a>${c.why ? html`<small class="why">${c.why}</small>` : ''}${c.conflicts.map((k) => html`<details class="conflict"><summary>⚠ ${k.kind}</summary>${k.note}</details>`)}</th><td data-label="origins / articles">${c.origins} / ${c.articles}</td><td class="carried">${[...new Set(c.mentions.map((m) => m.articleId))].map((id) => {
          const ms = c.mentions.filter((m) => m.articleId === id);
          return html`<a class="cite" data-article="${id}" href="${spanHref(id, ms[0]!.start, ms[0]!.end)}">${ms[0]!.label}${ms.length > 1 ? ` ×${ms.length}` : ''}</a>`;
        })}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">No claim matches.</p>`
}</section>`;
}

/** Who copied or credited whom: the graph, then each pair with the words the copier changed (struck out → inserted). */
function copyChain(story: CheckedStory['story'], articles: readonly Article[], labels: ReadonlyMap<string, string>): Html {
  const reuse = story.reuse ?? [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const views = reuseViews(story, articles, labels);
  const g = graphData(story, articles, labels);
  const graph = raw(dependencyGraph(g.nodes, g.edges, 'graph-chart', (id) => `/articles/${id}`));
  if (reuse.length === 0) return html`<section id="copies" aria-labelledby="h-copies"><h2 id="h-copies">Who copied or credited whom</h2>${graph}<p class="empty">No two articles share text.</p></section>`;
  return html`<section id="copies" aria-labelledby="h-copies"><h2 id="h-copies">Who copied or credited whom</h2>${graph}<ol class="copies">${reuse.map((r, i) => {
    const to = byId.get(r.to);
    return html`<li class="copy" data-from="${r.from}" data-to="${r.to}"><p>${views[i]?.head ?? ''}</p>${to ? r.passages.map((p) => html`<blockquote class="passage">${passageExcerpt(to.text, p)}</blockquote>`) : ''}</li>`;
  })}</ol></section>`;
}

/** The copied passage as the copier wrote it, around each change: <del>original</del><ins>changed</ins>; unchanged stretches cut to some context. */
export function passageExcerpt(text: string, p: ReuseRecord['passages'][number]): Html {
  const changes = [...p.changes].sort((a, b) => a.toStart - b.toStart);
  if (changes.length === 0) {
    const body = text.slice(p.toStart, p.toEnd);
    return html`${body.length > 2 * CONTEXT * 2 ? `${body.slice(0, 2 * CONTEXT * 2)}…` : body} <span class="meta">(copied unchanged)</span>`;
  }
  const out: Html[] = [];
  let pos = p.toStart;
  for (const c of changes) {
    const gap = text.slice(pos, c.toStart);
    out.push(html`${pos === p.toStart ? (gap.length > CONTEXT ? `…${gap.slice(-CONTEXT)}` : gap) : gap.length > 2 * CONTEXT ? `${gap.slice(0, CONTEXT)} … ${gap.slice(-CONTEXT)}` : gap}`);
    if (c.from) out.push(html`<del>${c.from}</del>`);
    if (c.toEnd > c.toStart) out.push(html`<ins>${text.slice(c.toStart, c.toEnd)}</ins>`);
    pos = Math.max(pos, c.toEnd);
  }
  const tail = text.slice(pos, p.toEnd);
  out.push(html`${tail.length > CONTEXT ? `${tail.slice(0, CONTEXT)}…` : tail}`);
  return html`${out}`;
}

/** Every quotation in the story, grouped by who is quoted (most outlets first). */
function quotesBySpeaker(articles: readonly Article[], entities: CheckedStory['entities'], labels: ReadonlyMap<string, string>): Html {
  const names = new Map(entities.map((e) => [e.ref, e.name]));
  const groups = new Map<string, { name: string; quotes: { a: Article; start: number; end: number; direct: boolean }[] }>();
  for (const a of articles) {
    for (const q of a.layers.quotes ?? []) {
      const key = q.speakerRef ?? (q.speakerName ? `name:${q.speakerName.toLowerCase()}` : 'unattributed');
      const name = (q.speakerRef && names.get(q.speakerRef)) || q.speakerName || 'Unattributed';
      const g = groups.get(key) ?? { name, quotes: [] };
      g.quotes.push({ a, start: q.start, end: q.end, direct: q.direct });
      groups.set(key, g);
    }
  }
  if (groups.size === 0) return html`<section id="quotes" aria-labelledby="h-quotes"><h2 id="h-quotes">Quotes by speaker</h2><p class="empty">No quotations.</p></section>`;
  const outletsOf = (g: { quotes: { a: Article }[] }) => new Set(g.quotes.map((q) => q.a.meta.outlet ?? labels.get(q.a.id))).size;
  const articlesOf = (g: { quotes: { a: Article }[] }) => new Set(g.quotes.map((q) => q.a.id)).size;
  const sorted = [...groups.entries()].sort(([ka, a], [kb, b]) => (ka === 'unattributed' ? 1 : 0) - (kb === 'unattributed' ? 1 : 0) || outletsOf(b) - outletsOf(a) || b.quotes.length - a.quotes.length || a.name.localeCompare(b.name));
  return html`<section id="quotes" aria-labelledby="h-quotes"><h2 id="h-quotes">Quotes by speaker</h2>${sorted.map(
    ([, g]) => html`<details class="speaker"${outletsOf(g) > 1 ? html` open` : ''}><summary><strong>${g.name}</strong> · ${count(g.quotes.length, 'quote')} in ${count(articlesOf(g), 'article')} from ${count(outletsOf(g), 'source')}</summary><ul>${g.quotes.map(
      (q) => html`<li class="${q.direct ? 'direct' : 'indirect'}"><a class="cite" href="${spanHref(q.a.id, q.start, q.end)}">${labels.get(q.a.id) ?? sourceName(q.a)}</a> ${q.a.text.slice(q.start, q.end)}</li>`,
    )}</ul></details>`,
  )}</section>`;
}
