import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { copiedAcross, rehabs, shootings } from '../../test/helpers/storylines.js';
import { clusterEvents, features, StoryClusterer, StorylineLinker } from './index.js';

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
