import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { threeEvents, undatedFire } from '../../test/helpers/events.js';
import { byDate, clusterStories, features, StoryClusterer, type StoryState } from './index.js';
import { topEntries } from './stories.js';
import { bcubed, offlineAverageLink } from '../../eval/tasks/stories.js';

const docs = threeEvents;

const run = await analyzeExtracted(docs);

describe('story clustering', () => {
  const gold = new Map(run.articles.map((a) => [a.id, a.source.split('-')[0]!]));

  it('tells three events apart, the two fires a month apart included', () => {
    const stories = clusterStories(run.articles);
    expect(bcubed(stories.map((s) => s.articleIds), gold).f1).toBe(1);
  });

  it("eval's offline reference (every pair, whole-set IDF) finds the same three events", () => {
    const groups = offlineAverageLink(run.articles);
    expect(groups).toHaveLength(3);
    expect(bcubed(groups, gold).f1).toBe(1);
  });

  it('gives the same stories whatever the input order', () => {
    const a = clusterStories(run.articles);
    const b = clusterStories([...run.articles].reverse());
    expect(b).toEqual(a);
  });

  it('compares an undated article with every story, also those closed before the last date', async () => {
    // The first fire's story is idle for six weeks by the time the warehouse fire is reported; an
    // undated report of the chemical plant blast still belongs to it.
    const undated = await analyzeExtracted([...docs, undatedFire]);
    const stories = clusterStories(undated.articles);
    const ids = (src: string) => undated.articles.find((a) => a.source === src)!.id;
    const home = stories.find((s) => s.articleIds.includes(ids('fire1-c')))!;
    expect(home.articleIds).toEqual([ids('fire1-a'), ids('fire1-b'), ids('fire1-c')]);
  });

  it('reads no topic into the words of a date', () => {
    const f = features(run.articles.find((a) => a.source === 'fire2-a')!);
    expect([...f.terms.keys()]).not.toContain('saturday');
    expect(f.terms.has('warehouse')).toBe(true);
    expect(f.facts.has('d:2024-04-20')).toBe(true);
  });

  it('goes on from a story saved when words and entity refs were two vectors', () => {
    const byId = (src: string) => run.articles.find((a) => a.source === src)!;
    const first = new StoryClusterer();
    first.add(features(byId('fire1-a')));
    const { stories, dfDelta, docs: n, nextStory, seq, today } = first.drain();
    // The old shape: refs apart, without their '@', each part a unit vector of its own.
    const old: StoryState[] = stories.map((st) => ({
      ...st,
      terms: st.terms.filter(([k]) => !k.startsWith('@')).map(([k, w]) => [k, w * Math.SQRT2] as const),
      entities: st.terms.filter(([k]) => k.startsWith('@')).map(([k, w]) => [k.slice(1), w * Math.SQRT2] as const),
    }));
    expect(old[0]!.entities!.length).toBeGreaterThan(0);
    const later = new StoryClusterer(undefined, { docs: n, df: dfDelta, nextStory, seq, today });
    later.load(old);
    const next = later.add(features(byId('fire1-b')));
    expect(next.opened).toBe(false);
    expect(next.story).toBe(stories[0]!.id);
    // Folded back, the story is the one it was: the same similarity as without the round trip.
    const fresh = new StoryClusterer(undefined, { docs: n, df: dfDelta, nextStory, seq, today });
    fresh.load(stories);
    expect(next.similarity).toBeCloseTo(fresh.add(features(byId('fire1-b'))).similarity, 10);
  });

  it('refreshed in place from a store, holds what a new clusterer loading the store holds, and places the next articles alike', () => {
    const sorted = [...run.articles].sort(byDate);
    const [early, later] = [sorted.slice(0, 5), sorted.slice(5)];
    // One writer placed `early` and saved everything; "another writer" then placed one more article.
    const mine = new StoryClusterer();
    for (const a of early.slice(0, 4)) mine.add(features(a));
    const saved = new Map(mine.drain().stories.map((st) => [st.id, st]));
    const held = new Map(saved);
    const otherPlaced = (() => {
      const c = new StoryClusterer();
      for (const a of early) c.add(features(a));
      return c.drain();
    })();
    for (const st of otherPlaced.stories) saved.set(st.id, st);
    const background = { docs: otherPlaced.docs, df: new Map(otherPlaced.dfDelta), nextStory: otherPlaced.nextStory, seq: otherPlaced.seq, today: otherPlaced.today };
    // The store lists every story but the first as open (the first closed, say).
    const listed = [...saved.values()].filter((st) => st.id !== 0).map((st) => [st.id, st.lastSeq] as const);
    const fresh = new StoryClusterer(undefined, background);
    fresh.load(listed.map(([num]) => saved.get(num)!));
    const toRead = mine.refresh(background, listed);
    // Read: the stories the other writer changed or made, not those held as they were.
    const changed = listed.filter(([num, lastSeq]) => held.get(num)?.lastSeq !== lastSeq).map(([num]) => num);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(listed.length);
    expect(toRead.sort()).toEqual(changed.sort());
    mine.load(toRead.map((num) => saved.get(num)!));
    expect(mine.isOpen(0)).toBe(false);
    for (const a of later) expect(mine.add(features(a))).toEqual(fresh.add(features(a)));
    expect(mine.drain()).toEqual(fresh.drain());
  });
});

describe('topEntries', () => {
  it('keeps what sorting every entry and taking the first n keeps, ties by key', () => {
    // Real weighted vectors (the seeds), plus ties: each weight rounded to one decimal, so many keys
    // share one and only the key order can tell them apart.
    const c = new StoryClusterer();
    for (const a of run.articles) {
      const v = c.prepare(features(a)).terms;
      const tied = new Map([...v].map(([k, w]) => [k, Math.round(w * 10) / 10]));
      for (const m of [v, tied])
        for (const n of [0, 1, 5, 24, m.size, m.size + 3]) {
          const sorted = [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n);
          expect(topEntries(m, n)).toEqual(sorted);
        }
    }
  });
});
