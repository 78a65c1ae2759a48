import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore } from '../../src/app/ingest.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { Store } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/paths.js';

// End to end in a real headless Chromium (Debian's package, driven by playwright-core; .ci/run
// installs it): the pages against the store's data, the API's ingest, and hostile articles that
// must not run. Screenshots of each page go to test-results/.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(packageRoot(), 'test-results');
const suite = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

const api = async (path: string, init?: RequestInit) => (await fetch(new URL(path, server.url), init)).json() as Promise<any>;
const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

suite('web app in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triangulate-e2e-'));
    mkdirSync(shots, { recursive: true });
    store = Store.open(join(dir, 'store.db'), { create: true });
    await ingestIntoStore(store, [join(packageRoot(), 'examples', 'demo')]);
    server = await startServer({ store, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
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

  it('opens a story: the claims matrix, copy chain and framing table show the store\u2019s data', async () => {
    const maravel = (await api('/api/stories?q=chlorine')).stories[0];
    await page.getByRole('link', { name: maravel.title }).click();
    await page.waitForURL(`**/stories/${maravel.id}`);
    const doc = await api(`/api/stories/${maravel.id}`);
    const ids: string[] = doc.story.articleIds;

    // Matrix: one row per claim carried by several articles or in conflict; a dot where an article carries it.
    const shown = doc.story.claims.filter((c: any) => c.articles > 1 || c.conflicts.length).slice(0, 12);
    const rows = page.locator('table.matrix tbody tr');
    expect(await rows.count()).toBe(shown.length);
    for (const [i, c] of shown.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-status')).toBe(c.status);
      const dotted = await row.locator('td.cell:has(a)').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-article')));
      expect(dotted.sort()).toEqual([...new Set(c.mentions.map((m: any) => m.articleId) as string[])].sort());
    }
    expect(await page.locator('table.matrix tr[data-status="contested"]').count()).toBeGreaterThan(0);

    // Copy chain: every changed word of the store's reuse records, struck out and inserted.
    const changes = doc.story.reuse.flatMap((r: any) => r.passages.flatMap((p: any) => p.changes));
    expect(changes.length).toBeGreaterThan(0);
    const ins = await page.locator('#copies ins').allTextContents();
    const del = await page.locator('#copies del').allTextContents();
    const text = new Map(doc.articles.map((a: any) => [a.id, a.text]));
    const toId = (c: any) => doc.story.reuse.find((r: any) => r.passages.some((p: any) => p.changes.includes(c))).to;
    expect(ins.sort()).toEqual(changes.filter((c: any) => c.toEnd > c.toStart).map((c: any) => (text.get(toId(c)) as string).slice(c.toStart, c.toEnd)).sort());
    expect(del.sort()).toEqual(changes.filter((c: any) => c.from).map((c: any) => c.from).sort());
    const mark = page.locator('#copies ins').first();
    expect(await mark.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

    // Framing: each outlet's own words for each actor, in its column.
    const labels = doc.story.labels.filter((l: any) => !/^(place|organization):/.test(l.ref)).slice(0, 6);
    for (const l of labels) {
      const row = page.locator('table.framing tbody tr', { has: page.locator('th', { hasText: l.name }) });
      for (const id of ids) {
        const own: string[] = l.byArticle[id] ?? [];
        const cell = await row.locator(`td[data-article="${id}"]`).textContent();
        for (const w of own) expect(cell).toContain(w);
      }
    }
    expect(await page.locator('table.loaded').textContent()).toContain('inferno');
    await shot('story');

    // On a phone: nothing wider than the screen but the scrolling tables.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot('story-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('follows a citation to the article page with the cited passage highlighted and the junk listed', async () => {
    await page.locator('#brief a.cite').first().click();
    await page.waitForURL('**/articles/**');
    const hl = await page.locator('.text .hl').allTextContents();
    expect(hl.join('').length).toBeGreaterThan(10);
    expect(await page.locator('.cited q').textContent()).toBe(hl.join(''));
    expect(await page.locator('.text .q, .text .e').count()).toBeGreaterThan(0);
    await shot('article');
    // Every article: its removed junk listed, line by line, as the store has it.
    const doc = await api(`/api/stories/${(await api('/api/stories?q=chlorine')).stories[0].id}`);
    const junky = doc.articles.filter((a: any) => a.removed.length > 0);
    expect(junky.length).toBeGreaterThan(0);
    for (const a of junky) {
      await page.goto(new URL(`/articles/${a.id}`, server.url).href);
      const items = await page.locator('ul.removed li').allTextContents();
      expect(items.length).toBe(a.removed.length);
      for (const [i, r] of a.removed.entries()) expect(items[i]).toContain(r.text.trim().slice(0, 40));
    }
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
    await shot('search');
  });

  it('shows an article ingested through the API', async () => {
    const article = { title: 'Maravel port reopens after chemical blast', text: 'The harbour authority reopened the port of Maravel on Friday, three days after the explosion at the Duvall Chemicals plant.\nPort director Ana Velez said air quality readings were back to normal.', outlet: 'Test Gazette', published: '2024-03-08' };
    const res = await fetch(new URL('/api/ingest', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article }) });
    expect(res.status).toBe(201);
    const { articles } = (await res.json()) as any;
    await page.goto(server.url);
    await expect.poll(() => page.locator('body').textContent()).toContain('Test Gazette');
    await page.goto(new URL(`/stories/${articles[0].storyId}`, server.url).href);
    expect(await page.locator('#articles').textContent()).toContain(article.title);
    await page.goto(new URL('/outlets', server.url).href);
    await shot('outlets');
    await page.goto(new URL('/feeds', server.url).href);
    await shot('feeds');
  });

  it('runs no script from hostile articles on any page', async () => {
    const hostile = [
      { title: 'Blast <script>window.__xss="title"</script> report', text: 'Residents of Maravel <script>window.__xss="text"</script> returned home on Saturday. <img src=x onerror="window.__xss=\'img\'"> Officials said the air was clean.', outlet: 'Evil <img src=x onerror="window.__xss=\'outlet\'">', published: '2024-03-09', url: 'javascript:window.__xss="url"' },
      { title: 'Svg <svg onload="window.__xss=\'svg\'"><script>alert(1)</script></svg> chlorine', text: 'Chlorine <svg><animate onbegin="window.__xss=\'animate\'" attributeName="x" dur="1s"/></svg> tanks at Maravel were emptied. <a href="javascript:alert(2)">click</a> <iframe src="javascript:alert(3)"></iframe> "We are safe," <b onmouseover="alert(4)">the mayor</b> said.', outlet: 'Evil Outlet', published: '2024-03-09' },
    ];
    const json = await (await fetch(new URL('/api/ingest', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ articles: hostile }) })).json() as any;
    const page1 = '<html><head><title>Evil page</title><meta http-equiv="refresh" content="0;url=javascript:alert(5)"></head><body onload="alert(6)"><article><h1>Maravel cleanup <script>alert(7)</script></h1><p>Workers cleared debris at the Duvall Chemicals plant in Maravel on Sunday <img src=x onerror=alert(8)>, a spokesman said.</p><p>More inspections are planned for next week, officials said.</p></article></body></html>';
    const html = await (await fetch(new URL('/api/ingest?outlet=Evil%20Outlet', server.url), { method: 'POST', headers: { 'content-type': 'text/html' }, body: page1 })).json() as any;
    const added = [...json.articles, ...html.articles];
    expect(added).toHaveLength(3);
    const urls = ['/', '/outlets', '/search?q=chlorine', '/search?q=Maravel', `/outlets/${encodeURIComponent('Evil Outlet')}`];
    for (const a of added) urls.push(`/articles/${a.id}`, `/articles/${a.id}?hl=0-30`, `/stories/${a.storyId}`);
    for (const u of urls) {
      await page.goto(new URL(u, server.url).href);
      await page.locator('main').hover();
      expect(await page.evaluate(() => (window as any).__xss), u).toBeUndefined();
      expect(await page.locator('main script, main iframe, main svg [onload], main img[onerror], main [onbegin], main a[href^="javascript:"]').count(), u).toBe(0);
    }
    expect(dialogs).toEqual([]);
    // The payloads are there, as text.
    await page.goto(new URL(`/articles/${json.articles[0].id}`, server.url).href);
    expect(await page.locator('main .text').textContent()).toContain('<script>window.__xss="text"</script>');
    await shot('hostile-article');
  });
});
