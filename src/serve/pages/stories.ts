import type { OutletSummary, StoryFilter, StoryPage } from '../../store/browse.js';
import { html, query, type Html } from '../html.js';
import { count, dateRange, layout } from './layout.js';
import { CLAIM_STATUSES } from '../../model/check.js';

/** The stories list: filters (dates, outlet, text), one page of stories newest first, and paging links. */
export function storiesPage(page: StoryPage, filter: StoryFilter, limit: number, offset: number, outlets: readonly OutletSummary[], totals: { articles: number; stories: number }): string {
  const f = { from: filter.from ?? '', to: filter.to ?? '', outlet: filter.outlet ?? '', q: filter.q ?? '', kind: filter.kind ?? '', verdict: filter.verdict ?? '', sort: filter.sort ?? '' };
  const filtered = Boolean(f.from || f.to || f.outlet || f.q || f.kind || f.verdict);
  const opt = (value: string, label: string, current: string) => html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const form = html`<form class="filters" method="get" action="/">
<label>From <input type="date" name="from" value="${f.from}"></label>
<label>To <input type="date" name="to" value="${f.to}"></label>
<label>Outlet <select name="outlet"><option value="">any outlet</option>${outlets.map((o) => html`<option${o.outlet === f.outlet ? html` selected` : ''} value="${o.outlet}">${o.outlet} (${o.articles})</option>`)}</select></label>
<label>Kind <select name="kind">${opt('', 'any kind', f.kind)}${['news', 'opinion', 'unknown'].map((k) => opt(k, k, f.kind))}</select></label>
<label>With a claim <select name="verdict">${opt('', 'any verdict', f.verdict)}${Object.entries(CLAIM_STATUSES).map(([k, v]) => opt(k, v.label, f.verdict))}</select></label>
<label>Text <input type="search" name="q" value="${f.q}" placeholder="words in the articles"></label>
<label>Order <select name="sort">${opt('', 'newest first', f.sort)}${opt('oldest', 'oldest first', f.sort)}${opt('articles', 'most articles first', f.sort)}</select></label>
<button type="submit">Filter</button>${filtered ? html` <a href="/">clear</a>` : ''}</form>`;
  const max = Math.max(1, ...page.stories.map((s) => s.articleCount));
  const items = page.stories.map(
    (s) => html`<li class="story" data-id="${s.id}"><a class="title" href="/stories/${s.id}">${s.title}</a>
<div class="meta"><span class="when">${dateRange(s.firstPublished, s.lastPublished)}</span> · <span class="count"><meter min="0" max="${max}" value="${s.articleCount}" aria-hidden="true"></meter> ${count(s.articleCount, 'article')}</span> · ${s.outlets.length ? count(s.outlets.length, 'outlet') : 'no outlet named'}</div>
<ul class="chips" aria-label="outlets">${s.outlets.map((o) => html`<li><a href="/outlets/${encodeURIComponent(o)}">${o}</a></li>`)}</ul></li>`,
  );
  const prev = offset > 0 ? html`<a rel="prev" href="/${query({ ...f, limit: limit === 20 ? null : limit, offset: Math.max(0, offset - limit) || null })}">← newer</a>` : '';
  const next = offset + page.stories.length < page.total ? html`<a rel="next" href="/${query({ ...f, limit: limit === 20 ? null : limit, offset: offset + limit })}">older →</a>` : '';
  const body: Html = html`<h1>Stories</h1>
<p class="lede">${count(totals.stories, 'story', 'stories')} from ${count(totals.articles, 'article')} in the store, ${f.sort === 'oldest' ? 'oldest' : f.sort === 'articles' ? 'most articles' : 'newest'} first. Open a story for its brief, the verdict on each claim and who copied whom.${filtered ? html` <strong>${count(page.total, 'story', 'stories')} match.</strong>` : ''}</p>
${form}
${page.stories.length ? html`<ol class="stories" start="${offset + 1}">${items}</ol>` : html`<p class="empty">No story matches.</p>`}
<nav class="pager" aria-label="Pages">${prev}<span>${page.total ? `${offset + 1}–${offset + page.stories.length} of ${page.total}` : ''}</span>${next}</nav>`;
  return layout('Stories', 'stories', body);
}
