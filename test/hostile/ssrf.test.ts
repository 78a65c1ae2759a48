import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { openSqlite, type StoreBackend } from '../../src/store/index.js';
import { cliAsync, localServer, PROSE, tmp } from './helpers.js';

// Finding 6: links inside documents (feed items with only a summary) and redirects reached
// 127.0.0.1, localhost, [::1] and 0x7f000001, and the internal pages were stored as articles.

let srv: Awaited<ReturnType<typeof localServer>>;
let other: Awaited<ReturnType<typeof localServer>>;
const secret = `<html><body><article><h1>Admin</h1><p>${PROSE}</p><p>SECRET-TOKEN-4711 ${PROSE}</p></article></body></html>`;

beforeAll(async () => {
  other = await localServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(secret));
  srv = await localServer((req, res) => {
    if (req.url?.startsWith('/admin')) res.writeHead(200, { 'content-type': 'text/html' }).end(secret);
    else if (req.url === '/jump') res.writeHead(302, { location: `${other.base}/admin/secret?token=1` }).end();
    else if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(srv.port));
    else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1><p>${PROSE}</p><p>${PROSE}</p></article></body></html>`);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  await srv.close();
  await other.close();
});

const links = (port: number) => [`http://127.0.0.1:${port}/admin/secret?token=1`, `http://localhost:${port}/admin/l`, `http://[::1]:${port}/admin/6`, `http://0x7f000001:${port}/admin/hex`, `http://2130706433:${port}/admin/dec`, `http://[::ffff:127.0.0.1]:${port}/admin/mapped`];
const feed = (port: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile Wire</title>${links(port)
    .map((l, i) => `<item><guid>i${i}</guid><title>Item ${i}</title><link>${l}</link><description>Short summary ${i}.</description></item>`)
    .join('')}</channel></rss>`;

describe('address policy (finding 6)', () => {
  it('a local feed file does not make triangulate fetch internal pages its items link to', async () => {
    const dir = tmp('ssrf');
    const file = join(dir, 'feed.rss');
    writeFileSync(file, feed(srv.port));
    const r = await cliAsync(['analyze', file, '--json', join(dir, 'out.json'), '-q']);
    expect([...srv.hits.keys()].filter((p) => p.startsWith('/admin'))).toEqual([]);
    expect(r.err).not.toMatch(/SECRET/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a typed URL may be local (the user chose it), but a redirect from it to another local origin is refused', async () => {
    const typed = await cliAsync(['analyze', `${srv.base}/page`, '-q']);
    expect(typed.code).toBe(0);
    const jumped = await cliAsync(['analyze', `${srv.base}/jump`, '-q']);
    expect(other.hits.size).toBe(0);
    expect(jumped.code).toBe(3);
    expect(jumped.err).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jump: refused: redirected to loopback address 127\.0\.0\.1/m);
  });

  it('POST /api/ingest {"url"} or {"feed"} on a local address is refused (403), and nothing is fetched', async () => {
    const store = openSqlite(':memory:', { create: true });
    const app = createApp({ store });
    const post = (body: object) => app.request('/api/ingest', { method: 'POST', headers: { host: '127.0.0.1', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = [...srv.hits.keys()].filter((p) => p.startsWith('/admin')).length;
    for (const body of [{ url: `${srv.base}/admin/secret?token=1` }, { url: `http://0x7f000001:${srv.port}/admin/hex` }, { feed: `http://localhost:${srv.port}/feed.xml` }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^refused: /);
    }
    expect([...srv.hits.keys()].filter((p) => p.startsWith('/admin')).length).toBe(before);
    expect(srv.hits.get('/feed.xml') ?? 0).toBe(0);
    expect((await store.counts()).articles).toBe(0);
    await store.close();
  });

  it('--allow-private-network lets a trusted feed bring its items’ pages', async () => {
    const dir = tmp('ssrf');
    const r = await cliAsync(['analyze', `${srv.base}/feed.xml`, '--allow-private-network', '--json', join(dir, 'out.json'), '-q']);
    expect(r.code).toBeLessThan(2);
    expect(srv.hits.get('/admin/secret?token=1')).toBeGreaterThan(0);
  });
});
