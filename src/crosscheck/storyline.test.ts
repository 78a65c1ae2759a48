import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { copiedAcross } from '../../test/helpers/storylines.js';
import { crossCheck } from './index.js';
import { crossCheckStoryline, storylineSample } from './storyline.js';

const run = await analyzeExtracted(copiedAcross);

describe('the cross-check across a storyline', () => {
  const id = (src: string) => run.articles.find((a) => a.source === src)!.id;
  const storyOf = (src: string) => run.stories.find((s) => s.articleIds.includes(id(src)))!;
  // The port strike and the budget that copies its passage are two stories of one week: one storyline.
  const line = run.storylines!.find((l) => l.eventIds.includes(storyOf('strike-a').id))!;

  it('reads the strike and the budget stories together, with the passage copied across them', () => {
    expect(line.eventIds).toEqual(expect.arrayContaining([storyOf('strike-a').id, storyOf('budget-b').id]));
    const { chosen, reuse } = storylineSample(line, run.stories, run.articles, run.reuseAcross);
    expect(chosen.map((a) => a.id).sort()).toEqual(run.articles.map((a) => a.id).sort());
    expect(reuse).toEqual(expect.arrayContaining([expect.objectContaining({ from: id('strike-a'), to: id('budget-b') })]));
  });

  it('folds the copied claim into one origin: without the copy across stories it would pass for corroborated', () => {
    const { chosen, reuse } = storylineSample(line, run.stories, run.articles, run.reuseAcross);
    const claimOf = (check: ReturnType<typeof crossCheck>) => check.claims.find((c) => c.text.includes('began when the harbour authority cut the night shift'))!;
    const folded = claimOf(crossCheck(chosen, reuse, run.entities));
    expect(new Set(folded.mentions.map((m) => m.articleId))).toEqual(new Set([id('strike-a'), id('budget-b')]));
    expect(folded.independentOrigins).toBe(1);
    expect(folded.origins![0]!.joinedBy.join(' ')).toMatch(/copies|rewrites/);
    const blind = claimOf(crossCheck(chosen, reuse.filter((r) => !run.reuseAcross!.includes(r)), run.entities));
    expect(blind.independentOrigins).toBe(2);
  });

  it('finds nothing changed where no statement of one story is overtaken or denied in another', () => {
    expect(crossCheckStoryline(line, run.stories, run.articles, run.entities, run.reuseAcross).changes).toEqual([]);
    expect(line.check).toMatchObject({ articles: 4, leftOut: 0, changes: [] });
  });
});
