import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/app/analyze.js';
import { ingestIntoStore } from '../../src/app/ingest.js';
import { checkedStory } from '../../src/app/stories.js';
import { checkedStoryline } from '../../src/app/storylines.js';
import { entityTable } from '../../src/annotate/entities/index.js';
import type { Article } from '../../src/model/article.js';
import type { RunResult, StoryRecord } from '../../src/model/run.js';
import { toJsonV1 } from '../../src/report/index.js';
import type { StoreBackend } from '../../src/store/backend.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { packageRoot } from '../../src/util/paths.js';
import { corpus, describeShared } from '../helpers/shared.js';

/**
 * One processor, two sinks: `analyze` (a memory sink) and `ingest` (a SQLite store sink) of the
 * same inputs give the same stories, storylines, copies within and across stories, refs, claims
 * and reports. Each story's report is compared as `triangulate story <id> --json` renders it from
 * the store against the same story's slice of the analyze run.
 */

const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-sinks-'));

/** The report of one story of an analyze run, as a run of that story alone (its own entity table, its storyline narrowed to it). */
function storyReport(run: RunResult, story: StoryRecord): string {
  const byId = new Map(run.articles.map((a) => [a.id, a]));
  const articles = story.articleIds.map((id) => byId.get(id)!);
  const line = run.storylines!.find((l) => l.eventIds.includes(story.id))!;
  const narrowed = { id: line.id, title: line.title, eventIds: [story.id], first: line.first, last: line.last };
  return JSON.stringify(toJsonV1({ articles, entities: entityTable(articles), stories: [story], storylines: [narrowed], errors: [] }), null, 1);
}

/** The same report from the store (as the `story` command makes it). */
async function storedReport(store: StoreBackend, id: string): Promise<string> {
  const { story, articles, entities } = (await checkedStory(store, id, { save: false }))!;
  const line = (await store.storylineForStory(id))!;
  return JSON.stringify(toJsonV1({ articles, entities, stories: [story], storylines: [line], errors: [] }), null, 1);
}

const refs = (a: Article) => JSON.stringify([a.layers.entities, a.layers.quotes, a.layers.citedSources]);

async function compare(inputs: string[]): Promise<{ stories: number; articles: number }> {
  const memory = await analyze(inputs);
  const store = openSqlite(join(tmp(), 'sinks.db'), { create: true });
  try {
    // Commits of 50: the store is written across several transactions, and chunks of 60 annotated at a time.
    const summary = await ingestIntoStore(store, inputs, { commitEvery: 50, chunk: 60 });
    expect(summary.errors.map((e) => e.input)).toEqual(memory.errors.map((e) => e.input));
    expect(summary.added).toBe(memory.articles.length);

    // Stories: the same ids with the same articles in the same order, the same copy chains and the same claims.
    const stored = (await store.listStories()).map((s) => s.id).sort();
    expect(stored).toEqual(memory.stories.map((s) => s.id).sort());
    for (const s of memory.stories) {
      const kept = (await checkedStory(store, s.id, { save: false }))!;
      expect(kept.story.articleIds, s.title).toEqual(s.articleIds);
      expect(kept.story.reuse, s.title).toEqual(s.reuse);
      expect(kept.story.check, s.title).toEqual(s.check);
      // Refs, quote speakers and cited sources of every article, as stored.
      const byId = new Map(kept.articles.map((a) => [a.id, a]));
      for (const a of memory.articles.filter((x) => s.articleIds.includes(x.id))) expect(refs(byId.get(a.id)!), a.source).toBe(refs(a));
      expect(await storedReport(store, s.id), s.title).toBe(storyReport(memory, s));
    }

    // Storylines: the same ids with the same events, and the same changes across their events.
    const lines = (await store.listStorylines()).storylines;
    const eventsOf = new Map<string, string[]>();
    for (const l of lines) eventsOf.set(l.id, [...(await checkedStoryline(store, l.id, l))!.storyline.eventIds].sort());
    expect(new Map(memory.storylines!.map((l) => [l.id, [...l.eventIds].sort()]))).toEqual(eventsOf);
    for (const l of memory.storylines!.filter((x) => x.eventIds.length > 1)) {
      const summaryOf = lines.find((x) => x.id === l.id)!;
      expect((await checkedStoryline(store, l.id, summaryOf))!.storyline.check, l.title).toEqual(l.check);
    }

    // Copies across stories: the same pairs.
    const across = (store.sqlite.db.prepare('SELECT from_id, to_id FROM reuse_across ORDER BY from_id, to_id').all() as { from_id: string; to_id: string }[]).map((r) => `${r.from_id}>${r.to_id}`);
    expect(across).toEqual((memory.reuseAcross ?? []).map((r) => `${r.from}>${r.to}`).sort());
    return { stories: memory.stories.length, articles: memory.articles.length };
  } finally {
    await store.close();
  }
}

describe('analyze and ingest: one processor', () => {
  it('the demo gives the same stories, refs, claims and reports in memory and in a store', async () => {
    const { stories } = await compare([join(packageRoot(), 'examples', 'demo')]);
    expect(stories).toBeGreaterThan(1);
  }, 120_000);
});

describeShared('analyze and ingest: one processor, on real piles (../shared/corpus)', () => {
  it('the seeds give the same stories, refs, claims and reports in memory and in a store', async () => {
    const { articles } = await compare([join(corpus!, 'seeds')]);
    expect(articles).toBe(5);
  }, 120_000);

  it('200 AllSides leads give the same stories, storylines, refs, claims and reports in memory and in a store', async () => {
    const path = join(tmp(), 'slice.jsonl');
    writeFileSync(path, readFileSync(join(corpus!, 'allsides-neus/articles.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 200).join('\n') + '\n');
    const { stories, articles } = await compare([path]);
    expect(articles).toBeGreaterThan(150);
    expect(stories).toBeGreaterThan(20);
  }, 300_000);
});
