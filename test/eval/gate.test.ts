import { describe, expect, it } from 'vitest';
import type { TaskResult } from '../../eval/common.js';
import { checkGate, EMPTY_BASELINE, gatedFigures, updateBaseline, type Baseline } from '../../eval/gate.js';
import { writeTables } from '../../eval/readme.js';
import { partOf } from '../../eval/split.js';
import { markdownTable, toTables } from '../../eval/table.js';

const result = (f1: { dev: number; test: number }): TaskResult => ({
  task: 'stories',
  id: 'stories/basil',
  dataset: 'BASIL (210 records)',
  split: 'by event',
  rows: [
    { system: 'triangulate', parts: { dev: { f1: f1.dev, 'ms/doc': 3 }, test: { f1: f1.test, 'ms/doc': 4 } }, gate: ['f1'] },
    { system: 'baseline', parts: { dev: { f1: 0.5 }, test: { f1: 0.6 } } },
  ],
  unscored: [{ count: 2, of: 210, what: 'records', why: 'no text' }],
  files: ['basil/basil.jsonl'],
});
const figures = (f1: { dev: number; test: number }) => gatedFigures(toTables([result(f1)]));
const sha = (s: string) => () => s;
const ran = new Set(['stories']);
const pinned = (): Baseline => updateBaseline(EMPTY_BASELINE, figures({ dev: 0.9, test: 0.8 }), ran, sha('aaa'), 'c1', null).baseline;

describe('eval gate', () => {
  it('gates the dev and test value of each gated metric, not the other rows', () => {
    expect(figures({ dev: 0.9, test: 0.8 }).map((f) => [f.key, f.value])).toEqual([
      ['stories/basil › triangulate › f1 › dev', 0.9],
      ['stories/basil › triangulate › f1 › test', 0.8],
    ]);
  });

  it('passes at the floor and within epsilon, fails below it', () => {
    expect(checkGate(pinned(), figures({ dev: 0.9, test: 0.8 }), ran, sha('aaa')).failures).toEqual([]);
    expect(checkGate(pinned(), figures({ dev: 0.9, test: 0.7996 }), ran, sha('aaa')).failures).toEqual([]);
    expect(checkGate(pinned(), figures({ dev: 0.9, test: 0.79 }), ran, sha('aaa')).failures).toEqual(['below its floor: stories/basil › triangulate › f1 › test = 0.79 < 0.8 (set at c1)']);
  });

  it('fails when a corpus file changed, or a figure of a task that ran is gone', () => {
    expect(checkGate(pinned(), figures({ dev: 0.9, test: 0.8 }), ran, sha('bbb')).failures[0]).toMatch(/^corpus file changed since the floor of .* basil\/basil\.jsonl/);
    expect(checkGate(pinned(), [], ran, sha('aaa')).failures).toHaveLength(2);
    expect(checkGate(pinned(), [], new Set(['dates']), sha('aaa')).failures).toEqual([]);
  });

  it('keys a figure to the eval task that ran, not to the label of its table', () => {
    const tables = toTables([{ ...result({ dev: 0.9, test: 0.8 }), task: 'loaded language' }]).map((t) => ({ ...t, evalTask: 'crosscheck' }));
    const base = updateBaseline(EMPTY_BASELINE, gatedFigures(tables), new Set(['crosscheck']), sha('aaa'), 'c1', null).baseline;
    expect(Object.values(base.figures).map((f) => f.task)).toEqual(['crosscheck', 'crosscheck']);
    expect(checkGate(base, [], new Set(['crosscheck']), sha('aaa')).failures).toHaveLength(2);
  });

  it('notes a new figure without failing', () => {
    const r = checkGate(EMPTY_BASELINE, figures({ dev: 0.9, test: 0.8 }), ran, sha('aaa'));
    expect(r.failures).toEqual([]);
    expect(r.notes).toHaveLength(2);
  });

  it('--update raises floors, refuses to lower one without a reason, and logs the reason', () => {
    const up = updateBaseline(pinned(), figures({ dev: 0.95, test: 0.8 }), ran, sha('aaa'), 'c2', null);
    expect(up.refused).toEqual([]);
    expect(up.baseline.figures['stories/basil › triangulate › f1 › dev']).toMatchObject({ floor: 0.95, commit: 'c2', files: { 'basil/basil.jsonl': 'aaa' } });
    const down = updateBaseline(pinned(), figures({ dev: 0.9, test: 0.7 }), ran, sha('aaa'), 'c2', null);
    expect(down.refused).toEqual(['refusing to lower the floor of stories/basil › triangulate › f1 › test: 0.8 → 0.7 (give `--allow-lower "reason"`)']);
    const allowed = updateBaseline(pinned(), figures({ dev: 0.9, test: 0.7 }), ran, sha('aaa'), 'c2', 'the gold was fixed');
    expect(allowed.refused).toEqual([]);
    expect(allowed.baseline.figures['stories/basil › triangulate › f1 › test']!.floor).toBe(0.7);
    expect(allowed.baseline.lowered).toEqual([{ figure: 'stories/basil › triangulate › f1 › test', from: 0.8, to: 0.7, reason: 'the gold was fixed', commit: 'c2' }]);
    expect(updateBaseline(pinned(), [], ran, sha('aaa'), 'c2', null).refused).toHaveLength(2);
  });
});

describe('eval tables', () => {
  it('merges results that each report one part into one table, rows matched by system', () => {
    const one = (part: 'dev' | 'test', f1: number): TaskResult => ({ task: 'claims', id: 'claims/msrp', part, dataset: `MSRP (${part})`, rows: [{ system: 'ours', metrics: { f1 }, gate: ['f1'] }] });
    const [t] = toTables([one('dev', 0.7), one('test', 0.6)]);
    expect(t!.parts).toEqual(['dev', 'test']);
    expect(t!.rows).toHaveLength(1);
    expect(t!.rows[0]!.parts).toEqual({ dev: { f1: 0.7 }, test: { f1: 0.6 } });
    expect(t!.unscored).toBeNull();
  });

  it('writes the README table between its markers: dev beside test, no timings, gated test figure in bold, what was not scored', () => {
    const readme = 'intro\n<!-- eval:stories/basil -->\nold table\n<!-- /eval:stories/basil -->\nprose\n<!-- eval:stories/gone -->\nx\n<!-- /eval:stories/gone -->\n';
    const tables = toTables([result({ dev: 0.9, test: 0.8 }), { task: 'dates', dataset: 'TempEval-3 (3 docs)', rows: [] }]);
    const r = writeTables(readme, tables, 'run X.');
    expect(r.written).toEqual(['stories/basil']);
    expect(r.unmarked).toEqual(['dates/tempeval-3']);
    expect(r.stale).toEqual(['stories/gone']);
    expect(r.text).not.toContain('old table');
    expect(r.text).toContain('prose');
    expect(r.text).toContain('| system | F1 dev | F1 test |\n|---|---|---|\n| triangulate | 0.900 | **0.800** |\n| baseline | 0.500 | 0.600 |');
    expect(r.text).toContain('Not scored: 2 of 210 records (no text).');
    expect(markdownTable(tables[0]!, 'run X.')).not.toContain('ms/doc');
  });
});

describe('eval split', () => {
  it('is fixed by the key alone and puts about half of the units in each part', () => {
    expect(partOf('basil', 'e1')).toBe(partOf('basil', 'e1'));
    const dev = Array.from({ length: 1000 }, (_, i) => partOf('basil', `event-${i}`)).filter((p) => p === 'dev').length;
    expect(dev).toBeGreaterThan(450);
    expect(dev).toBeLessThan(550);
  });
});
