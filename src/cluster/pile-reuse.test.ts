import { describe, expect, it } from 'vitest';
import { syntheticStream } from '../../test/helpers/synthetic.js';
import type { Article } from '../model/article.js';
import { dayOf } from './index.js';
import { PileReuse, PILE_REUSE } from './pile-reuse.js';
import type { ReuseDoc } from './reuse.js';

// A store resuming an ingest takes back only the articles inside the window (store/writer.ts); a
// run that never stopped still has the ones it dropped in its postings until the next sweep. What
// the two find across stories from then on must be the same, or a killed-and-resumed ingest stores
// other copies than an uninterrupted one (test/hostile/resume.test.ts).

const stream = syntheticStream(60, 3);
const docs: ReuseDoc[] = stream.map((a) => ({ id: a.id, meta: { title: a.title, published: a.published, publishedAt: null, outlet: a.outlet, provenance: {} } as unknown as Article['meta'], removed: [], text: a.text, layers: {} }));
// Stories that cut across the events, so that an event's copies stand in several stories.
const storyOf = (i: number) => `story-${i % 4}`;
// A narrow window and a low cap on a shingle's articles, so that many drop out between sweeps and stale postings would tip keys over the cap.
const settings = { ...PILE_REUSE, windowDays: 2, undatedArticles: 15, maxPosting: 3 };
const pairs = (found: ReturnType<PileReuse['add']>) => found.map((r) => `${r.record.from}>${r.record.to}`).join(',');

describe('copies across stories, after a store takes back its window', () => {
  it.each([40, 90, 150])('a pile rebuilt at article %i finds what the pile that never stopped finds', (cut) => {
    const whole = new PileReuse(settings);
    for (let i = 0; i < cut; i++) whole.add(docs[i]!, storyOf(i));
    // What the store takes back: the window's dated articles and the last undated ones, in order of arrival, with their places in it.
    const today = Math.max(...docs.slice(0, cut).map((d) => dayOf(d.meta.published!)));
    const rebuilt = new PileReuse(settings);
    for (let i = 0; i < cut; i++) if (dayOf(docs[i]!.meta.published!) >= today - settings.windowDays) rebuilt.index(docs[i]!, storyOf(i), undefined, i + 1);
    rebuilt.arrived(cut);
    expect(rebuilt.size).toBeLessThan(whole.size + 1);
    let found = 0;
    for (let i = cut; i < docs.length; i++) {
      const a = pairs(whole.add(docs[i]!, storyOf(i)));
      expect(pairs(rebuilt.add(docs[i]!, storyOf(i))), `article ${i}`).toBe(a);
      if (a) found++;
    }
    // The stream has copies across stories to find, so the comparison is not of two empty lists.
    expect(found).toBeGreaterThan(0);
  });
});
