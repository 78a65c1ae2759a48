import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/extract/index.js';
import { corpusPath, loadJsonl, prf, round, type EvalTask, type Metrics, type PartName, type ScoreRow, type TaskResult } from '../common.js';
import { partOf, type Part } from '../split.js';
import { readPage, shingleCounts, shingleScore, snippetCounts, type SnippetCounts } from './trafilatura.js';

interface BenchPage {
  id: string;
  outlet?: string | null;
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

/** The unit of independence of a page: its site where the set names it (pages of one site share a template), else the page. */
const benchPart = (g: BenchPage) => partOf('extraction-benchmark', g.outlet ?? g.id);
const snippetPart = (g: SnippetPage) => partOf('trafilatura-eval', g.id);

/** Figures of one system on each part and on the whole set (the published figures are of the whole set). */
function perPart<T>(items: readonly T[], part: (x: T) => Part, score: (xs: readonly T[]) => Metrics): Partial<Record<PartName, Metrics>> {
  return { dev: score(items.filter((x) => part(x) === 'dev')), test: score(items.filter((x) => part(x) === 'test')), all: score(items) };
}

async function benchmark(dir: string, limit: number): Promise<TaskResult> {
  const root = corpusPath(dir, 'extraction-benchmark');
  const gold = await loadJsonl<BenchPage>(corpusPath(root, 'gold.jsonl'), limit);
  const pages = gold.map((g) => ({ g, html: readPage(corpusPath(root, g.html_file)) }));
  const rows: ScoreRow[] = [];
  for (const [name, run] of SYSTEMS) {
    const t0 = performance.now();
    const counts = pages.map(({ g, html }) => ({ g, c: shingleCounts(g.text, run(html, null)) }));
    const ms = (performance.now() - t0) / pages.length;
    rows.push({ system: name, parts: perPart(counts, (x) => benchPart(x.g), (xs) => metrics(shingleScore(xs.map((x) => x.c)))), info: { 'ms/page': round(ms, 2) }, ...(run === ours ? { gate: ['f1'] } : {}) });
  }
  // Re-score two published outputs with our scorer: they must reproduce the published F1, or our
  // scorer is wrong and every other row with it.
  for (const [system, f1] of [['readability_js', 0.947], ['trafilatura', 0.958]] as const) {
    const out = new Map((await loadJsonl<{ id: string; text: string }>(corpusPath(root, 'baselines', `${system}.jsonl`))).map((r) => [r.id, r.text]));
    rows.push({ system: `${system} (published output, re-scored)`, parts: perPart(gold, benchPart, (gs) => metrics(shingleScore(gs.map((g) => shingleCounts(g.text, out.get(g.id) ?? ''))))), note: `published F1 ${f1} (extraction-benchmark/README.md)` });
  }
  for (const [system, f1, p, r] of PUBLISHED_BENCH) rows.push({ system: `${system} (published)`, parts: { all: { precision: p, recall: r, f1 } }, note: 'quoted from ../shared/corpus/extraction-benchmark/README.md, "latest evaluation"' });
  const n = (p: Part) => gold.filter((g) => benchPart(g) === p).length;
  return {
    task: 'extraction',
    id: 'extraction/benchmark',
    dataset: `extraction-benchmark (${pages.length} pages, 4-shingle bag P/R/F1)`,
    split: `by site (eval/split.ts): dev ${n('dev')} pages, test ${n('test')}; "all" is the whole set, which the published figures are of`,
    rows,
    notes: ['target: F1 >= 0.96 (above trafilatura 2.0.0, 0.958)'],
    unscored: [],
    files: ['extraction-benchmark/gold.jsonl', 'extraction-benchmark/html/', 'extraction-benchmark/baselines/'],
  };
}

async function snippets(dir: string, limit: number): Promise<TaskResult> {
  const root = corpusPath(dir, 'trafilatura-eval');
  const gold = await loadJsonl<SnippetPage & { url: string }>(corpusPath(root, 'gold.jsonl'), limit);
  const pages = gold.map((g) => ({ g, html: readPage(corpusPath(root, g.html_file)) }));
  const rows: ScoreRow[] = [];
  for (const [name, run] of SYSTEMS) {
    const t0 = performance.now();
    const counts = pages.map(({ g, html }) => ({ g, c: snippetCounts(run(html, null), g.with, g.without) }));
    const ms = (performance.now() - t0) / pages.length;
    const score = (xs: readonly { c: SnippetCounts }[]): Metrics => {
      const total: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
      for (const { c } of xs) {
        total.tp += c.tp;
        total.fn += c.fn;
        total.fp += c.fp;
        total.tn += c.tn;
      }
      const all = total.tp + total.fn + total.fp + total.tn;
      return { ...metrics(prf(total)), accuracy: round((total.tp + total.tn) / Math.max(1, all)) };
    };
    rows.push({ system: name, parts: perPart(counts, (x) => snippetPart(x.g), score), info: { 'ms/page': round(ms, 2) }, ...(run === ours ? { gate: ['f1'] } : {}) });
  }
  for (const [system, p, r, a, f1] of PUBLISHED_SNIPPETS) rows.push({ system: `${system} (published)`, parts: { all: { precision: p, recall: r, f1, accuracy: a } }, note: 'quoted from ../shared/corpus/trafilatura-eval/README.md (trafilatura docs/evaluation.rst, 2026-08-04)' });
  const n = (p: Part) => gold.filter((g) => snippetPart(g) === p).length;
  const empty = gold.filter((g) => g.with.length === 0 && g.without.length === 0).length;
  return {
    task: 'extraction',
    id: 'extraction/trafilatura-eval',
    dataset: `trafilatura-eval (${pages.length} pages, must/must-not snippets)`,
    split: `by page (eval/split.ts): dev ${n('dev')} pages, test ${n('test')}; "all" is the whole set, which the published figures are of`,
    rows,
    unscored: empty ? [{ count: empty, of: gold.length, what: 'pages', why: 'no snippet to look for' }] : [],
    files: ['trafilatura-eval/gold.jsonl', 'trafilatura-eval/html/'],
  };
}

function metrics(s: { precision: number; recall: number; f1: number }): Record<string, number> {
  return { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
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
  slow: true,
  async run(dir, { limit = Infinity }) {
    return [await benchmark(dir, limit), await snippets(dir, limit)];
  },
};
