import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../serve/app.js';
import { openSqlite } from '../store/index.js';
import { parseDuration } from './duration.js';
import { opmlFeeds } from './opml.js';
import { MAX_BACKOFF_MS } from './settings.js';
import { nextPollAfter, Watcher } from './watcher.js';

// A local feed server on 127.0.0.1 whose feeds change between polls, answer 304 to a matching
// If-None-Match, fail, rate-limit, and serve a malformed feed.

const para = (town: string, n: number) =>
  `Firefighters in ${town} spent the night of ${n} March fighting a blaze at a grain silo on the edge of town. ` +
  `The fire chief said the silo had been empty for a week and nobody was hurt, but the roof collapsed before dawn. ` +
  `Residents were told to keep windows closed while the smoke cleared, and the regional road past the site stayed shut until noon. ` +
  `Investigators will examine the electrical installation, the chief said.`;

const item = (id: string, town: string, n: number) =>
  `<item><guid>${id}</guid><title>Silo fire in ${town}</title><link>http://feeds.invalid/${id}</link><pubDate>Tue, 0${n} Mar 2024 10:00:00 GMT</pubDate><description>${para(town, n)}</description></item>`;

const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Wire</title>${items.join('')}</channel></rss>`;

let server: Server;
let base = '';
const state = { version: 1, hits: new Map<string, number>(), conditional: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    if (path === '/news.xml') {
      const etag = `"v${state.version}"`;
      if (req.headers['if-none-match'] === etag) {
        state.conditional++;
        res.writeHead(304, { etag }).end();
        return;
      }
      const items = [item('a1', 'Varno', 1), item('a2', 'Ostrel', 2)];
      if (state.version >= 2) items.unshift(item('a3', 'Calden', 3));
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(items));
    } else if (path === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><title>Broken</title><item><title>unclosed');
    } else if (path === '/down.xml') {
      res.writeHead(500).end('internal error');
    } else if (path === '/busy.xml') {
      res.writeHead(503, { 'retry-after': '7200' }).end();
    } else res.writeHead(404).end();
  });
  // No idle timer on kept-alive sockets: the first poll's ingest runs synchronously, and on a
  // loaded machine it blocks the event loop for longer than the default 5 s keep-alive timeout;
  // the server then drops the idle socket as the next poll reuses it (ECONNRESET, a poll failed
  // for the machine's load, not for the code). The sockets close when the test closes the server.
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('watch', () => {
  it('ingests new items once, asks conditionally, and keeps each feed\u2019s health', async () => {
    const store = openSqlite(':memory:', { create: true });
    let clock = new Date('2024-03-05T12:00:00Z');
    const watcher = new Watcher(store, { everyMs: 15 * 60_000, now: () => clock });
    const url = `${base}/news.xml`;
    await watcher.add([url, `${base}/broken.xml`, `${base}/down.xml`, `${base}/busy.xml`]);

    const first = await watcher.tick();
    expect(first.get(url)).toMatchObject({ ok: true, newItems: 2, added: 2 });
    expect((await store.counts()).articles).toBe(2);
    expect(await store.getFeed(url)).toMatchObject({ title: 'Valley Wire', etag: '"v1"', itemsSeen: 2, articlesAdded: 2, failures: 0 });

    const broken = (await store.getFeed(`${base}/broken.xml`))!;
    expect(broken.failures).toBe(1);
    expect(broken.lastError).toMatch(/^malformed feed/);
    const down = (await store.getFeed(`${base}/down.xml`))!;
    expect(down.lastError).toMatch(/HTTP 500/);
    expect(Date.parse(down.nextPoll!) - clock.getTime()).toBe(2 * 15 * 60_000);
    const busy = (await store.getFeed(`${base}/busy.xml`))!;
    expect(Date.parse(busy.nextPoll!) - clock.getTime()).toBe(7200 * 1000); // Retry-After beats the back-off

    // Not due yet: nothing is fetched.
    const hits = state.hits.get('/news.xml');
    expect((await watcher.tick()).size).toBe(0);
    expect(state.hits.get('/news.xml')).toBe(hits);

    // Due, unchanged: a conditional request answered 304, nothing read.
    clock = new Date(clock.getTime() + 15 * 60_000);
    const second = await watcher.tick();
    expect(second.get(url)).toMatchObject({ ok: true, notModified: true, newItems: 0, added: 0 });
    expect(state.conditional).toBe(1);
    expect(second.has(`${base}/down.xml`)).toBe(false); // still backing off

    // The feed changes: only the new item is read.
    state.version = 2;
    clock = new Date(clock.getTime() + 15 * 60_000);
    const third = await watcher.tick();
    expect(third.get(url)).toMatchObject({ ok: true, newItems: 1, added: 1 });
    expect((await store.counts()).articles).toBe(3);
    expect(await store.getFeed(url)).toMatchObject({ etag: '"v2"', itemsSeen: 3, articlesAdded: 3 });
    const down2 = (await store.getFeed(`${base}/down.xml`))!;
    expect(down2.failures).toBe(2);
    expect(Date.parse(down2.nextPoll!) - clock.getTime()).toBe(4 * 15 * 60_000);

    // The web app inside `serve --watch` shows each feed's health.
    const app = createApp({ store, watcher });
    const health = (await (await app.request('/api/feeds')).json()) as { watching: boolean; feeds: { url: string; failures: number; lastError: string | null; itemsSeen: number }[] };
    expect(health.watching).toBe(true);
    expect(health.feeds.find((f) => f.url === `${base}/broken.xml`)).toMatchObject({ failures: 2, lastError: expect.stringMatching(/^malformed feed/) });
    const page = await (await app.request('/feeds')).text();
    expect(page).toContain('Valley Wire');
    expect(page).toContain('failing ×2');

    // Forced again with the validators dropped: every item is known, nothing is added twice.
    await store.recordPoll(url, { ok: true, at: clock.toISOString(), notModified: false, etag: null, lastModified: null, newItems: 0, added: 0, nextPoll: clock.toISOString() });
    const fourth = await watcher.tick(true);
    expect(fourth.get(url)).toMatchObject({ ok: true, newItems: 0, added: 0 });
    expect((await store.counts()).articles).toBe(3);
    await store.close();
  });

  it('backs off exponentially up to a day', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const after = (failures: number) => nextPollAfter(now, 60_000, failures).getTime() - now.getTime();
    expect([0, 1, 2, 3].map(after)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(after(40)).toBe(MAX_BACKOFF_MS);
  });

  it('reads OPML lists and durations', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/atom"/></outline><outline text="A again" xmlUrl="https://a.example/rss"/><outline text="not a feed" xmlUrl="file:///etc/passwd"/></body></opml>`;
    expect(opmlFeeds(opml)).toEqual(['https://a.example/rss', 'https://b.example/atom']);
    expect(() => opmlFeeds('<rss></rss>')).toThrow(/not an OPML/);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('10')).toBe(600_000);
    expect(parseDuration('soon')).toBeNull();
  });
});
