import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/extract/index.js';
import { corpusPath, loadJsonl, prf, round, type EvalTask, type ScoreRow, type TaskResult } from '../common.js';
import { readPage, shingleCounts, shingleScore, snippetCounts, type SnippetCounts } from './trafilatura.js';

interface BenchPage {
  id: string;
  text: string;
  html_file: string;
}
interface SnippetPage {
  id: string;
  with: string[];
  without: string[];
  html_file: string;
}
type System = (html: string, url: string | null) => string;

/** Mozilla Readability on its own, as every Node project would use it: the body's textContent. */
const readabilityAlone: System = (html) => {
  try {
    return new Readability(parseHTML(html).document as never).parse()?.textContent ?? '';
  } catch {
    return '';
  }
};
const ours: System = (html, url) => extractHtml(html, url).text;
const SYSTEMS: [string, System][] = [
  ['triangulate', ours],
  ['readability (ours, linkedom)', readabilityAlone],
];

async function benchmark(dir: string, limit: number): Promise<TaskResult> {
  const root = corpusPath(dir, 'extraction-benchmark');
  const gold = await loadJsonl<BenchPage>(corpusPath(root, 'gold.jsonl'), limit);
  const pages = gold.map((g) => ({ g, html: readPage(corpusPath(root, g.html_file)) }));
  const rows: ScoreRow[] = [];
  for (const [name, run] of SYSTEMS) {
    const t0 = performance.now();
    const counts = pages.map(({ g, html }) => shingleCounts(g.text, run(html, null)));
    const ms = (performance.now() - t0) / pages.length;
    rows.push({ system: name, metrics: metrics(shingleScore(counts), ms) });
  }
  // Re-score two published outputs with our scorer: they must reproduce the published F1, or our
  // scorer is wrong and every other row with it.
  for (const [system, f1] of [['readability_js', 0.947], ['trafilatura', 0.958]] as const) {
    const out = new Map((await loadJsonl<{ id: string; text: string }>(corpusPath(root, 'baselines', `${system}.jsonl`))).map((r) => [r.id, r.text]));
    const score = shingleScore(gold.map((g) => shingleCounts(g.text, out.get(g.id) ?? '')));
    rows.push({ system: `${system} (published output, re-scored)`, metrics: metrics(score), note: `published F1 ${f1} (extraction-benchmark/README.md)` });
  }
  for (const [system, f1, p, r] of PUBLISHED_BENCH) rows.push({ system: `${system} (published)`, metrics: { precision: p, recall: r, f1 }, note: 'quoted from ../shared/corpus/extraction-benchmark/README.md, "latest evaluation"' });
  return { task: 'extraction', dataset: `extraction-benchmark (${pages.length} pages, 4-shingle bag P/R/F1)`, rows, notes: ['target: F1 >= 0.96 (above trafilatura 2.0.0, 0.958)'] };
}

async function snippets(dir: string, limit: number): Promise<TaskResult> {
  const root = corpusPath(dir, 'trafilatura-eval');
  const gold = await loadJsonl<SnippetPage & { url: string }>(corpusPath(root, 'gold.jsonl'), limit);
  const pages = gold.map((g) => ({ g, html: readPage(corpusPath(root, g.html_file)) }));
  const rows: ScoreRow[] = [];
  for (const [name, run] of SYSTEMS) {
    const total: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const t0 = performance.now();
    for (const { g, html } of pages) {
      const c = snippetCounts(run(html, null), g.with, g.without);
      total.tp += c.tp;
      total.fn += c.fn;
      total.fp += c.fp;
      total.tn += c.tn;
    }
    const ms = (performance.now() - t0) / pages.length;
    const all = total.tp + total.fn + total.fp + total.tn;
    rows.push({ system: name, metrics: { ...metrics(prf(total), ms), accuracy: round((total.tp + total.tn) / all) } });
  }
  for (const [system, p, r, a, f1] of PUBLISHED_SNIPPETS) rows.push({ system: `${system} (published)`, metrics: { precision: p, recall: r, f1, accuracy: a }, note: 'quoted from ../shared/corpus/trafilatura-eval/README.md (trafilatura docs/evaluation.rst, 2026-08-04)' });
  return { task: 'extraction', dataset: `trafilatura-eval (${pages.length} pages, must/must-not snippets)`, rows };
}

function metrics(s: { precision: number; recall: number; f1: number }, ms?: number): Record<string, number> {
  const out: Record<string, number> = { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
  if (ms !== undefined) out['ms/page'] = round(ms, 2);
  return out;
}

// [system, F1, precision, recall] from ../shared/corpus/extraction-benchmark/README.md.
const PUBLISHED_BENCH: [string, number, number, number][] = [
  ['rs_trafilatura 9261e08', 0.97, 0.951, 0.99],
  ['trafilatura 2.0.0', 0.958, 0.938, 0.978],
  ['newspaper4k 0.9.3.1', 0.949, 0.964, 0.934],
  ['readability_js 0.6.0', 0.947, 0.914, 0.982],
];
// [system, precision, recall, accuracy, F1] from ../shared/corpus/trafilatura-eval/README.md.
const PUBLISHED_SNIPPETS: [string, number, number, number, number][] = [
  ['trafilatura 2.2.0 (standard)', 0.906, 0.943, 0.923, 0.924],
  ['news-please 1.6.16', 0.932, 0.758, 0.852, 0.836],
  ['readability-lxml 0.8.4.1', 0.898, 0.764, 0.839, 0.826],
];

/** `npm run eval -- --only extraction`: boilerplate removal on both extraction corpora. */
export const task: EvalTask = {
  name: 'extraction',
  needs: ['extraction-benchmark', 'trafilatura-eval'],
  async run(dir, { limit = Infinity }) {
    return [await benchmark(dir, limit), await snippets(dir, limit)];
  },
};
