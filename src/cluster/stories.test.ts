import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import type { Extracted } from '../ingest/types.js';
import { clusterStories, features, StoryClusterer, type StoryState } from './index.js';
import { bcubed, offlineAverageLink } from '../../eval/tasks/stories.js';

const doc = (id: string, published: string, title: string, text: string): Extracted =>
  ({ source: id, format: 'text', title, text, outlet: null, byline: null, published, url: null, language: 'en', provenance: {} }) as Extracted;

// Two fires in one city a month apart, and a vote: three stories, not one topic.
const docs = [
  doc('fire1-a', '2024-03-05', 'Fire at Duvall Chemicals plant kills four in Maravel', 'An explosion and fire at the Duvall Chemicals plant in Maravel killed four workers on Tuesday, fire chief Lena Orsk said. Nearly 12,000 residents were evacuated from the harbour districts.'),
  doc('fire1-b', '2024-03-06', 'Four dead in Maravel chemical plant blast', 'Four workers died when a blast tore through the Duvall Chemicals plant in Maravel, and 12,000 residents left the harbour districts, Lena Orsk said.'),
  doc('vote-a', '2024-03-06', 'Kestrian parliament passes budget', 'The Kestrian parliament passed the 2024 budget by 112 votes to 80 on Wednesday after a night of debate over pensions and defence spending.'),
  doc('vote-b', '2024-03-07', 'Budget clears parliament after pensions row', 'Parliament approved the budget 112 to 80, ending a row over pensions and defence spending that had split the governing coalition.'),
  doc('fire2-a', '2024-04-20', 'Warehouse fire in Maravel port injures two', 'A fire at a timber warehouse in the port of Maravel injured two firefighters on Saturday. Chief Tomas Vell said the blaze was under control by the evening.'),
  doc('fire2-b', '2024-04-21', 'Maravel timber warehouse blaze brought under control', 'Firefighters brought a blaze at a timber warehouse in the port of Maravel under control, Tomas Vell said, after two firefighters were injured.'),
];

describe('story clustering', () => {
  const run = analyzeExtracted(docs);
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

  it('compares an undated article with every story, also those closed before the last date', () => {
    // The first fire's story is idle for six weeks by the time the warehouse fire is reported; an
    // undated report of the chemical plant blast still belongs to it.
    const undated = analyzeExtracted([...docs, doc('fire1-c', null as unknown as string, 'Chemical plant blast in Maravel', 'The Duvall Chemicals plant blast in Maravel killed four workers and forced 12,000 residents of the harbour districts to leave, Lena Orsk said.')]);
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
});
