import Database from 'better-sqlite3';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, analyzeExtracted, readInputs } from '../app/analyze.js';
import { cleanAll } from '../clean/index.js';
import { ingestIntoStore, storeArticles } from '../app/ingest.js';
import { byDate, clusterStories, type EventProfileState } from '../cluster/index.js';
import { threeEvents, undatedFire } from '../../test/helpers/events.js';
import { syntheticStream, toJsonl } from '../../test/helpers/synthetic.js';
import { bcubed } from '../../eval/tasks/stories.js';
import { packageRoot } from '../util/paths.js';
import { openStore, SCHEMA_VERSION, Store, StoreError, type StoreBackend } from './index.js';
import { testEngines } from './testing.js';

/**
 * One store suite, run against each engine (Kysely's `for (const dialect of DIALECTS)`): SQLite
 * always, PostgreSQL when TRIANGULATE_TEST_PG is set (skipped with a note otherwise).
 */

const bin = join(packageRoot(), 'bin', 'triangulate.js');
const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TRIANGULATE_DB: '', TRIANGULATE_DEBUG: '', TRIANGULATE_TEST_STOP: '' };

/** Stories as sets of article sources, order-free. */
async function membership(store: StoreBackend): Promise<string[][]> {
  const by = new Map<string, string[]>();
  for (const s of await store.listStories()) by.set(s.id, (await store.story(s.id)).articles.map((a) => a.source.replace(/^.*#/, '')));
  return orderFree([...by.values()]);
}

/** Groups with their members sorted, in the order of their first members. */
function orderFree(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Run the CLI; resolves with its exit code and stderr. */
function run(args: readonly string[], extra: Record<string, string> = {}): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, err }));
  });
}

const stream = syntheticStream(24);
let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triangulate-store-'));
  file = join(dir, 'stream.jsonl');
  writeFileSync(file, toJsonl(stream));
});

/** A store made at schema `version` with the test stream in it, then opened (so migrated) by this triangulate. */
async function migratedFrom(location: string, version: number): Promise<void> {
  const old = await openStore(location, { create: true, schemaVersion: version });
  await ingestIntoStore(old, [file], { crossCheck: false });
  await old.close();
  const now = await openStore(location);
  expect(await now.schemaVersion()).toBe(SCHEMA_VERSION);
  await now.close();
}

for (const engine of testEngines()) {
  if (engine.skip) {
    describe.skip(`store on ${engine.name} (skipped: ${engine.skip})`, () => {
      it('runs when the engine is available', () => {});
    });
    continue;
  }
  describe(`store on ${engine.name}`, () => {
    const open = async (name: string, options: { schemaVersion?: number } = {}) => openStore(await engine.fresh(name), { create: true, ...options });
    afterAll(() => engine.cleanup());

    it('ingests, groups into stories and traces copies', async () => {
      const store = await open('a');
      const s = await ingestIntoStore(store, [file]);
      expect(s.added).toBe(stream.length);
      expect((await store.counts()).articles).toBe(stream.length);
      const gold = new Map(stream.map((a) => [a.id, String(a.event)]));
      expect(bcubed(await membership(store), gold).f1).toBeGreaterThan(0.95);
      // Every copy (reports r1, r4 of an event) is traced to the event's first report.
      const chains = await Promise.all((await store.listStories()).map(async (st) => (await store.story(st.id)).story.reuse.length));
      expect(chains.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      await store.close();
    });

    it('is idempotent: ingesting the same inputs again changes nothing, row for row', async () => {
      const location = await engine.fresh('b');
      const store = await openStore(location, { create: true });
      await ingestIntoStore(store, [file]);
      const before = await engine.dump(location);
      const again = await ingestIntoStore(store, [file]);
      expect(again).toMatchObject({ added: 0, known: stream.length, newStories: 0 });
      expect(await engine.dump(location)).toEqual(before);
      await store.close();
    });

    it('gives the same stories in one ingest, in two, or from files in another order', async () => {
      // What an outlet repeats is junk when its batch repeats it (clean/repeated.ts), so two batches
      // can cut other lines than one ("Construction is due to start next spring." closes each vote
      // report of an outlet): here each event has outlets of its own, so every batch cleans alike and
      // only the clusterer's state, carried from one ingest to the next, is under test.
      const own = stream.map((a) => ({ ...a, outlet: `${a.outlet} ${a.event}` }));
      const ownFile = join(dir, `own-${engine.name}.jsonl`);
      writeFileSync(ownFile, toJsonl(own));
      const one = await open('one');
      await ingestIntoStore(one, [ownFile]);
      const sorted = [...own].sort((a, b) => a.published.localeCompare(b.published));
      const half = sorted.findIndex((a) => a.published >= sorted[Math.floor(sorted.length / 2)]!.published);
      writeFileSync(join(dir, `first-${engine.name}.jsonl`), toJsonl(sorted.slice(0, half).reverse()));
      writeFileSync(join(dir, `second-${engine.name}.jsonl`), toJsonl(sorted.slice(half).reverse()));
      const two = await open('two');
      await ingestIntoStore(two, [join(dir, `first-${engine.name}.jsonl`)]);
      await ingestIntoStore(two, [join(dir, `second-${engine.name}.jsonl`)]);
      expect(await membership(two)).toEqual(await membership(one));
      await one.close();
      await two.close();
    });

    it('matches analyze: the same stories, ids, copy chains and storylines', async () => {
      const batch = await analyze([file]);
      const store = await open('c');
      await ingestIntoStore(store, [file]);
      for (const s of batch.stories) {
        const stored = await store.story(s.id);
        expect(stored.story.articleIds).toEqual(s.articleIds);
        expect(stored.story.reuse).toEqual(s.reuse);
      }
      expect((await store.counts()).stories).toBe(batch.stories.length);
      // Every event in the storyline the batch put it in (storylines merged as events link them, in the store's commits too).
      const lines = batch.storylines!;
      expect(lines.some((l) => l.eventIds.length > 2), 'a storyline of three events or more').toBe(true);
      for (const l of lines) for (const e of l.eventIds) expect((await store.storylineOf(e))?.id, e).toBe(l.id);
      await store.close();
    });

    it('compares an undated article with closed stories too (candidates by the stories\u2019 index keys), as analyze does', async () => {
      // The chemical plant fire's story is closed six weeks before the warehouse fire; an undated
      // report of the plant blast still belongs to it, in a store as in a batch.
      const docs = [...threeEvents.filter((d) => d.source.startsWith('fire')), undatedFire];
      const batch = await analyzeExtracted(docs);
      const store = await open('undated');
      await storeArticles(store, [...batch.articles].sort(byDate));
      const inStore = await membership(store);
      expect(inStore).toContainEqual(['fire1-a', 'fire1-b', 'fire1-c']);
      const source = new Map(batch.articles.map((a) => [a.id, a.source]));
      expect(inStore).toEqual(orderFree(clusterStories(batch.articles).map((s) => s.articleIds.map((id) => source.get(id)!))));
      await store.close();
    });

    it('finds the candidates of an undated article by the stories\u2019 index keys, by the clusterer\u2019s rule, and fills them in a store made before them (schema 8)', async () => {
      const made = await engine.fresh('keys8');
      const store = await openStore(made, { create: true });
      await ingestIntoStore(store, [file], { crossCheck: false });
      const states = await store.clustering.openStoryStates(-1e9, -1e9);
      expect(states.length).toBe((await store.counts()).stories);
      // The rule (StoryClusterer.candidates) over every story: a key posted by more than `limit`
      // stories is not followed; stories sharing the most followed keys first, then by number.
      const expected = (keys: readonly string[], limit: number, max: number) => {
        const followed = keys.filter((k) => states.filter((st) => st.keys.includes(k)).length <= limit);
        const hits = states.map((st) => [st.id, st.keys.filter((k) => followed.includes(k)).length] as const).filter(([, n]) => n > 0);
        return hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, max).map(([id]) => id);
      };
      const byPostings = new Map<string, number>();
      for (const st of states) for (const k of st.keys) byPostings.set(k, (byPostings.get(k) ?? 0) + 1);
      const common = [...byPostings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
      expect(common[1], 'a key several stories share').toBeGreaterThan(2);
      const keys = [common[0], ...states[0]!.keys.slice(0, 6), ...states[1]!.keys.slice(0, 3)].filter((k, i, all) => all.indexOf(k) === i);
      for (const limit of [1, common[1] - 1, common[1]]) {
        for (const max of [2, 50]) expect(await store.clustering.candidateStories(keys, limit, max), `limit ${limit}, at most ${max}`).toEqual(expected(keys, limit, max));
      }
      await store.close();
      // A store made at schema 7 (no story_keys) gets them from its saved states when it is opened: the rows a store made at 8 writes.
      const older = await engine.fresh('keys7');
      await migratedFrom(older, 7);
      const keyRows = async (at: string) => (await engine.dump(at)).filter((r) => r.startsWith('story_keys'));
      expect((await keyRows(made)).length).toBeGreaterThan(states.length);
      expect(await keyRows(older)).toEqual(await keyRows(made));
    });

    it('lists the linkable events with their last seqs and storylines, and reads any of their profiles, as the profiles of every linkable event give them', async () => {
      const store = await openStore(await engine.fresh('events'), { create: true });
      await ingestIntoStore(store, [file], { crossCheck: false });
      const all = await store.clustering.openEventProfiles(-1e9, -1e9);
      const days = all.map((r) => (JSON.parse(r.state) as EventProfileState).lastDay).filter((d): d is number => d !== null).sort((x, y) => x - y);
      // Half the dated events are past the cut.
      const cut = days[Math.floor(days.length / 2)]!;
      const profiles = await store.clustering.openEventProfiles(cut, -1e9);
      expect(profiles.length).toBeGreaterThan(0);
      expect(profiles.length).toBeLessThan(all.length);
      const rows = (await store.clustering.openEventSeqs(cut, -1e9)).sort((x, y) => x.event - y.event);
      const expected = profiles
        .map((r) => ({ p: JSON.parse(r.state) as EventProfileState, r }))
        .map(({ p, r }) => ({ event: p.event, lastSeq: p.lastSeq, line: r.line, lineId: r.lineId }))
        .sort((x, y) => x.event - y.event);
      expect(rows).toEqual(expected);
      // In the order asked, a number with no profile left out.
      const asked = [...rows.slice(0, 3).map((r) => r.event).reverse(), 1e9];
      const byEvent = new Map(profiles.map((r) => [(JSON.parse(r.state) as EventProfileState).event, r]));
      expect(await store.clustering.eventProfiles(asked)).toEqual(asked.flatMap((n) => (byEvent.has(n) ? [byEvent.get(n)!] : [])));
      await store.close();
    });

    it('stores the search vectors a store made before the writer gave them (schema 8) made itself, and finds by them alike', async () => {
      const made = await engine.fresh('search9');
      const store = await openStore(made, { create: true });
      await ingestIntoStore(store, [file], { crossCheck: false });
      const hits = await store.search('flooding', { limit: 50 });
      await store.close();
      const older = await engine.fresh('search8');
      await migratedFrom(older, 8);
      const articleRows = async (at: string) => (await engine.dump(at)).filter((r) => r.startsWith('articles'));
      expect((await articleRows(made)).length).toBeGreaterThan(10);
      expect(await articleRows(older)).toEqual(await articleRows(made));
      if (engine.name === 'postgres') {
        // The dumps leave the vectors out (SQLite has none): each given one is what schema 2 generated.
        const c = new pg.Client({ connectionString: made });
        await c.connect();
        const differ = await c.query(`SELECT count(*)::int AS n FROM articles WHERE fts IS DISTINCT FROM (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', left(text, 200000)), 'B'))`);
        await c.end();
        expect(differ.rows[0].n).toBe(0);
      }
      const again = await openStore(older);
      expect(hits.length).toBeGreaterThan(0);
      expect(await again.search('flooding', { limit: 50 })).toEqual(hits);
      await again.close();
    });

    it('lists stories newest first and finds words with highlighted snippets, in one search syntax', async () => {
      const store = await open('d');
      await ingestIntoStore(store, [file]);
      const list = await store.listStories();
      const lasts = list.map((s) => s.lastPublished!);
      expect(lasts).toEqual([...lasts].sort().reverse());
      expect(list[0]!.outlets.length).toBeGreaterThan(0);
      expect(list.reduce((n, s) => n + s.articleCount, 0)).toBe(stream.length);
      const hits = await store.search('levee');
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.snippet).toMatch(/\u0001levee\u0002/i);
      // Stemming: "flooding" finds "floods" too; a phrase, OR, NOT and a prefix; syntax errors fall back to plain words.
      expect((await store.search('flooding')).length).toBeGreaterThan(0);
      const levee = new Set((await store.search('levee', { limit: 100 })).map((h) => h.articleId));
      const notLevee = await store.search('flooding NOT levee', { limit: 100 });
      expect(notLevee.every((h) => !levee.has(h.articleId))).toBe(true);
      expect((await store.search('leve*', { limit: 100 })).length).toBeGreaterThanOrEqual(levee.size);
      expect((await store.search('levee OR bridge', { limit: 100 })).length).toBeGreaterThanOrEqual(levee.size);
      expect(await store.search('"unbalanced AND (')).toEqual([]);
      await expect(store.search('bridge" OR x')).resolves.toBeDefined();
      await expect(store.search('a* b*')).rejects.toThrow(/prefix/);
      // The same filter through the story list.
      const found = await store.findStories({ q: 'levee' }, { limit: 50, offset: 0 });
      expect(new Set(found.stories.map((s) => s.id))).toEqual(new Set(hits.map((h) => h.storyId)));
      await store.close();
    });

    it('filters the story list by text alike from SQL and from a reader\u2019s kept story index: every order, dates, pages, syntax, as articles arrive', async () => {
      const location = await engine.fresh('index');
      const writer = await openStore(location, { create: true });
      const half = Math.floor(stream.length / 2);
      const part = (name: string, items: readonly object[]) => {
        const f = join(dir, name);
        writeFileSync(f, toJsonl(items as typeof stream));
        return f;
      };
      await ingestIntoStore(writer, [part('first.jsonl', stream.slice(0, half))], { crossCheck: false });
      const reader = await openStore(location, { readonly: true });
      await reader.keepStoryIndex();
      const queries = [null, 'levee', 'flooding', 'fire OR strike', 'Varno', 'council NOT bridge', 'leve*', '"unbalanced AND (', 'bridge" OR x', 'zzzzqx'];
      const filters = [{}, { from: '2024-01-20' }, { to: '2024-02-10' }, { from: '2024-01-10', to: '2024-01-30' }];
      const pages = [{ limit: 4, offset: 0 }, { limit: 4, offset: 3 }, { limit: -1, offset: 0 }, { limit: 20, offset: 500 }];
      const compare = async () => {
        let found = 0;
        for (const q of queries)
          for (const dates of filters)
            for (const sort of [null, 'newest', 'oldest', 'articles'] as const)
              for (const page of pages) {
                const filter = { q, sort, ...dates };
                const fromSql = await writer.findStories(filter, page);
                expect(await reader.findStories(filter, page), JSON.stringify({ filter, page })).toEqual(fromSql);
                found += fromSql.stories.length;
              }
        return found;
      };
      expect(await compare()).toBeGreaterThan(100);
      // More of the stream (stories grow, new ones come) and undated reports of their own: the index follows.
      const undated = [0, 1, 2].map((i) => ({ id: `undated-${i}`, title: `Levee works ${i} begin`, text: `Engineers began raising the levee on stretch ${i} of the canal, the water board said. The work will last ${i + 2} months.`, outlet: 'North Wire', url: `https://north-wire.example/levee-${i}` }));
      await ingestIntoStore(writer, [part('second.jsonl', [...stream.slice(half), ...undated])], { crossCheck: false });
      expect((await reader.findStories({ q: 'levee' }, { limit: -1, offset: 0 })).stories.some((s) => s.lastPublished === null)).toBe(true);
      expect(await compare()).toBeGreaterThan(100);
      await reader.close();
      await writer.close();
    });

    it('migrates an old store forward and refuses a newer one', async () => {
      const location = await engine.fresh('old');
      const v1 = await openStore(location, { create: true, schemaVersion: 1 });
      expect(await v1.schemaVersion()).toBe(1);
      await ingestIntoStore(v1, [file], { crossCheck: false }); // kept cross-checks need version 5
      await expect(v1.search('levee')).rejects.toThrow(); // no full-text index before version 2
      await v1.close();
      const now = await openStore(location);
      expect(await now.schemaVersion()).toBe(SCHEMA_VERSION);
      expect((await now.search('levee')).length).toBeGreaterThan(0); // the index was built from the stored articles
      await now.close();
      const reader = await openStore(location, { readonly: true });
      expect((await reader.counts()).articles).toBe(stream.length);
      await reader.close();
    });

    it('keeps every commit of an ingest killed mid-way, and a rerun gives the store of one uninterrupted ingest, row for row', async () => {
      const clean = await engine.fresh('clean');
      expect((await run(['ingest', file, '--db', clean, '--commit-every', '5'])).code).toBe(0);
      const killed = await engine.fresh('killed');
      const child = spawn(process.execPath, [bin, 'ingest', file, '--db', killed, '--commit-every', '5'], { env: { ...env, TRIANGULATE_TEST_STOP: 'commit:3' }, stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<string | null>((r) => child.on('exit', (_c, signal) => r(signal)));
      await new Promise<void>((resolve, reject) => {
        let said = '';
        child.stderr.on('data', (d) => {
          said += d;
          if (said.includes('stopped at commit:3')) resolve();
        });
        child.on('exit', () => reject(new Error(`the ingest ended before its 3rd commit: ${said}`)));
      });
      // A reader while the ingest is stopped in the middle: the three commits, whole.
      const reader = await openStore(killed, { readonly: true });
      expect((await reader.counts()).articles).toBe(15);
      for (const s of await reader.listStories()) expect((await reader.story(s.id)).articles.length).toBe(s.articleCount);
      await reader.close();
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const again = await run(['ingest', file, '--db', killed, '--commit-every', '5']);
      expect(again.code, again.err).toBe(0);
      expect(await engine.dump(killed)).toEqual(await engine.dump(clean));
    });

    if (engine.name === 'postgres') {
      it('compresses the long values with lz4 (schema 10) where the server can, also in a store migrated from 9, and reads them back alike', async () => {
        const fresh = await engine.fresh('lz4');
        const store = await openStore(fresh, { create: true });
        await ingestIntoStore(store, [file]);
        await store.close();
        const older = await engine.fresh('lz4old');
        await migratedFrom(older, 9);
        for (const at of [fresh, older]) {
          const c = new pg.Client({ connectionString: at });
          await c.connect();
          const version = Number((await c.query('SHOW server_version_num')).rows[0].server_version_num);
          const set = (await c.query(`SELECT c.relname || '.' || a.attname AS col, a.attcompression AS how FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE (c.relname, a.attname) IN (('articles', 'text'), ('articles', 'data'), ('story_state', 'state'), ('storyline_state', 'state'), ('story_checks', 'data'), ('reuse', 'data'), ('reuse_across', 'data'))`)).rows;
          const lz4 = (await c.query(`SELECT count(*)::int AS n FROM articles WHERE pg_column_compression(data) = 'lz4'`)).rows[0].n;
          await c.end();
          expect(set).toHaveLength(7);
          if (version >= 140000) expect(set.filter((r) => r.how !== 'l'), at).toEqual([]);
          // Values long enough to compress are lz4 in the store made at 10 (the one migrated from 9 wrote its rows before).
          if (version >= 140000 && at === fresh) expect(lz4).toBeGreaterThan(0);
        }
        const articleRows = async (at: string) => (await engine.dump(at)).filter((r) => r.startsWith('articles'));
        expect((await articleRows(fresh)).length).toBe(stream.length);
        expect(await articleRows(older)).toEqual(await articleRows(fresh));
      });

      // Small chunks and commits, so that workers meet inside a stream of a few dozen events.
      const WORKER = { chunk: 7, commitEvery: 4, jobs: 1, crossCheck: false } as const;
      /** A synthetic stream of `events` events in a file, and the store one worker makes of it (left open). */
      const oneWorker = async (name: string, events: number) => {
        const many = syntheticStream(events);
        const input = join(dir, `${name}.jsonl`);
        writeFileSync(input, toJsonl(many));
        const single = await engine.fresh(`${name}1`);
        const one = await openStore(single, { create: true });
        const { added } = await ingestIntoStore(one, [input], WORKER);
        return { many, input, single, one, added };
      };
      // Row for row but the count of commits, which depends on how the chunks fell to the workers.
      const rows = async (at: string) => (await engine.dump(at)).filter((r) => !r.includes('"placement_epoch"'));

      it('two and four workers at once on one stream make the store one worker makes, row for row: no article twice, no story split', async () => {
        const { many, input, single, one, added } = await oneWorker('w', 60);
        expect(added).toBe(many.length);
        const expected = await membership(one);
        await one.close();
        for (const n of [2, 4]) {
          const location = await engine.fresh(`w${n}`);
          // Each worker its own pool of connections, as separate processes have: the locks between them are real.
          const workers = await Promise.all(Array.from({ length: n }, () => openStore(location, { create: true })));
          const results = await Promise.all(workers.map((w) => ingestIntoStore(w, [input], WORKER)));
          expect(results.reduce((sum, r) => sum + r.added, 0)).toBe(many.length);
          expect(results.filter((r) => r.added > 0).length, 'every worker placed some').toBeGreaterThan(1);
          expect(await membership(workers[0]!)).toEqual(expected);
          await Promise.all(workers.map((w) => w.close()));
          expect(await rows(location)).toEqual(await rows(single));
        }
      });

      it('places a chunk another worker claimed and left unstored (killed, say), once its claim goes, as one worker would', async () => {
        const { many, input, single, one } = await oneWorker('c', 30);
        await one.close();
        // The stream's first chunk as the processor cuts it (publication order), claimed by a "worker" that never stores it.
        const { docs } = await readInputs([input]);
        const first = cleanAll(docs).articles.sort(byDate).slice(0, WORKER.chunk);
        const location = await engine.fresh('c2');
        const other = await openStore(location, { create: true });
        const claim = await other.clustering.claimChunk(first.map((a) => a.id).join('\n'), 0);
        expect(claim, 'the chunk is free to claim').not.toBeNull();
        const worker = await openStore(location, { create: true });
        const ingest = ingestIntoStore(worker, [input], WORKER);
        await new Promise((r) => setTimeout(r, 1500));
        expect((await worker.knownArticles(first.map((a) => a.id))).size, 'the claimed chunk waits for its claim').toBe(0);
        await claim!.release();
        expect((await ingest).added).toBe(many.length);
        expect(await rows(location)).toEqual(await rows(single));
        await Promise.all([worker.close(), other.close()]);
      });

      it('serves one database from several servers', async () => {
        const location = await engine.fresh('serve');
        const writer = await openStore(location, { create: true });
        await ingestIntoStore(writer, [file], { crossCheck: false });
        const { createApp } = await import('../serve/app.js');
        const apps = await Promise.all([0, 1].map(async () => createApp({ store: await openStore(location, { readonly: true }) })));
        const bodies = await Promise.all(apps.map(async (app) => (await app.request('/api/stories?limit=100', { headers: { host: '127.0.0.1' } })).json()));
        expect(bodies[0]).toEqual(bodies[1]);
        expect((bodies[0] as { total: number }).total).toBe((await writer.counts()).stories);
        await Promise.all(apps.map((a) => a.close()));
        await writer.close();
      });
    }

    it('answers readers while an ingest writes: each read a committed state, counts only growing', async () => {
      const location = await engine.fresh('readers');
      const writer = run(['ingest', file, '--db', location, '--commit-every', '2', '--no-crosscheck']);
      let done = false;
      void writer.then(() => (done = true));
      // The store exists once the ingest has opened it.
      let reader: StoreBackend | null = null;
      while (!reader && !done) reader = await openStore(location, { readonly: true }).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 20)));
      let last = 0;
      while (reader && !done) {
        const { articles } = await reader.counts();
        expect(articles).toBeGreaterThanOrEqual(last);
        last = articles;
        for (const s of (await reader.listStories()).slice(0, 3)) expect((await reader.story(s.id)).articles.length).toBeGreaterThanOrEqual(s.articleCount);
        await new Promise((r) => setTimeout(r, 10)); // SQLite answers at once: let the writer's exit be seen
      }
      expect((await writer).code).toBe(0);
      reader ??= await openStore(location, { readonly: true });
      expect((await reader.counts()).articles).toBe(stream.length);
      await reader.close();
    });
  });
}

describe('store on sqlite: the file', () => {
  it('reads a story\u2019s outlets and kinds from an index (schema 7), also in a store migrated from 6', async () => {
    const path = join(dir, 'v6.db');
    await migratedFrom(path, 6);
    const db = new Database(path, { readonly: true });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT DISTINCT outlet FROM articles a WHERE a.story_id = ? AND outlet IS NOT NULL ORDER BY outlet')).toMatch(/COVERING INDEX articles_story_outlet/);
    expect(plan("SELECT 1 FROM articles a WHERE a.story_id = ? AND a.kind = 'opinion'")).toMatch(/COVERING INDEX articles_story_outlet/);
    db.close();
  });


  it('refuses a newer store, a missing one and a file that is not one, in one line', async () => {
    const path = join(dir, 'newer.db');
    (await openStore(path, { create: true })).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openStore(path)).rejects.toThrow(/newer than this triangulate knows/);
    expect(() => Store.open(join(dir, 'nope.db'))).toThrow(StoreError);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database at all, just text\n'.repeat(200));
    await expect(openStore(junk)).rejects.toThrow(/junk\.db/);
  });
});
