import type { CheckedStoryline } from '../../app/storylines.js';
import { coverageChart, timelineChart } from '../../report/charts.js';
import { plural } from '../../report/check-view.js';
import { acrossViews, eventPoints, storylineView } from '../../report/storyline-view.js';
import type { StorylineSummary } from '../../store/storylines.js';
import { articleLabels, sourceName } from '../../util/names.js';
import { html, query, raw, type Html } from '../html.js';
import { count, dateRange, layout } from './layout.js';

/** The storylines list: those of two or more events (or all), newest first, with paging. */
export function storylinesPage(page: { total: number; storylines: readonly StorylineSummary[] }, limit: number, offset: number, all: boolean): string {
  const items = page.storylines.map(
    (l) => html`<li class="story"><a class="title" href="/storylines/${l.id}">${l.title}</a>
<div class="meta"><span class="when">${dateRange(l.firstPublished, l.lastPublished)}</span> · ${count(l.eventCount, 'story', 'stories')} · ${count(l.articleCount, 'article')}</div></li>`,
  );
  const q = (o: number) => query({ all: all ? 1 : null, limit: limit === 20 ? null : limit, offset: o || null });
  const prev = offset > 0 ? html`<a rel="prev" href="/storylines${q(Math.max(0, offset - limit))}">← newer</a>` : '';
  const next = offset + page.storylines.length < page.total ? html`<a rel="next" href="/storylines${q(offset + limit)}">older →</a>` : '';
  const body: Html = html`<h1>Storylines</h1>
<p class="lede">A story is what happened within a few days; a storyline links the stories that continue one another over weeks or months — the attack, the arrests, the trial. ${
    all ? html`Every storyline, a story alone included (<a href="/storylines">only those of several stories</a>).` : html`Storylines of two or more stories (<a href="/storylines?all=1">every storyline</a>).`
  }</p>
${page.storylines.length ? html`<ol class="stories" start="${offset + 1}">${items}</ol>` : html`<p class="empty">No storyline links two stories yet.</p>`}
<nav class="pager" aria-label="Pages">${prev}<span>${page.total ? `${offset + 1}–${offset + page.storylines.length} of ${page.total}` : ''}</span>${next}</nav>`;
  return layout('Storylines', 'storylines', body);
}

/**
 * One storyline: its stories on a time axis and as a list (each with its days, its outlets and a
 * link to its page), what changed between them (a plan settled otherwise, a statement denied in a
 * later story, both sides with their dates), who covered it when, and the copies across its stories.
 */
export function storylinePage(s: CheckedStoryline): string {
  const labels = articleLabels(s.articles);
  const v = storylineView(s.storyline, s.events, s.articles, labels);
  const events = html`<ol class="events">${v.events.map(
    (e) => html`<li><span class="meta">${e.days}</span> <a href="/stories/${e.id}">${e.title}</a> <span class="meta">· ${count(e.articles, 'article')}</span>
<ul class="chips" aria-label="outlets">${e.outlets.map((o) => html`<li>${o}</li>`)}</ul></li>`,
  )}</ol>`;
  const changes = v.changes.length
    ? html`<ul class="changes">${v.changes.map(
        (c) => html`<li><strong>${c.kind === 'change' ? 'changed' : 'denied'}</strong>: <time>${c.earlier.date ?? 'undated'}</time> (${c.earlier.event}) “${c.earlier.text}” <span class="meta">[${c.earlier.outlets}]</span> — ${c.kind === 'change' ? 'then' : 'against'} <time>${c.later.date ?? 'undated'}</time> (${c.later.event}) “${c.later.text}” <span class="meta">[${c.later.outlets}]</span></li>`,
      )}</ul>`
    : html`<p class="empty">No statement of one of its stories is overtaken or denied in another${s.events.length < 2 ? ' (it has one story)' : ''}.</p>`;
  // Each pair once: under the story of the article that carries the shared text.
  const across = s.events.flatMap((e) => acrossViews(e, s.reuseAcross, s.events, s.articles, labels).filter((r) => e.articleIds.includes(r.to)));
  const coverage = raw(coverageChart(s.articles.map((a) => ({ id: a.id, outlet: labels.get(a.id) ?? sourceName(a), day: a.meta.published, title: a.meta.title ?? a.source })), `coverage-${s.storyline.id}`, (id) => `/articles/${id}`));
  const body: Html = html`<p class="crumbs"><a href="/storylines">Storylines</a></p>
<h1>${s.storyline.title}</h1>
<p class="lede">${v.days} · ${count(s.summary.eventCount, 'story', 'stories')} · ${count(s.summary.articleCount, 'article')} · storyline ${s.storyline.id}${s.eventsLeftOut ? ` · the first ${s.events.length} stories shown` : ''}</p>
<section aria-labelledby="h-events"><h2 id="h-events">Its stories on a time axis</h2>${raw(timelineChart(eventPoints(v), `events-${s.storyline.id}`))}${events}</section>
<section aria-labelledby="h-changes"><h2 id="h-changes">What changed between them</h2>${changes}${v.checked ? html`<p class="meta">${v.checked}</p>` : ''}</section>
<section aria-labelledby="h-coverage"><h2 id="h-coverage">Who covered it when</h2>${coverage}</section>
${across.length ? html`<section aria-labelledby="h-across"><h2 id="h-across">Copies across its stories</h2><ul class="reuse">${across.map((r) => html`<li>${r.head}</li>`)}</ul></section>` : ''}`;
  return layout(s.storyline.title, 'storylines', body);
}

/** "2 stories in storyline …" for a story page: its storyline, linked. */
export function storylineNote(line: StorylineSummary | null): Html {
  if (!line || line.eventCount < 2) return html``;
  return html`<p class="meta storyline-note">Part of a storyline of ${plural(line.eventCount, 'story', 'stories')}, ${dateRange(line.firstPublished, line.lastPublished)}: <a href="/storylines/${line.id}">${line.title}</a></p>`;
}
