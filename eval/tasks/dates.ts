import * as chrono from 'chrono-node';
import { segment } from '../../src/annotate/sentences/index.js';
import { findDates } from '../../src/annotate/dates/index.js';
import { corpusPath, loadJsonl, matchSpans, overlaps, prf, round, type EvalTask, type GoldSpan, type Metrics, type ScoreRow, type TaskResult } from '../common.js';
import { compartmentPart, partOf, type Part } from '../split.js';

interface Timex extends GoldSpan {
  readonly text: string;
  readonly type: string;
  readonly value: string;
}
interface Doc {
  readonly id: string;
  readonly text: string;
  readonly published: string;
  readonly split?: string;
  readonly topic?: string;
  readonly timexes: readonly Timex[];
  readonly dct?: { readonly value?: string };
}
interface Predicted extends GoldSpan {
  readonly value: string;
}
type System = (doc: Doc) => Predicted[];

const ISO = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

const ours: System = (doc) => findDates(doc.text, segment(doc.text).sentences, doc.published);

/** chrono-node on its own, as a project would use it: casual parser, the DCT as reference, its certain components as precision. */
const chronoAlone: System = (doc) => {
  const [y, m, d] = doc.published.split('-').map(Number) as [number, number, number];
  return chrono.casual.parse(doc.text, { instant: new Date(Date.UTC(y, m - 1, d, 12)), timezone: 0 }).map((r) => {
    const c = r.start;
    const pad = (n: number) => String(n).padStart(2, '0');
    const value = c.isCertain('day') || c.isCertain('weekday') ? `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}` : c.isCertain('month') ? `${c.get('year')}-${pad(c.get('month')!)}` : String(c.get('year'));
    return { start: r.index, end: r.index + r.text.length, value };
  });
};

const SYSTEMS: [string, System][] = [
  ['triangulate', ours],
  ['chrono-node alone', chronoAlone],
];

const scored = (t: Timex) => t.type === 'DATE' && ISO.test(t.value);

function scorePart(docs: readonly Doc[], run: System): Metrics {
  const det = { tp: 0, fp: 0, fn: 0 };
  const val = { tp: 0, fp: 0, fn: 0 };
  let matched = 0;
  let sameValue = 0;
  const t0 = performance.now();
  for (const doc of docs) {
    const gold = doc.timexes.filter(scored);
    const ignored = doc.timexes.filter((t) => !scored(t));
    const predicted = run(doc).filter((p) => !ignored.some((g) => overlaps(p, g)) || gold.some((g) => overlaps(p, g)));
    const d = matchSpans(predicted, gold, 'overlap');
    det.tp += d.tp;
    det.fp += d.fp;
    det.fn += d.fn;
    matched += d.pairs.length;
    sameValue += d.pairs.filter(([p, g]) => p.value === g.value).length;
    const v = matchSpans(predicted, gold, 'overlap', (p, g) => p.value === g.value);
    val.tp += v.tp;
    val.fp += v.fp;
    val.fn += v.fn;
  }
  const ms = (performance.now() - t0) / Math.max(1, docs.length);
  const a = prf(det);
  const b = prf(val);
  return { 'span P': round(a.precision), 'span R': round(a.recall), 'span F1': round(a.f1), 'value acc': round(matched ? sameValue / matched : 0), 'value F1': round(b.f1), 'ms/doc': round(ms, 2) };
}

/**
 * Date normalisation scored on gold DATE timexes with calendar values (YYYY, YYYY-MM, YYYY-MM-DD).
 * Predictions overlapping gold expressions we do not produce (times, durations, sets, weeks,
 * quarters, seasons, PRESENT_REF, XXXX) are ignored, not counted as false positives.
 * Detection is relaxed (overlap); "value" requires the same normalised value. The reference day
 * is the document creation time (DCT), as TempEval-3 defines the task.
 */
function score(all: readonly Doc[], dataset: string, id: string, partOfDoc: (d: Doc) => Part, split: string): TaskResult {
  const docs = dated(all);
  const parts = { dev: docs.filter((d) => partOfDoc(d) === 'dev'), test: docs.filter((d) => partOfDoc(d) === 'test') };
  const rows: ScoreRow[] = SYSTEMS.map(([name, run]) => ({ system: name, parts: { dev: scorePart(parts.dev, run), test: scorePart(parts.test, run) }, ...(run === ours ? { gate: ['span F1', 'value F1'] } : {}) }));
  const count = (ds: readonly Doc[]) => ds.reduce((n, d) => n + d.timexes.filter(scored).length, 0);
  const kept = new Set(docs.map((d) => d.id));
  const undated = all.filter((d) => !kept.has(d.id));
  const timexes = docs.flatMap((d) => d.timexes);
  const other = timexes.filter((t) => !scored(t));
  return {
    task: 'dates',
    id,
    dataset: `${dataset} (${docs.length} docs, ${count(docs)} calendar DATE timexes)`,
    split: `${split}; dev ${parts.dev.length} docs (${count(parts.dev)} timexes); test ${parts.test.length} docs (${count(parts.test)} timexes)`,
    rows,
    notes: ['no published figure is quoted in the corpus README; chrono-node alone is the baseline run here'],
    unscored: [
      ...(undated.length ? [{ count: undated.length, of: all.length, what: 'docs', why: 'no calendar creation date to resolve against' }] : []),
      ...(undated.length ? [{ count: undated.reduce((n, d) => n + d.timexes.filter(scored).length, 0), what: 'calendar DATE timexes in them', why: 'their doc has no creation date' }] : []),
      { count: other.length, of: timexes.length, what: 'timexes', why: `${[...new Set(other.map((t) => (t.type === 'DATE' ? 'non-calendar DATE' : t.type)))].sort().join(', ')}: we resolve calendar days, months and years only` },
    ].filter((u) => u.count > 0),
  };
}

/** The reference day is the document creation time (DCT); documents without a calendar DCT are not scored. */
function dated(docs: readonly Doc[]): Doc[] {
  return docs.map((d) => ({ ...d, published: (d.published ?? d.dct?.value ?? '').slice(0, 10) })).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.published));
}

/** `npm run eval -- --only dates`: TempEval-3 (TBAQ training data as dev, platinum test set as test) and MEANTIME. */
export const task: EvalTask = {
  name: 'dates',
  needs: ['tempeval3', 'meantime'],
  async run(dir, { limit = Infinity }) {
    const te3 = await loadJsonl<Doc>(corpusPath(dir, 'tempeval3', 'tempeval3.jsonl'));
    const byPart = (p: Part) => te3.filter((d) => compartmentPart('tempeval3', d.split!) === p).slice(0, limit);
    const meantime = await loadJsonl<Doc>(corpusPath(dir, 'meantime', 'meantime.jsonl'), limit);
    return [
      score([...byPart('dev'), ...byPart('test')], 'TempEval-3', 'dates/tempeval3', (d) => compartmentPart('tempeval3', d.split!), 'its own compartments (eval/split.ts): TBAQ training data as dev, the platinum test set as test'),
      score(meantime, 'MEANTIME', 'dates/meantime', (d) => partOf('meantime', d.topic!), 'by corpus (eval/split.ts), as the entities eval'),
    ];
  },
};
