import { describe, expect, it } from 'vitest';
import { articleLabels, fileLabel, refName, sourceName } from './names.js';

const meta = (m: Partial<{ outlet: string; url: string; title: string }>) => ({ outlet: m.outlet ?? null, url: m.url ?? null, title: m.title ?? null, byline: null, published: null, language: null, dateline: null, provenance: {} });

describe('names of articles', () => {
  it('sourceName: the outlet, else the URL host, else the file name without its hash', () => {
    expect(sourceName({ source: 'a.html', meta: meta({ outlet: 'Middle East Eye', url: 'https://www.mee.net/x' }) })).toBe('Middle East Eye');
    expect(sourceName({ source: 'a.html', meta: meta({ url: 'https://www.aa.com.tr/en/x' }) })).toBe('aa.com.tr');
    expect(sourceName({ source: 'seeds/000_12436d311f05a390.txt', meta: meta({}) })).toBe('file 000');
    expect(sourceName({ source: 'x/daily-blaze.html', meta: meta({ url: 'javascript:alert(1)' }) })).toBe('daily-blaze');
  });

  it('fileLabel: records keep their number; an all-hash name falls back to the title', () => {
    expect(fileLabel('dump/news.jsonl#7')).toBe('news #7');
    expect(fileLabel('9b1de29ea347620f.txt', 'Russia says Turkey has sent large amounts')).toBe('Russia says Turkey has…');
    expect(fileLabel('2020-02-28_report.txt')).toBe('2020-02-28_report');
  });

  it('articleLabels: one label per article, numbered in file order when an outlet has several', () => {
    const labels = articleLabels([
      { id: 'b', source: 'z.txt', meta: meta({ outlet: 'NewsPile' }) },
      { id: 'a', source: 'a.txt', meta: meta({ outlet: 'NewsPile' }) },
      { id: 'c', source: 'c.txt', meta: meta({ outlet: 'Wire' }) },
    ]);
    expect([...labels.entries()].sort()).toEqual([['a', 'NewsPile 1'], ['b', 'NewsPile 2'], ['c', 'Wire']]);
  });

  it('refName: a readable name from a ref', () => {
    expect(refName('place:turkey')).toBe('Turkey');
    expect(refName('person:recep-tayyip-erdogan')).toBe('Recep Tayyip Erdogan');
    expect(refName('place:x', new Map([['place:x', 'Xland']]))).toBe('Xland');
  });
});
