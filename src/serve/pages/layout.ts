import { verdictLegend } from '../../report/html.js';
import { html, raw, type Html } from '../html.js';

export type Section = 'stories' | 'storylines' | 'outlets' | 'feeds' | 'search' | 'none';

/** The page frame: skip link, navigation with a search box, the content; CSS and JS from /static (no inline code, so CSP forbids all inline script). */
export function layout(title: string, section: Section, body: Html, q = ''): string {
  const nav = (href: string, label: string, s: Section) => html`<a href="${href}"${s === section ? html` aria-current="page"` : ''}>${label}</a>`;
  return `<!doctype html>\n${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · triangulate</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">triangulate</a><nav aria-label="Main">${nav('/', 'Stories', 'stories')}${nav('/storylines', 'Storylines', 'storylines')}${nav('/outlets', 'Outlets', 'outlets')}${nav('/feeds', 'Feeds', 'feeds')}</nav>
<form class="find" role="search" action="/search" method="get"><label class="sr" for="find-q">Search articles</label><input id="find-q" name="q" type="search" placeholder="Search articles ( / )" value="${q}" accesskey="s"></form></header>
<main id="main" tabindex="-1">${body}</main>
<footer class="foot"><details class="legend-box"><summary>What the verdicts mean</summary>${raw(verdictLegend())}</details>triangulate · every text on these pages is quoted from the articles in the store, untrusted and shown as text</footer>
</body></html>`}\n`;
}

/** An error page body. */
export function problemPage(status: number, message: string): string {
  return layout(`${status}`, 'none', html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/">Back to the stories</a></p>`);
}

/** "3 articles", "1 article". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export function dateRange(first: string | null, last: string | null): string {
  if (!first && !last) return 'undated';
  return first === last || !last ? (first ?? '') : `${first ?? '?'} – ${last}`;
}
