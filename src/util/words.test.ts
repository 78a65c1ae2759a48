import { describe, expect, it } from 'vitest';
import { wordCount } from './words.js';

describe('wordCount', () => {
  it('counts the runs between whitespace as split(/\\s+/) does, for every whitespace character', () => {
    const split = (t: string) => t.split(/\s+/).filter(Boolean).length;
    let every = '';
    for (let c = 0; c < 0x10000; c++) every += `${String.fromCharCode(c)}a`;
    for (const t of ['', '  ', 'one', ' one two  three ', 'tab\there\nnew\u00a0nbsp\u2009thin\u3000ideo\ufeffbom', every]) expect(wordCount(t)).toBe(split(t));
  });
});
