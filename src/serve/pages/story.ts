import type { Article } from '../../model/article.js';
import type { ReuseRecord } from '../../model/run.js';
import { checkView } from '../../report/check-view.js';
import { STATUS_CLASS } from '../../report/html.js';
import { reuseViews } from '../../report/view.js';
import { sourceName } from '../../util/names.js';
import type { CheckedStory } from '../book.js';
import { html, query, type Html } from '../html.js';
import { coverageChart } from './chart.js';
import { count, dateRange, layout } from './layout.js';

const CONTEXT = 70;

/** Link to a place in an article: the article page highlights [start, end). */
export function spanHref(articleId: string, start: number, end: number): string {
  return `/articles/${articleId}${query({ hl: `${start}-${end}` })}#hl`;
}

/**
 * A story at a glance: header and coverage chart, the brief with its citations, the claims ×
 * sources matrix, the copy chain with the changed words, how each outlet named the actors and where
 * it used loaded words, quotes by speaker, the timeline, and the articles.
 */
export function storyPage(s: CheckedStory): string {
  const { meta, story, articles } = s;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const order = story.articleIds;
  const num = new Map(order.map((id, i) => [id, i + 1]));
  const byNumber = (ids: readonly string[]) => [...ids].sort((a, b) => (num.get(a) ?? 0) - (num.get(b) ?? 0));
  // A brief sentence cites every article that carries its claim but spans only the words it quotes: the others link to their own mention of the claim.
  const mentionIn = (spans: readonly { articleId: string; start: number; end: number }[], id: string) =>
    story.check?.claims.find((c) => c.mentions.some((m) => spans.some((sp) => sp.articleId === m.articleId && sp.start === m.start && sp.end === m.end)))?.mentions.find((m) => m.articleId === id);
  const v = story.check ? checkView(story.check, articles, order) : null;
  const cite = (id: string, ref?: { start: number; end: number }) =>
    html`<a class="cite" href="${ref ? spanHref(id, ref.start, ref.end) : `/articles/${id}`}" title="${byId.get(id) ? sourceName(byId.get(id)!) : id}">${num.get(id) ?? '?'}</a>`;

  const parts: Html[] = [];
  parts.push(html`<h1>${story.title}</h1>
<p class="lede">${dateRange(meta.firstPublished, meta.lastPublished)} · ${count(meta.articleCount, 'article')} · ${count(meta.outlets.length, 'outlet')} · <a href="/api/stories/${story.id}">JSON</a></p>`);
  parts.push(coverageChart(articles.map((a) => ({ id: a.id, outlet: sourceName(a), day: a.meta.published, title: a.meta.title ?? a.source }))));

  if (v) {
    parts.push(html`<section id="brief" aria-labelledby="h-brief"><h2 id="h-brief">Brief</h2>${v.brief.map(
      (sec) => html`<h3>${sec.heading === 'Brief' ? 'Summary' : sec.heading}</h3><ul class="brief">${sec.items.map(
        (b) => html`<li>${b.text} <span class="cites">${byNumber(b.articleIds).map((id) => cite(id, b.spans.find((sp) => sp.articleId === id) ?? mentionIn(b.spans, id)))}</span></li>`,
      )}</ul>`,
    )}</section>`);
    const n = v.claimCounts;
    parts.push(html`<section id="claims" aria-labelledby="h-claims"><h2 id="h-claims">Claims × sources</h2>
<p class="meta"><span class="tag ok">${n.corroborated} corroborated</span> <span class="tag one">${n['single-origin']} single-origin</span> <span class="tag bad">${n.contested} contested</span> · rows: claims carried by several articles or in conflict; columns: the articles; ● the article carries the claim.</p>
${
  v.claims.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Claims by source"><table class="matrix"><thead><tr><th scope="col">claim</th><th scope="col">status</th><th scope="col" title="independent origins / articles">origins</th>${order.map(
        (id) => html`<th scope="col" class="src"><a href="/articles/${id}" title="${byId.get(id) ? sourceName(byId.get(id)!) : id}">${num.get(id)}</a><span class="outlet">${byId.get(id) ? sourceName(byId.get(id)!) : ''}</span></th>`,
      )}</tr></thead><tbody>${v.claims.map(
        (c) => html`<tr data-status="${c.status}"><th scope="row" class="claim">${c.text}${c.conflicts.map((k) => html`<details class="conflict"><summary>⚠ ${k.kind}</summary>${k.note}</details>`)}</th><td class="${STATUS_CLASS[c.status]}">${c.status}</td><td>${c.origins} / ${c.articles}</td>${c.cells.map(
          (x, i) => (x ? html`<td class="cell ${STATUS_CLASS[c.status]}" data-article="${order[i]!}"><a href="${spanHref(x.articleId, x.start, x.end)}" aria-label="${c.status} in article ${i + 1}">●</a></td>` : html`<td class="cell" data-article="${order[i]!}"></td>`),
        )}</tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">No claim is carried by more than one article.</p>`
}</section>`);
  }

  parts.push(copyChain(story, articles, num));

  if (v) {
    const outlets = order.map((id) => ({ id, name: byId.get(id) ? sourceName(byId.get(id)!) : id }));
    parts.push(html`<section id="framing" aria-labelledby="h-framing"><h2 id="h-framing">Framing</h2>
<h3>How each outlet names the actors</h3>
${
  v.labels.length
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Actor labels by outlet"><table class="framing"><thead><tr><th scope="col">actor</th>${outlets.map((o) => html`<th scope="col">${num.get(o.id)} ${o.name}</th>`)}</tr></thead><tbody>${v.labels.map((l) => {
        const label = story.check!.labels.find((x) => x.ref === l.ref);
        return html`<tr><th scope="row">${l.actor}</th>${outlets.map((o) => {
          const own = label?.byArticle[o.id] ?? [];
          const quoted = label?.quotedByArticle[o.id] ?? [];
          return html`<td data-article="${o.id}">${own.join(', ')}${quoted.length ? html`${own.length ? html`<br>` : ''}<q class="quoted" title="inside quotations">${quoted.join(', ')}</q>` : ''}</td>`;
        })}</tr>`;
      })}</tbody></table></div>`
    : html`<p class="empty">No actor is named differently.</p>`
}
<h3>Loaded language</h3>
<div class="scroll" tabindex="0" role="region" aria-label="Loaded language by outlet"><table class="loaded"><thead><tr><th scope="col">article</th><th scope="col">kind</th><th scope="col">own voice</th><th scope="col">inside quotes</th><th scope="col">uncredited speculation</th></tr></thead><tbody>${v.loaded.map(
      (l, i) => html`<tr><th scope="row">${i + 1} ${l.outlet}</th><td>${l.kind}</td><td class="${l.own.length ? 'bad' : ''}">${l.own.join(', ')}</td><td>${l.quoted.join(', ')}</td><td>${l.speculation || ''}</td></tr>`,
    )}</tbody></table></div>
<h3>Whom each article quotes</h3><ul class="quoted-sources">${v.quoted.map((q, i) => html`<li><strong>${i + 1} ${q.outlet}</strong>: ${q.sources.length ? q.sources.join('; ') : 'no one'}</li>`)}</ul></section>`);
  }

  parts.push(quotesBySpeaker(articles, s.entities, num));

  if (v && v.timeline.length) {
    parts.push(html`<section id="timeline" aria-labelledby="h-timeline"><h2 id="h-timeline">Timeline</h2><ol class="timeline">${story.check!.timeline.map(
      (t) => html`<li><time datetime="${t.date}">${t.date}</time> ${t.text} <span class="cites">${byNumber(t.articleIds).map((id) => cite(id))}</span></li>`,
    )}</ol></section>`);
  }

  parts.push(html`<section id="articles" aria-labelledby="h-articles"><h2 id="h-articles">Articles</h2><ol class="articles">${order.map((id) => {
    const a = byId.get(id)!;
    return html`<li><a href="/articles/${id}">${a.meta.title ?? a.source}</a> <span class="meta">${sourceName(a)} · ${a.meta.published ?? 'undated'} · ${a.classification?.kind ?? 'unknown'}</span></li>`;
  })}</ol></section>`);
  return layout(story.title, 'stories', html`${parts}`);
}

/** The copy chain: who shares text with whom and, in each passage, the words the copier changed (struck out → inserted). */
function copyChain(story: CheckedStory['story'], articles: readonly Article[], num: ReadonlyMap<string, number>): Html {
  const reuse = story.reuse ?? [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const views = reuseViews(story, articles);
  if (reuse.length === 0) return html`<section id="copies" aria-labelledby="h-copies"><h2 id="h-copies">Copy chain</h2><p class="empty">No two articles share text.</p></section>`;
  return html`<section id="copies" aria-labelledby="h-copies"><h2 id="h-copies">Copy chain</h2><ol class="copies">${reuse.map((r, i) => {
    const to = byId.get(r.to);
    return html`<li class="copy" data-from="${r.from}" data-to="${r.to}"><p><a href="/articles/${r.from}">${num.get(r.from)}</a> → <a href="/articles/${r.to}">${num.get(r.to)}</a> ${views[i]?.head ?? ''}</p>${
      to ? r.passages.map((p) => html`<blockquote class="passage">${passageExcerpt(to.text, p)}</blockquote>`) : ''
    }</li>`;
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
function quotesBySpeaker(articles: readonly Article[], entities: CheckedStory['entities'], num: ReadonlyMap<string, number>): Html {
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
  const outletsOf = (g: { quotes: { a: Article }[] }) => new Set(g.quotes.map((q) => sourceName(q.a))).size;
  const sorted = [...groups.entries()].sort(([ka, a], [kb, b]) => (ka === 'unattributed' ? 1 : 0) - (kb === 'unattributed' ? 1 : 0) || outletsOf(b) - outletsOf(a) || b.quotes.length - a.quotes.length || a.name.localeCompare(b.name));
  return html`<section id="quotes" aria-labelledby="h-quotes"><h2 id="h-quotes">Quotes by speaker</h2>${sorted.map(
    ([, g]) => html`<details class="speaker"${outletsOf(g) > 1 ? html` open` : ''}><summary><strong>${g.name}</strong> · ${count(g.quotes.length, 'quote')} in ${count(outletsOf(g), 'outlet')}</summary><ul>${g.quotes.map(
      (q) => html`<li class="${q.direct ? 'direct' : 'indirect'}"><a class="cite" href="${spanHref(q.a.id, q.start, q.end)}">${num.get(q.a.id) ?? '?'}</a> ${sourceName(q.a)}: ${q.a.text.slice(q.start, q.end)}</li>`,
    )}</ul></details>`,
  )}</section>`;
}
