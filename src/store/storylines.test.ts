import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { storeArticles } from '../app/ingest.js';
import { byDate } from '../cluster/index.js';
import { copiedAcross, rehabs, shootings } from '../../test/helpers/storylines.js';
import { openSqlite, type StoreBackend } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-storylines-'));

/** Storylines as sets of events, each a set of article ids, order-free. */
const shape = (lines: readonly { eventIds: readonly string[] }[], members: (story: string) => readonly string[]) =>
  lines.map((l) => l.eventIds.map((e) => [...members(e)].sort().join(',')).sort().join(' | ')).sort();

const run = await analyzeExtracted([...shootings, ...rehabs, ...copiedAcross], { crossCheck: false });

describe('storylines in the store', () => {
  const ordered = [...run.articles].sort(byDate);
  const batch = shape(run.storylines!, (e) => run.stories.find((s) => s.id === e)!.articleIds);

  const stored = async (store: StoreBackend) => {
    const lines = [];
    const members = new Map<string, readonly string[]>();
    for (const l of (await store.listStorylines()).storylines) {
      const line = (await store.storedStoryline(l.id))!;
      lines.push(line.storyline);
      for (const e of line.events) members.set(e.id, e.articleIds);
    }
    return shape(lines, (e) => members.get(e)!);
  };

  it('places events into storylines online, as a batch does: the same storylines, ids and dates', async () => {
    const store = openSqlite(join(tmp(), 's.db'), { create: true });
    await storeArticles(store, ordered);
    expect(await stored(store)).toEqual(batch);
    for (const l of run.storylines!) {
      const s = (await store.storedStoryline(l.id))!;
      expect(s.storyline).toMatchObject({ id: l.id, title: l.title, first: l.first, last: l.last });
      expect([...s.storyline.eventIds].sort()).toEqual([...l.eventIds].sort());
      for (const e of l.eventIds) expect((await store.storylineOf(e))!.id).toBe(l.id);
    }
    const linked = (await store.listStorylines({ minEvents: 2 })).storylines;
    expect(linked.map((l) => l.id).sort()).toEqual(run.storylines!.filter((l) => l.eventIds.length > 1).map((l) => l.id).sort());
    expect(linked.find((l) => l.title.includes('Tucson'))).toMatchObject({ eventCount: 2, articleCount: 3, firstPublished: '2024-03-04', lastPublished: '2024-05-28' });
    await store.close();
  });

  it('goes on after a commit as if it had never stopped (the suspect in court links to the shooting across ingests)', async () => {
    const store = openSqlite(join(tmp(), 'r.db'), { create: true });
    const cut = ordered.findIndex((a) => a.source === 'tucson-c');
    await storeArticles(store, ordered.slice(0, cut), { commitEvery: 2 });
    await store.close();
    const again = openSqlite(store.location);
    await storeArticles(again, ordered.slice(cut), { commitEvery: 2 });
    expect(await stored(again)).toEqual(batch);
    await again.close();
  });

  it('keeps the passage copied across two stories, as the batch finds it', async () => {
    const store = openSqlite(join(tmp(), 'c.db'), { create: true });
    await storeArticles(store, ordered);
    const id = (src: string) => run.articles.find((a) => a.source === src)!.id;
    const budget = run.stories.find((s) => s.articleIds.includes(id('budget-b')))!.id;
    const found = await store.reuseAcrossOf(budget);
    expect(found).toEqual(run.reuseAcross!.filter((r) => r.to === id('budget-b')));
    expect(found[0]).toMatchObject({ from: id('strike-a'), to: id('budget-b'), relation: 'copy' });
    await store.close();
  });

  it('gives the stories of a store made before storylines each a storyline of its own, once', async () => {
    const path = join(tmp(), 'old.db');
    const v5 = openSqlite(path, { create: true, schemaVersion: 5 });
    await storeArticles(v5, ordered.filter((a) => a.source.startsWith('tucson')));
    await v5.close();
    const now = openSqlite(path);
    await storeArticles(now, ordered.filter((a) => a.source.startsWith('dayton')));
    const lines = (await now.listStorylines()).storylines;
    expect(lines.reduce((n, l) => n + l.eventCount, 0)).toBe((await now.counts()).stories);
    for (const s of await now.listStories()) expect((await now.storylineOf(s.id))).not.toBeNull();
    await now.close();
  });
});
