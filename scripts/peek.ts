// Developer aid: run the annotate stages on inputs and print one layer. `node dist/scripts/peek.js entities ../shared/corpus/seeds`
import { ingest } from '../src/ingest/index.js';
import { cleanAll } from '../src/clean/index.js';
import { sentences } from '../src/annotate/sentences/index.js';
import { entities, resolveEntityRefs } from '../src/annotate/entities/index.js';
import { quotes } from '../src/annotate/quotes/index.js';
import { citedSources } from '../src/annotate/sources/index.js';
import { dates } from '../src/annotate/dates/index.js';
import { quantities } from '../src/annotate/quantities/index.js';
import type { Extracted } from '../src/ingest/types.js';

const [layer = 'entities', ...inputs] = process.argv.slice(2);
const docs: Extracted[] = [];
for await (const d of ingest(inputs, {})) if (!('reason' in d)) docs.push(d as Extracted);
const { articles } = cleanAll(docs);
const ctx = { referenceDate: null };
let arts = articles.map((a) => entities().run(sentences().run(a, ctx), ctx));
arts = [...resolveEntityRefs().run(arts, ctx)].map((a) => dates().run(citedSources().run(quotes().run(a, ctx), ctx), { referenceDate: '2020-02-28' })).map((a) => quantities().run(a, ctx));
for (const a of arts) {
  console.log(`\n## ${a.source} — ${a.meta.title}`);
  const items = (a.layers as Record<string, { start: number; end: number }[]>)[layer] ?? [];
  for (const e of items) {
    const { start, end, kind: _k, ...rest } = e as unknown as Record<string, unknown> & { start: number; end: number };
    console.log(`  ${JSON.stringify(a.text.slice(start, end))} ${JSON.stringify(rest)}`);
  }
}
