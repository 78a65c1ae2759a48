import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../app/analyze.js';
import type { Article } from '../model/article.js';
import type { StoryCheck } from '../model/check.js';
import type { RunResult } from '../model/run.js';
import { checkOf, claimWith, doc } from '../../test/helpers/check.js';
import { corpus, describeShared } from '../../test/helpers/shared.js';
import { briefHolds } from './index.js';

describe('cross-check rules on synthetic stories', () => {
  it('counts copies and one outlet once, independent outlets apart', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'Port workers in Velmar began a strike on Wednesday over unpaid wages, the dockers union said.'),
      doc('b', 'Harbour Post', '2024-05-02', 'Port workers in Velmar started a strike on Wednesday over unpaid wages, according to the dockers union.'),
      doc('c', 'Inland Courier', '2024-05-02', 'Port workers in Velmar began a strike on Wednesday over unpaid wages, union leaders told reporters.'),
    ]);
    const c = claimWith(check, 'strike', articles);
    expect(c.articles).toBe(3);
    expect(c.independentOrigins).toBe(2);
    expect(c.status).toBe('corroborated');
    expect(c.origins).toEqual(expect.arrayContaining([expect.objectContaining({ joinedBy: [expect.stringMatching(/one outlet/)] })]));
    expect(c.why).toMatch(/2 independent origins/);
  });

  it('counts two outlets crediting the same agency as one origin', () => {
    const { check, articles } = checkOf([
      doc('a', 'Morning Ledger', '2024-05-03', 'The Velmar government ordered the closure of three border crossings on Friday, officials told Reuters.'),
      doc('b', 'Evening Star', '2024-05-03', 'Three border crossings were closed on Friday by order of the Velmar government, Reuters reported, citing officials.'),
    ]);
    const c = claimWith(check, 'border crossings', articles);
    expect(c.articles).toBe(2);
    expect(c.independentOrigins).toBe(1);
    expect(c.status).toBe('single-origin');
  });

  it('flags a denial of what another article reports', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-04', 'Thousands of residents have fled the coastal districts of Velmar after the floods, aid workers said.'),
      doc('b', 'Inland Courier', '2024-05-04', 'The interior ministry denied reports that thousands of residents were fleeing the coastal districts of Velmar.'),
    ]);
    const fled = claimWith(check, 'have fled', articles);
    const denial = claimWith(check, 'denied reports', articles);
    expect(fled.status).toBe('contested');
    expect(fled.conflicts).toEqual([expect.objectContaining({ claimId: denial.id, kind: 'denial' })]);
  });

  it('flags different figures for one event on one day, not on different days', () => {
    const same = checkOf([
      doc('a', 'Harbour Post', '2024-05-05', 'A ferry capsized off Velmar on Sunday, killing 12 passengers, the coast guard said.'),
      doc('b', 'Inland Courier', '2024-05-05', 'A ferry capsized off Velmar on Sunday, killing 40 passengers, the coast guard said.'),
    ]);
    const c = claimWith(same.check, '12 passengers', same.articles);
    expect(c.status).toBe('contested');
    expect(c.conflicts.map((k) => k.kind)).toContain('numbers');
    const apart = checkOf([
      doc('a', 'Harbour Post', '2024-05-05', 'A ferry capsized off Velmar on May 5, killing 12 passengers, the coast guard said.'),
      doc('b', 'Inland Courier', '2024-05-20', 'A ferry capsized off Velmar on May 19, killing 40 passengers, the coast guard said.'),
    ]);
    expect(claimWith(apart.check, '12 passengers', apart.articles).conflicts).toEqual([]);
  });

  it('shows a plan later settled otherwise as a change, not a contradiction', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-06', 'A summit of the leaders of Velmar and Ostrava on the port dispute is under discussion, the foreign ministry said.'),
      doc('b', 'Inland Courier', '2024-05-09', 'Ostrava rejected a summit with the leaders of Velmar on the port dispute, the foreign ministry said.'),
    ]);
    const plan = claimWith(check, 'under discussion', articles);
    expect(plan.conflicts.map((k) => k.kind)).toEqual(['change']);
    expect(plan.status).not.toBe('contested');
  });

  it('keeps loaded words in the outlet’s voice apart from loaded words it quotes', () => {
    const { check, articles } = checkOf([
      doc('a', 'Daily Flame', '2024-05-07', 'In a bombshell move, the mayor of Velmar slammed the port authority on Tuesday.\n"This is a disgrace and a massacre of jobs," the union leader said.'),
    ]);
    const a = articles[0]!;
    const own = check.loaded.filter((l) => !l.quoted).map((l) => l.text.toLowerCase());
    const quoted = check.loaded.filter((l) => l.quoted).map((l) => l.text.toLowerCase());
    expect(own).toEqual(expect.arrayContaining(['bombshell', 'slammed']));
    expect(quoted).toEqual(expect.arrayContaining(['disgrace', 'massacre']));
    for (const l of check.loaded) expect(a.text.slice(l.start, l.end)).toBe(l.text);
  });

  it('sets each outlet’s names for one actor side by side, resolving a bare "the regime"', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-08', 'Syrian government forces shelled the town of Saraqeb on Monday. The regime said it targeted fighters.'),
      doc('b', 'Inland Courier', '2024-05-08', 'The Assad regime shelled Saraqeb on Monday, and Syrian rebels returned fire.'),
    ]);
    const [a, b] = [articles.find((x) => x.source === 'a.txt')!, articles.find((x) => x.source === 'b.txt')!];
    const state = check.labels.find((l) => l.ref === 'state:syria')!;
    expect(state.byArticle[a.id]).toEqual(expect.arrayContaining(['Syrian government forces', 'regime']));
    expect(state.byArticle[b.id]).toEqual(expect.arrayContaining(['Assad regime']));
    expect(check.labels.find((l) => l.ref === 'armed-opposition:syria')!.byArticle[b.id]).toEqual(['Syrian rebels']);
  });
});

describeShared('cross-check on the seeds', () => {
  let run: RunResult;
  let check: StoryCheck;
  const by = (prefix: string): Article => run.articles.find((x) => x.source.includes(`${prefix}_`))!;
  beforeAll(async () => {
    // The five as one story, as a user who knows the pile says (--one-story): the clusterer keeps
    // the undated opinion blog (003) apart (test/e2e/seeds.test.ts); this checks the cross-check.
    run = await analyze([join(corpus!, 'seeds')], { referenceDate: '2020-02-28', grouping: { oneStory: true } });
    expect(run.stories).toHaveLength(1);
    check = run.stories[0]!.check!;
  });

  it('the patrol request rests on one origin though two articles carry it', () => {
    const c = claimWith(check, 'aerial patrols', run.articles);
    expect(new Set(c.mentions.map((m) => m.articleId))).toEqual(new Set([by('000').id, by('001').id]));
    expect(c.independentOrigins).toBe(1);
    expect(c.status).toBe('single-origin');
  });

  it('the refugee figures are contested: the Russian denial against the reported flight', () => {
    const denial = claimWith(check, 'denied reports that hundreds of thousands', run.articles);
    const fled = claimWith(check, 'Hundreds of thousands of refugees have fled', run.articles);
    expect(denial.status).toBe('contested');
    expect(fled.conflicts).toEqual(expect.arrayContaining([expect.objectContaining({ claimId: denial.id, kind: 'denial' })]));
  });

  it('the summit changed: under discussion, then rejected', () => {
    const plan = claimWith(check, 'is under discussion', run.articles);
    const rejected = claimWith(check, 'rejected Erdogan', run.articles);
    expect(plan.conflicts).toEqual([expect.objectContaining({ claimId: rejected.id, kind: 'change' })]);
    expect(plan.conflicts[0]!.note).toMatch(/under discussion.*rejected/s);
  });

  it('names the Syrian government and the armed opposition differently per outlet', () => {
    const state = check.labels.find((l) => l.ref === 'state:syria')!;
    expect(state.byArticle[by('001').id]).toContain('Syrian army');
    expect(state.byArticle[by('000').id]).toEqual(expect.arrayContaining(['pro-Assad forces', 'forces loyal to Damascus']));
    expect(state.byArticle[by('003').id]).toContain('Assad regime');
    expect(state.byArticle[by('004').id]).toContain('Syrian government forces');
    const opposition = check.labels.find((l) => l.ref === 'armed-opposition:syria')!;
    expect(opposition.byArticle[by('001').id]).toEqual(expect.arrayContaining(['terrorists', 'militants']));
    expect(opposition.byArticle[by('004').id]).toEqual(expect.arrayContaining(['rebels', 'Syrian rebels']));
    expect(opposition.byArticle[by('003').id]).toContain('Syrian opposition');
    // "terrorists" in the tabloid is the Russian ministry's word, inside its quote.
    expect(opposition.quotedByArticle[by('002').id]).toContain('terrorists');
  });

  it('marks the tabloid-style "bombshell" as the outlet’s voice and "genocide" as a quoted official’s', () => {
    expect(check.loaded).toEqual(expect.arrayContaining([expect.objectContaining({ articleId: by('000').id, text: 'bombshell', quoted: false })]));
    expect(check.loaded).toEqual(expect.arrayContaining([expect.objectContaining({ articleId: by('004').id, text: 'genocide', quoted: true })]));
    expect(check.framing.find((f) => f.articleId === by('003').id)!.kind).toBe('opinion');
  });

  it('says whom each article quotes: an anonymous Turkish official in the wire copy, an analyst in the VOA report', () => {
    const f1 = check.framing.find((f) => f.articleId === by('001').id)!;
    expect(f1.quoted).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'anonymous', side: 'place:turkey' })]));
    const f4 = check.framing.find((f) => f.articleId === by('004').id)!;
    expect(f4.quoted).toEqual(expect.arrayContaining([expect.objectContaining({ speaker: 'Aydin Selcen', role: 'expert' })]));
  });

  it('orders the timeline by when things happened and dates the deadliest strike to Thursday 27 February', () => {
    const dates = check.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    expect(check.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2020-02-27', text: expect.stringContaining('33 Turkish soldiers') })]));
  });

  it('writes a brief whose every sentence stands in the spans it cites', () => {
    const articles = new Map(run.articles.map((a) => [a.id, a]));
    expect(check.brief.filter((b) => b.section === 'summary').length).toBeGreaterThanOrEqual(2);
    expect(new Set(check.brief.map((b) => b.section))).toEqual(new Set(['summary', 'contested', 'framing']));
    for (const b of check.brief) expect(briefHolds(b, articles), b.text).toBe(true);
    for (const c of check.claims) expect(c.mentions.map((m) => articles.get(m.articleId)!.text.slice(m.start, m.end))).toContain(c.text);
  });
});
