import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../app/ingest.js';
import { openSqlite, type StoreBackend } from '../store/index.js';
import { rehabs, shootings } from '../../test/helpers/storylines.js';
import { createApp } from './app.js';

// The storyline pages and API, called through Hono's app.request(): no socket, the real routes and store.
let store: StoreBackend;
let app: ReturnType<typeof createApp>;
const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : await res.text() };
};

beforeAll(async () => {
  store = openSqlite(':memory:', { create: true });
  await ingestDocuments(store, [...shootings, ...rehabs]);
  app = createApp({ store, allowedHosts: ['localhost', '127.0.0.1'] });
});

describe('storylines API and pages', () => {
  it('lists storylines, those of several stories with minEvents=2', async () => {
    const all = await get('/api/storylines');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4); // Tucson (shooting + hearing), Dayton, two rehabs
    const linked = await get('/api/storylines?minEvents=2');
    expect(linked.body.storylines).toEqual([expect.objectContaining({ eventCount: 2, articleCount: 3, firstPublished: '2024-03-04', lastPublished: '2024-05-28' })]);
    expect((await get('/api/storylines?minEvents=0')).status).toBe(400);
  });

  it('gives one storyline with its stories in order, their days and outlets, and its articles', async () => {
    const id = (await get('/api/storylines?minEvents=2')).body.storylines[0].id;
    const { status, body } = await get(`/api/storylines/${id.slice(0, 6)}`);
    expect(status).toBe(200);
    expect(body.storyline).toMatchObject({ id, eventCount: 2, first: '2024-03-04', last: '2024-05-28', changes: [] });
    expect(body.events.map((e: any) => [e.first, e.outlets])).toEqual([
      ['2024-03-04', ['Desert Ledger', 'Valley Wire']],
      ['2024-05-28', ['Desert Ledger']],
    ]);
    expect(body.articles).toHaveLength(3);
    expect((await get('/api/storylines/ffffffff')).status).toBe(404);
  });

  it('draws the storyline page: its stories on a time axis, linked; the story page links its storyline', async () => {
    const { storylines } = (await get('/api/storylines?minEvents=2')).body;
    const page = (await get(`/storylines/${storylines[0].id}`)).body as string;
    expect(page).toContain('Its stories on a time axis');
    expect(page).toMatch(/<figure class="chart timeline-chart"[^>]*><div class="chart-box"><svg/);
    const events = (await get(`/api/storylines/${storylines[0].id}`)).body.events;
    for (const e of events) expect(page).toContain(`href="/stories/${e.id}"`);
    expect((await get(`/stories/${events[1].id}`)).body).toContain(`href="/storylines/${storylines[0].id}"`);
    const list = (await get('/storylines')).body as string;
    expect(list).toContain(`/storylines/${storylines[0].id}`);
    expect(list).not.toContain('Carla Venn');
    expect((await get('/storylines?all=1')).body).toContain('Carla Venn');
  });
});
