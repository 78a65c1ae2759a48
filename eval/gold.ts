import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExtracted } from '../src/app/analyze.js';
import { entityTable } from '../src/annotate/entities/index.js';
import { storyReuse } from '../src/cluster/reuse.js';
import { crossCheck } from '../src/crosscheck/index.js';
import { fromRecord } from '../src/ingest/record.js';
import type { Extracted, MetaHints } from '../src/ingest/types.js';
import type { Article } from '../src/model/article.js';
import type { StoryCheck } from '../src/model/check.js';
import type { RunResult } from '../src/model/run.js';
import { pushTo } from '../src/util/maps.js';
import { track } from './common.js';

/**
 * A record of a gold set read as any JSON record is read (src/ingest/record.ts), as `<set>#<id>`:
 * what the CLI gets from the same file, nothing more. No field the gold adds (an event's day, its
 * id, its size) reaches a prediction; AllSides' `event_date`, the day of its roundup, is not read
 * (`published` is "None" there, so its articles are undated, as the CLI sees them). Null for a
 * record with no text.
 */
export function goldDoc(set: string, r: { readonly id: string }, hints: MetaHints = {}): Extracted | null {
  const doc = fromRecord(r, `${set}#${r.id}`, hints);
  return typeof doc === 'string' ? null : doc;
}

export function goldDocs(set: string, rows: readonly { readonly id: string }[]): Extracted[] {
  return rows.map((r) => goldDoc(set, r)).filter((d): d is Extracted => d !== null);
}

/** The seed reports as records: the first line is the title, the rest the text. */
export function seedRows(dir: string): { id: string; title: string; text: string }[] {
  const seeds = join(dir, 'seeds');
  track(seeds);
  return readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const [title, ...body] = readFileSync(join(seeds, f), 'utf8').split('\n');
      return { id: f, title: title ?? '', text: body.join('\n') };
    });
}

export interface CheckedStory {
  readonly key: string;
  readonly articles: Article[];
  readonly check: StoryCheck;
  /** Time of the cross-check alone. */
  readonly ms: number;
}

/**
 * Annotate documents once, then cross-check each gold group as one story, with its copy chain
 * (grouping is scored elsewhere). Used by `npm run eval` and `npm run bench`.
 */
export async function checkGroups(docs: readonly Extracted[], group: (source: string) => string): Promise<{ run: RunResult; annotateMs: number; checks: CheckedStory[] }> {
  const t0 = performance.now();
  const run = await analyzeExtracted(docs, { referenceDate: null, crossCheck: false });
  const annotateMs = performance.now() - t0;
  const groups = new Map<string, Article[]>();
  for (const a of run.articles) pushTo(groups, group(a.source), a);
  const checks = [...groups].map(([key, articles]) => {
    const [story] = storyReuse([{ id: key, title: key, articleIds: articles.map((a) => a.id) }], articles);
    const t = performance.now();
    // Refs named by the group's own articles, as the story stage names them (src/processor/story-stage.ts).
    const check = crossCheck(articles, story!.reuse ?? [], entityTable(articles));
    return { key, articles, check, ms: performance.now() - t };
  });
  return { run, annotateMs, checks };
}
