import { annotateArticles } from '../src/processor/annotate.js';
import { cleanAll } from '../src/clean/index.js';
import { fromRecord } from '../src/ingest/record.js';
import type { Extracted } from '../src/ingest/types.js';
import type { Article } from '../src/model/article.js';

/** A sentence pair of MSRP or RTE-3: `a` and `b` with the set's label. */
export interface PairRow {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly label: number | string;
}

/**
 * A pair as a story: two articles of one sentence (or one passage) each, from two outlets, read,
 * cleaned and annotated as the CLI reads two JSON records, each pair in a run of its own (so that
 * nothing of one pair, not even an entity ref, reaches another). Null when a side yields no article.
 */
export function pairArticles(row: PairRow): [Article, Article] | null {
  const docs = (['a', 'b'] as const)
    .map((side) => fromRecord({ title: `Report ${side.toUpperCase()}`, text: row[side], outlet: `outlet-${side}` }, `${row.id}#${side}`, {}))
    .filter((d): d is Extracted => typeof d !== 'string');
  const { articles } = cleanAll(docs);
  if (articles.length !== 2) return null;
  const annotated = annotateArticles(articles, { referenceDate: null });
  return [annotated[0]!, annotated[1]!];
}
