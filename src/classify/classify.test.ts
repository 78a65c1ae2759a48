import { describe, expect, it } from 'vitest';
import { Article } from '../model/article.js';
import { buildPipeline } from '../pipeline/build.js';
import { runPipeline } from '../pipeline/run.js';
import { entities, resolveEntityRefs } from '../annotate/entities/index.js';
import { findHedges, hedges } from '../annotate/hedges/index.js';
import { quotes } from '../annotate/quotes/index.js';
import { citedSources } from '../annotate/sources/index.js';
import { sentences } from '../annotate/sentences/index.js';
import { classifyArticle } from './index.js';

const pipeline = buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes(), citedSources(), hedges()]);
const kind = (text: string, meta: Partial<Article['meta']> = {}) => {
  const [a] = runPipeline(pipeline, [Article.create({ id: 'a', source: 'a', text, meta: { ...Article.create({ id: 'x', source: 'x', text: '' }).meta, ...meta } })], { referenceDate: null });
  return classifyArticle(a!);
};

describe('hedges and article kind', () => {
  it('finds hedges, longest phrase first, and not the month May', () => {
    const text = 'According to many rumors, it seems the deal is probably dead. In May the plant may close.';
    const { segment } = { segment: (t: string) => runPipeline(buildPipeline([sentences()]), [Article.create({ id: 'a', source: 'a', text: t })], { referenceDate: null })[0]! };
    const a = segment(text);
    expect(findHedges(text, a.layers.tokens ?? []).map((h) => text.slice(h.start, h.end))).toEqual(['rumors', 'it seems', 'probably', 'may']);
  });

  it('calls a first-person piece with questions and hedges opinion', () => {
    const c = kind('Why did nobody listen? We have seen this before, and we will probably see it again. Perhaps the truth lies in between. What do we know? It seems nobody cares.', { title: 'Who will answer?' });
    expect(c.kind).toBe('opinion');
    expect(c.signals).toEqual(expect.arrayContaining(['title-question', 'first-person']));
  });

  it('calls a dated, bylined report with attributed statements news', () => {
    const c = kind('The council approved the bridge on Tuesday, the mayor said. "It will cut travel times," Mayor Anna Petrova told reporters. Officials said the work starts in May.', { byline: 'Ann Lee', published: '2024-03-05' });
    expect(c).toMatchObject({ kind: 'news' });
    expect(c.signals).toEqual(expect.arrayContaining(['byline', 'dated', 'attributed-statements']));
  });

  it('says unknown when the signals are too few', () => {
    expect(kind('The bridge is long.').kind).toBe('unknown');
  });
});
