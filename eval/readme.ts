import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
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
    const next = writeBetween(text, `eval:${t.id}`, markdownTable(t, provenance));
    if (next === null) unmarked.push(t.id);
    else (text = next), written.push(t.id);
  }
  const ids = new Set(tables.map((t) => t.id));
  const tasks = new Set(tables.map((t) => t.evalTask ?? t.task));
  // Markers of a task that ran but no longer produces that table: the README would keep an old figure.
  const stale = [...text.matchAll(/<!-- eval:([^ ]+) -->/g)].map((m) => m[1]!).filter((id) => !ids.has(id) && tasks.has(id.split('/')[0]!));
  return { text, written, unmarked, stale };
}

/**
 * `body` in place of what stands between `<!-- MARK -->` and `<!-- /MARK -->` (the eval's tables,
 * the bench's sections); null when the text has no such markers.
 */
export function writeBetween(text: string, mark: string, body: string): string | null {
  const open = `<!-- ${mark} -->`;
  const close = `<!-- /${mark} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close, a);
  if (a < 0 || b < 0) return null;
  return `${text.slice(0, a + open.length)}\n${body}\n${text.slice(b)}`;
}

/** The commit measured, marked when the working tree has changes the commit does not hold (README.md and eval/baseline.json aside: the run writes them). */
export function gitCommit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!README.md', ':!eval/baseline.json'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

export function writeAtomic(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
