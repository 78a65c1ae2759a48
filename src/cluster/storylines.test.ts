import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { copiedAcross, rehabs, shootings } from '../../test/helpers/storylines.js';
import { byDate, clusterEvents, features, StoryClusterer, StorylineLinker } from './index.js';

const bySource = (articles: readonly { id: string; source: string }[]) => (src: string) => articles.find((a) => a.source === src)!.id;

const run = await analyzeExtracted([...shootings, ...rehabs], { crossCheck: false });

describe('storylines', () => {
  const id = bySource(run.articles);
  const { stories, storylines } = clusterEvents(run.articles);
  const storyOf = (src: string) => stories.find((s) => s.articleIds.includes(id(src)))!.id;
  const lineOf = (src: string) => storylines.find((l) => l.eventIds.includes(storyOf(src)))!;

  it('puts every article in one event and every event in one storyline', () => {
    expect(stories.flatMap((s) => s.articleIds).sort()).toEqual(run.articles.map((a) => a.id).sort());
    expect(storylines.flatMap((l) => l.eventIds).sort()).toEqual(stories.map((s) => s.id).sort());
  });

  it('links the suspect in court months later to the shooting, by the people and places both name', () => {
    expect(storyOf('tucson-a')).toBe(storyOf('tucson-b'));
    expect(storyOf('tucson-c')).not.toBe(storyOf('tucson-a')); // another event, two months on
    expect(lineOf('tucson-c').id).toBe(lineOf('tucson-a').id);
    expect(lineOf('tucson-a')).toMatchObject({ first: '2024-03-04', last: '2024-05-28', eventIds: [storyOf('tucson-a'), storyOf('tucson-c')] });
  });

  it('keeps two look-alike shootings in two cities apart, and two celebrities entering rehab', () => {
    expect(storyOf('dayton-a')).toBe(storyOf('dayton-b'));
    expect(lineOf('dayton-a').id).not.toBe(lineOf('tucson-a').id);
    expect(lineOf('dayton-a').eventIds).toEqual([storyOf('dayton-a')]);
    expect(storyOf('venn-a')).toBe(storyOf('venn-b'));
    expect(storyOf('pryce-a')).toBe(storyOf('pryce-b'));
    expect(lineOf('venn-a').id).not.toBe(lineOf('pryce-a').id);
  });

  it('gives the same storylines whatever the input order', () => {
    expect(clusterEvents([...run.articles].reverse())).toEqual({ stories, storylines });
  });

  it('goes on from saved event profiles as if it had never stopped', () => {
    const order = [...run.articles].filter((a) => a.meta.published).sort((a, b) => a.meta.published!.localeCompare(b.meta.published!));
    const whole = new StorylineLinker();
    const c1 = new StoryClusterer();
    const lines1 = order.map((a) => whole.place(features(a), c1.add(features(a)), (k) => c1.frequency(k)).line);
    // Stop after three articles, save, and go on in a new linker from what was saved.
    const part = new StorylineLinker();
    const c2 = new StoryClusterer();
    const lines2 = order.slice(0, 3).map((a) => part.place(features(a), c2.add(features(a)), (k) => c2.frequency(k)).line);
    const saved = part.drain();
    const next = new StorylineLinker(undefined, undefined, { nextLine: saved.nextLine, seq: saved.seq, today: saved.today });
    next.load(saved.events);
    for (const a of order.slice(3)) lines2.push(next.place(features(a), c2.add(features(a)), (k) => c2.frequency(k)).line);
    expect(lines2).toEqual(lines1);
  });

  it('refreshed in place from a store, holds what a new linker loading the store holds, and links the next articles alike', () => {
    // In the clusterer's order: the two shootings, the court date, then the undated rehab reports.
    const order = [...run.articles].sort(byDate);
    // One clusterer for the stream: every linker below is handed the same placements and frequencies.
    const c = new StoryClusterer();
    const step = (i: number) => {
      const f = features(order[i]!);
      return [f, c.add(f), (k: string) => c.frequency(k)] as const;
    };
    // This writer placed the first three and saved; "another writer" went on from there with two
    // more: one joins an event held here, one starts an event.
    const mine = new StorylineLinker();
    for (let i = 0; i < 3; i++) mine.place(...step(i));
    const saved = mine.drain();
    const held = new Map(saved.events.map((e) => [e.event, e]));
    const other = new StorylineLinker(undefined, undefined, saved);
    other.load(saved.events);
    for (let i = 3; i < 5; i++) other.place(...step(i));
    const after = other.drain();
    const store = new Map(held);
    for (const e of after.events) store.set(e.event, e);
    // And that writer linked the storyline of an event held here unchanged into another (its events moved).
    const moved = [...store.values()].find((e) => held.get(e.event)?.lastSeq === e.lastSeq);
    const into = [...store.values()].find((e) => e.line !== moved?.line);
    const from = moved!.line;
    for (const [k, e] of store) if (e.line === from) store.set(k, { ...e, line: into!.line });
    const listed = [...store.values()].map((e) => ({ event: e.event, lastSeq: e.lastSeq, line: e.line }));
    const fresh = new StorylineLinker(undefined, undefined, after);
    fresh.load(store.values());
    const toRead = mine.refresh(after, listed);
    // Read: the events the other writer changed or made, not those held as they were.
    expect(toRead.sort()).toEqual(listed.filter((o) => held.get(o.event)?.lastSeq !== o.lastSeq).map((o) => o.event).sort());
    expect(toRead.length).toBeGreaterThan(0);
    expect(toRead.length).toBeLessThan(listed.length);
    mine.load(toRead.map((e) => store.get(e)!));
    expect(mine.lineOf(moved!.event)).toBe(into!.line);
    expect(order.length).toBeGreaterThan(5);
    for (let i = 5; i < order.length; i++) {
      const [f, at, frequency] = step(i);
      expect(mine.place(f, at, frequency)).toEqual(fresh.place(f, at, frequency));
    }
    expect(mine.drain()).toEqual(fresh.drain());
  });
});

describe('copies across stories', () => {
  it('finds a passage copied into a report of another story, as a record between the two stories', async () => {
    const run = await analyzeExtracted(copiedAcross, { crossCheck: false });
    const id = bySource(run.articles);
    const storyOf = (src: string) => run.stories.find((s) => s.articleIds.includes(id(src)))!.id;
    expect(storyOf('budget-b')).toBe(storyOf('budget-a'));
    expect(storyOf('budget-b')).not.toBe(storyOf('strike-a'));
    const r = run.reuseAcross!.find((x) => x.from === id('strike-a') && x.to === id('budget-b'));
    expect(r).toMatchObject({ relation: 'copy', kind: 'passage' });
    const from = run.articles.find((a) => a.id === id('strike-a'))!;
    expect(from.text.slice(r!.passages[0]!.fromStart, r!.passages[0]!.fromEnd)).toContain('union leader Petra Ilves said');
    // Inside a story, the story's own chain has it; the pile's list holds only pairs across stories.
    for (const x of run.reuseAcross!) expect(storyOf(run.articles.find((a) => a.id === x.from)!.source)).not.toBe(storyOf(run.articles.find((a) => a.id === x.to)!.source));
  });
});
