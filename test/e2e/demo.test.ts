import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/app/analyze.js';
import type { Article } from '../../src/model/article.js';
import type { RunResult } from '../../src/model/run.js';
import { renderHtml, toJsonV1, validateJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';

/** What `triangulate demo` must find in the bundled demo corpus (our own fiction, examples/demo). */
describe('the demo corpus', () => {
  const dir = join(packageRoot(), 'examples', 'demo');
  let run: RunResult;
  const byOutlet = (outlet: string, n = 0): Article => run.articles.filter((a) => a.meta.outlet === outlet)[n]!;
  const texts = <T extends { start: number; end: number }>(a: Article, layer: readonly T[] | undefined) => (layer ?? []).map((s) => ({ ...s, text: a.text.slice(s.start, s.end) }));

  beforeAll(async () => {
    const inputs = readdirSync(dir).filter((f) => !/^(README\.md|manifest\.csv)$/.test(f)).map((f) => join(dir, f));
    run = await analyze(inputs, { ingest: { manifest: join(dir, 'manifest.csv') } });
  });

  it('reads seven articles from HTML, text and JSON Lines with their metadata', () => {
    expect(run.errors).toEqual([]);
    expect(run.articles).toHaveLength(7);
    const wire = byOutlet('Coastline Wire');
    expect(wire.meta).toMatchObject({ title: 'Blast at Maravel chemical plant kills four, thousands evacuated', byline: 'Mira Tallis', published: '2024-03-06' });
    expect(byOutlet('Daily Blaze').meta.title).toBe('HELL ON THE HARBOUR: Five dead as toxic inferno rips through Maravel');
    expect(byOutlet('Maravel Today').meta.byline).toBe('Jonas Petrik');
    const jsonl = run.articles.filter((a) => a.source.includes('newspile.jsonl#'));
    expect(jsonl.map((a) => a.source.split('#')[1]).sort()).toEqual(['np-4471', 'np-4502']);
  });

  it('cuts the junk and keeps the sentences', () => {
    const blaze = byOutlet('Daily Blaze');
    expect(blaze.text).not.toMatch(/READ MORE|JOIN NOW|Follow us/);
    expect(blaze.text).toContain('Interior Minister Pavel Dragan promised an independent inquiry.');
    expect(byOutlet('Maravel Today').text).not.toMatch(/Subscribe|cookies/);
    expect(byOutlet('Kestrian Herald').text).not.toMatch(/Share this article|Follow the Kestrian Herald/);
    expect(byOutlet('The Harbour Blog').text).not.toMatch(/Share \/ Tweet/);
    expect(byOutlet('Coastline Wire').text).not.toMatch(/Share on Facebook|Related coverage|MARAVEL, March 6/);
    expect(byOutlet('Coastline Wire').meta.dateline).toMatch(/MARAVEL/i);
  });

  it('attributes quotes, including "the minister said" and a surname alone', () => {
    const quote = (a: Article, words: string) => texts(a, a.layers.quotes).find((q) => q.text.includes(words));
    expect(quote(byOutlet('Coastline Wire'), 'The fire is contained')?.speakerName).toBe('Lena Orsk');
    expect(quote(byOutlet('Coastline Wire'), 'We are devastated')?.speakerName).toBe('Tomas Brenn');
    expect(quote(byOutlet('Kestrian Herald'), 'professionalism of our firefighters')?.speakerName).toBe('Pavel Dragan');
    expect(quote(byOutlet('Maravel Today'), 'Nobody told us')?.speakerName).toBe('Irena Vosk');
    const update = run.articles.find((a) => a.source.endsWith('#np-4502'))!;
    expect(quote(update, 'People can go home')?.speakerRef).toBe('person:lena-orsk');
  });

  it('reads the numbers that the outlets disagree on', () => {
    const value = (a: Article, unit: string) => texts(a, a.layers.quantities).find((q) => q.unit === unit);
    expect(value(byOutlet('Coastline Wire'), 'worker')).toMatchObject({ value: 4, approximate: true });
    expect(value(byOutlet('Daily Blaze'), 'worker')).toMatchObject({ value: 5, approximate: true });
    expect(value(byOutlet('Kestrian Herald'), 'worker')).toMatchObject({ value: 2, approximate: false });
    expect(value(byOutlet('Coastline Wire'), 'resident')).toMatchObject({ value: 12000, text: 'nearly 12,000 residents' });
  });

  it('resolves dates against each publication date', () => {
    const date = (a: Article, words: string) => texts(a, a.layers.dates).find((d) => d.text === words);
    expect(date(byOutlet('Coastline Wire'), 'Tuesday')?.value).toBe('2024-03-05');
    expect(date(byOutlet('Coastline Wire'), 'last October')?.value).toBe('2023-10');
    expect(date(byOutlet('Coastline Wire'), 'the end of April')).toMatchObject({ value: '2024-04', precision: 'month', mod: 'END' });
    expect(date(byOutlet('Maravel Today'), 'Friday')?.value).toBe('2024-03-08');
    expect(date(run.articles.find((a) => a.source.endsWith('#np-4502'))!, 'Thursday')?.value).toBe('2024-03-07');
  });

  it('tells the opinion blog from the news', () => {
    expect(byOutlet('The Harbour Blog').classification?.kind).toBe('opinion');
    for (const outlet of ['Coastline Wire', 'Maravel Today', 'Kestrian Herald']) expect(byOutlet(outlet).classification?.kind).toBe('news');
  });

  it('gives one ref per person across outlets', () => {
    const orsk = run.entities.find((e) => e.ref === 'person:lena-orsk');
    expect(orsk?.aliases).toContain('Orsk');
    expect(run.entities.find((e) => e.ref === 'organization:duvall-chemicals')?.type).toBe('organization');
  });

  it('writes valid JSON and escaped HTML', () => {
    expect(validateJsonV1(JSON.parse(JSON.stringify(toJsonV1(run))))).toEqual([]);
    expect(renderHtml(run)).not.toMatch(/<script/i);
  });

  it('traces the copy chain: the aggregator copied the wire (credited), the tabloid rewrote it later that day', () => {
    const story = run.stories.find((s) => s.articleIds.includes(byOutlet('Coastline Wire').id))!;
    const wire = byOutlet('Coastline Wire').id;
    const pile = run.articles.find((a) => a.source.endsWith('#np-4471'))!.id;
    const blaze = byOutlet('Daily Blaze').id;
    expect(story.reuse).toContainEqual(expect.objectContaining({ from: wire, to: pile, relation: 'copy' }));
    // Both came out on 6 March; the pages' timestamps (07:40 and 11:15 UTC) say the tabloid came second.
    const rewrite = story.reuse!.find((r) => r.to === blaze)!;
    expect(rewrite).toMatchObject({ from: wire, relation: 'copy' });
    const changes = rewrite.passages.flatMap((p) => p.changes).map((c) => [c.from, c.to]);
    expect(changes).toEqual(expect.arrayContaining([['four', 'five'], ['nearly', 'more than'], ['plume', 'poisonous cloud']]));
    expect(rewrite.shareOfTo).toBeGreaterThan(0.5);
    expect(story.articleIds).not.toContain(byOutlet('The Harbour Blog').id);
  });

  it('cross-checks the story: the tabloid’s death toll is contested, its loaded words are its own, the brief stands in its spans', () => {
    const story = run.stories.find((s) => s.articleIds.includes(byOutlet('Coastline Wire').id))!;
    const check = story.check!;
    const blaze = byOutlet('Daily Blaze');
    const wire = byOutlet('Coastline Wire');
    // Four workers (the wire) against five (the tabloid's rewrite of it): different figures, one event, one day.
    const toll = check.claims.find((c) => c.mentions.some((m) => m.articleId === blaze.id && blaze.text.slice(m.start, m.end).includes('five workers')))!;
    expect(toll.status).toBe('contested');
    expect(toll.conflicts.map((k) => k.kind)).toContain('numbers');
    const own = check.loaded.filter((l) => l.articleId === blaze.id && !l.quoted).map((l) => l.text.toLowerCase());
    expect(own).toEqual(expect.arrayContaining(['inferno', 'terrified']));
    expect(check.loaded.filter((l) => l.articleId === wire.id && !l.quoted)).toEqual([]);
    expect(validateJsonV1(toJsonV1(run))).toEqual([]);
    expect(check.brief.filter((b) => b.section === 'summary').length).toBeGreaterThan(0);
    for (const b of check.brief) expect(b.articleIds.length).toBeGreaterThan(0);
  });
});
