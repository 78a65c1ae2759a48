import { describe, expect, it } from 'vitest';
import { PhraseMatcher, stemmedWords } from './phrases.js';

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher([
    { term: 'slam', source: 't' },
    { term: 'claimed', exact: true, source: 't' },
    { term: 'war of words', source: 't' },
  ]);
  const hits = (text: string) => m.match(stemmedWords(text)).map((h) => [text.slice(h.start, h.end), h.entry.term]);

  it('matches by stem, by written form when exact, and the longest phrase first', () => {
    expect(hits('The mayor slammed the plan and claimed victory in a war of words.')).toEqual([
      ['slammed', 'slam'],
      ['claimed', 'claimed'],
      ['war of words', 'war of words'],
    ]);
    expect(hits('Their claims were slams.')).toEqual([['slams', 'slam']]);
  });

  it('refuses an entry another one already covers', () => {
    expect(() => new PhraseMatcher([{ term: 'outrage', source: 't' }, { term: 'outraged', source: 't' }])).toThrow(/outraged.*outrage/);
  });
});
