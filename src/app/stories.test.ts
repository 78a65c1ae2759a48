import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityTable } from '../annotate/entities/index.js';
import { crossCheckStories } from '../crosscheck/index.js';
import { openSqlite, type StoreBackend } from '../store/index.js';
import { packageRoot } from '../util/paths.js';
import { ingestDocuments, ingestIntoStore } from './ingest.js';
import { checkedStory } from './stories.js';

describe('cross-checks kept by ingest', () => {
  it('keeps for each story the check a fresh cross-check gives, and drops it when the story grows', async () => {
    const store = openSqlite(':memory:', { create: true });
    await ingestIntoStore(store, [join(packageRoot(), 'examples', 'demo')]);
    const ids = (await store.listStories()).map((s) => s.id);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) {
      const kept = await store.readCheck(id, (await store.storyMeta(id))!.version);
      const { story, articles } = await store.story(id);
      const [fresh] = crossCheckStories([story], articles, entityTable(articles));
      expect(kept).toEqual(fresh!.check);
    }
    const maravel = (await store.search('chlorine'))[0]!.storyId;
    const before = (await store.storyMeta(maravel))!.version;
    const extra = { source: 'late.txt', format: 'text' as const, title: 'Maravel chlorine tanks emptied', text: 'Workers emptied the chlorine tanks at the Duvall Chemicals plant in Maravel on Friday, the regional fire service said.\nFire Chief Lena Orsk said the site was now safe.', outlet: 'Late Post', byline: null, published: '2024-03-08', url: null, language: 'en', provenance: {} };
    await ingestDocuments(store, [extra], { crossCheck: false });
    const after = (await store.storyMeta(maravel))!;
    expect(after.version).not.toBe(before);
    expect(after.articleCount).toBe(7);
    expect(await store.readCheck(maravel, after.version)).toBeNull(); // stale: made for six articles
    expect(await store.hasCheck(maravel, after.version)).toBe(false);
    expect(await store.hasCheck(maravel, before)).toBe(true);
    const read = (await checkedStory(store, maravel))!;
    expect(read.story.articleIds).toHaveLength(7);
    const late = read.articles.find((a) => a.meta.outlet === 'Late Post')!.id;
    expect(read.story.check!.claims.some((c) => c.mentions.some((m) => m.articleId === late))).toBe(true); // the new article is cross-checked
    expect(await store.readCheck(maravel, after.version)).toEqual(read.story.check); // computed on read and kept
    expect(await store.hasCheck(maravel, after.version)).toBe(true);
    await store.close();
  });
});
