import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, pairFeatures, sameProbability, statementAt, type FeatureName, type SameClaimModel } from '../src/crosscheck/statement.js';
import { stemmedWords } from '../src/lexicon/phrases.js';
import { sharedCorpus } from '../src/util/paths.js';
import { loadJsonl } from '../eval/common.js';
import { pairArticles, type PairRow } from '../eval/pairs.js';
import { partOf } from '../eval/split.js';

/**
 * `npm run train -- same-claim`: fit the same-statement model (data/models/same-claim.json) on the
 * development part of MSRP (eval/split.ts: partOf('msrp', id) === 'dev'; the test part is never
 * read here). Logistic regression by full-batch gradient descent from zero weights, a fixed number
 * of steps: deterministic, the same file from the same data. The threshold is the lowest
 * probability at which the development part's precision is still at least TARGET_PRECISION.
 */
const TARGET_PRECISION = 0.93;
const STEPS = 4000;
const RATE = 0.5;
const L2 = 1e-3;

export async function trainSameClaim(out = 'data/models/same-claim.json'): Promise<SameClaimModel> {
  const dir = sharedCorpus();
  if (!dir) throw new Error('train: ../shared/corpus is absent');
  const file = join(dir, 'msrp', 'msrp-train.jsonl');
  const rows = (await loadJsonl<PairRow>(file)).filter((r) => partOf('msrp', r.id) === 'dev');
  const X: number[][] = [];
  const y: number[] = [];
  for (const r of rows) {
    const pair = pairArticles(r);
    if (!pair) continue;
    const [s, t] = pair.map((a) => statementAt(a, stemmedWords(a.text), 0, a.text.length));
    const f = pairFeatures(s!, t!);
    X.push(FEATURES.map((k) => f[k]));
    y.push(r.label === 1 ? 1 : 0);
  }
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < X.length; i++) {
      let z = b;
      for (let k = 0; k < d; k++) z += X[i]![k]! * w[k]!;
      const e = 1 / (1 + Math.exp(-z)) - y[i]!;
      gb += e;
      for (let k = 0; k < d; k++) g[k]! += e * X[i]![k]!;
    }
    for (let k = 0; k < d; k++) w[k] = w[k]! - RATE * (g[k]! / X.length + L2 * w[k]!);
    b -= (RATE * gb) / X.length;
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const model0: SameClaimModel = { features: [...FEATURES], weights: w.map(round), bias: round(b), threshold: 0.5 };
  const scored = X.map((x, i) => ({ p: sameProbability(model0, Object.fromEntries(FEATURES.map((k, j) => [k, x[j]!])) as Record<FeatureName, number>), y: y[i]! })).sort((p, q) => q.p - p.p);
  const positives = y.filter((v) => v === 1).length;
  let tp = 0;
  let threshold = 1;
  let at = { precision: 1, recall: 0 };
  scored.forEach((s, i) => {
    tp += s.y;
    const precision = tp / (i + 1);
    if (precision >= TARGET_PRECISION && (i + 1 === scored.length || scored[i + 1]!.p < s.p)) {
      threshold = s.p;
      at = { precision, recall: tp / positives };
    }
  });
  const model = {
    ...model0,
    threshold: round(threshold),
    provenance: {
      data: 'msrp/msrp-train.jsonl (Microsoft Research Paraphrase Corpus, train file), development part only: eval/split.ts partOf("msrp", id) === "dev"',
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      pairs: X.length,
      positives,
      method: `logistic regression, full-batch gradient descent from zero, ${STEPS} steps, rate ${RATE}, L2 ${L2}; features from src/crosscheck/statement.ts pairFeatures over whole sentences`,
      threshold: `lowest probability at which development precision >= ${TARGET_PRECISION}: precision ${at.precision.toFixed(3)}, recall ${at.recall.toFixed(3)} on the development part`,
      command: 'npm run train -- same-claim',
    },
  };
  writeFileSync(out, JSON.stringify(model, null, 2) + '\n');
  return model;
}
