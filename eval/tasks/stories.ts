import { analyzeExtracted } from '../../src/app/analyze.js';
import { clusterStories } from '../../src/cluster/index.js';
import { groupStories } from '../../src/cluster/simple.js';
import type { StoryRecord } from '../../src/model/run.js';
import { goldDocs, seedRows } from '../gold.js';
import { corpusPath, loadJsonl, round, type EvalTask, type ScoreRow, type TaskResult } from '../common.js';

interface Row {
  id: string;
  title?: string | null;
  text: string;
  outlet?: string | null;
  published?: string | null;
  event_date?: string | null;
  event_id?: string;
  subtopic_id?: string;
}

/**
 * B-cubed precision and recall of a clustering against gold labels: per item, the share of its
 * cluster that shares its gold label, and the share of its gold label that shares its cluster.
 */
export function bcubed(clusters: readonly (readonly string[])[], gold: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, i) => c.forEach((id) => clusterOf.set(id, i)));
  const items = [...clusterOf.keys()].filter((id) => gold.has(id));
  const goldSize = new Map<string, number>();
  for (const id of items) goldSize.set(gold.get(id)!, (goldSize.get(gold.get(id)!) ?? 0) + 1);
  const pairs = new Map<string, number>();
  const clusterSize = new Map<number, number>();
  for (const id of items) {
    const key = `${clusterOf.get(id)}\u0000${gold.get(id)}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    clusterSize.set(clusterOf.get(id)!, (clusterSize.get(clusterOf.get(id)!) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const id of items) {
    const both = pairs.get(`${clusterOf.get(id)}\u0000${gold.get(id)}`)!;
    p += both / clusterSize.get(clusterOf.get(id)!)!;
    r += both / goldSize.get(gold.get(id)!)!;
  }
  const precision = items.length ? p / items.length : 0;
  const recall = items.length ? r / items.length : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

async function scoreSet(name: string, rows: Row[], label: (r: Row) => string): Promise<TaskResult> {
  const docs = goldDocs(name, rows);
  const run = analyzeExtracted(docs, { referenceDate: null, crossCheck: false });
  const gold = new Map<string, string>();
  const bySource = new Map(rows.map((r) => [`${name}#${r.id}`, label(r)]));
  for (const a of run.articles) gold.set(a.id, bySource.get(a.source)!);
  const systems: [string, () => StoryRecord[]][] = [
    ['triangulate (online)', () => clusterStories(run.articles)],
    ['baseline: single-link TF-IDF cosine ≥ 0.15', () => groupStories(run.articles)],
  ];
  const out: ScoreRow[] = [];
  for (const [system, cluster] of systems) {
    const t0 = performance.now();
    const stories = cluster();
    const ms = performance.now() - t0;
    const s = bcubed(stories.map((x) => x.articleIds), gold);
    out.push({ system, metrics: { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), stories: stories.length, 'articles/s': Math.round((run.articles.length / ms) * 1000) } });
  }
  const events = new Set(gold.values()).size;
  return { task: 'stories', dataset: `${name} (${run.articles.length} articles, ${events} gold events, one mixed stream)`, rows: out, notes: ['B-cubed over the whole mixture; target F1 >= 0.95'] };
}

/** `npm run eval -- --only stories`: story grouping, B-cubed, on every same-event gold set. */
export const task: EvalTask = {
  name: 'stories',
  needs: ['basil', 'ecbplus', 'allsides-neus', 'seeds'],
  async run(dir, { limit = Infinity }) {
    const basil = await loadJsonl<Row>(corpusPath(dir, 'basil', 'basil.jsonl'), limit);
    const ecb = await loadJsonl<Row>(corpusPath(dir, 'ecbplus', 'ecbplus.jsonl'), limit);
    const allsides = await loadJsonl<Row>(corpusPath(dir, 'allsides-neus', 'articles.jsonl'), limit);
    const seeds: Row[] = seedRows(dir).map((r) => ({ ...r, event_id: 'seeds' }));
    return [
      await scoreSet('seeds', seeds, (r) => r.event_id!),
      await scoreSet('BASIL', basil, (r) => r.event_id!),
      await scoreSet('ECB+', ecb, (r) => r.subtopic_id!),
      await scoreSet('AllSides', allsides.filter((r) => r.text?.trim()), (r) => r.event_id!),
    ];
  },
};
