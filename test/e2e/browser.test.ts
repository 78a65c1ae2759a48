import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { analyze } from '../../src/app/analyze.js';
import { renderHtml } from '../../src/report/html.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore } from '../../src/app/ingest.js';
import { CLAIM_STATUSES } from '../../src/model/check.js';
import { unguard } from '../../src/report/csv.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { openSqlite, type StoreBackend } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { corpus } from '../helpers/shared.js';

// End to end in a real headless Chromium (Debian's package, driven by playwright-core; .ci/run
// installs it): the pages against the store's data at a desktop width (1,400 px) and a phone's
// (390 px), the charts drawn by the server, the evidence and CSV of a seeds claim, the API's
// ingest, and hostile articles that must not run. Screenshots of each page go to test-results/.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(packageRoot(), 'test-results');
const suite = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
if (!corpus) console.warn('browser tests of the seeds story skipped: ../shared/corpus is absent');

const WIDTHS = [1400, 390] as const;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir: string;
let store: StoreBackend;
let server: RunningServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

const api = async (path: string, init?: RequestInit) => (await fetch(new URL(path, server.url), init)).json() as Promise<any>;
const url = (path: string) => new URL(path, server.url).href;
const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
const numbers = (s: string) => s.match(/\d+(?:[.,]\d+)*/g) ?? [];

suite('web app in Chromium', () => {
  let maravel: { id: string; title: string };
  let seedsStory: string | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triangulate-e2e-'));
    mkdirSync(shots, { recursive: true });
    store = openSqlite(join(dir, 'store.db'), { create: true });
    await ingestIntoStore(store, [join(packageRoot(), 'examples', 'demo'), ...(corpus ? [join(corpus, 'seeds')] : [])]);
    // Two watched feeds, one failing with a long error, so the feeds page has rows to fit on a phone.
    const now = new Date().toISOString();
    await store.addFeed('https://feeds.example.org/world/rss.xml?format=full&section=international-affairs', now);
    await store.addFeed('https://down.example.net/feed.xml', now);
    await store.recordPoll('https://feeds.example.org/world/rss.xml?format=full&section=international-affairs', { ok: true, at: now, notModified: false, title: 'World news from the Example Org with a long title', newItems: 3, added: 2, nextPoll: now });
    await store.recordPoll('https://down.example.net/feed.xml', { ok: false, at: now, error: 'fetch failed: getaddrinfo ENOTFOUND down.example.net (after 3 redirects and a timeout of 15 s)', nextPoll: now });
    server = await startServer({ store, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    maravel = (await api('/api/stories?q=chlorine')).stories[0];
    if (corpus) seedsStory = (await api('/api/stories?q=Idlib')).stories[0].id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the stories newest first, as the API does', async () => {
    await page.goto(server.url);
    const titles = await page.locator('li.story .title').allTextContents();
    const stories = (await api('/api/stories')).stories;
    expect(titles).toEqual(stories.map((s: any) => s.title));
    await shot('stories');
  });

  it.each(WIDTHS)('fits %i px with no sideways page scroll on every page, with the legend in each', async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const article = (await api(`/api/articles?story=${maravel.id}&limit=1`)).articles[0].id;
    const claim = (await api(`/api/stories/${maravel.id}`)).story.claims[0].id;
    const pages: [string, string][] = [
      ['stories', '/'],
      ['story', `/stories/${maravel.id}`],
      ['story-all-claims', `/stories/${maravel.id}?claims=all`],
      ['evidence', `/stories/${maravel.id}/claims/${claim}`],
      ['article', `/articles/${article}?hl=0-40`],
      ['outlets', '/outlets'],
      ['outlet', `/outlets/${encodeURIComponent('Daily Blaze')}`],
      ['search', '/search?q=chlorine'],
      ['feeds', '/feeds'],
      ['storylines', '/storylines?all=1'],
      ['storyline', `/storylines/${(await api('/api/storylines?limit=1&minEvents=1')).storylines[0].id}`],
      ...(seedsStory ? ([['seeds-story', `/stories/${seedsStory}`]] as [string, string][]) : []),
    ];
    for (const [name, path] of pages) {
      await page.goto(url(path));
      expect(await noSidewaysScroll(), `${path} at ${width} px`).toBe(true);
      // The verdicts' legend is on every page (the footer), with each meaning from CLAIM_STATUSES.
      if (name === 'feeds') expect(await page.locator('table.feeds tbody tr').count()).toBe(2);
      const means = await page.locator('footer dl.verdicts dd').allTextContents();
      expect(means, path).toEqual(Object.values(CLAIM_STATUSES).map((s) => s.means));
      await shot(`${name}-${width}`);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('explains the story page: how to read it, each verdict with its meaning, what is shown and how to see all', async () => {
    await page.goto(url(`/stories/${maravel.id}`));
    expect(await page.locator('.howto').textContent()).toMatch(/How to read this/);
    const dts = await page.locator('#verdicts dl.verdicts dt').allTextContents();
    const dds = await page.locator('#verdicts dl.verdicts dd').allTextContents();
    expect(dts).toEqual(Object.values(CLAIM_STATUSES).map((s) => s.label));
    expect(dds).toEqual(Object.values(CLAIM_STATUSES).map((s) => s.means));
    // Every verdict tag carries its meaning.
    for (const tag of await page.locator('table.claims .tag').all()) {
      expect(Object.values(CLAIM_STATUSES).map((s) => s.means)).toContain(await tag.getAttribute('title'));
    }
    const doc = await api(`/api/stories/${maravel.id}`);
    const prominent = doc.story.claims.filter((c: any) => c.articles > 1 || c.conflicts.length).slice(0, 12);
    expect(await page.locator('table.claims tbody tr').count()).toBe(prominent.length);
    expect(await page.locator('.claims-count').textContent()).toContain(`Showing ${prominent.length} of ${doc.story.claims.length} claims`);
    await page.locator('a.show-all').click();
    await page.waitForURL('**claims=all**');
    expect(await page.locator('table.claims tbody tr').count()).toBe(doc.story.claims.length);
  });

  it('filters and sorts the claims by verdict, outlet and order', async () => {
    const doc = await api(`/api/stories/${maravel.id}`);
    await page.goto(url(`/stories/${maravel.id}?verdict=contested`));
    const rows = await page.locator('table.claims tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
    expect(rows).toEqual(doc.story.claims.filter((c: any) => c.status === 'contested').map(() => 'contested'));
    await page.goto(url(`/stories/${maravel.id}?outlet=${encodeURIComponent('Maravel Today')}&sort=articles`));
    const carried = await page.locator('table.claims tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td.carried a')].map((a) => a.textContent!.replace(/ ×\d+$/, ''))));
    expect(carried.length).toBeGreaterThan(0);
    for (const c of carried) expect(c).toContain('Maravel Today');
    const counts = await page.locator('table.claims tbody tr td:nth-child(3)').allTextContents();
    const articles = counts.map((t) => Number(t.split('/')[1]));
    expect([...articles].sort((a, b) => b - a)).toEqual(articles);
  });

  it('draws every chart on the server as SVG, readable with scripts off, with its numbers also in text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
    const p = await context.newPage();
    const charts = async (id: string) => {
      await p.goto(url(`/stories/${id}`));
      return p.locator('figure.chart').evaluateAll((fs) =>
        fs.map((f) => {
          const svg = f.querySelector('svg')!;
          const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
          const clone = f.cloneNode(true) as HTMLElement;
          clone.querySelector('svg')!.remove();
          return { cls: f.className.replace('chart ', ''), texts, outside: clone.textContent ?? '', title: svg.querySelector('title')?.textContent ?? '' };
        }),
      );
    };
    const stories: [string, string[]][] = [[maravel.id, ['coverage', 'graph', 'rates', 'timeline-chart', 'verdicts']], ...(seedsStory ? ([[seedsStory, ['coverage', 'graph', 'grid', 'rates', 'timeline-chart', 'verdicts']]] as [string, string[]][]) : [])];
    for (const [id, expected] of stories) {
      const figures = await charts(id);
      expect(figures.map((f) => f.cls).sort()).toEqual(expected);
      for (const f of figures) {
        expect(f.title, f.cls).not.toBe('');
        for (const n of f.texts.flatMap(numbers)) expect(f.outside, `${f.cls}: ${n}`).toContain(n);
      }
      // The verdict bar's counts are the story's.
      const doc = await api(`/api/stories/${id}`);
      const contested = doc.story.claims.filter((c: any) => c.status === 'contested').length;
      expect(figures.find((f) => f.cls === 'verdicts')!.outside).toContain(`${contested} contested`);
    }
    await p.goto(url(`/stories/${maravel.id}`));
    await p.screenshot({ path: join(shots, 'story-no-script.png'), fullPage: true });
    await context.close();
  });

  it('shows the copy chain as a graph and passages with the changed words', async () => {
    await page.goto(url(`/stories/${maravel.id}`));
    const doc = await api(`/api/stories/${maravel.id}`);
    const changes = doc.story.reuse.flatMap((r: any) => r.passages.flatMap((p: any) => p.changes));
    expect(changes.length).toBeGreaterThan(0);
    const ins = await page.locator('#copies ins').allTextContents();
    const del = await page.locator('#copies del').allTextContents();
    const text = new Map(doc.articles.map((a: any) => [a.id, a.text]));
    const toId = (c: any) => doc.story.reuse.find((r: any) => r.passages.some((p: any) => p.changes.includes(c))).to;
    expect(ins.sort()).toEqual(changes.filter((c: any) => c.toEnd > c.toStart).map((c: any) => (text.get(toId(c)) as string).slice(c.toStart, c.toEnd)).sort());
    expect(del.sort()).toEqual(changes.filter((c: any) => c.from).map((c: any) => c.from).sort());
    // One arrow per copy in the graph, its boxes linking to the articles.
    const copies = doc.story.reuse.filter((r: any) => r.relation === 'copy').length;
    expect(await page.locator('#copies svg path.edge.copy').count()).toBe(copies);
    expect(await page.locator('#copies svg a').count()).toBe(doc.articles.length);
  });

  it('follows a citation to the article page with the cited passage highlighted and the junk listed', async () => {
    await page.goto(url(`/stories/${maravel.id}`));
    await page.locator('#brief a.cite').first().click();
    await page.waitForURL('**/articles/**');
    const hl = await page.locator('.text .hl').allTextContents();
    expect(hl.join('').length).toBeGreaterThan(10);
    expect(await page.locator('.cited q').textContent()).toBe(hl.join(''));
    expect(await page.locator('.text .q, .text .e').count()).toBeGreaterThan(0);
    const doc = await api(`/api/stories/${maravel.id}`);
    const junky = doc.articles.filter((a: any) => a.removed.length > 0);
    expect(junky.length).toBeGreaterThan(0);
    for (const a of junky) {
      await page.goto(url(`/articles/${a.id}`));
      const items = await page.locator('ul.removed li').allTextContents();
      expect(items.length).toBe(a.removed.length);
      for (const [i, r] of a.removed.entries()) expect(items[i]).toContain(r.text.trim().slice(0, 40));
    }
  });

  it('gives a seeds claim an evidence page at its permalink that lists every mention, and a CSV that round-trips the claims', async () => {
    if (!seedsStory) return;
    const doc = await api(`/api/stories/${seedsStory}`);
    const claim = doc.story.claims.find((c: any) => c.articles > 1);
    await page.goto(url(`/stories/${seedsStory}`));
    await page.locator(`table.claims tr[data-claim="${claim.id}"] th.claim a`).click();
    await page.waitForURL(`**/stories/${seedsStory}/claims/${claim.id}`);
    expect(await page.locator('a.permalink').getAttribute('href')).toBe(`/stories/${seedsStory}/claims/${claim.id}`);
    const mentions = page.locator('li.mention');
    expect(await mentions.count()).toBe(claim.mentions.length);
    const text = new Map(doc.articles.map((a: any) => [a.id, a.text]));
    const marked = await page.locator('li.mention mark').allTextContents();
    expect(marked.sort()).toEqual(claim.mentions.map((m: any) => (text.get(m.articleId) as string).slice(m.start, m.end)).sort());
    expect(await page.locator('#origins').textContent()).toContain(`${claim.independentOrigins} independent origin`);
    expect(await page.locator('.lede').textContent()).toContain(CLAIM_STATUSES[claim.status as keyof typeof CLAIM_STATUSES].means);
    await shot('evidence-seeds');

    const csv = await (await fetch(url(`/stories/${seedsStory}/claims.csv`))).text();
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.claim_id, r.verdict, unguard(r.text!), Number(r.independent_origins), Number(r.articles)])).toEqual(doc.story.claims.map((c: any) => [c.id, c.status, c.text, c.independentOrigins, c.articles]));
    // The page offers it, and names the seeds' sources though no outlet is named for them.
    await page.goto(url(`/stories/${seedsStory}`));
    expect(await page.locator(`a[href="/stories/${seedsStory}/claims.csv"]`).count()).toBe(1);
    expect(await page.locator('p.lede').first().textContent()).toMatch(/4 articles from 4 sources \(no outlet named; they are labelled by their site or file name\)/);
    expect(await page.locator('table.claims td.carried').first().textContent()).toMatch(/^file 00\d/);
    await page.goto(server.url);
    expect(await page.locator(`li.story[data-id="${seedsStory}"] .meta`).textContent()).toContain('no outlet named');
  });

  it.each(WIDTHS)('reads the HTML report at %i px: no sideways scroll, the story before the articles, its charts with their numbers in text', async (width) => {
    const run = await analyze([join(packageRoot(), 'examples', 'demo'), ...(corpus ? [join(corpus, 'seeds')] : [])]);
    const file = join(dir, `report-${width}.html`);
    writeFileSync(file, renderHtml(run));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`file://${file}`);
    expect(await noSidewaysScroll()).toBe(true);
    const order = await page.evaluate(() => [document.querySelector('section.story')!.getBoundingClientRect().top, document.querySelector('section[id^="a-"]')!.getBoundingClientRect().top]);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(await page.locator('dl.verdicts').first().locator('dd').allTextContents()).toEqual(Object.values(CLAIM_STATUSES).map((s) => s.means));
    const figures = await page.locator('figure.chart').evaluateAll((fs) =>
      fs.map((f) => {
        const texts = [...f.querySelectorAll('svg text')].map((t) => t.textContent ?? '');
        const clone = f.cloneNode(true) as HTMLElement;
        clone.querySelector('svg')!.remove();
        return { texts, outside: clone.textContent ?? '' };
      }),
    );
    expect(figures.length).toBeGreaterThanOrEqual(run.stories.length * 4);
    for (const f of figures) for (const n of f.texts.flatMap(numbers)) expect(f.outside).toContain(n);
    await shot(`report-${width}`);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('searches from the keyboard', async () => {
    await page.goto(server.url);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('find-q');
    await page.keyboard.type('chlorine');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=chlorine');
    const marks = await page.locator('.hits mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toContain('chlorine');
    await page.goto(server.url);
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('title');
  });

  it('shows an article ingested through the API', async () => {
    const article = { title: 'Maravel port reopens after chemical blast', text: 'The harbour authority reopened the port of Maravel on Friday, three days after the explosion at the Duvall Chemicals plant.\nPort director Ana Velez said air quality readings were back to normal.', outlet: 'Test Gazette', published: '2024-03-08' };
    const res = await fetch(url('/api/ingest'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article }) });
    expect(res.status).toBe(201);
    const { articles } = (await res.json()) as any;
    await page.goto(server.url);
    await expect.poll(() => page.locator('body').textContent()).toContain('Test Gazette');
    await page.goto(url(`/stories/${articles[0].storyId}`));
    expect(await page.locator('#articles').textContent()).toContain(article.title);
  });

  it('runs no script from hostile articles on any page', async () => {
    const hostile = [
      { title: 'Blast <script>window.__xss="title"</script> report', text: 'Residents of Maravel <script>window.__xss="text"</script> returned home on Saturday. <img src=x onerror="window.__xss=\'img\'"> Officials said the air was clean.', outlet: 'Evil <img src=x onerror="window.__xss=\'outlet\'">', published: '2024-03-09', url: 'javascript:window.__xss="url"' },
      { title: 'Svg <svg onload="window.__xss=\'svg\'"><script>alert(1)</script></svg> chlorine', text: 'Chlorine <svg><animate onbegin="window.__xss=\'animate\'" attributeName="x" dur="1s"/></svg> tanks at Maravel were emptied. <a href="javascript:alert(2)">click</a> <iframe src="javascript:alert(3)"></iframe> "We are safe," <b onmouseover="alert(4)">the mayor</b> said.', outlet: 'Evil Outlet', published: '2024-03-09' },
    ];
    const json = await (await fetch(url('/api/ingest'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ articles: hostile }) })).json() as any;
    const page1 = '<html><head><title>Evil page</title><meta http-equiv="refresh" content="0;url=javascript:alert(5)"></head><body onload="alert(6)"><article><h1>Maravel cleanup <script>alert(7)</script></h1><p>Workers cleared debris at the Duvall Chemicals plant in Maravel on Sunday <img src=x onerror=alert(8)>, a spokesman said.</p><p>More inspections are planned for next week, officials said.</p></article></body></html>';
    const html = await (await fetch(url('/api/ingest?outlet=Evil%20Outlet'), { method: 'POST', headers: { 'content-type': 'text/html' }, body: page1 })).json() as any;
    const added = [...json.articles, ...html.articles];
    expect(added).toHaveLength(3);
    const urls = ['/', '/outlets', '/search?q=chlorine', '/search?q=Maravel', `/outlets/${encodeURIComponent('Evil Outlet')}`];
    for (const a of added) urls.push(`/articles/${a.id}`, `/articles/${a.id}?hl=0-30`, `/stories/${a.storyId}`, `/stories/${a.storyId}?claims=all`);
    for (const u of urls) {
      await page.goto(url(u));
      await page.locator('main').hover();
      expect(await page.evaluate(() => (window as any).__xss), u).toBeUndefined();
      expect(await page.locator('main script, main iframe, main svg [onload], main img[onerror], main [onbegin], main a[href^="javascript:"]').count(), u).toBe(0);
    }
    expect(dialogs).toEqual([]);
    await page.goto(url(`/articles/${json.articles[0].id}`));
    expect(await page.locator('main .text').textContent()).toContain('<script>window.__xss="text"</script>');
    await shot('hostile-article');
  });
});
