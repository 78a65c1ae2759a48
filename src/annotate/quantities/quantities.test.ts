import { describe, expect, it } from 'vitest';
import { segment } from '../sentences/index.js';
import { findDates } from '../dates/index.js';
import { findQuantities, singular } from './index.js';

const q = (text: string) => {
  const { tokens, sentences } = segment(text);
  return findQuantities(text, tokens, findDates(text, sentences, '2020-02-28')).map((x) => [text.slice(x.start, x.end), x.value, x.unit, x.approximate]);
};

describe('quantities', () => {
  it.each([
    ['On Thursday, 33 Turkish soldiers were killed.', ['33 Turkish soldiers', 33, 'soldier', false]],
    ['The UN says nearly a million Syrians have been displaced.', ['nearly a million Syrians', 1_000_000, 'Syrian', true]],
    ['Turkey hosts more than 3.5 million Syrians.', ['more than 3.5 million Syrians', 3_500_000, 'Syrian', true]],
    ['They asked for two batteries of Patriot missile systems.', ['two batteries of Patriot missile systems', 2, 'battery', false]],
    ['Hundreds of thousands of refugees have fled.', ['Hundreds of thousands of refugees', 200_000, 'refugee', true]],
    ['Prices rose 12.5 percent last year.', ['12.5 percent', 12.5, 'percent', false]],
    ['The plant cost $40 million to build.', ['$40 million', 40_000_000, 'dollar', false]],
    ['The Red Cross handed out about 3,000 blankets.', ['about 3,000 blankets', 3000, 'blanket', true]],
  ])('%s', (text, expected) => {
    expect(q(text)).toContainEqual(expected);
  });

  it('does not count years, days of a date, list numbers or a bare "one"', () => {
    expect(q('The 2018 ceasefire ended on March 5.')).toEqual([]);
    expect(q('1. First, the HTS is weak.\n2. Second, it withdrew.')).toEqual([]);
    expect(q('One of them left.')).toEqual([]);
  });

  it('singularises unit names', () => {
    expect(['batteries', 'soldiers', 'boxes', 'Syrians', 'news'].map((w) => singular(w, true))).toEqual(['battery', 'soldier', 'box', 'Syrian', 'news']);
  });
});
