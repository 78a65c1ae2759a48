import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import type { Extracted } from '../ingest/types.js';
import { clusterStories } from './index.js';
import { bcubed } from '../../eval/tasks/stories.js';

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

  it('gives the same stories whatever the input order', () => {
    const a = clusterStories(run.articles);
    const b = clusterStories([...run.articles].reverse());
    expect(b).toEqual(a);
  });
});
