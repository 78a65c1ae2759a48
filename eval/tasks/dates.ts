import * as chrono from 'chrono-node';
import { segment } from '../../src/annotate/sentences/index.js';
import { findDates } from '../../src/annotate/dates/index.js';
import { corpusPath, loadJsonl, matchSpans, overlaps, prf, round, type EvalTask, type GoldSpan, type ScoreRow, type TaskResult } from '../common.js';

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

/**
 * Date normalisation scored on gold DATE timexes with calendar values (YYYY, YYYY-MM, YYYY-MM-DD).
 * Predictions overlapping gold expressions we do not produce (times, durations, sets, weeks,
 * quarters, seasons, PRESENT_REF, XXXX) are ignored, not counted as false positives.
 * Detection is relaxed (overlap); "value" requires the same normalised value.
 */
function score(docs: readonly Doc[], dataset: string): TaskResult {
  const rows: ScoreRow[] = [];
  for (const [name, run] of SYSTEMS) {
    const det = { tp: 0, fp: 0, fn: 0 };
    const val = { tp: 0, fp: 0, fn: 0 };
    let matched = 0;
    let sameValue = 0;
    const t0 = performance.now();
    for (const doc of docs) {
      const gold = doc.timexes.filter((t) => t.type === 'DATE' && ISO.test(t.value));
      const ignored = doc.timexes.filter((t) => !(t.type === 'DATE' && ISO.test(t.value)));
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
    const ms = (performance.now() - t0) / docs.length;
    const a = prf(det);
    const b = prf(val);
    rows.push({
      system: name,
      metrics: { 'span P': round(a.precision), 'span R': round(a.recall), 'span F1': round(a.f1), 'value acc': round(matched ? sameValue / matched : 0), 'value F1': round(b.f1), 'ms/doc': round(ms, 2) },
    });
  }
  const gold = docs.reduce((n, d) => n + d.timexes.filter((t) => t.type === 'DATE' && ISO.test(t.value)).length, 0);
  return { task: 'dates', dataset: `${dataset} (${docs.length} docs, ${gold} calendar DATE timexes)`, rows, notes: ['no published figure is quoted in the corpus README; chrono-node alone is the baseline run here'] };
}

/** `npm run eval -- --only dates`: TempEval-3 (platinum test set and training data) and MEANTIME. */
export const task: EvalTask = {
  name: 'dates',
  needs: ['tempeval3', 'meantime'],
  async run(dir, { limit = Infinity }) {
    // The reference day is the document creation time (DCT); documents without a calendar DCT are skipped.
    const dated = (docs: Doc[]) => docs.map((d) => ({ ...d, published: (d.published ?? d.dct?.value ?? '').slice(0, 10) })).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.published));
    const te3 = dated(await loadJsonl<Doc>(corpusPath(dir, 'tempeval3', 'tempeval3.jsonl')));
    const meantime = dated(await loadJsonl<Doc>(corpusPath(dir, 'meantime', 'meantime.jsonl'), limit));
    return [
      score(te3.filter((d) => d.split === 'test-platinum').slice(0, limit), 'TempEval-3 platinum test'),
      score(te3.filter((d) => d.split !== 'test-platinum').slice(0, limit), 'TempEval-3 TBAQ training'),
      score(meantime, 'MEANTIME'),
    ];
  },
};
