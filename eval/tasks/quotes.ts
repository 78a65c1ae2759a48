import { entities, resolveEntityRefs } from '../../src/annotate/entities/index.js';
import { findQuoted } from '../../src/annotate/quotes/marks.js';
import { quotes } from '../../src/annotate/quotes/index.js';
import { sentences } from '../../src/annotate/sentences/index.js';
import { Article } from '../../src/model/article.js';
import { buildPipeline } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { corpusPath, loadJsonl, prf, round, type EvalTask, type GoldSpan, type Metrics } from '../common.js';
import { compartmentPart } from '../split.js';

interface Role extends GoldSpan {
  readonly text: string;
}
interface Attribution {
  readonly source: Role | null;
  readonly cue: Role | null;
  readonly content: Role | null;
}
interface Doc {
  readonly id: string;
  readonly text: string;
  readonly split: string;
  readonly attributions: readonly Attribution[];
}
interface Predicted extends GoldSpan {
  readonly speaker: GoldSpan | null;
  readonly speakerName: string | null;
  readonly direct: boolean;
}

/** Character overlap over union: how much two spans agree. */
function agreement(a: GoldSpan, b: GoldSpan): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

const pipeline = buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes()]);

function ours(doc: Doc): Predicted[] {
  const [a] = runPipeline(pipeline, [Article.create({ id: doc.id, source: doc.id, text: doc.text })], { referenceDate: null });
  return (a!.layers.quotes ?? []).map((q) => ({ start: q.start, end: q.end, speaker: q.speaker, speakerName: q.speakerName, direct: q.direct }));
}

/** Baseline: every stretch between quotation marks is a quote, with no speaker. */
function marksOnly(doc: Doc): Predicted[] {
  const paragraphs = [...doc.text.matchAll(/[^\n]+/g)].map((m) => ({ kind: 'paragraph' as const, start: m.index, end: m.index + m[0].length }));
  return findQuoted(doc.text, paragraphs).map((q) => ({ start: q.start, end: q.end, speaker: null, speakerName: null, direct: true }));
}

/**
 * Attribution against PolNeAR: a predicted quote matches a gold attribution when their content
 * spans agree on at least half their joint extent (one-to-one, best first). Speaker accuracy is
 * over matched pairs whose gold source is a span: right when our speaker span overlaps it, or our
 * resolved name's last word is in it.
 */
function score(docs: readonly Doc[], run: (d: Doc) => Predicted[], onlyDirect: boolean): Metrics {
  const c = { tp: 0, fp: 0, fn: 0 };
  let withSource = 0;
  let rightSpeaker = 0;
  const t0 = performance.now();
  for (const doc of docs) {
    const predicted = run(doc).filter((p) => !onlyDirect || p.direct);
    const gold = doc.attributions.filter((g) => g.content && (!onlyDirect || /["“”]/.test(g.content.text)));
    const used = new Set<number>();
    for (const p of predicted) {
      let best = -1;
      let bestScore = 0.5;
      gold.forEach((g, i) => {
        const s = agreement(p, g.content!);
        if (!used.has(i) && s >= bestScore) [best, bestScore] = [i, s];
      });
      if (best < 0) {
        c.fp++;
        continue;
      }
      used.add(best);
      c.tp++;
      const src = gold[best]!.source;
      if (!src) continue;
      withSource++;
      const last = p.speakerName?.split(/\s+/).at(-1)?.toLowerCase();
      if ((p.speaker && p.speaker.start < src.end && src.start < p.speaker.end) || (last && src.text.toLowerCase().includes(last))) rightSpeaker++;
    }
    c.fn += gold.length - used.size;
  }
  const s = prf(c);
  // A system that names no speaker has no speaker accuracy (not 0).
  return { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), 'speaker acc': run === marksOnly ? '' : round(withSource ? rightSpeaker / withSource : 0), 'ms/doc': round((performance.now() - t0) / Math.max(1, docs.length), 2) };
}

const SYSTEMS: [string, (d: Doc) => Predicted[], boolean][] = [
  ['triangulate: all attributions', ours, false],
  ['quotation marks only (baseline)', marksOnly, false],
  ['triangulate: direct quotes', ours, true],
  ['quotation marks only: direct quotes', marksOnly, true],
];

/** `npm run eval -- --only quotes`: quote and speaker attribution on PolNeAR (its train compartment as dev, its dev compartment as test). */
export const task: EvalTask = {
  name: 'quotes',
  needs: ['polnear'],
  async run(dir, { limit = Infinity }) {
    const docs = await loadJsonl<Doc>(corpusPath(dir, 'polnear', 'polnear.jsonl'), limit);
    const parts = { dev: docs.filter((d) => compartmentPart('polnear', d.split) === 'dev'), test: docs.filter((d) => compartmentPart('polnear', d.split) === 'test') };
    const attributions = docs.flatMap((d) => d.attributions);
    const count = (ds: readonly Doc[]) => ds.reduce((n, d) => n + d.attributions.length, 0);
    return [
      {
        task: 'quotes',
        id: 'quotes/polnear',
        dataset: `PolNeAR (${docs.length} articles, ${attributions.length} attributions: direct, indirect, paraphrase, belief)`,
        split: `its own compartments (eval/split.ts): train (months 1–10) as dev, ${parts.dev.length} articles, ${count(parts.dev)} attributions; dev (month 11) as test, ${parts.test.length} articles, ${count(parts.test)} attributions`,
        rows: SYSTEMS.map(([system, run, direct]) => ({
          system,
          parts: { dev: score(parts.dev, run, direct), test: score(parts.test, run, direct) },
          ...(run === ours ? { gate: ['f1', 'speaker acc'] } : {}),
        })),
        notes: ['content spans match at >= 0.5 overlap/union; no published system score exists for PolNeAR (its README quotes annotator agreement only)', 'direct quotes: gold attributions whose content holds a quotation mark'],
        unscored: [
          { count: attributions.filter((a) => !a.content).length, of: attributions.length, what: 'attributions', why: 'no content span to match' },
          { count: attributions.filter((a) => a.content && !a.source).length, of: attributions.length, what: 'attributions', why: 'no source span (agentless): in P/R/F1, not in speaker accuracy' },
        ].filter((u) => u.count > 0),
      },
    ];
  },
};
