import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore } from '../app/ingest.js';
import { openSqlite, type StoreBackend } from '../store/index.js';
import { packageRoot } from '../util/paths.js';
import { createApp } from './app.js';

// The web app's API, called through Hono's app.request(): no socket, the real routes and store.
const demo = join(packageRoot(), 'examples', 'demo');
let store: StoreBackend;
let app: ReturnType<typeof createApp>;

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : await res.text() };
};
const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => app.request(path, { method: 'POST', body, headers });

beforeAll(async () => {
  store = openSqlite(':memory:', { create: true });
  await ingestIntoStore(store, [demo]);
  app = createApp({ store, allowedHosts: ['localhost', '127.0.0.1'] });
});

describe('stories API', () => {
  it('lists stories newest first with totals and pages', async () => {
    const all = await get('/api/stories');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe((await store.counts()).stories);
    const last = all.body.stories.map((s: any) => s.lastPublished);
    expect([...last].sort().reverse()).toEqual(last);
    const first = await get('/api/stories?limit=1');
    expect(first.body.stories).toHaveLength(1);
    expect(first.body.next).toBe(1);
    const second = await get('/api/stories?limit=1&offset=1');
    expect(second.body.stories[0].id).toBe(all.body.stories[1].id);
  });

  it('filters by outlet, dates and text', async () => {
    const blaze = await get('/api/stories?outlet=Daily%20Blaze');
    expect(blaze.body.total).toBeGreaterThan(0);
    for (const s of blaze.body.stories) expect(s.outlets).toContain('Daily Blaze');
    expect((await get('/api/stories?to=2000-01-01')).body.total).toBe(0);
    expect((await get('/api/stories?from=2024-03-01&to=2024-03-31')).body.total).toBe((await store.counts()).stories);
    const chlorine = await get('/api/stories?q=chlorine');
    expect(chlorine.body.total).toBe(1);
    expect(chlorine.body.stories[0].title).toMatch(/Maravel/);
    // Not FTS5 syntax: searched as plain words, not a 500.
    expect((await get('/api/stories?q=%22chlorine')).status).toBe(200);
  });

  it('answers bad parameters and unknown ids with JSON errors', async () => {
    const bad = await get('/api/stories?limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ status: 400, message: expect.stringContaining('limit') });
    expect((await get('/api/stories?from=yesterday')).status).toBe(400);
    const missing = await get('/api/stories/0000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.status).toBe(404);
    expect((await get('/api/nothing')).body.error.status).toBe(404);
  });

  it('gives a story with its copy chain and cross-check, spans standing in the texts', async () => {
    const id = (await get('/api/stories?q=chlorine')).body.stories[0].id;
    const { body, status } = await get(`/api/stories/${id}`);
    expect(status).toBe(200);
    expect(body.version).toBe(1);
    expect(body.story.articleIds).toHaveLength(body.articles.length);
    expect(body.story.reuse.length).toBeGreaterThan(0);
    expect(body.story.claims.some((c: any) => c.status === 'contested')).toBe(true);
    const text = new Map(body.articles.map((a: any) => [a.id, a.text]));
    for (const c of body.story.claims) for (const m of c.mentions) expect((text.get(m.articleId) as string).slice(m.start, m.end).length).toBe(m.end - m.start);
    for (const b of body.story.brief) expect(b.articleIds.length).toBeGreaterThan(0);
  });
});

describe('articles, search and outlets API', () => {
  it('lists a story\u2019s articles and gives one with its annotations', async () => {
    const id = (await get('/api/stories?q=chlorine')).body.stories[0].id;
    const list = await get(`/api/articles?story=${id}&limit=100`);
    expect(list.body.total).toBe(list.body.articles.length);
    const a = await get(`/api/articles/${list.body.articles[0].id}`);
    expect(a.body.storyId).toBe(id);
    for (const q of a.body.quotes) expect(a.body.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('searches with highlighted words inside each snippet', async () => {
    const { body } = await get('/api/search?q=chlorine');
    expect(body.hits.length).toBeGreaterThan(0);
    for (const h of body.hits) {
      expect(h.highlights.length).toBeGreaterThan(0);
      for (const [s, e] of h.highlights) expect(h.snippet.slice(s, e).toLowerCase()).toContain('chlorine');
    }
    expect((await get('/api/search')).status).toBe(400);
  });

  it('profiles an outlet: its loaded words in its own voice, against the others in the same stories', async () => {
    const outlets = (await get('/api/outlets')).body.outlets;
    expect(outlets.map((o: any) => o.outlet)).toContain('Daily Blaze');
    const { body } = await get('/api/outlets/Daily%20Blaze');
    expect(body.loaded.ownVoice).toBeGreaterThan(0);
    expect(body.loaded.top.map(([w]: [string]) => w)).toContain('inferno');
    expect(body.loaded.perThousand).toBeGreaterThan(body.loaded.othersPerThousand);
    expect((await get('/api/outlets/Nobody')).status).toBe(404);
  });

  it('documents every API route in the OpenAPI file it serves', async () => {
    const spec = (await get('/api/openapi.json')).body;
    expect(spec.openapi).toMatch(/^3\./);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(spec.paths[path], path).toBeDefined();
      expect(spec.paths[path][r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
  });
});

describe('stories for analysts', () => {
  it('filters stories by article kind and verdict, and sorts them', async () => {
    const opinion = await get('/api/stories?kind=opinion');
    expect(opinion.body.total).toBeGreaterThan(0);
    const contested = await get('/api/stories?verdict=contested');
    expect(contested.body.stories.map((s: any) => s.title)).toContainEqual(expect.stringMatching(/Maravel/));
    expect((await get('/api/stories?verdict=changed')).body.total).toBe(0);
    const most = (await get('/api/stories?sort=articles')).body.stories.map((s: any) => s.articleCount);
    expect([...most].sort((a, b) => b - a)).toEqual(most);
    expect((await get('/api/stories?verdict=true')).status).toBe(400);
  });

  it('gives a claim its evidence at a permalink, as a page and as JSON', async () => {
    const id = (await get('/api/stories?q=chlorine')).body.stories[0].id;
    const story = (await get(`/api/stories/${id}`)).body.story;
    const claim = story.claims.find((c: any) => c.articles > 1);
    const json = await get(`/api/stories/${id}/claims/${claim.id}`);
    expect(json.body.claim.mentions).toHaveLength(claim.mentions.length);
    expect(json.body.verdict.status).toBe(claim.status);
    const page = await get(`/stories/${id}/claims/${claim.id}`);
    expect(page.status).toBe(200);
    expect((page.body as string).match(/<li class="mention"/g)).toHaveLength(claim.mentions.length);
    expect((await get(`/stories/${id}/claims/nope`)).status).toBe(404);
  });

  it('serves each CSV table of a story, and no other file', async () => {
    const id = (await get('/api/stories?q=chlorine')).body.stories[0].id;
    const res = await app.request(`/stories/${id}/claims.csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await res.text()).split('\n')[0]).toMatch(/^story_id,story_title,claim_id,verdict/);
    expect((await get(`/stories/${id}/secrets.csv`)).status).toBe(404);
  });

  it('names sources on the story page, counts quotes by articles, and finds the officials among the quoted', async () => {
    const id = (await get('/api/stories?q=chlorine')).body.stories[0].id;
    const html = (await get(`/stories/${id}`)).body as string;
    expect(html).not.toMatch(/· 0 outlets/);
    expect(html).toMatch(/\d+ articles? from \d+ sources?/);
    expect(html).toMatch(/quotes? in \d+ articles? from \d+ sources?/);
    // "Fire Chief Lena Orsk": the cross-check leaves her 'other'; her title makes her an official.
    const wire = (await get('/api/outlets/Coastline%20Wire')).body;
    const roles = Object.fromEntries(wire.quotedRoles);
    expect(roles.official).toBeGreaterThanOrEqual(4);
  });
});

describe('ingest API', () => {
  const article = {
    title: 'Harbour authority reopens Maravel port after chemical blast',
    text: 'The harbour authority reopened the port of Maravel on Friday, three days after the explosion at the Duvall Chemicals plant.\nPort director Ana Velez said air quality readings were back to normal.',
    outlet: 'Test Gazette',
    published: '2024-03-08',
    url: 'https://test-gazette.example/maravel-port',
  };

  it('adds an article once, places it in a story, and changes nothing the second time', async () => {
    const before = (await store.counts()).articles;
    const res = await post('/api/ingest', JSON.stringify({ article }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body.added).toBe(1);
    expect(body.articles[0].storyId).toMatch(/^[0-9a-f]{10}$/);
    expect((await store.counts()).articles).toBe(before + 1);
    const again = await post('/api/ingest', JSON.stringify({ article }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).known).toBe(1);
    expect((await store.counts()).articles).toBe(before + 1);
    const found = await get('/api/search?q=Velez');
    expect(found.body.hits[0].articleId).toBe(body.articles[0].id);
  });

  it('reads an HTML body, with metadata from the query', async () => {
    const page = '<html><head><title>Maravel plant inspection</title></head><body><article><h1>Maravel plant inspection</h1><p>Inspectors from the environment ministry visited the Duvall Chemicals plant in Maravel on Saturday and took soil samples near the storage tanks.</p><p>Their report is due next month, a ministry spokesman said.</p></article></body></html>';
    const res = await post('/api/ingest?outlet=Test%20Gazette&published=2024-03-09', page, { 'content-type': 'text/html; charset=utf-8' });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as any).articles[0].id;
    expect((await get(`/api/articles/${id}`)).body.outlet).toBe('Test Gazette');
  });

  it('refuses bad bodies with JSON errors', async () => {
    expect((await post('/api/ingest', '{not json')).status).toBe(400);
    expect((await post('/api/ingest', JSON.stringify({ url: 'javascript:alert(1)' }))).status).toBe(400);
    expect((await post('/api/ingest', JSON.stringify({ article: { title: 'no text' } }))).status).toBe(422);
    expect((await post('/api/ingest', 'x', { 'content-type': 'application/octet-stream' })).status).toBe(415);
    const big = await post('/api/ingest', JSON.stringify({ article: { ...article, text: 'word '.repeat(1_200_000) } }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error.status).toBe(413);
  });

  it('refuses cross-origin writes, a missing token and foreign host names', async () => {
    const cross = await post('/api/ingest', JSON.stringify({ article }), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    for (const origin of ['null', 'not a url']) expect((await post('/api/ingest', JSON.stringify({ article }), { 'content-type': 'application/json', origin })).status).toBe(403);
    const guarded = createApp({ store, token: 's3cret-token', allowedHosts: null });
    const noToken = await guarded.request('/api/ingest', { method: 'POST', body: JSON.stringify({ article }), headers: { 'content-type': 'application/json' } });
    expect(noToken.status).toBe(401);
    const withToken = await guarded.request('/api/ingest', { method: 'POST', body: JSON.stringify({ article }), headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret-token' } });
    expect(withToken.status).toBe(200);
    const rebound = await app.request('http://attacker.example/api/stories');
    expect(rebound.status).toBe(403);
  });
});

describe('pages', () => {
  it('serves every page with a CSP that allows no inline script, and escapes article text', async () => {
    const hostile = { title: '<script>window.__xss=1</script>Plant <img src=x onerror="window.__xss=2">', text: 'Residents of Maravel said <svg onload="window.__xss=3"> the smell was gone. <a href="javascript:window.__xss=4">link</a>', outlet: '<b>Evil</b> Outlet', published: '2024-03-09', url: 'javascript:window.__xss=5' };
    const res = await post('/api/ingest', JSON.stringify({ article: hostile }));
    const { id, storyId } = ((await res.json()) as any).articles[0];
    const pages = ['/', `/stories/${storyId}`, `/articles/${id}`, `/articles/${id}?hl=0-20`, '/outlets', `/outlets/${encodeURIComponent('<b>Evil</b> Outlet')}`, '/search?q=Maravel', '/feeds', '/search?q=%3Cscript%3E'];
    for (const p of pages) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-security-policy'), p).toMatch(/script-src 'self'/);
      const html = r.body as string;
      expect(html, p).not.toMatch(/<script>window|<img src=x|<svg onload|href="javascript:|<b>Evil/i);
    }
    expect((await get(`/articles/${id}`)).body).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  });

  it('serves static files from a fixed list only', async () => {
    const css = await get('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=3600');
    // Everything else is asked again each time (the pages change as the store grows), kept pages too.
    const [top] = await store.listStories({ limit: 1 });
    for (const path of ['/', `/stories/${top!.id}`, `/stories/${top!.id}`, '/api/stories', '/api/health', '/nope']) {
      const res = await app.request(path);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
    }
    expect((await get('/static/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('/static/../package.json')).status).toBe(404);
  });

  it('keeps the OpenAPI file valid JSON on disk', () => {
    expect(() => JSON.parse(readFileSync(join(packageRoot(), 'data', 'openapi.json'), 'utf8'))).not.toThrow();
  });
});

describe('pages kept in memory', () => {
  it('show a story that grew, and lists and searches after an article is added, as they are now', async () => {
    const own = openSqlite(':memory:', { create: true });
    await ingestIntoStore(own, [demo]);
    const web = createApp({ store: own, allowedHosts: ['localhost', '127.0.0.1'] });
    const text = async (path: string) => (await web.request(path)).text();
    const [top] = await own.listStories({ limit: 1 });
    const first = (await own.findArticles({ story: top!.id }, { limit: 1, offset: 0 })).articles[0]!;
    const stored = (await own.getArticle(first.id))!.article;
    const page = await text(`/stories/${top!.id}`);
    expect(await text(`/stories/${top!.id}`)).toBe(page);
    const json = await text(`/api/stories/${top!.id}`);
    const list = await text('/');
    expect(await text('/?q=Quorvex')).not.toContain('href="/stories/');
    const before = JSON.parse(await text('/api/health')).articles as number;
    // The same report again from another outlet, with one more sentence: it joins the story.
    const title = `${stored.meta.title ?? 'Report'} Quorvex`;
    const res = await web.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article: { title, text: `${stored.text}\nA Quorvex spokesman confirmed it.`, outlet: 'Second Gazette', published: stored.meta.published, url: 'https://second-gazette.example/quorvex' } }) });
    const placed = ((await res.json()) as any).articles[0];
    expect(placed.storyId).toBe(top!.id);
    const grown = await text(`/stories/${top!.id}`);
    expect(grown).not.toBe(page);
    expect(grown).toContain('Quorvex');
    expect(await text(`/api/stories/${top!.id}`)).not.toBe(json);
    expect(await text('/')).not.toBe(list);
    expect(await text('/?q=Quorvex')).toContain(`href="/stories/${top!.id}"`);
    expect(JSON.parse(await text('/api/health')).articles).toBe(before + 1);
    await web.close();
    await own.close();
  });
});

describe('story views made in a worker thread', () => {
  it('are the pages and JSON made in place, and 404 for a story that is not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triangulate-views-'));
    const file = openSqlite(join(dir, 'store.db'), { create: true });
    try {
      await ingestIntoStore(file, [demo]);
      const threaded = createApp({ store: file, allowedHosts: ['localhost', '127.0.0.1'] });
      // An injected fetch keeps every task in place (lanes.ts): the same routes, rendered on this thread.
      const inPlace = createApp({ store: file, allowedHosts: ['localhost', '127.0.0.1'], fetch: globalThis.fetch });
      const stories = await file.listStories({ limit: 3 });
      for (const path of stories.flatMap((s) => [`/stories/${s.id}`, `/stories/${s.id}?claims=all`, `/api/stories/${s.id}`])) {
        const [a, b] = await Promise.all([threaded.request(path), inPlace.request(path)]);
        expect(a.status, path).toBe(200);
        expect(await a.text(), path).toBe(await b.text());
      }
      expect((await threaded.request('/stories/ffffffffff')).status).toBe(404);
      expect((await threaded.request('/api/stories/ffffffffff')).status).toBe(404);
      await threaded.close();
      await inPlace.close();
    } finally {
      await file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
