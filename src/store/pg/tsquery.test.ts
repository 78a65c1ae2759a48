import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations.js';
import { PG_MIGRATIONS } from './migrations.js';
import { plainTsquery, toTsquery } from './tsquery.js';

describe('toTsquery(query): our search syntax as a PostgreSQL tsquery', () => {
  it.each([
    ['levee', "'levee'"],
    ['levee bridge', "'levee' & 'bridge'"],
    ['"air patrols" Idlib', "('air' <-> 'patrols') & 'Idlib'"],
    ['Idlib OR Afrin', "'Idlib' | 'Afrin'"],
    ['refug*', "'refug':*"],
    ['"no-fly zone"*', "('no-fly' <-> 'zone':*)"],
    ['flood NOT levee', "'flood' & !'levee'"],
    ['a OR b NOT c', "'a' | 'b' & !'c'"],
    ['(Idlib OR Afrin) AND strikes', "('Idlib' | 'Afrin') & 'strikes'"],
    ['NEAR(levee breach, 5)', "('levee' & 'breach')"],
    ["O'Brien's \\ statement", "'OBriens' & 'statement'"],
  ])('%s → %s', (query, expected) => {
    expect(toTsquery(query)).toBe(expected);
  });

  it.each(['"unbalanced AND (', 'levee OR', 'NOT', '(a b', 'a )', '"open'])('%s is not valid: null (searched as plain words)', (query) => {
    expect(toTsquery(query)).toBeNull();
  });

  it('quotes every term, so nothing typed is read as tsquery syntax', () => {
    expect(toTsquery("x' | 'y")).toBe("'x' & 'y'");
    expect(plainTsquery('"unbalanced AND (')).toBe("'unbalanced' & 'AND'");
    expect(plainTsquery('*** ()')).toBeNull();
  });
});

describe('PG_MIGRATIONS', () => {
  it('has the same versions, names and order as the SQLite migrations', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });
});
