import type { Context, Hono } from 'hono';
import { checkedStoryline, type CheckedStoryline } from '../app/storylines.js';
import type { StoreBackend } from '../store/backend.js';
import { sourceName } from '../util/names.js';
import { ApiError } from './errors.js';
import { storylinePage, storylinesPage } from './pages/storylines.js';

/** Storylines cross-checked across their events, kept in memory while they do not change (at most `max`, least recently read dropped). */
class StorylineBook {
  private readonly cache = new Map<string, { version: string; entry: CheckedStoryline }>();
  constructor(
    private readonly store: StoreBackend,
    private readonly max = 200,
  ) {}

  async get(idOrPrefix: string): Promise<CheckedStoryline | null> {
    let id: string;
    try {
      id = await this.store.resolveStoryline(idOrPrefix);
    } catch {
      return null;
    }
    const summary = await this.store.storylineSummary(id);
    if (!summary) return null;
    const version = `${summary.eventCount}:${summary.articleCount}:${summary.lastPublished ?? ''}`;
    const hit = this.cache.get(id);
    if (hit && hit.version === version) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit.entry;
    }
    const entry = await checkedStoryline(this.store, id, summary);
    if (!entry) return null;
    this.cache.delete(id);
    this.cache.set(id, { version, entry });
    while (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}

/**
 * The storyline pages and API (schema version 6): `/storylines` (those of two or more stories, or
 * `?all=1`), `/storylines/{id}`, `/api/storylines` (paginated; `minEvents`), `/api/storylines/{id}`
 * (the storyline with what changed between its stories, its stories and articles as summaries, the
 * copies across them). `paging` and `intParam` are the app's own parameter checks.
 */
export function storylineRoutes(app: Hono, store: StoreBackend, paging: (c: Context, fallback: number) => { limit: number; offset: number }, intParam: (c: Context, name: string, fallback: number, min: number, max: number) => number): void {
  const book = new StorylineBook(store);
  const get = async (c: Context) => {
    const s = await book.get(c.req.param('id')!);
    if (!s) throw new ApiError(404, `no storyline ${c.req.param('id')}`);
    return s;
  };
  app.get('/storylines', async (c) => {
    const { limit, offset } = paging(c, 20);
    const all = c.req.query('all') === '1';
    return c.html(storylinesPage(await store.listStorylines({ limit, offset, minEvents: all ? 1 : 2 }), limit, offset, all));
  });
  app.get('/storylines/:id', async (c) => c.html(storylinePage(await get(c))));
  app.get('/api/storylines', async (c) => {
    const { limit, offset } = paging(c, 20);
    const page = await store.listStorylines({ limit, offset, minEvents: intParam(c, 'minEvents', 1, 1, 100_000) });
    return c.json({ total: page.total, limit, offset, next: offset + page.storylines.length < page.total ? offset + limit : null, storylines: page.storylines });
  });
  app.get('/api/storylines/:id', async (c) => {
    const s = await get(c);
    const byId = new Map(s.articles.map((a) => [a.id, a]));
    const line = s.storyline;
    return c.json({
      storyline: { id: line.id, title: line.title, eventIds: line.eventIds, first: line.first, last: line.last, eventCount: s.summary.eventCount, articleCount: s.summary.articleCount, changes: line.check.changes, checked: { articles: line.check.articles, leftOut: line.check.leftOut } },
      events: s.events.map((e) => {
        const days = e.articleIds.map((id) => byId.get(id)?.meta.published).filter((d): d is string => !!d).sort();
        return { id: e.id, title: e.title, articleIds: e.articleIds, first: days[0] ?? null, last: days.at(-1) ?? null, outlets: [...new Set(e.articleIds.map((id) => byId.get(id)).filter((a) => a !== undefined).map((a) => a.meta.outlet ?? sourceName(a)))] };
      }),
      articles: s.articles.map((a) => ({ id: a.id, storyId: s.events.find((e) => e.articleIds.includes(a.id))?.id ?? null, title: a.meta.title, outlet: a.meta.outlet, published: a.meta.published, url: a.meta.url })),
      reuseAcross: s.reuseAcross,
      eventsLeftOut: s.eventsLeftOut,
    });
  });
}
