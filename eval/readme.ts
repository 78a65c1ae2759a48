import { markdownTable, type Table } from './table.js';

/**
 * `npm run eval -- --readme`: the README's quality tables are written from the run, never by
 * hand. Each table sits between `<!-- eval:<table id> -->` and `<!-- /eval:<table id> -->`; the
 * prose around the markers is the author's. Tables the run did not measure keep what they had.
 */
export function writeTables(readme: string, tables: readonly Table[], provenance: string): { text: string; written: string[]; unmarked: string[]; stale: string[] } {
  let text = readme;
  const written: string[] = [];
  const unmarked: string[] = [];
  for (const t of tables) {
    const open = `<!-- eval:${t.id} -->`;
    const close = `<!-- /eval:${t.id} -->`;
    const a = text.indexOf(open);
    const b = text.indexOf(close, a);
    if (a < 0 || b < 0) {
      unmarked.push(t.id);
      continue;
    }
    text = `${text.slice(0, a + open.length)}\n${markdownTable(t, provenance)}\n${text.slice(b)}`;
    written.push(t.id);
  }
  const ids = new Set(tables.map((t) => t.id));
  const tasks = new Set(tables.map((t) => t.evalTask ?? t.task));
  // Markers of a task that ran but no longer produces that table: the README would keep an old figure.
  const stale = [...text.matchAll(/<!-- eval:([^ ]+) -->/g)].map((m) => m[1]!).filter((id) => !ids.has(id) && tasks.has(id.split('/')[0]!));
  return { text, written, unmarked, stale };
}
