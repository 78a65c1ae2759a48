import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleJson } from '../report/json.js';
import type { StoreBackend } from '../store/backend.js';
import { snippetParts, type OutletSummary, type StoryFilter, type StoryMeta } from '../store/browse.js';
import { packageRoot } from '../util/paths.js';
import type { Watcher } from '../watch/watcher.js';
import { StoryBook } from './book.js';
import { cacheKey, RenderCache } from './render-cache.js';
import { ApiError } from './errors.js';
import { planIngest } from './ingest.js';
import { IngestJobs, jobJson } from './jobs.js';
import { leastBusy, Lane } from './lanes.js';
import { storyJson } from './views.js';
import { QueryError } from '../store/query.js';
import type { SearchHit } from '../store/store.js';
import { outletProfile } from './outlets.js';
import { articlePage } from './pages/article.js';
import { problemPage } from './pages/layout.js';
import { feedsPage, outletPage, outletsPage, searchPage } from './pages/misc.js';
import { storiesPage } from './pages/stories.js';
import { CLAIM_SORTS, storyPage, type ClaimFilter } from './pages/story.js';
import { evidencePage, findClaim } from './pages/evidence.js';
import { CSV_TABLES, csvTables, type CsvTable } from '../report/csv.js';
import { CHART_CSS } from '../report/charts.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../model/check.js';
import { STORY_SORTS, type StorySort } from '../store/browse.js';
import { indexAnswers } from '../store/story-index.js';
import { DEFAULT_INGEST_WAIT_S, MAX_BODY_BYTES, MAX_PAGE_SIZE, OUTLET_STORIES, SEARCH_BUDGET_MS, STORY_CHECK_BUDGET_MS } from './settings.js';
import { printable } from '../util/printable.js';
import { storylineRoutes } from './storylines.js';
import { storylineNote } from './pages/storylines.js';

export interface AppOptions {
  readonly store: StoreBackend;
  /** Bearer token the write endpoints require; null: none (loopback only). */
  readonly token?: string | null;
  /** Host names the server answers to (DNS-rebinding guard); null: any. */
  readonly allowedHosts?: readonly string[] | null;
  /** The feed watcher running inside this server, if any. */
  readonly watcher?: Watcher | null;
  /** Injectable for tests. */
  readonly fetch?: typeof fetch;
  /** Let URLs posted to the API, and the links inside what they fetch, reach loopback and private addresses. */
  readonly allowPrivateNetwork?: boolean;
  /** Time budget of one search, in ms (default SEARCH_BUDGET_MS). */
  readonly searchBudgetMs?: number;
}

/** The static files the pages use: a fixed map, so no request path ever reaches the file system. */
function staticFiles(): Map<string, { body: string; type: string }> {
  const dir = join(packageRoot(), 'data', 'web');
  return new Map([
    // The charts' rules come from the module that draws them (the HTML report inlines the same).
    ['app.css', { body: readFileSync(join(dir, 'app.css'), 'utf8') + CHART_CSS, type: 'text/css; charset=utf-8' }],
    ['app.js', { body: readFileSync(join(dir, 'app.js'), 'utf8'), type: 'text/javascript; charset=utf-8' }],
  ]);
}

let openapi: string | undefined;

/**
 * The web app and its JSON API over one store (Hono: routes, body limit and security headers from
 * the framework; `app.request()` lets tests call it without a socket).
 *
 * Pages are rendered on the server from the store (no build step, no client framework; a small
 * script adds keyboard shortcuts). Every text from an article is escaped by the `html` template;
 * the Content-Security-Policy allows scripts and styles from this origin only, so even a markup
 * mistake could not run an article's script.
 *
 * The server never waits on one request: ingests run as jobs in a worker thread (lanes.ts, jobs.ts;
 * POST /api/ingest answers with the outcome when it comes within `?wait=` seconds, else 202 and
 * the job's URL), and searches in another, each with a time budget (503 past it) and limits on
 * the query (400, store/query.ts). `close()` stops the workers.
 */
export function createApp(options: AppOptions): Hono & { close(): Promise<void>; warmViews(storyId: string): Promise<void> } {
  const { store } = options;
  const lanes = { ingest: new Lane(store, { allowPrivateNetwork: options.allowPrivateNetwork, canWatch: Boolean(options.watcher), fetch: options.fetch }), read: new Lane(store, { fetch: options.fetch, storyIndex: true }), check: new Lane(store, { fetch: options.fetch }) };
  lanes.ingest.warm();
  lanes.read.warm();
  // A story read before its cross-check was kept (a store ingested with --no-crosscheck) is checked in a worker too.
  const checksMade = (ids: readonly string[], known?: StoryMeta) =>
    lanes.check.threaded ? book.prepare(ids, (id) => lanes.check.run('story', { id }, { budgetMs: STORY_CHECK_BUDGET_MS, what: `the cross-check of story ${id}` }), known) : Promise.resolve();
  const jobs = new IngestJobs(lanes.ingest);
  // The watcher's new items are stored through the same lane, one writer at a time, off the main thread.
  if (lanes.ingest.threaded) options.watcher?.ingestWith((docs) => lanes.ingest.run('docs', { docs }));
  // Story lists filtered by text are made in the search worker; so are the others its story index
  // can answer (any but by outlet, kind or verdict: a page deep in the list costs there what the
  // first does) once it is up, and here by SQL until then (a server just started answers at once).
  const findStoriesOff = (filter: StoryFilter, page: { limit: number; offset: number }) =>
    filter.q || (lanes.read.ready && indexAnswers(filter))
      ? lanes.read.run('stories', { filter, page }, { budgetMs: options.searchBudgetMs ?? SEARCH_BUDGET_MS, what: filter.q ? 'the text filter' : 'the story list' })
      : store.findStories(filter, page);
  // Rendered pages, JSON bodies and search hits, keyed by what they are made from (render-cache.ts).
  const rendered = new RenderCache();
  const searchHits = async (q: string, c: Context) => {
    const { limit, offset } = paging(c, 20);
    // Hits change only when an article is added: kept by the store's version.
    const run = async () => JSON.stringify(await lanes.read.run('search', { q, limit: limit + 1, offset }, { budgetMs: options.searchBudgetMs ?? SEARCH_BUDGET_MS, what: 'the search' }));
    const found = q ? (JSON.parse(await rendered.get(cacheKey('search', await store.storeVersion(), q, limit, offset), run)) as SearchHit[]) : [];
    return { limit, offset, more: found.length > limit, hits: found.slice(0, limit).map((hit) => ({ hit, ...snippetParts(hit) })) };
  };
  const book = new StoryBook(store);
  // Story pages and story JSON are made off the main thread, in two lanes (one may wait on the
  // database while the other renders), so a big story never holds the requests behind it.
  const views = [new Lane(store, { fetch: options.fetch }), new Lane(store, { fetch: options.fetch })];
  for (const v of views) v.warm();
  /**
   * A story page or its JSON: kept rendered by the story's version, its storyline and the query;
   * made in a view lane from the store, or here when the story is in memory (its check computed
   * on view) or the store cannot be shared with a thread.
   */
  const storyView = async (id: string, view: 'page' | 'json', filter: ClaimFilter = {}): Promise<string> => {
    const meta = await store.storyMeta(id);
    if (!meta) throw new ApiError(404, `no story ${id}`);
    const line = await store.storylineOf(id);
    const note = storylineNote(line);
    const key = view === 'page' ? cacheKey('page', id, meta.version, JSON.stringify(filter), note.value) : cacheKey('json', id, meta.version, JSON.stringify(line));
    return rendered.get(key, async () => {
      await checksMade([id], meta);
      const here = book.peek(id, meta.version);
      const made = here
        ? view === 'page' ? storyPage(here, filter, note) : storyJson(here, line)
        : views[0]!.threaded
          ? await leastBusy(views).run(view === 'page' ? 'page' : 'storyJson', view === 'page' ? { id, filter, note: note.value } : { id, storyline: line })
          : await (async () => {
              const s = await book.get(id);
              return s && (view === 'page' ? storyPage(s, filter, note) : storyJson(s, line));
            })();
      if (made === null) throw new ApiError(404, `no story ${id}`);
      return made;
    });
  };
  const files = staticFiles();
  // Outlets and totals are computed over the whole store: kept until an article is added.
  // Kept as promises, so the readers that come while they are computed wait for that one computation.
  let whole: { version: number; value: Promise<{ version: number; outlets: OutletSummary[]; counts: { articles: number; stories: number } }> } | null = null;
  // A list of stories changes only when an article is added (the store's version), except by the
  // verdict filter, which reads the kept cross-checks (computed on view too): that one is not kept.
  const listed = (version: number, kind: string, filter: StoryFilter, page: { limit: number; offset: number }, make: () => Promise<string>) =>
    filter.verdict ? make() : rendered.get(cacheKey(kind, version, JSON.stringify(filter), page.limit, page.offset), make);
  const overview = async () => {
    const version = await store.storeVersion();
    if (whole?.version !== version) whole = { version, value: (async () => ({ version, outlets: await store.listOutlets(), counts: await counts(version) }))() };
    const mine = whole;
    return mine.value.catch((error: unknown) => {
      if (whole === mine) whole = null; // a failure is not kept
      throw error;
    });
  };
  // The totals (count(*) of every article and story, scans that grow with the store) by the same key, for /api/health too.
  let counted: { version: number; counts: Promise<{ articles: number; stories: number }> } | null = null;
  const counts = async (version?: number) => {
    const v = version ?? (await store.storeVersion());
    if (counted?.version !== v) counted = { version: v, counts: store.counts() };
    const mine = counted;
    return mine.counts.catch((error: unknown) => {
      if (counted === mine) counted = null;
      throw error;
    });
  };
  const app = new Hono();
  const isApi = (c: Context) => c.req.path.startsWith('/api/');
  const fail = (c: Context, status: number, message: string) =>
    isApi(c) ? c.json({ error: { status, message } }, status as 400) : c.html(problemPage(status, message), status as 400);

  app.onError((error, c) => {
    if (error instanceof ApiError) return fail(c, error.status, error.message);
    if (error instanceof QueryError) return fail(c, 400, error.message);
    if (process.env.TRIANGULATE_DEBUG) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write(`triangulate serve: ${c.req.method} ${printable(c.req.path)}: ${printable(error.message)}\n`);
    return fail(c, 500, 'internal error');
  });
  app.notFound((c) => fail(c, 404, `no such page: ${c.req.path}`));

  // DNS rebinding: a page on another site must not reach this server through a name that resolves to 127.0.0.1.
  app.use('*', async (c, next) => {
    if (options.allowedHosts && !options.allowedHosts.includes(new URL(c.req.url).hostname)) return fail(c, 403, `this server does not answer to the host ${new URL(c.req.url).hostname}`);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      // Plain http on loopback: HSTS would only confuse other local services on this host name.
      strictTransportSecurity: false,
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // On the response's own headers, as secureHeaders does: c.header() after the handler copies the
    // response into a stream (Hono), and @hono/node-server then reads it back chunk by chunk — on a
    // story page kept rendered, most of the request's CPU time.
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-cache');
  });

  // Writes: same-origin only (no cross-site form posts), and the bearer token when one is set.
  const guardWrite = async (c: Context, next: () => Promise<void>) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== new URL(c.req.url).host)) throw new ApiError(403, 'cross-origin writes are refused');
    if (options.token) {
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(options.token);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ApiError(401, 'this endpoint needs the server token: Authorization: Bearer <token>');
    }
    await next();
  };

  // ---- static files
  app.get('/static/:name', (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return fail(c, 404, 'no such file');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(f.body, 200, { 'content-type': f.type });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));

  // ---- pages
  app.get('/', async (c) => {
    const { limit, offset } = paging(c, 20);
    const filter = storyFilter(c);
    const { version, outlets, counts } = await overview();
    return c.html(await listed(version, 'list', filter, { limit, offset }, async () => storiesPage(await findStoriesOff(filter, { limit, offset }), filter, limit, offset, outlets, counts)));
  });
  app.get('/stories/:id', async (c) => c.html(await storyView(c.req.param('id'), 'page', claimFilter(c))));
  app.get('/stories/:id/claims/:claim', async (c) => {
    const s = await book.get(c.req.param('id'));
    if (!s) throw new ApiError(404, `no story ${c.req.param('id')}`);
    const claim = findClaim(s, c.req.param('claim'));
    if (!claim) throw new ApiError(404, `story ${s.story.id} has no claim ${c.req.param('claim')} (the story may have grown since the link was made)`);
    return c.html(evidencePage(s, claim));
  });
  // CSV exports of one story: /stories/:id/claims.csv, mentions.csv, quotes.csv, labels.csv, loaded.csv.
  app.get('/stories/:id/:file{[a-z]+\\.csv}', async (c) => {
    const table = c.req.param('file').replace(/\.csv$/, '') as CsvTable;
    if (!CSV_TABLES.includes(table)) throw new ApiError(404, `no table ${table}; there are ${CSV_TABLES.join(', ')}`);
    const s = await book.get(c.req.param('id'));
    if (!s) throw new ApiError(404, `no story ${c.req.param('id')}`);
    const csv = csvTables({ articles: s.articles, entities: s.entities, stories: [s.story], errors: [] }).get(table)!;
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="story-${s.story.id}-${table}.csv"` });
  });
  app.get('/articles/:id', async (c) => {
    const found = await store.getArticle(c.req.param('id'));
    if (!found) throw new ApiError(404, `no article ${c.req.param('id')}`);
    const m = /^(\d{1,9})-(\d{1,9})$/.exec(c.req.query('hl') ?? '');
    return c.html(articlePage(found.article, found.storyId, m ? { start: Number(m[1]), end: Number(m[2]) } : null));
  });
  app.get('/outlets', async (c) => c.html(outletsPage((await overview()).outlets)));
  app.get('/outlets/:name', async (c) => {
    await checksMade(await store.outletStories(c.req.param('name'), OUTLET_STORIES));
    const p = await outletProfile(store, book, c.req.param('name'), OUTLET_STORIES);
    if (!p) throw new ApiError(404, `no outlet ${c.req.param('name')}`);
    return c.html(outletPage(p));
  });
  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const { limit, offset, hits, more } = await searchHits(q, c);
    return c.html(searchPage(q, hits, offset, limit, more));
  });
  app.get('/feeds', async (c) => c.html(feedsPage(await store.listFeeds(), Boolean(options.watcher))));

  // ---- API
  app.get('/api/openapi.json', (c) => {
    openapi ??= readFileSync(join(packageRoot(), 'data', 'openapi.json'), 'utf8');
    return c.body(openapi, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.get('/api/health', async (c) => c.json({ ok: true, schemaVersion: await store.schemaVersion(), ...(await counts()), watching: Boolean(options.watcher) }));
  app.get('/api/stories', async (c) => {
    const { limit, offset } = paging(c, 20);
    const filter = storyFilter(c);
    const body = await listed(await store.storeVersion(), 'api-list', filter, { limit, offset }, async () => {
      const page = await findStoriesOff(filter, { limit, offset });
      return JSON.stringify({ total: page.total, limit, offset, next: offset + page.stories.length < page.total ? offset + limit : null, stories: page.stories });
    });
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
  app.get('/api/stories/:id', async (c) => {
    return c.body(await storyView(c.req.param('id'), 'json'), 200, { 'content-type': 'application/json' });
  });
  app.get('/api/stories/:id/claims/:claim', async (c) => {
    const s = await book.get(c.req.param('id'));
    if (!s) throw new ApiError(404, `no story ${c.req.param('id')}`);
    const claim = findClaim(s, c.req.param('claim'));
    if (!claim) throw new ApiError(404, `story ${s.story.id} has no claim ${c.req.param('claim')}`);
    return c.json({ storyId: s.story.id, claim, verdict: { status: claim.status, ...CLAIM_STATUSES[claim.status] } });
  });
  app.get('/api/articles', async (c) => {
    const { limit, offset } = paging(c, 20);
    const page = await store.findArticles({ story: c.req.query('story'), outlet: c.req.query('outlet') }, { limit, offset });
    return c.json({ total: page.total, limit, offset, next: offset + page.articles.length < page.total ? offset + limit : null, articles: page.articles });
  });
  app.get('/api/articles/:id', async (c) => {
    const found = await store.getArticle(c.req.param('id'));
    if (!found) throw new ApiError(404, `no article ${c.req.param('id')}`);
    return c.json({ storyId: found.storyId, ...articleJson(found.article) });
  });
  app.get('/api/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    if (!q) throw new ApiError(400, 'missing query parameter q');
    const { limit, offset, hits, more } = await searchHits(q, c);
    return c.json({
      query: q,
      limit,
      offset,
      next: more ? offset + limit : null,
      hits: hits.map(({ hit, text, highlights }) => ({ ...hit, snippet: text, highlights })),
    });
  });
  app.get('/api/outlets', async (c) => c.json({ outlets: (await overview()).outlets }));
  app.get('/api/outlets/:name', async (c) => {
    await checksMade(await store.outletStories(c.req.param('name'), OUTLET_STORIES));
    const p = await outletProfile(store, book, c.req.param('name'), OUTLET_STORIES);
    if (!p) throw new ApiError(404, `no outlet ${c.req.param('name')}`);
    return c.json(p);
  });
  app.get('/api/feeds', async (c) => c.json({ watching: Boolean(options.watcher), feeds: await store.listFeeds() }));
  app.post(
    '/api/ingest',
    guardWrite,
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 413, `the body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`) }),
    async (c) => {
      const hints = { title: c.req.query('title') ?? null, outlet: c.req.query('outlet') ?? null, published: c.req.query('published') ?? null, url: c.req.query('url') ?? null };
      if (store.readonly) throw new ApiError(503, 'this store is read-only; the server cannot ingest into it');
      const waitS = intParam(c, 'wait', DEFAULT_INGEST_WAIT_S, 0, 300);
      const plan = planIngest({ contentType: c.req.header('content-type') ?? '', body: await c.req.text(), hints }, { allowPrivateNetwork: options.allowPrivateNetwork });
      const job = jobs.submit(plan);
      if (await jobs.wait(job, waitS * 1000)) return c.json({ ...job.result, job: job.id }, (job.status ?? 500) as 200);
      c.header('location', `/api/ingest/${job.id}`);
      return c.json({ job: jobJson(job) }, 202);
    },
  );
  app.get('/api/ingest/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    if (!job) throw new ApiError(404, `no ingest job ${c.req.param('id')} (jobs are kept while the server runs, the last 200)`);
    return c.json(jobJson(job));
  });

  storylineRoutes(app, store, paging, intParam);
  app.all('/api/*', (c) => fail(c, c.req.method === 'GET' ? 404 : 405, `no endpoint ${c.req.method} ${c.req.path}`));
  return Object.assign(app, {
    close: async () => void (await Promise.all([lanes.ingest.close(), lanes.read.close(), lanes.check.close(), ...views.map((v) => v.close())])),
    // Each view lane renders a story once (nothing kept): its thread loads the lexicons and compiles the page code before the first reader comes.
    warmViews: async (storyId: string) => void (views[0]!.threaded ? await Promise.all(views.map((v) => v.run('page', { id: storyId, filter: {}, note: '' }))) : undefined),
  });
}

function paging(c: Context, fallback: number): { limit: number; offset: number } {
  return { limit: intParam(c, 'limit', fallback, 1, MAX_PAGE_SIZE), offset: intParam(c, 'offset', 0, 0, 10_000_000) };
}

function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function dayParam(c: Context, name: string): string | null {
  const v = c.req.query(name);
  if (!v) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ApiError(400, `${name} must be a day as YYYY-MM-DD`);
  return v;
}

function oneOf<T extends string>(c: Context, name: string, values: readonly T[]): T | null {
  const v = c.req.query(name);
  if (!v) return null;
  if (!values.includes(v as T)) throw new ApiError(400, `${name} must be one of ${values.join(', ')}`);
  return v as T;
}

const KINDS = ['news', 'opinion', 'unknown'] as const;

function storyFilter(c: Context): StoryFilter {
  return {
    from: dayParam(c, 'from'),
    to: dayParam(c, 'to'),
    outlet: c.req.query('outlet') || null,
    q: c.req.query('q') || null,
    kind: oneOf(c, 'kind', KINDS),
    verdict: oneOf(c, 'verdict', Object.keys(CLAIM_STATUSES) as ClaimStatus[]),
    sort: oneOf(c, 'sort', Object.keys(STORY_SORTS) as StorySort[]),
  };
}

/** The claims filter of a story page: verdict, outlet (an article label), kind, dates, order, and claims=all. */
function claimFilter(c: Context): ClaimFilter {
  return {
    verdict: oneOf(c, 'verdict', Object.keys(CLAIM_STATUSES) as ClaimStatus[]),
    outlet: c.req.query('outlet') || null,
    kind: oneOf(c, 'kind', KINDS),
    from: dayParam(c, 'from'),
    to: dayParam(c, 'to'),
    sort: oneOf(c, 'sort', CLAIM_SORTS),
    all: c.req.query('claims') === 'all',
  };
}
