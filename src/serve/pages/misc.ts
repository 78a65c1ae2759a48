import type { OutletSummary } from '../../store/browse.js';
import { feedState, type FeedRecord } from '../../store/feeds.js';
import type { SearchHit } from '../../store/store.js';
import { html, query, raw, safeHref, type Html } from '../html.js';
import { loadedRates } from '../../report/charts.js';
import type { OutletProfile } from '../outlets.js';
import { count, dateRange, layout } from './layout.js';
import { humanTime } from '../../util/time.js';
import { fileLabel } from '../../util/names.js';

/** Every outlet in the store. */
export function outletsPage(outlets: readonly OutletSummary[]): string {
  const body = html`<h1>Outlets</h1><p class="lede">${count(outlets.length, 'outlet')} in the store, most articles first.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Outlets"><table class="outlets"><thead><tr><th scope="col">outlet</th><th scope="col">articles</th><th scope="col">stories</th><th scope="col">opinion</th><th scope="col">dates</th></tr></thead><tbody>${outlets.map(
    (o) => html`<tr><th scope="row"><a href="/outlets/${encodeURIComponent(o.outlet)}">${o.outlet}</a></th><td>${o.articles}</td><td>${o.stories}</td><td>${o.opinion}</td><td>${dateRange(o.firstPublished, o.lastPublished)}</td></tr>`,
  )}</tbody></table></div>`;
  return layout('Outlets', 'outlets', body);
}

const pairs = (xs: readonly [string, number][]) => xs.map(([w, n]) => `${w}${n > 1 ? ` ×${n}` : ''}`).join(', ');

/** One outlet: how it labels actors and how often it uses loaded language, across its recent stories. */
export function outletPage(p: OutletProfile): string {
  const l = p.loaded;
  const body = html`<h1>${p.outlet}</h1>
<p class="lede">${count(p.articles, 'article')} in ${count(p.stories, 'story', 'stories')} · ${p.opinion} opinion · ${dateRange(p.firstPublished, p.lastPublished)} · <a href="/${query({ outlet: p.outlet })}">its stories</a> · <a href="/api/outlets/${encodeURIComponent(p.outlet)}">JSON</a></p>
<p class="meta">Figures below: its ${count(p.storiesExamined, 'most recent story', 'most recent stories')}, each cross-checked with the other outlets that covered it.</p>
<section aria-labelledby="h-loaded"><h2 id="h-loaded">Loaded language</h2>
<p><strong class="figure">${l.perThousand}</strong> loaded words per 1,000 words in its own voice (${l.ownVoice} in ${l.words.toLocaleString('en')} words)${l.othersPerThousand === null ? '' : html`; the other outlets in the same stories: <strong class="figure">${l.othersPerThousand}</strong>`}. ${l.quoted} more inside quotations (the speakers' words).</p>
${l.othersPerThousand === null ? '' : raw(loadedRates([{ label: p.outlet, count: l.ownVoice, words: l.words }, { label: 'the other outlets', count: l.othersOwnVoice, words: l.othersWords }], 'outlet-rates'))}
${l.top.length ? html`<p>Most used: ${pairs(l.top)}</p>` : ''}</section>
<section aria-labelledby="h-labels"><h2 id="h-labels">How it names the actors</h2>${
    p.labels.length
      ? html`<div class="scroll" tabindex="0" role="region" aria-label="Labels by actor"><table><thead><tr><th scope="col">actor</th><th scope="col">own voice</th><th scope="col">inside quotes</th></tr></thead><tbody>${p.labels.map(
          (x) => html`<tr><th scope="row">${x.actor}</th><td>${pairs(x.own)}</td><td>${pairs(x.quoted)}</td></tr>`,
        )}</tbody></table></div>`
      : html`<p class="empty">No labelled actor in these stories.</p>`
  }</section>
<section aria-labelledby="h-roles"><h2 id="h-roles">Whom it quotes</h2>${p.quotedRoles.length ? html`<p>${pairs(p.quotedRoles)}</p>` : html`<p class="empty">No quoted speaker.</p>`}</section>
<section aria-labelledby="h-recent"><h2 id="h-recent">Recent stories</h2><ul>${p.recent.map((s) => html`<li><a href="/stories/${s.id}">${s.title}</a> <span class="meta">${s.lastPublished ?? 'undated'} · ${count(s.articles, 'article')}</span></li>`)}</ul></section>`;
  return layout(p.outlet, 'outlets', body);
}

/** Full-text search results with the matching words marked. */
export function searchPage(q: string, hits: readonly { hit: SearchHit; text: string; highlights: readonly [number, number][] }[], offset: number, limit: number, hasMore: boolean): string {
  const snippet = (text: string, hs: readonly [number, number][]): Html => {
    const out: Html[] = [];
    let pos = 0;
    for (const [s, e] of hs) {
      out.push(html`${text.slice(pos, s)}<mark>${text.slice(s, e)}</mark>`);
      pos = e;
    }
    out.push(html`${text.slice(pos)}`);
    return html`${out}`;
  };
  const body = html`<h1>Search</h1>
<form class="filters" role="search" method="get" action="/search"><label>Words <input type="search" name="q" value="${q}" autofocus></label><button type="submit">Search</button></form>
<p class="meta">Stemmed full text over titles and texts; "a phrase", OR, NOT and prefix* work.</p>
${q ? (hits.length ? html`<ol class="hits" start="${offset + 1}">${hits.map(({ hit: h, text, highlights }) => html`<li><a class="title" href="/articles/${h.articleId}">${h.title ?? h.source}</a> <span class="meta">${h.outlet ?? fileLabel(h.source, h.title)} · ${h.published ?? 'undated'} · <a href="/stories/${h.storyId}">story</a></span><p class="snippet">${snippet(text, highlights)}</p></li>`)}</ol>` : html`<p class="empty">No article matches.</p>`) : ''}
<nav class="pager" aria-label="Pages">${offset > 0 ? html`<a rel="prev" href="/search${query({ q, offset: Math.max(0, offset - limit) || null })}">← previous</a>` : ''}${hasMore ? html`<a rel="next" href="/search${query({ q, offset: offset + limit })}">next →</a>` : ''}</nav>`;
  return layout(q ? `Search: ${q}` : 'Search', 'search', body, q);
}

/** Watched feeds and their health. */
export function feedsPage(feeds: readonly FeedRecord[], watching: boolean): string {
  const state = (f: FeedRecord) => ({ failing: html`<span class="tag bad">failing ×${f.failures}</span>`, ok: html`<span class="tag ok">ok</span>`, new: html`<span class="tag one">not polled yet</span>` })[feedState(f)];
  const body = html`<h1>Feeds</h1>
<p class="lede">${count(feeds.length, 'feed')} watched. ${watching ? 'This server polls them (serve --watch).' : html`Nobody polls them from this server; run <code>triangulate watch</code> or <code>triangulate serve --watch FEED</code>.`}</p>
${
  feeds.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Feed health"><table class="feeds"><thead><tr><th scope="col">feed</th><th scope="col">health</th><th scope="col">last success</th><th scope="col">last error</th><th scope="col">items seen</th><th scope="col">articles added</th><th scope="col">next poll</th></tr></thead><tbody>${feeds.map((f) => {
        const href = safeHref(f.url);
        return html`<tr><th scope="row">${f.title ? html`${f.title}<br>` : ''}${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${f.url}</a>` : f.url}</th><td data-label="health">${state(f)}</td><td data-label="last success">${f.lastSuccess ? html`<time datetime="${f.lastSuccess}">${humanTime(f.lastSuccess)}</time>` : '—'}</td><td data-label="last error">${f.lastError ? html`${f.lastError}<br><small>${humanTime(f.lastErrorAt)}</small>` : '—'}</td><td data-label="items seen">${f.itemsSeen}</td><td data-label="articles added">${f.articlesAdded}</td><td data-label="next poll">${f.nextPoll ? html`<time datetime="${f.nextPoll}">${humanTime(f.nextPoll)}</time>` : 'now'}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p class="empty">No feed is watched yet.</p>`
}`;
  return layout('Feeds', 'feeds', body);
}
