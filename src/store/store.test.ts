import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, analyzeExtracted } from '../app/analyze.js';
import { ingestIntoStore, storeArticles } from '../app/ingest.js';
import { byDate, clusterStories } from '../cluster/index.js';
import { threeEvents, undatedFire } from '../../test/helpers/events.js';
import { syntheticStream, toJsonl } from '../../test/helpers/synthetic.js';
import { bcubed } from '../../eval/tasks/stories.js';
import { SCHEMA_VERSION, Store, StoreError } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-store-'));

/** Every row of every table, in a stable order: what "changes nothing" is checked against. */
function dump(store: Store): string {
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return JSON.stringify(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
}

/** Stories as sets of article sources, order-free. */
function membership(store: Store): string[][] {
  const rows = store.db.prepare('SELECT story_id, source FROM articles ORDER BY source').all() as { story_id: string; source: string }[];
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.story_id, [...(by.get(r.story_id) ?? []), r.source.replace(/^.*#/, '')]);
  return orderFree([...by.values()]);
}

/** Groups with their members sorted, in the order of their first members. */
function orderFree(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('store', () => {
  const stream = syntheticStream(24);
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = tmp();
    file = join(dir, 'stream.jsonl');
    writeFileSync(file, toJsonl(stream));
  });

  it('ingests, groups into stories and traces copies', async () => {
    const store = Store.open(join(dir, 'a.db'), { create: true });
    const s = await ingestIntoStore(store, [file]);
    expect(s.added).toBe(stream.length);
    expect(store.counts().articles).toBe(stream.length);
    const gold = new Map(stream.map((a) => [a.id, String(a.event)]));
    const score = bcubed(membership(store), gold);
    expect(score.f1).toBeGreaterThan(0.95);
    // Every copy (reports r1, r4 of an event) is traced to the event's first report.
    const pairs = store.db.prepare('SELECT data FROM reuse').all() as { data: string }[];
    expect(pairs.length).toBeGreaterThan(0);
    store.close();
  });

  it('is idempotent: ingesting the same inputs again changes nothing', async () => {
    const store = Store.open(join(dir, 'b.db'), { create: true });
    await ingestIntoStore(store, [file]);
    const before = dump(store);
    const again = await ingestIntoStore(store, [file]);
    expect(again).toMatchObject({ added: 0, known: stream.length, newStories: 0 });
    expect(dump(store)).toBe(before);
    store.close();
  });

  it('gives the same stories in one ingest, in two, or from files in another order', async () => {
    // What an outlet repeats is junk when its batch repeats it (clean/repeated.ts), so two batches
    // can cut other lines than one ("Construction is due to start next spring." closes each vote
    // report of an outlet): here each event has outlets of its own, so every batch cleans alike and
    // only the clusterer's state, carried from one ingest to the next, is under test.
    const own = stream.map((a) => ({ ...a, outlet: `${a.outlet} ${a.event}` }));
    writeFileSync(join(dir, 'own.jsonl'), toJsonl(own));
    const one = Store.open(join(dir, 'one.db'), { create: true });
    await ingestIntoStore(one, [join(dir, 'own.jsonl')]);
    // Two ingests split by date, the second a day-ordered remainder; and the lines shuffled.
    const sorted = [...own].sort((a, b) => a.published.localeCompare(b.published));
    const half = sorted.findIndex((a) => a.published >= sorted[Math.floor(sorted.length / 2)]!.published);
    writeFileSync(join(dir, 'first.jsonl'), toJsonl(sorted.slice(0, half).reverse()));
    writeFileSync(join(dir, 'second.jsonl'), toJsonl(sorted.slice(half).reverse()));
    const two = Store.open(join(dir, 'two.db'), { create: true });
    await ingestIntoStore(two, [join(dir, 'first.jsonl')]);
    await ingestIntoStore(two, [join(dir, 'second.jsonl')]);
    expect(membership(two)).toEqual(membership(one));
    one.close();
    two.close();
  });

  it('matches analyze: the same stories and the same copy chain', async () => {
    const run = await analyze([file]);
    const store = Store.open(join(dir, 'c.db'), { create: true });
    await ingestIntoStore(store, [file]);
    for (const s of run.stories) {
      const stored = store.story(s.id);
      expect(stored.story.articleIds).toEqual(s.articleIds);
      expect(stored.story.reuse).toEqual(s.reuse);
    }
    expect(store.counts().stories).toBe(run.stories.length);
    store.close();
  });

  it('compares an undated article with closed stories too, as analyze does', async () => {
    // The chemical plant fire's story is closed six weeks before the warehouse fire; an undated
    // report of the plant blast still belongs to it, in a store as in a batch.
    const docs = [...threeEvents.filter((d) => d.source.startsWith('fire')), undatedFire];
    const run = await analyzeExtracted(docs);
    const store = Store.open(join(dir, 'undated.db'), { create: true });
    storeArticles(store, [...run.articles].sort(byDate));
    const inStore = membership(store);
    expect(inStore).toContainEqual(['fire1-a', 'fire1-b', 'fire1-c']);
    const source = new Map(run.articles.map((a) => [a.id, a.source]));
    expect(inStore).toEqual(orderFree(clusterStories(run.articles).map((s) => s.articleIds.map((id) => source.get(id)!))));
    store.close();
  });

  it('lists stories newest first and finds words with snippets', async () => {
    const store = Store.open(join(dir, 'd.db'), { create: true });
    await ingestIntoStore(store, [file]);
    const list = store.listStories();
    const lasts = list.map((s) => s.lastPublished!);
    expect(lasts).toEqual([...lasts].sort().reverse());
    expect(list[0]!.outlets.length).toBeGreaterThan(0);
    expect(list.reduce((n, s) => n + s.articleCount, 0)).toBe(stream.length);
    const hits = store.search('levee');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.snippet).toMatch(/\u0001levee\u0002/i);
    // Stemming: "flooded" finds "floods" too; FTS syntax errors fall back to plain words.
    expect(store.search('flooding').length).toBeGreaterThan(0);
    expect(store.search('"unbalanced AND (').length).toBe(0);
    expect(() => store.search('bridge" OR x')).not.toThrow();
    store.close();
  });

  it('migrates an old store forward and refuses a newer one', async () => {
    const path = join(dir, 'old.db');
    const v1 = Store.open(path, { create: true, schemaVersion: 1 });
    expect(v1.schemaVersion).toBe(1);
    await ingestIntoStore(v1, [file], { crossCheck: false }); // kept cross-checks need version 5
    expect(() => v1.search('levee')).toThrow(); // no full-text index before version 2
    v1.close();
    const now = Store.open(path);
    expect(now.schemaVersion).toBe(SCHEMA_VERSION);
    expect(now.search('levee').length).toBeGreaterThan(0); // the index was built from the stored articles
    now.close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Store.open(path)).toThrow(/newer than this triangulate knows/);
  });

  it('refuses a missing store and a file that is not one, in one line', () => {
    expect(() => Store.open(join(dir, 'nope.db'))).toThrow(StoreError);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database at all, just text\n'.repeat(200));
    expect(() => Store.open(junk)).toThrow(/junk\.db/);
  });
});
