import { describe, expect, it } from 'vitest';
import { segment } from '../sentences/index.js';
import { findDates } from './index.js';

const dates = (text: string, ref: string | null = '2020-02-28') => findDates(text, segment(text).sentences, ref).map((d) => [text.slice(d.start, d.end), d.value, d.precision, d.mod]);

describe('dates', () => {
  it.each([
    // reference 2020-02-28 is a Friday
    ['Officials met on Thursday.', ['Thursday', '2020-02-27', 'day', null]],
    ['Officials met on Friday.', ['Friday', '2020-02-28', 'day', null]],
    ['The ministers will meet on Monday.', ['Monday', '2020-03-02', 'day', null]],
    ['They left last Friday.', ['last Friday', '2020-02-21', 'day', null]],
    ['Two soldiers were killed yesterday.', ['yesterday', '2020-02-27', 'day', null]],
    ['Erdogan proposed a summit on March 5.', ['March 5', '2020-03-05', 'day', null]],
    ['Damascus must withdraw by the end of February.', ['the end of February', '2020-02', 'month', 'END']],
    ['Turkey caused an uproar last October.', ['last October', '2019-10', 'month', null]],
    ['The request came earlier this month.', ['earlier this month', '2020-02', 'month', null]],
    ['The 2018 ceasefire collapsed.', ['2018', '2018', 'year', null]],
    ['Since the beginning of 2020 the highway was seized.', ['the beginning of 2020', '2020', 'year', 'START']],
    ['By Dorian Jones February 28, 2020', ['February 28, 2020', '2020-02-28', 'day', null]],
    ['Families who cannot go home by Friday get hotel rooms.', ['Friday', '2020-02-28', 'day', null]],
  ])('%s', (text, expected) => {
    expect(dates(text)).toContainEqual(expected);
  });

  it.each([
    'The Largest Career Network for Defense Jobs - JOIN NOW',
    'We are entering the last days for the regime.',
    'The toll rose to 15 in the last month.',
    'Turkey may receive US missiles.',
    'Subscribe to Maravel Today for news.',
  ])('finds no date in: %s', (text) => {
    expect(dates(text)).toEqual([]);
  });

  it('keeps absolute dates and drops relative ones without a reference', () => {
    expect(dates('On March 5, 2020 and on Thursday.', null)).toEqual([['March 5, 2020', '2020-03-05', 'day', null]]);
    // Counted from a day the text does not give: chrono would count from its own default instead.
    const relative = 'He entered rehab yesterday, two days ago, or today; last year he left, and 30 years after the break-in it ended. This year and this month it went on. It was May 2, 2013.';
    expect(dates(relative, null)).toEqual([['May 2, 2013', '2013-05-02', 'day', null]]);
    expect(dates(relative, '2013-05-03').map((d) => d[0])).toEqual(expect.arrayContaining(['yesterday', 'two days ago', 'today', 'last year', 'This year', 'this month']));
  });
});
