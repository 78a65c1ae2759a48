import type { Article } from '../../model/article.js';
import { highlight, legend } from '../../report/html.js';
import { dateLines, hedgeLines, metaLine, quantityLines, removedSummary, sourceLines } from '../../report/view.js';
import { refName, sourceName } from '../../util/names.js';
import { html, raw, safeHref } from '../html.js';
import { count, layout } from './layout.js';

const LEGEND = raw(legend('<span class="hl">cited passage</span>'));

/**
 * One article: metadata, its annotations listed and highlighted in the cleaned text (hover or focus
 * a span for what it is), the cited passage `hl` marked, and every line removed as junk with why.
 */
export function articlePage(a: Article, storyId: string, hl: { start: number; end: number } | null): string {
  const url = safeHref(a.meta.url);
  const L = a.layers;
  const quotes = (L.quotes ?? []).map((q) => html`<li><strong>${q.speakerName ?? 'unattributed'}</strong>${q.denies ? html` <span class="meta">denies</span>` : q.direct ? '' : html` <span class="meta">(indirect)</span>`}: ${a.text.slice(q.start, q.end)}</li>`);
  const entities = [...new Map((L.entities ?? []).map((e) => [e.ref, e])).values()].map((e) => html`<li><span class="e ${e.type}">${a.text.slice(e.start, e.end)}</span> <span class="meta">${e.type}: ${refName(e.ref)}</span></li>`);
  const rows: [string, string[]][] = [
    ['numbers', quantityLines(a)],
    ['dates', dateLines(a)],
    ['sources credited', sourceLines(a)],
    ['hedges', hedgeLines(a)],
  ];
  const mark = hl && hl.start >= 0 && hl.end <= a.text.length && hl.start < hl.end ? [{ start: hl.start, end: hl.end, cls: 'hl', title: 'cited passage' }] : [];
  const body = html`<p class="crumbs"><a href="/stories/${storyId}">← story</a></p>
<h1>${a.meta.title ?? a.source}</h1>
<p class="lede">${metaLine(a)}${url ? html` · <a href="${url}" rel="noopener noreferrer nofollow" target="_blank">original</a>` : ''} · <a href="/outlets/${encodeURIComponent(sourceName(a))}">outlet page</a> · <a href="/api/articles/${a.id}">JSON</a></p>
${mark.length ? html`<p class="cited" id="hl">Cited passage: <q>${a.text.slice(hl!.start, hl!.end)}</q></p>` : ''}
${LEGEND}
<div class="text" tabindex="0" aria-label="Article text with annotations">${raw(highlight(a, mark))}</div>
<section aria-labelledby="h-ann"><h2 id="h-ann">Annotations</h2>
<dl class="facts">${rows.filter(([, items]) => items.length).map(([label, items]) => html`<dt>${label}</dt><dd>${items.join('; ')}</dd>`)}</dl>
<h3>${count(quotes.length, 'quote')}</h3><ul>${quotes}</ul>
<h3>${count(entities.length, 'entity', 'entities')}</h3><ul class="entities">${entities}</ul></section>
<section aria-labelledby="h-removed"><h2 id="h-removed">Removed as junk</h2>${
    a.removed.length
      ? html`<p class="meta">${count(a.removed.length, 'line')} cut before annotation: ${removedSummary(a)}.</p><ul class="removed">${a.removed.map((r) => html`<li><code>${r.reason.replace(/^clean\//, '')}</code> ${r.text}</li>`)}</ul>`
      : html`<p class="empty">Nothing was removed.</p>`
  }</section>`;
  return layout(a.meta.title ?? a.source, 'stories', body);
}
