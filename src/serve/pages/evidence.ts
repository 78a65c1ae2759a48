import type { Article } from '../../model/article.js';
import { CLAIM_STATUSES } from '../../model/check.js';
import { checkView, originGroups, plural, type ClaimView } from '../../report/check-view.js';
import { statusTag } from '../../report/html.js';
import { articleLabels, fileOrder } from '../../util/names.js';
import type { CheckedStory } from '../book.js';
import { html, raw, type Html } from '../html.js';
import { layout } from './layout.js';
import { claimHref, spanHref } from './story.js';

// Context shown around a mention, each side, when its paragraph is long.
const CONTEXT = 320;

/** The mention in its paragraph (cut to some context each side), the mention itself marked. */
export function inContext(a: Pick<Article, 'text' | 'layers'>, start: number, end: number): Html {
  const p = (a.layers.paragraphs ?? []).find((x) => x.start <= start && end <= x.end) ?? { start: Math.max(0, start - CONTEXT), end: Math.min(a.text.length, end + CONTEXT) };
  const from = Math.max(p.start, start - CONTEXT);
  const to = Math.min(p.end, end + CONTEXT);
  return html`${from > p.start ? '…' : ''}${a.text.slice(from, start)}<mark>${a.text.slice(start, end)}</mark>${a.text.slice(end, to)}${to < p.end ? '…' : ''}`;
}

/** The claim of a story with this id, as the views show it, or null. */
export function findClaim(s: CheckedStory, claimId: string): ClaimView | null {
  if (!s.story.check) return null;
  return checkView(s.story.check, s.articles, s.story.articleIds, { all: true }).allClaims.find((c) => c.id === claimId) ?? null;
}

/**
 * One claim's evidence, at a permalink (/stories/:story/claims/:claim): its verdict and what the
 * verdict means, why its articles count as the independent origins they do, every mention in its
 * context (linking to the passage in the article), and the conflicts with the other side's page.
 */
export function evidencePage(s: CheckedStory, c: ClaimView): string {
  const mine = fileOrder(s.articles.filter((a) => s.story.articleIds.includes(a.id)));
  const labels = articleLabels(mine);
  const label = (id: string) => labels.get(id) ?? id;
  const byId = new Map(s.articles.map((a) => [a.id, a]));
  const groups = originGroups({ mentions: c.mentions, origins: c.originList }, s.articles, s.story.reuse ?? [], label);
  const all = s.story.check ? checkView(s.story.check, s.articles, s.story.articleIds, { all: true }).allClaims : [];
  const href = claimHref(s.story.id, c.id);
  const body = html`<p class="crumbs"><a href="/stories/${s.story.id}#claims">← ${s.story.title}</a></p>
<h1 class="claim-text">${c.text}</h1>
<p class="lede">${raw(statusTag(c.status))} ${CLAIM_STATUSES[c.status].means}</p>${c.why ? html`<p class="why">Why: ${c.why}</p>` : ''}
<p class="meta">${plural(c.origins, 'independent origin')} · ${plural(c.articles, 'article')}${c.date ? ` · about ${c.date}` : ''} · permalink: <a class="permalink" href="${href}">${href}</a></p>
<section id="origins" aria-labelledby="h-origins"><h2 id="h-origins">Why ${plural(c.origins, 'independent origin')}</h2>
<p class="meta">Articles that copy one another, credit one outlet or agency, or come from one outlet count as one origin. The cross-check counts ${c.origins}; the ties it can see between these articles:</p>
<ol class="origins">${groups.map((g) => html`<li>${g.articleIds.map(label).join(', ')}${g.ties.length ? html`<ul>${[...new Set(g.ties)].map((t) => html`<li>${t}</li>`)}</ul>` : html` <span class="meta">(no tie to the others: an origin of its own)</span>`}</li>`)}</ol></section>
<section id="mentions" aria-labelledby="h-mentions"><h2 id="h-mentions">Every mention (${c.mentions.length})</h2><ol class="mentions">${c.mentions.map((m) => {
    const a = byId.get(m.articleId);
    return html`<li class="mention" data-article="${m.articleId}"><p><strong>${m.label}</strong> <span class="meta">${a?.meta.published ?? 'undated'}${m.attributedTo ? ` · attributed to ${m.attributedTo}` : ' · in its own voice'}</span> · <a href="${spanHref(m.articleId, m.start, m.end)}">in the article</a></p>${a ? html`<blockquote class="passage">${inContext(a, m.start, m.end)}</blockquote>` : ''}</li>`;
  })}</ol></section>
<section id="claim-conflicts" aria-labelledby="h-cc"><h2 id="h-cc">Conflicts</h2>${
    c.conflicts.length
      ? html`<ul class="conflicts">${c.conflicts.map((k) => {
          const other = all.find((x) => x.id === k.claimId);
          return html`<li><strong>${k.kind}</strong>: ${k.note}${other ? html` · <a href="${claimHref(s.story.id, other.id)}">the other claim (${CLAIM_STATUSES[other.status].label})</a>` : ''}</li>`;
        })}</ul>`
      : html`<p class="empty">No report contradicts it.</p>`
  }</section>`;
  return layout(c.text.slice(0, 80), 'stories', body);
}
