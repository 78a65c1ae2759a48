import { annotateArticles } from '../../src/processor/annotate.js';
import { byDate } from '../../src/cluster/index.js';
import type { EntityType } from '../../src/model/layers.js';
import { Article, emptyMeta } from '../../src/model/article.js';
import { bcubed } from './stories.js';
import { countOf, pushTo } from '../../src/util/maps.js';
import { corpusPath, loadJsonl, matchSpans, overlaps, prf, round, type EvalTask, type GoldSpan, type Metrics, type ScoreRow, type TaskResult } from '../common.js';
import { partOf } from '../split.js';

interface Mention extends GoldSpan {
  readonly text: string;
  readonly syntactic_type?: string;
  readonly entity_type?: string;
  readonly instance?: string;
}
interface Doc {
  readonly id: string;
  readonly text: string;
  readonly published: string;
  readonly topic: string;
  readonly entity_mentions: readonly Mention[];
}
interface Predicted extends GoldSpan {
  readonly type: EntityType | null;
  readonly ref: string;
}
type System = (docs: readonly Doc[]) => Predicted[][];

/** MEANTIME's types against ours: an armed group or party is an organisation there. */
const TYPES: Record<string, readonly EntityType[]> = { PER: ['person'], ORG: ['organization', 'group'], LOC: ['place'] };

/** The whole annotate pipeline on the gold text as it is (no cleaning, so offsets stay the gold's), in publication order as the processor runs it: each document's short names resolved against its own and the earlier documents'. */
const ours: System = (docs) => {
  const articles = docs.map((d) => Article.create({ id: d.id, source: d.id, text: d.text, meta: { ...emptyMeta, published: d.published } }));
  const done = new Map(annotateArticles([...articles].sort(byDate)).map((a) => [a.id, a]));
  return articles.map((a) => (done.get(a.id)!.layers.entities ?? []).map((e) => ({ start: e.start, end: e.end, type: e.type, ref: e.ref })));
};

/** Runs of capitalised words not opening a sentence line, untyped, ref = the words themselves: what "names are capitalised" alone finds. */
const capitalised: System = (docs) =>
  docs.map((d) => [...d.text.matchAll(/(?<![.!?\n]\s?)(?<=\s)\p{Lu}[\p{L}&.'-]*(?:\s+(?:of\s+|de\s+)?\p{Lu}[\p{L}&.'-]*)*/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: null, ref: m[0] })));

const SYSTEMS: [string, System][] = [
  ['triangulate', ours],
  ['baseline: capitalised runs', capitalised],
];

/** The gold mentions of a document that are scored: innermost named persons, organisations and places. */
function goldOf(doc: Doc): Mention[] {
  const named = doc.entity_mentions.filter((m) => m.syntactic_type === 'NAM' && m.entity_type && TYPES[m.entity_type]);
  return named.filter((m) => !named.some((o) => o !== m && o.start >= m.start && o.end <= m.end && (o.start > m.start || o.end < m.end)));
}

/** Per system and part: detection, typing and refs; what was missed and found where MEANTIME marks nothing. */
function scorePart(docs: readonly Doc[], run: System): { metrics: Metrics; missed: string[]; unmatched: string[] } {
  const t0 = performance.now();
  const predictedAll = run(docs);
  const ms = (performance.now() - t0) / Math.max(1, docs.length);
  const det = { tp: 0, fp: 0, fn: 0 };
  let matched = 0;
  let typed = 0;
  const refOf = new Map<string, string[]>();
  const missed: string[] = [];
  const unmatched: string[] = [];
  const instanceOf = new Map<string, string>();
  docs.forEach((doc, i) => {
    const gold = goldOf(doc);
    const other = doc.entity_mentions.filter((m) => !gold.includes(m));
    const predicted = predictedAll[i]!.filter((p) => gold.some((g) => overlaps(p, g)) || !other.some((o) => overlaps(p, o) && (o.entity_type === 'PRO' || o.entity_type === 'FIN')));
    const m = matchSpans(predicted, gold, 'overlap');
    // A prediction that overlaps some other gold mention (a nominal, an enclosing name) is not wrong.
    const wrong = predicted.filter((p) => !m.pairs.some(([q]) => q === p) && !other.some((o) => overlaps(p, o)));
    for (const p of wrong) unmatched.push(doc.text.slice(p.start, p.end));
    for (const g of gold) if (!m.pairs.some(([, h]) => h === g)) missed.push(g.text);
    det.tp += m.tp;
    det.fp += wrong.length;
    det.fn += m.fn;
    matched += m.pairs.length;
    for (const [p, g] of m.pairs) {
      if (p.type && TYPES[g.entity_type!]!.includes(p.type)) typed++;
      if (!g.instance) continue;
      const key = `${doc.id}:${g.start}`;
      instanceOf.set(key, g.instance);
      pushTo(refOf, p.ref, key);
    }
  });
  const d = prf(det);
  const refs = bcubed([...refOf.values()], instanceOf);
  const typesAny = predictedAll.some((ps) => ps.some((p) => p.type !== null));
  return {
    metrics: {
      precision: round(d.precision),
      recall: round(d.recall),
      f1: round(d.f1),
      'type acc': typesAny ? round(matched ? typed / matched : 0) : '',
      'ref B³ P': round(refs.precision),
      'ref B³ R': round(refs.recall),
      'ref B³ F1': round(refs.f1),
      'ms/doc': round(ms, 2),
    },
    missed,
    unmatched,
  };
}

/**
 * Named entities scored on MEANTIME's named mentions (syntactic type NAM) of persons, organisations
 * and places. MEANTIME nests mentions ("JSA Research defence analyst Paul Nesbit" holds "JSA
 * Research" and "Paul Nesbit"): only the innermost count as gold. Detection is relaxed (overlap).
 * A prediction overlapping only products or indices (PRO, FIN: types we do not produce) is ignored;
 * one overlapping no gold mention at all is a false positive — a lower bound on precision, as
 * MEANTIME marks the entities of its annotated events, not every name. Refs across articles:
 * B-cubed of the matched mentions grouped by our ref against MEANTIME's instance ids. Each part
 * (two of MEANTIME's four corpora) is one run, refs resolved across it; miss lists come from the
 * development part only.
 */
function score(docs: readonly Doc[]): TaskResult {
  const parts = { dev: docs.filter((d) => partOf('meantime', d.topic) === 'dev'), test: docs.filter((d) => partOf('meantime', d.topic) === 'test') };
  const rows: ScoreRow[] = [];
  const notes: string[] = [];
  for (const [name, run] of SYSTEMS) {
    const dev = scorePart(parts.dev, run);
    const test = scorePart(parts.test, run);
    rows.push({ system: name, parts: { dev: dev.metrics, test: test.metrics }, ...(run === ours ? { gate: ['f1', 'type acc', 'ref B³ F1'] } : {}) });
    if (run === ours) {
      notes.push(`${name}, most often missed (dev part): ${top(dev.missed)}`);
      notes.push(`${name}, most often found where MEANTIME marks nothing (dev part): ${top(dev.unmatched)}`);
    }
  }
  const gold = docs.flatMap(goldOf);
  const named = docs.flatMap((d) => d.entity_mentions.filter((m) => m.syntactic_type === 'NAM'));
  const topics = (ds: readonly Doc[]) => [...new Set(ds.map((d) => d.topic))].sort().join(', ');
  return {
    task: 'entities',
    id: 'entities/meantime',
    dataset: `MEANTIME (${docs.length} docs, ${gold.length} named person / organisation / place mentions)`,
    split: `by corpus (eval/split.ts): dev ${topics(parts.dev)} (${parts.dev.length} docs, ${parts.dev.flatMap(goldOf).length} mentions); test ${topics(parts.test)} (${parts.test.length} docs, ${parts.test.flatMap(goldOf).length} mentions)`,
    rows,
    notes: [
      'relaxed (overlap) detection; precision is a lower bound: MEANTIME marks the entities of its annotated events, not every name',
      'type acc: matched mentions given the gold type (PER person, ORG organization or group, LOC place)',
      'ref B³: matched mentions grouped by ref against MEANTIME instance ids, across the articles of a part (a company named in thirty articles is one instance)',
      'no published figure is quoted in the corpus README; capitalised runs are the baseline run here',
      ...notes,
    ],
    unscored: [
      { count: named.filter((m) => !m.entity_type || !TYPES[m.entity_type]).length, of: named.length, what: 'named mentions', why: 'typed PRO, FIN or MIX, products, indices or mixed: we give no such type' },
      { count: named.filter((m) => m.entity_type && TYPES[m.entity_type]).length - gold.length, of: named.length, what: 'named mentions', why: 'enclose another named mention: only the innermost count' },
      { count: gold.filter((g) => !g.instance).length, of: gold.length, what: 'scored mentions', why: 'no cross-article instance id: left out of ref B³ only' },
    ].filter((u) => u.count > 0),
  };
}

/** The ten most frequent texts with their counts: "Apple ×49, Boeing ×31". */
function top(texts: readonly string[]): string {
  return [...countOf(texts)].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 10).map(([t, n]) => `${t} ×${n}`).join(', ');
}

/** `npm run eval -- --only entities`: named entities and cross-article refs on MEANTIME. */
export const task: EvalTask = {
  name: 'entities',
  needs: ['meantime'],
  async run(dir, { limit = Infinity }) {
    const docs = await loadJsonl<Doc>(corpusPath(dir, 'meantime', 'meantime.jsonl'), limit);
    return [score(docs)];
  },
};
