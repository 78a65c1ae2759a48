// Developer aid: sweep story-clustering settings on the gold sets (annotates once, clusters many times).
// `node dist/scripts/tune-stories.js` — prints B-cubed F1 per set for each setting.
import { analyzeExtracted } from '../src/app/analyze.js';
import { clusterStories } from '../src/cluster/index.js';
import { STORIES, type StorySettings } from '../src/cluster/settings.js';
import { sharedCorpus } from '../src/util/paths.js';
import { loadJsonl, corpusPath } from '../eval/common.js';
import { bcubed } from '../eval/tasks/stories.js';

const dir = sharedCorpus()!;
type Row = { id: string; title?: string; text: string; outlet?: string; published?: string; event_date?: string; event_id?: string; subtopic_id?: string };
const sets: [string, Row[], (r: Row) => string][] = [
  ['basil', await loadJsonl<Row>(corpusPath(dir, 'basil', 'basil.jsonl')), (r) => r.event_id!],
  ['ecb', await loadJsonl<Row>(corpusPath(dir, 'ecbplus', 'ecbplus.jsonl')), (r) => r.subtopic_id!],
  ['allsides', (await loadJsonl<Row>(corpusPath(dir, 'allsides-neus', 'articles.jsonl'))).filter((r) => r.text?.trim()), (r) => r.event_id!],
];
const prepared = sets.map(([name, rows, label]) => {
  const run = analyzeExtracted(rows.map((r) => ({ source: `${name}#${r.id}`, format: 'json', title: r.title ?? null, text: r.text, outlet: r.outlet ?? null, byline: null, published: (r.published ?? r.event_date ?? null)?.slice(0, 10) ?? null, url: null, language: 'en', provenance: {} }) as never), {});
  const bySource = new Map(rows.map((r) => [`${name}#${r.id}`, label(r)]));
  return { name, run, gold: new Map(run.articles.map((a) => [a.id, bySource.get(a.source)!])) };
});
const grid = JSON.parse(process.argv[2] ?? '[{}]') as Partial<StorySettings>[];
for (const g of grid) {
  const s = { ...STORIES, ...g, weights: { ...STORIES.weights, ...(g.weights ?? {}) } };
  const scores = prepared.map(({ name, run, gold }) => {
    const b = bcubed(clusterStories(run.articles, s).map((x) => x.articleIds), gold);
    return `${name} P${b.precision.toFixed(3)} R${b.recall.toFixed(3)} F${b.f1.toFixed(3)}`;
  });
  console.log(JSON.stringify(g), scores.join(' | '));
}
