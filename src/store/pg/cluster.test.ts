import { describe, expect, it } from 'vitest';
import { mergedInto } from './cluster.js';

/** The merges applied one by one, as SQLite's commit applies them: every event then in `from` moved to `into`. */
function oneByOne(events: Map<string, string>, merges: readonly (readonly [string, string])[]): Map<string, string> {
  const out = new Map(events);
  for (const [from, into] of merges) for (const [e, line] of out) if (line === from) out.set(e, into);
  return out;
}

/** The events moved as one UPDATE moves them: each event of a storyline `mergedInto` names goes where it says. */
function inOne(events: Map<string, string>, merges: readonly (readonly [string, string])[]): Map<string, string> {
  const ends = mergedInto(merges);
  return new Map([...events].map(([e, line]) => [e, ends.get(line) ?? line]));
}

describe('storyline merges in one statement (PostgreSQL commit)', () => {
  it('takes every event where the merges in their order take it, through chains of merges', () => {
    const events = new Map([['e1', 'A'], ['e2', 'B'], ['e3', 'C'], ['e4', 'D'], ['e5', 'E']]);
    const merges = [['A', 'B'], ['B', 'C'], ['D', 'E'], ['C', 'F']] as const;
    expect(Object.fromEntries(mergedInto(merges))).toEqual({ A: 'F', B: 'F', C: 'F', D: 'E' });
    expect(inOne(events, merges)).toEqual(oneByOne(events, merges));
  });

  it('agrees with merges applied one by one on any list of merges, cycles and merges into emptied storylines among them', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 500; round++) {
      const lines = 'ABCDEFG'.slice(0, 2 + next(6));
      const events = new Map(Array.from({ length: 12 }, (_, i) => [`e${i}`, lines[next(lines.length)]!] as const));
      const merges = Array.from({ length: next(8) }, () => [lines[next(lines.length)]!, lines[next(lines.length)]!] as const);
      expect(inOne(events, merges), JSON.stringify(merges)).toEqual(oneByOne(events, merges));
    }
  });
});
