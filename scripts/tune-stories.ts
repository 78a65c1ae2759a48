// Developer aid: sweep story-clustering settings on the development parts of the gold sets
// (annotates once, clusters many times; the test parts are never scored here, see eval/split.ts).
// `node dist/scripts/tune-stories.js '[{"joinThreshold":0.18}]'` — prints B-cubed per set for each setting.
import { analyzeExtracted } from '../src/app/analyze.js';
import { clusterStories } from '../src/cluster/index.js';
import { STORIES, type StorySettings } from '../src/cluster/settings.js';
import { sharedCorpus } from '../src/util/paths.js';
import { loadJsonl, corpusPath } from '../eval/common.js';
import { goldDocs } from '../eval/gold.js';
import { partOf } from '../eval/split.js';
import { bcubed } from '../eval/tasks/stories.js';

const dir = sharedCorpus();
if (!dir) {
  process.stderr.write('tune-stories: ../shared/corpus is absent\n');
  process.exit(0);
}
type Row = { id: string; text: string; event_id?: string; subtopic_id?: string; topic?: number };
const sets: [string, string, Row[], (r: Row) => string, (r: Row) => string | number][] = [
  ['basil', 'basil', await loadJsonl<Row>(corpusPath(dir, 'basil', 'basil.jsonl')), (r) => r.event_id!, (r) => r.event_id!],
  ['ecb', 'ecbplus', await loadJsonl<Row>(corpusPath(dir, 'ecbplus', 'ecbplus.jsonl')), (r) => r.subtopic_id!, (r) => r.topic!],
  ['allsides', 'allsides', (await loadJsonl<Row>(corpusPath(dir, 'allsides-neus', 'articles.jsonl'))).filter((r) => r.text?.trim()), (r) => r.event_id!, (r) => r.event_id!],
];
// Each set is read whole, as the CLI reads its file; only its development part is scored.
const prepared = [];
for (const [name, split, rows, label, unit] of sets) {
  const run = await analyzeExtracted(goldDocs(name, rows), { crossCheck: false });
  const bySource = new Map(rows.map((r) => [`${name}#${r.id}`, r]));
  const gold = new Map(run.articles.map((a) => [a.id, label(bySource.get(a.source)!)]));
  const dev = new Set(run.articles.filter((a) => partOf(split, unit(bySource.get(a.source)!)) === 'dev').map((a) => a.id));
  prepared.push({ name, run, gold, dev });
}
const grid = JSON.parse(process.argv[2] ?? '[{}]') as Partial<StorySettings>[];
for (const g of grid) {
  const s = { ...STORIES, ...g, weights: { ...STORIES.weights, ...(g.weights ?? {}) } };
  const scores = prepared.map(({ name, run, gold, dev }) => {
    const b = bcubed(clusterStories(run.articles, s).map((x) => x.articleIds), gold, (id) => dev.has(id));
    return `${name} dev P${b.precision.toFixed(3)} R${b.recall.toFixed(3)} F${b.f1.toFixed(3)}`;
  });
  console.log(JSON.stringify(g), scores.join(' | '));
}
