import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../app/analyze.js';
import { CLAIM_STATUSES, type StoryCheck } from '../model/check.js';
import type { Article } from '../model/article.js';
import type { RunResult } from '../model/run.js';
import { words } from '../reuse/words.js';
import { packageRoot } from '../util/paths.js';
import { checkOf, claimWith, doc, oneClaim, said } from '../../test/helpers/check.js';
import { describeShared, corpus } from '../../test/helpers/shared.js';
import { figureOf, sameFigure } from './figures.js';
import { briefHolds } from './index.js';

/** Issue 17: a verdict can be trusted. Each conflict kind and each status on a synthetic story, then the errors seen on the seeds and the demo. */
describe('each conflict kind, never counted as agreement', () => {
  it('a negation: "was not in" against "was in" is an opposite, not one claim', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', "Ali Hassan al-Majid was not in Saddam Hussein's inner circle, the ministry said on Monday."),
      doc('b', 'Inland Courier', '2024-05-02', "Ali Hassan al-Majid was in Saddam Hussein's inner circle, the ministry said on Monday."),
    ]);
    expect(oneClaim(check, articles, 'was not in', 'was in Saddam')).toBe(false);
    const c = claimWith(check, 'was not in', articles);
    expect(c.status).toBe('contested');
    expect(c.conflicts.map((k) => k.kind)).toEqual(['opposite']);
  });

  it('opposite words (WordNet antonyms): "accepted" against "rejected"', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'The Velmar city council accepted the port expansion plan on Monday.'),
      doc('b', 'Inland Courier', '2024-05-02', 'The Velmar city council rejected the port expansion plan on Monday.'),
    ]);
    expect(oneClaim(check, articles, 'accepted', 'rejected')).toBe(false);
    expect(claimWith(check, 'accepted', articles).conflicts.map((k) => k.kind)).toEqual(['opposite']);
  });

  it('a negative verb counts as a negation, and two negations as none: "stopped selling" is "no longer sells"', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'The Velmar pharmacy chain stopped selling its own brand of cough syrup on Monday.'),
      doc('b', 'Inland Courier', '2024-05-02', 'The Velmar pharmacy chain did not stop selling its own brand of cough syrup on Monday.'),
    ]);
    expect(claimWith(check, 'stopped selling', articles).conflicts.map((k) => k.kind)).toEqual(['opposite']);
  });

  it('figures as ranges: "nearly a million" and "hundreds of thousands" disagree; "some one million" and "nearly a million" agree', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'The United Nations says nearly a million Syrians have been displaced by the fighting.'),
      doc('b', 'Inland Courier', '2024-05-02', 'The United Nations says hundreds of thousands of Syrians have been displaced by the fighting.'),
      doc('c', 'Morning Ledger', '2024-05-02', 'The United Nations says some one million Syrians have been displaced by the fighting.'),
    ]);
    expect(oneClaim(check, articles, 'nearly a million', 'some one million')).toBe(true);
    expect(oneClaim(check, articles, 'nearly a million', 'hundreds of thousands')).toBe(false);
    const c = claimWith(check, 'hundreds of thousands', articles);
    expect(c.status).toBe('contested');
    expect(c.conflicts.map((k) => k.kind)).toEqual(['numbers']);
    // The agreeing pair is contested too: a claim another report's figures contradict is never corroborated.
    expect(claimWith(check, 'nearly a million', articles).status).toBe('contested');
  });

  it('the same hedge word on two numbers makes two counts; an exact figure inside a range is the same figure', () => {
    const fig = (text: string, value: number) => figureOf({ value, unit: 'worker', approximate: /least|nearly|some/.test(text), start: 0, end: text.length }, text);
    expect(sameFigure(fig('at least four workers', 4), fig('at least five workers', 5))).toBe(false);
    expect(sameFigure(fig('nearly a million', 1_000_000), fig('1000000', 1_000_000))).toBe(true);
    expect(sameFigure(fig('some one million', 1_000_000), fig('950000', 950_000))).toBe(true);
  });

  it('a denial is its own claim, against the statement it denies, never that statement', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-04', 'Thousands of residents have fled the coastal districts of Velmar after the floods, aid workers said.'),
      doc('b', 'Inland Courier', '2024-05-04', 'The interior ministry denied reports that thousands of residents were fleeing the coastal districts of Velmar.'),
    ]);
    const denial = claimWith(check, 'denied reports', articles);
    expect(oneClaim(check, articles, 'have fled', 'denied reports')).toBe(false);
    expect(denial.conflicts).toEqual([expect.objectContaining({ kind: 'denial', role: 'denies' })]);
    expect(claimWith(check, 'have fled', articles).conflicts).toEqual([expect.objectContaining({ kind: 'denial', role: 'denied' })]);
  });

  it('a plan settled otherwise is a change with both dates, and the plan is "changed"', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-06', 'A summit of the leaders of Velmar and Ostrava on the port dispute is under discussion, the foreign ministry said.'),
      doc('b', 'Inland Courier', '2024-05-09', 'Ostrava rejected a summit with the leaders of Velmar on the port dispute, the foreign ministry said.'),
    ]);
    const plan = claimWith(check, 'under discussion', articles);
    expect(plan.status).toBe('changed');
    expect(plan.conflicts).toEqual([expect.objectContaining({ kind: 'change', role: 'earlier' })]);
    expect(plan.conflicts[0]!.note).toMatch(/2024-05-06.*under discussion.*then.*2024-05-09.*rejected/s);
  });
});

describe('statuses', () => {
  it('related but different statements stay apart: a request and its refusal are two claims', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'Velmar asked Ostrava for two patrol boats on Monday.'),
      doc('b', 'Inland Courier', '2024-05-02', 'Ostrava refused to send patrol boats to Velmar on Monday.'),
    ]);
    expect(oneClaim(check, articles, 'asked Ostrava', 'refused')).toBe(false);
    expect(check.claims.every((c) => c.status !== 'corroborated')).toBe(true);
  });

  it('corroborated on one clause of a sentence: the claim is that clause, and says which independent origins state it', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'The envoy met the president in Velmar on Monday, where officials also asked Ostrava for two patrol boats to guard the harbour.'),
      doc('b', 'Inland Courier', '2024-05-02', 'Velmar officials also asked Ostrava for two patrol boats to guard the harbour.'),
    ]);
    const c = claimWith(check, 'two patrol boats', articles);
    expect(c.status).toBe('corroborated');
    const clause = c.mentions.find((m) => said(articles, m).startsWith('officials also asked'))!;
    expect(clause.sentence).toEqual(expect.objectContaining({ start: 0 }));
    expect(claimWith(check, 'The envoy met the president', articles).status).toBe('single-origin');
    expect(c.why).toMatch(/^2 independent origins \(Harbour Post \| Inland Courier\)/);
  });

  it('"reported": what every source only passes on is never corroborated, however many outlets carry it', () => {
    const { check, articles } = checkOf([
      doc('a', 'Harbour Post', '2024-05-02', 'The port minister of Velmar has reportedly resigned over the dredging scandal.'),
      doc('b', 'Inland Courier', '2024-05-02', 'The port minister of Velmar has reportedly resigned over the dredging scandal, sources say.'),
    ]);
    const c = claimWith(check, 'resigned', articles);
    expect(c.articles).toBe(2);
    expect(c.status).toBe('reported');
    expect(c.mentions.every((m) => m.hearsay)).toBe(true);
  });

  it('every status has one definition, and every verdict a reason', () => {
    expect(Object.keys(CLAIM_STATUSES).sort()).toEqual(['changed', 'contested', 'corroborated', 'reported', 'single-origin']);
    for (const s of Object.values(CLAIM_STATUSES)) expect(s.means.length).toBeGreaterThan(20);
  });
});

const DANGLING = /^(however|but|and|also|meanwhile|he|she|it|they|this|these|those)\b/i;

/** Brief rules that hold for any story. */
function briefRules(check: StoryCheck, articles: readonly Article[]): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const texts = check.brief.map((b) => b.text);
  expect(new Set(texts).size).toBe(texts.length);
  const unsettled = new Set(check.claims.filter((c) => c.status === 'contested' || c.status === 'changed').flatMap((c) => c.mentions.map((m) => `${m.articleId}:${m.start}`)));
  for (const b of check.brief) {
    expect(briefHolds(b, byId), b.text).toBe(true);
    if (b.section === 'contested' || b.section === 'framing') continue;
    expect(b.text, 'dangling first word').not.toMatch(DANGLING);
    // A contested or changed claim appears only in the contested section.
    for (const s of b.spans) expect(unsettled.has(`${s.articleId}:${s.start}`), b.text).toBe(false);
    // Each cited article has a mention of the claim whose lead the sentence is.
    const claim = check.claims.find((c) => c.mentions.some((m) => m.articleId === b.spans[0]!.articleId && m.start === b.spans[0]!.start))!;
    for (const id of b.articleIds) expect(claim.mentions.some((m) => m.articleId === id), `${b.text} cites ${id}`).toBe(true);
  }
}

describeShared('verdicts on the seeds (no reference day: as the CLI reads them)', () => {
  let run: RunResult;
  let check: StoryCheck;
  const by = (prefix: string): Article => run.articles.find((x) => x.source.includes(`${prefix}_`))!;
  beforeAll(async () => {
    run = await analyze([join(corpus!, 'seeds')]);
    check = run.stories[0]!.check!;
  });
  const pairOf = (a: string, x: string, b: string, y: string) =>
    check.claims.some((c) => c.mentions.some((m) => m.articleId === by(a).id && said(run.articles, m).includes(x)) && c.mentions.some((m) => m.articleId === by(b).id && said(run.articles, m).includes(y)));

  it('none of the four false corroborations: summit and alternative, warning and battlefield claim, Patriot request and S-400 purchase', () => {
    expect(pairOf('001', 'is under discussion', '004', 'alternative gathering')).toBe(false);
    expect(pairOf('002', 'only a matter of time', '004', 'recaptured a strategic town')).toBe(false);
    expect(pairOf('002', 'S-400', '000', "It's not just Patriot")).toBe(false);
    expect(pairOf('002', 'Patriot missile defences', '000', "It's not just Patriot")).toBe(false);
  });

  it('a sentence of two facts is two claims: the S-400 purchase is a clause of its own', () => {
    const c = claimWith(check, 'Turkey has recently bought Russian S-400 missile systems', run.articles);
    expect(said(run.articles, c.mentions[0]!).startsWith('Turkey has recently bought')).toBe(true);
    expect(c.mentions[0]!.sentence).not.toBeNull();
  });

  it('the summit is "changed", never agreed, and stays out of the summary', () => {
    const plan = claimWith(check, 'is under discussion', run.articles);
    expect(plan.status).toBe('changed');
    const summary = check.brief.filter((b) => b.section !== 'contested' && b.section !== 'framing').map((b) => b.text);
    expect(summary.some((t) => t.includes('under discussion'))).toBe(false);
    expect(check.brief.some((b) => b.section === 'contested' && b.text.includes('under discussion') && b.text.includes('rejected'))).toBe(true);
  });

  it('the Russian denial is against the UN figure and the refugees, and the quotes list shows it as a denial', () => {
    const denial = claimWith(check, 'denied reports that hundreds of thousands', run.articles);
    const un = claimWith(check, 'nearly a million Syrians have been displaced', run.articles);
    expect(un.status).toBe('contested');
    expect(un.conflicts).toEqual(expect.arrayContaining([expect.objectContaining({ claimId: denial.id, kind: 'denial', role: 'denied' })]));
    const q = by('001').layers.quotes!.find((x) => by('001').text.slice(x.start, x.end).startsWith('hundreds of thousands of Syrians'))!;
    expect(q.denies).toBe(true);
  });

  it('the brief: the no-fly-zone call leads, no dangling "However,", nothing contested stated as agreed, the rewrite cited to its own wording', () => {
    briefRules(check, run.articles);
    const summary = check.brief.filter((b) => b.section === 'summary');
    expect(summary.some((b) => b.text.includes('no-fly zone'))).toBe(true);
    expect(summary.some((b) => b.text.includes('33 Turkish soldiers'))).toBe(true);
    for (const b of check.brief) if (b.text.includes('imminent large-scale')) expect(b.articleIds).toEqual([by('001').id]);
    // The opinion blog's own voice is never stated as fact.
    expect(summary.some((b) => b.articleIds.length === 1 && b.articleIds[0] === by('003').id)).toBe(false);
  });

  it('no claim is called corroborated unless two independent origins state it, and each verdict says why', () => {
    for (const c of check.claims) {
      expect(c.why).toBeTruthy();
      if (c.status === 'corroborated') expect(c.origins!.length).toBeGreaterThanOrEqual(2);
    }
    const patrol = claimWith(check, 'aerial patrols in its airspace', run.articles);
    expect(patrol.status).toBe('single-origin');
    expect(patrol.why).toMatch(/rewrites|both credit Middle East Eye/);
  });
});

describe('verdicts on the demo', () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await analyze([join(packageRoot(), 'examples', 'demo')]);
  });
  it('the minister’s praise is not corroborated by outlets that only say he promised an inquiry; the fire chief’s smoke warning not by her next-day quote', () => {
    const story = run.stories.find((s) => s.articleIds.length > 2)!;
    const check = story.check!;
    const praise = claimWith(check, 'praised the rapid response', run.articles);
    expect(praise.status).not.toBe('corroborated');
    expect(oneClaim(check, run.articles, 'praised the rapid response', 'promised an independent inquiry')).toBe(false);
    expect(oneClaim(check, run.articles, 'smoke could irritate', 'keep windows closed')).toBe(false);
    expect(claimWith(check, 'smoke could irritate', run.articles).status).not.toBe('corroborated');
    briefRules(check, run.articles);
  });
  it('the death toll is contested: four (the wire) against five (the tabloid) and two (the state outlet)', () => {
    const check = run.stories.find((s) => s.articleIds.length > 2)!.check!;
    const toll = claimWith(check, 'killed at least four workers', run.articles);
    expect(toll.status).toBe('contested');
    expect(toll.conflicts.map((k) => k.kind)).toEqual(['numbers', 'numbers']);
    expect(words(toll.conflicts.map((k) => k.note).join(' ')).some((w) => w.norm === 'five')).toBe(true);
  });
});
