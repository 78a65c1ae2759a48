import { stringify } from 'csv-stringify/sync';
import type { Article } from '../model/article.js';
import { CLAIM_STATUSES } from '../model/check.js';
import type { RunResult, StoryRecord } from '../model/run.js';
import { articleLabels } from '../util/names.js';
import { checkView, isActorLabel, type ClaimFilter } from './check-view.js';

/** The tables `--csv DIR` writes and the web app serves, one file each. */
export const CSV_TABLES = ['claims', 'mentions', 'quotes', 'labels', 'loaded'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/**
 * Guard a cell against spreadsheet formula injection (OWASP, "CSV Injection"): article text that
 * starts with = + - @ (or a tab or carriage return) would run as a formula when the file is
 * opened in a spreadsheet, so such a cell gets a leading apostrophe, which spreadsheets show as
 * text. `unguard` takes it off again.
 *
 * @example
 * guard('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 */
export function guard(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The cell as the article had it (what `guard` protected). */
export function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

type Row = Record<string, string | number | boolean | null>;

function table(columns: readonly string[], rows: readonly Row[]): string {
  // csv-stringify quotes what needs quoting (commas, quotes, line breaks); we only guard the text.
  const cells = rows.map((r) => columns.map((c) => {
    const v = r[c];
    return v === null || v === undefined ? '' : typeof v === 'string' ? guard(v) : String(v);
  }));
  return stringify([columns as string[], ...cells], { bom: false, eof: true, record_delimiter: 'unix' });
}

/**
 * The run's claims (with verdicts, their meanings and the articles that carry them), every
 * mention of each claim, the quotes, the labels for actors and the loaded words, as CSV
 * tables keyed by name. Every row names its story and, where it has one, its article by id and by
 * the label the reports use.
 *
 * @example
 * csvTables(run).get('claims'); // 'story_id,story_title,claim_id,verdict,...'
 */
export function csvTables(run: RunResult, stories: readonly StoryRecord[] = run.stories, filter?: ClaimFilter): Map<CsvTable, string> {
  const labels = articleLabels(run.articles);
  const byId = new Map(run.articles.map((a) => [a.id, a]));
  const label = (id: string) => labels.get(id) ?? id;
  const claims: Row[] = [];
  const mentions: Row[] = [];
  const quotes: Row[] = [];
  const labelRows: Row[] = [];
  const loaded: Row[] = [];
  for (const s of stories) {
    const story = { story_id: s.id, story_title: s.title };
    if (s.check) {
      const v = checkView(s.check, run.articles, s.articleIds, { all: true, filter });
      for (const c of v.allClaims) {
        claims.push({ ...story, claim_id: c.id, verdict: c.status, verdict_label: CLAIM_STATUSES[c.status].label, verdict_means: CLAIM_STATUSES[c.status].means, independent_origins: c.origins, articles: c.articles, text: c.text, date: c.date, carried_by: c.outlets, conflicts: c.conflicts.map((k) => k.line).join(' | ') });
        for (const m of c.mentions) mentions.push({ ...story, claim_id: c.id, verdict: c.status, article_id: m.articleId, article: m.label, attributed_to: m.attributedTo, start: m.start, end: m.end, text: m.text });
      }
      for (const l of s.check.labels.filter(isActorLabel))
        for (const id of s.articleIds) {
          for (const w of l.byArticle[id] ?? []) labelRows.push({ ...story, actor_ref: l.ref, actor: l.name, article_id: id, article: label(id), words: w, quoted: false });
          for (const w of l.quotedByArticle[id] ?? []) labelRows.push({ ...story, actor_ref: l.ref, actor: l.name, article_id: id, article: label(id), words: w, quoted: true });
        }
      for (const l of s.check.loaded) loaded.push({ ...story, article_id: l.articleId, article: label(l.articleId), category: l.category, quoted: l.quoted, start: l.start, end: l.end, text: l.text });
    }
    for (const id of s.articleIds) {
      const a: Article | undefined = byId.get(id);
      for (const q of a?.layers.quotes ?? []) quotes.push({ ...story, article_id: id, article: label(id), outlet: a!.meta.outlet, speaker: q.speakerName, speaker_ref: q.speakerRef, direct: q.direct, start: q.start, end: q.end, text: a!.text.slice(q.start, q.end) });
    }
  }
  return new Map<CsvTable, string>([
    ['claims', table(['story_id', 'story_title', 'claim_id', 'verdict', 'verdict_label', 'verdict_means', 'independent_origins', 'articles', 'text', 'date', 'carried_by', 'conflicts'], claims)],
    ['mentions', table(['story_id', 'story_title', 'claim_id', 'verdict', 'article_id', 'article', 'attributed_to', 'start', 'end', 'text'], mentions)],
    ['quotes', table(['story_id', 'story_title', 'article_id', 'article', 'outlet', 'speaker', 'speaker_ref', 'direct', 'start', 'end', 'text'], quotes)],
    ['labels', table(['story_id', 'story_title', 'actor_ref', 'actor', 'article_id', 'article', 'words', 'quoted'], labelRows)],
    ['loaded', table(['story_id', 'story_title', 'article_id', 'article', 'category', 'quoted', 'start', 'end', 'text'], loaded)],
  ]);
}
