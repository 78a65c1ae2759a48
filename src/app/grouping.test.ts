import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupStoryId } from '../cluster/index.js';
import { openSqlite, type StoreBackend } from '../store/index.js';
import { packageRoot } from '../util/paths.js';
import { syntheticStream, toJsonl } from '../../test/helpers/synthetic.js';
import { analyze } from './analyze.js';
import { ingestIntoStore } from './ingest.js';

/** Issue 17.6: users who know their pile skip the clusterer, in analyze and in ingest alike. */
describe('--one-story and --group-by', () => {
  it('--one-story: the demo’s two clustered stories become one', async () => {
    const demo = join(packageRoot(), 'examples', 'demo');
    expect((await analyze([demo])).stories.length).toBeGreaterThan(1);
    const run = await analyze([demo], { grouping: { oneStory: true } });
    expect(run.stories).toHaveLength(1);
    expect(run.stories[0]!.articleIds).toHaveLength(run.articles.length);
    expect(run.stories[0]!.id).toBe(groupStoryId('one story'));
  });

  it('--group-by FIELD: records with one value are one story, a record without it is clustered, and a store gives the same stories', async () => {
    // Two events of the synthetic stream, filed under one user's label; the third event unlabelled.
    const stream = syntheticStream(3);
    const dir = mkdtempSync(join(tmpdir(), 'triangulate-group-'));
    const file = join(dir, 'pile.jsonl');
    const lines = toJsonl(stream).trim().split('\n').map((l, i) => JSON.stringify({ ...JSON.parse(l), ...(stream[i]!.event < 2 ? { desk: 'ports desk' } : {}) }));
    writeFileSync(file, lines.join('\n') + '\n');
    const run = await analyze([file], { grouping: { by: 'desk' } });
    const labelled = run.stories.find((s) => s.id === groupStoryId('desk=ports desk'))!;
    expect(labelled.articleIds).toHaveLength(stream.filter((a) => a.event < 2).length);
    const others = run.stories.filter((s) => s !== labelled);
    expect(others.flatMap((s) => s.articleIds)).toHaveLength(stream.filter((a) => a.event === 2).length);
    const store = openSqlite(join(dir, 'g.db'), { create: true });
    await ingestIntoStore(store, [file], { grouping: { by: 'desk' }, crossCheck: false });
    for (const s of run.stories) expect((await store.story(s.id)).story.articleIds).toEqual(s.articleIds);
    await store.close();
  });
});
