import { describe, expect, it } from 'vitest';
import type { Extracted } from '../ingest/types.js';
import { readByline, readDateline, readStamp } from './byline.js';
import { cleanAll, junkReason } from './index.js';
import { guessLanguage } from './language.js';

const doc = (text: string, extra: Partial<Extracted> = {}): Extracted => ({
  source: 'x.txt', format: 'text', title: null, text, outlet: null, byline: null, published: null, url: null, language: null, provenance: {}, ...extra,
} as Extracted);

describe('clean', () => {
  it.each([
    ['Sign up to our FREE Daily Blaze newsletter - JOIN NOW', 'call-to-action'],
    ['Join the mailing list', 'subscribe'],
    ['Tweet / Share', 'share'],
    ['Share this article', 'share'],
    ['Follow us on Facebook and Instagram', 'call-to-action'],
    ['READ MORE: Chemical giant’s bosses in hiding as families demand answers', 'related-link'],
    ['Smoke rises over the harbour on Tuesday. Photo: Coastline Wire/Ana Berz', 'caption'],
    ['Subscribe to Maravel Today for just 1 a month', 'subscribe'],
  ])('junk: %s', (line, kind) => {
    expect(junkReason(line)).toMatch(new RegExp(kind));
  });

  it.each([
    'Turkey called on the international community Friday to impose a no-fly zone in Syria.',
    'Readers who subscribe to the theory that the fire was an accident are wrong, the union says.',
    'We will see the situation together.',
    'NATO talks',
  ])('keeps a real line: %s', (line) => {
    expect(junkReason(line)).toBeNull();
  });

  it('reads bylines and datelines', () => {
    expect(readByline('By Dorian Jones February 28, 2020')).toEqual({ byline: 'Dorian Jones', published: '2020-02-28' });
    expect(readDateline('MARAVEL, March 6 (Coastline Wire) - An explosion')?.place).toMatch(/MARAVEL/);
    expect(readDateline('Turkey called on Friday')).toBeNull();
  });

  it.each([
    ['First Published: June 13, 2013 4: 59 PM EDT', '2013-06-13'],
    ['PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM', '2013-05-02'],
    ['12: 52 p. m. EDT May 2, 2013', '2013-05-02'],
    ['Updated 11 / 27 / 2005 3: 41 PM', '2005-11-27'],
    ['Last updated 13: 26 14 / 09 / 2013', '2013-09-14'],
    ['Article posted on 08. 07. 2012', '2012-07-08'],
    ['published: 2012 - 04 - 04 11: 47: 35', '2012-04-04'],
    ['21 July 2013 Last updated at 11: 11 GMT', '2013-07-21'],
    ['4 October 2013, 18: 07 (GMT+05: 00)', '2013-10-04'],
    ['Friday, June 7, 2013', '2013-06-07'],
    ['May 3rd, 2013 2: 00pm EDT', '2013-05-03'],
    ['27 NOVEMBER, 2005', '2005-11-27'],
    ['2 A. M. FEB. 4, 2009', '2009-02-04'],
    ['Updated 4: 08 p. m. ET', null],
    ['Dec. 24 4: 33 AM EST', null],
    ['Dec. 24', null],
    ['Updated Wednesday, Jan 5 at 5: 53 PM', null],
  ])('reads the time stamp %s', (line, day) => {
    expect(readStamp(line)).toEqual({ day });
  });

  it.each([
    'Ellen DeGeneres to host 2014 Oscars',
    'Reid checked herself in on Tuesday, December 9, 2008.',
    'WASHINGTON, DC, April 28, 2009',
    'May 2013',
    '13 / 31 / 2013',
    'Posted 1 year, 160 days ago [downloaded on 2 October 2013]',
    'Mumbai, Nov 11 -',
    'Colts beat Chiefs 20 - 13',
    '2 am',
  ])('reads no time stamp in %s', (line) => {
    expect(readStamp(line)).toBeNull();
  });

  it('takes time-stamp lines out of the head: never the title, the earliest is the publication day', () => {
    const text = 'Singer Ana Berz Dies At 91; Fans Mourn\nJune 6, 2013 3: 05 PM EDT\nUpdated: June 7, 2013 9: 10 AM EDT\nAna Berz, who sang for six decades, has died. She was 91, her family said on Thursday.';
    const [a] = cleanAll([doc(text)]).articles;
    expect(a!.meta.title).toBe('Singer Ana Berz Dies At 91; Fans Mourn');
    expect(a!.meta.published).toBe('2013-06-06');
    expect(a!.text).toBe('Ana Berz, who sang for six decades, has died. She was 91, her family said on Thursday.');
    expect(a!.removed.filter((r) => r.reason === 'clean/timestamp').map((r) => r.text)).toEqual(['June 6, 2013 3: 05 PM EDT', 'Updated: June 7, 2013 9: 10 AM EDT']);
    // A date the source gave wins over one read from the text.
    expect(cleanAll([doc(text, { published: '2013-06-08' })]).articles[0]!.meta.published).toBe('2013-06-08');
  });

  it('takes a title from the first line only when more text follows it', () => {
    // One sentence and nothing else: the sentence is the text (ECB+ has 52 such texts).
    const one = 'A bomb went off on Friday at a bank branch in Woodburn, Oregon, killing two officers.';
    const [a] = cleanAll([doc(one)]).articles;
    expect(a!.meta.title).toBeNull();
    expect(a!.text).toBe(one);
    // A time stamp over one line: the stamp is cut, the line stays text.
    const { articles, errors } = cleanAll([doc('June 06, 2013\nEsther Gray, swimmer and film star, dies at 91')]);
    expect(errors).toEqual([]);
    expect(articles[0]!.text).toBe('Esther Gray, swimmer and film star, dies at 91');
    expect(articles[0]!.meta.published).toBe('2013-06-06');
    // A headline over a body is still the title.
    expect(cleanAll([doc(`Bank bomb kills two officers\n${one}`)]).articles[0]!.meta.title).toBe('Bank bomb kills two officers');
  });

  it('keeps every removed span with its reason, cuts lines that repeat across an outlet, and takes the title', () => {
    const text = (body: string) => `Headline about ${body}\n\n${body} happened on Tuesday, officials said, and more people are expected to follow.\nMore stories from Town Post\n`;
    const { articles } = cleanAll([doc(text('a bridge'), { outlet: 'Town Post', source: 'a.txt' }), doc(text('a tunnel'), { outlet: 'Town Post', source: 'b.txt' })]);
    expect(articles.map((a) => a.meta.title)).toEqual(['Headline about a bridge', 'Headline about a tunnel']);
    for (const a of articles) {
      expect(a.text).not.toContain('More stories from Town Post');
      expect(a.removed.some((r) => r.text === 'More stories from Town Post')).toBe(true);
      for (const r of a.removed) expect(a.rawText.slice(r.start, r.end)).toBe(r.text);
    }
  });

  it('refuses empty, duplicate and non-English articles with a reason', () => {
    const english = 'Bridge approved\n\nThe council approved the new bridge on Tuesday, and the mayor said that the work would start in the spring of next year.';
    const { articles, errors } = cleanAll([
      doc(english, { source: 'a.txt' }),
      doc(english, { source: 'copy.txt' }),
      doc('   \n', { source: 'empty.txt' }),
      doc('Neue Brücke\n\nDer Stadtrat hat am Dienstag den Bau einer neuen Brücke beschlossen, und die Bürgermeisterin sagte, dass die Arbeiten im Frühjahr beginnen.', { source: 'de.txt' }),
    ]);
    expect(articles).toHaveLength(1);
    expect(errors.map((e) => `${e.input}: ${e.reason}`)).toEqual([expect.stringMatching(/^copy\.txt: same article as a\.txt/), expect.stringMatching(/^empty\.txt: /), expect.stringMatching(/^de\.txt: not English \(looks like German\)/)]);
    expect(guessLanguage(english)).toBe('en');
  });

  describe('lines an outlet repeats', () => {
    const body = (n: number) =>
      [`The harbour authority closed berth ${n} on Monday after an inspection found cracks in the quay wall.`, 'Port Desk', `Engineers said repairs to berth ${n} would take at least ${n + 2} weeks and cost more than expected.`, 'The authority said ships would go to the northern terminal during the work.'].join('\n\n');
    const outlet = { outlet: 'Port Gazette' };

    it('cuts a short tagline found in two of its articles, keeps repeated prose', () => {
      const { articles } = cleanAll([doc(body(3), { ...outlet, source: 'a' }), doc(body(7), { ...outlet, source: 'b' })]);
      for (const a of articles) {
        expect(a.removed.map((r) => [r.text, r.reason])).toContainEqual(['Port Desk', 'clean/repeated-line']);
        expect(a.text).toContain('The authority said ships would go to the northern terminal');
      }
    });

    it('keeps an article whole when most of it repeats another (an update, a copy)', () => {
      const text = ['Harbour authority closes berth three after the inspection of the quay wall', 'Engineers say the cracks in the wall are older than anyone thought', 'Repairs will take weeks and the shipping lines are told to go north', 'The northern terminal will take the ships while the work goes on'].join('\n\n');
      const { articles, errors } = cleanAll([doc(text, { ...outlet, source: 'a', title: 'One' }), doc(text + '\n\nThe work starts today and the first ships are already on their way', { ...outlet, source: 'b', title: 'Two' })]);
      expect(errors).toEqual([]);
      expect(articles.map((a) => a.removed.filter((r) => r.reason === 'clean/repeated-line').length)).toEqual([0, 0]);
    });
  });
});
