import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../../src/app/analyze.js';
import type { Article } from '../../src/model/article.js';
import type { RunResult } from '../../src/model/run.js';
import { corpus, describeShared } from '../helpers/shared.js';
import { parse } from 'csv-parse/sync';
import { checkView } from '../../src/report/check-view.js';
import { csvTables, unguard } from '../../src/report/csv.js';
import { renderTerminal } from '../../src/report/terminal.js';

/**
 * End to end on the five seed reports (February 2020, Turkey asking the US for air patrols over
 * Idlib): what a careful reader finds in them, asserted on the real text. The seeds carry no
 * publication dates (but one byline), so the run gets the week's Friday as its reference date.
 */
describeShared('analyze on the seeds', () => {
  let run: RunResult;
  const by = (prefix: string): Article => {
    const a = run.articles.find((x) => x.source.includes(`${prefix}_`));
    if (!a) throw new Error(`seed ${prefix} missing`);
    return a;
  };
  const spans = <T extends { start: number; end: number }>(a: Article, layer: readonly T[] | undefined) =>
    (layer ?? []).map((s) => ({ ...s, text: a.text.slice(s.start, s.end) }));

  beforeAll(async () => {
    run = await analyze([join(corpus!, 'seeds')], { referenceDate: '2020-02-28' });
  });

  it('reads all five with their titles and no errors', () => {
    expect(run.errors).toEqual([]);
    expect(run.articles).toHaveLength(5);
    expect(by('000').meta.title).toBe('Turkey Requests US Jets Patrol Near Idlib To Halt Russian Air Power');
    expect(by('002').meta.title).toMatch(/^World war 3: Turkey asks for US assistance/);
    expect(by('003').meta.title).toMatch(/^What happens if Turkey takes Air Support/);
    expect(by('004').meta.title).toBe('Turkey Calls for World Powers to Impose No-Fly Zone in Syria');
  });

  it.each([
    ['000', 'F-22 Raptor file image via Reuters.'],
    ['002', 'JUST IN: WW3 standoff: Footage of Russia and US troops showdown sparks fears'],
    ['002', 'WW3 standoff: Footage of Russia and US troops showdown sparks fears [Latest]'],
    ['002', 'Donald Trump’s peace plan ‘dead before it has been proposed’ [Latest]'],
    ['002', 'Trump embarrassment: Palestinians say Trump’s new plan  [Latest]'],
    ['002', 'Source: Read Full Article'],
    ['004', 'The Largest Security-Cleared Career Network for Defense and Intelligence Jobs - JOIN NOW'],
    ['004', 'Weapons of Mass Destruction (WMD)'],
    ['004', 'By Dorian Jones February 28, 2020'],
    ['004', 'Join the mailing list'],
  ])('removes the junk line in %s: %s', (seed, line) => {
    const a = by(seed);
    expect(a.text).not.toContain(line);
    expect(a.removed.map((r) => r.text.trim())).toContain(line);
    for (const r of a.removed) expect(a.rawText.slice(r.start, r.end)).toBe(r.text);
  });

  // No general rule knows "Paylaş" (Turkish for "share"): the widget stays in the text. A list
  // entry for it was written for this one seed (test/lexicons.test.ts keeps such entries out).
  it.fails('removes the Turkish share widget in 003: Paylaş / Share', () => {
    expect(by('003').text).not.toContain('Paylaş / Share');
  });

  it.each([
    ['000', 'The new Middle East Eye report details'],
    ['000', 'a Turkish official told Middle East Eye.'],
    ['001', 'Russia urges Turkey to allow Syrians flee to govt.-held areas'],
    ['002', 'Firing back at Mr Erdogan, Russia has accused Ankara of providing cover for militants.'],
    ['003', 'We will see the situation together.'],
    ['004', 'NATO talks'],
    ['004', 'Fighting escalates'],
    ['004', 'Ankara ultimatum'],
    ['004', 'Hundreds of thousands of refugees have fled to the Turkish border.'],
  ])('keeps the real text in %s: %s', (seed, line) => {
    expect(by(seed).text).toContain(line);
  });

  it('loses nothing: every input line is kept, is the title, or is a removed span', () => {
    for (const a of run.articles) {
      const lines = a.rawText.split('\n').map((l) => l.trim()).filter(Boolean);
      const removed = a.removed.map((r) => r.text.trim());
      for (const line of lines) {
        const accounted =
          a.text.includes(line) || line === a.meta.title || removed.some((r) => r === line || (r.length > 0 && line.includes(r) && a.text.includes(line.replace(r, '').trim())));
        expect(accounted, `${a.source}: lost "${line}"`).toBe(true);
      }
    }
  });

  it('moves the byline and its date into metadata', () => {
    expect(by('004').meta.byline).toBe('Dorian Jones');
    expect(by('004').meta.published).toBe('2020-02-28');
  });

  it.each([
    ['000', 'We will get them operational in the spring', 'Hulusi Akar'],
    ['001', 'We have no intentions of a face-off with Russia', 'Hulusi Akar'],
    ['002', 'We are entering the last days for the Syrian regime', 'Recep Tayyip Erdogan'],
    ['004', 'Developments in Idlib have turned to our advantage', 'Recep Tayyip Erdogan'],
    ['004', 'We are exploring ways the United States can work together', 'Pentagon'],
    ['004', 'When the time given to the regime to withdraw expires', 'Omer Celik'],
    ['004', 'To find a middle ground between Russia and Turkey seems difficult', 'Aydin Selcen'],
    ['004', 'There is a narrow window of opportunity', 'Aydin Selcen'],
    ['004', 'Millions of civilians are being bombarded', 'Fahrettin Altun'],
  ])('attributes the quote in %s "%s" to %s', (seed, words, speaker) => {
    const a = by(seed);
    const q = spans(a, a.layers.quotes).find((x) => x.text.includes(words));
    expect(q, `no quote containing "${words}"`).toBeDefined();
    expect(q!.speakerName).toMatch(new RegExp(speaker.split(' ').pop()!));
  });

  it('finds the indirect quote credited to an anonymous official', () => {
    const a = by('001');
    const q = spans(a, a.layers.quotes).find((x) => !x.direct && x.text.includes('aerial patrols'));
    expect(q?.speakerName).toMatch(/Turkish official/);
  });

  it.each([
    ['004', '33 Turkish soldiers', 33, false],
    ['004', 'nearly a million Syrians', 1_000_000, true],
    ['004', '3.5 million', 3_500_000, true],
    ['001', 'two batteries of Patriot missile systems', 2, false],
    ['002', 'Two Turkish soldiers', 2, false],
  ])('reads the quantity in %s: %s', (seed, words, value, approximate) => {
    const a = by(seed);
    const q = spans(a, a.layers.quantities).find((x) => x.text.includes(words.replace(/^nearly /, '')) || words.includes(x.text));
    expect(q, `no quantity for "${words}"`).toBeDefined();
    expect(q!.value).toBe(value);
    if (words.startsWith('nearly')) expect(q!.approximate).toBe(approximate);
  });

  it.each([
    ['004', 'Thursday', '2020-02-27', 'day'],
    ['004', 'March 5', '2020-03-05', 'day'],
    ['004', 'the end of February', '2020-02', 'month'],
    ['002', 'yesterday', '2020-02-27', 'day'],
    ['002', 'last October', '2019-10', 'month'],
    ['001', 'earlier this month', '2020-02', 'month'],
  ])('resolves the date in %s: %s', (seed, words, value, precision) => {
    const a = by(seed);
    const d = spans(a, a.layers.dates).find((x) => x.text.toLowerCase().includes(words.toLowerCase()));
    expect(d, `no date for "${words}"`).toBeDefined();
    expect(d!.value).toBe(value);
    expect(d!.precision).toBe(precision);
  });

  it('makes no date out of "JOIN NOW" or "the last days"', () => {
    for (const a of run.articles) {
      for (const d of spans(a, a.layers.dates)) expect(d.text).not.toMatch(/now|last days/i);
    }
  });

  it('merges entity refs across articles', () => {
    const refOf = (seed: string, surface: string) =>
      spans(by(seed), by(seed).layers.entities).find((e) => e.text === surface)?.ref;
    expect(refOf('003', 'Turkiye')).toBeDefined();
    expect(refOf('003', 'Turkiye')).toBe(refOf('000', 'Turkey'));
    expect(refOf('000', 'Erdogan')).toBe(refOf('004', 'Recep Tayyip Erdogan'));
    expect(refOf('002', 'Erdogan') ?? refOf('002', 'Mr Erdogan')).toBe(refOf('004', 'Recep Tayyip Erdogan'));
    expect(refOf('000', 'Nato')).toBe(refOf('004', 'NATO'));
    expect(refOf('000', 'Idlib')).toBe('place:idlib');
  });

  // Known misses of the general rules: one-typo matching covers our lexicons' names and countries,
  // not cities ("Ildib" for the city of Idlib), and nothing types the bare acronym "HTS" as a group.
  it.fails('reads the misspelt "Ildib" as Idlib', () => {
    const e = spans(by('000'), by('000').layers.entities).find((x) => x.text === 'Ildib');
    expect(e?.ref).toBe('place:idlib');
  });
  it.fails('types "HTS" as an armed group', () => {
    expect(spans(by('003'), by('003').layers.entities).find((x) => x.text === 'HTS')?.ref).toMatch(/^group:/);
  });

  const cited = (seed: string) => spans(by(seed), by(seed).layers.citedSources);

  it('credits the outlets it names: CNN, the Daily Telegraph, and the Pentagon by both its names', () => {
    expect(cited('001').find((s) => s.text === 'CNN')).toMatchObject({ sourceKind: 'outlet' });
    expect(cited('002').some((s) => /Telegraph/.test(s.name))).toBe(true);
    const pentagon = cited('004').filter((s) => /Pentagon|Defense Department/.test(s.text));
    expect(new Set(pentagon.map((s) => s.ref))).toEqual(new Set(['organization:pentagon']));
    expect(pentagon.length).toBeGreaterThanOrEqual(2);
  });

  // Middle East Eye is named in no corpus text but the seeds, so no list may hold it; no general
  // rule yet reads "…, a Turkish official told Middle East Eye" as crediting an outlet.
  it.fails('credits Middle East Eye and MEE as one source', () => {
    const mee = cited('001').filter((s) => /MEE|Middle East Eye/.test(s.text));
    expect(mee.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mee.map((s) => s.ref)).size).toBe(1);
  });

  it('marks hedges and tells opinion from news', () => {
    const hedgeTexts = (seed: string) => spans(by(seed), by(seed).layers.hedges).map((h) => h.text.toLowerCase());
    expect(hedgeTexts('000')).toContain('apparently');
    expect(hedgeTexts('003')).toEqual(expect.arrayContaining(['rumors', 'it seems', 'probably']));
    expect(hedgeTexts('004')).toContain('reportedly');
    expect(by('003').classification?.kind).toBe('opinion');
    expect(by('004').classification?.kind).toBe('news');
  });

  it('traces the rewritten Middle East Eye passage between 000 and 001, with the words changed', () => {
    const story = run.stories.find((s) => s.articleIds.includes(by('000').id) && s.articleIds.includes(by('001').id));
    expect(story?.articleIds).toHaveLength(4);
    const r = story!.reuse!.find((x) => new Set([x.from, x.to]).has(by('000').id) && new Set([x.from, x.to]).has(by('001').id));
    // Neither is dated and the outlet both credit (Middle East Eye) is no known outlet: the
    // direction of the copy is not known (see the known miss below).
    expect(r).toMatchObject({ relation: 'unknown' });
    const changes = r!.passages.flatMap((p) => p.changes.map((c) => [c.from, c.to]));
    const [a, b] = r!.from === by('000').id ? [0, 1] : [1, 0];
    const pairs = changes.map((c) => [c[a], c[b]]);
    expect(pairs).toEqual(expect.arrayContaining([['ongoing', 'imminent large-scale'], ['forces loyal to Damascus', 'the Syrian army'], ['', 'US-led']]));
    for (const p of r!.passages) {
      const from = run.articles.find((x) => x.id === r!.from)!;
      for (const c of p.changes) expect(from.text.slice(c.fromStart, c.fromEnd)).toBe(c.from);
    }
    expect(story!.reuse!.filter((x) => ![x.from, x.to].includes(by('004').id))).toHaveLength(1);
  });

  it('dates the three reports whose text says "Thursday" or "yesterday" from the reference day, and says so', () => {
    expect([by('000'), by('001'), by('002')].map((a) => [a.meta.published, a.meta.provenance.published])).toEqual([
      ['2020-02-26', 'relative-days+reference-date'],
      ['2020-02-28', 'relative-days+reference-date'],
      ['2020-02-27', 'relative-days+reference-date'],
    ]);
    expect(by('004').meta.provenance.published).toBe('byline-line');
  });

  it('keeps the undated opinion blog (003) apart: an article without a date joins only a story it matches strongly', () => {
    expect(by('003').meta.published).toBeNull();
    const mine = run.stories.find((s) => s.articleIds.includes(by('003').id))!;
    expect(mine.articleIds).toEqual([by('003').id]);
    expect(run.stories).toHaveLength(2);
    expect(run.storylines).toHaveLength(2);
  });

  it('keeps the subheads of 004 as headings, never as sentences of claims or the brief', () => {
    const a = by('004');
    const heads = (a.layers.paragraphs ?? []).filter((p) => p.heading).map((p) => a.text.slice(p.start, p.end));
    expect(heads).toEqual(expect.arrayContaining(['NATO talks', 'Ankara ultimatum']));
    const sentences = (a.layers.sentences ?? []).map((s) => a.text.slice(s.start, s.end));
    for (const h of heads) expect(sentences).not.toContain(h);
    const check = run.stories[0]!.check!;
    for (const h of heads) {
      for (const c of check.claims) expect(c.text.startsWith(h)).toBe(false);
      for (const b of check.brief) expect(b.text.includes(`${h}\n`) || b.text.startsWith(h)).toBe(false);
    }
  });

  it('labels the seeds by file name without the hash, and names presidents officials', () => {
    const out = renderTerminal(run, { color: false, width: 100 });
    expect(out).toContain('file 000');
    expect(out).not.toContain('12436d311f05a390');
    // 004 gives Erdogan's title where it does not quote him; 002 gives none, but he holds an office by name (affiliations.yml).
    const v = checkView(run.stories[0]!.check!, run.articles, run.stories[0]!.articleIds);
    const erdogan = v.quoted.flatMap((q) => q.list.filter((x) => x.speaker === 'Recep Tayyip Erdogan').map((x) => [q.outlet, x.role]));
    expect(erdogan).toEqual([['file 002', 'official'], ['file 004', 'official']]);
    expect(v.quoted.flatMap((q) => q.list.filter((x) => x.speaker === 'Donald Trump').map((x) => x.role))).toEqual(['official']);
    const altun = v.quoted.flatMap((q) => q.list.filter((x) => x.speaker === 'Fahrettin Altun'));
    expect(altun.map((x) => x.role)).toEqual(['official']);
  });

  it('exports the claims of the seeds as CSV that reads back to the same claims', () => {
    const rows = parse(csvTables(run).get('claims')!, { columns: true }) as Record<string, string>[];
    const claims = run.stories.flatMap((s) => s.check!.claims);
    expect(rows.map((r) => [r.claim_id, r.verdict, unguard(r.text!), Number(r.independent_origins)])).toEqual(claims.map((c) => [c.id, c.status, c.text, c.independentOrigins]));
  });

  it.fails('traces that passage to Middle East Eye, which both credit (a common origin)', () => {
    const story = run.stories.find((s) => s.articleIds.includes(by('000').id))!;
    const r = story.reuse!.find((x) => new Set([x.from, x.to]).has(by('000').id) && new Set([x.from, x.to]).has(by('001').id));
    expect(r).toMatchObject({ relation: 'common-origin', origin: 'organization:middle-east-eye' });
  });
});
