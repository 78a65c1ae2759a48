import { PART_ORDER, type Metrics, type PartName, type TaskResult, type Unscored } from './common.js';

/** One score table as printed: every row's figures per part, the parts side by side. */
export interface Table {
  readonly id: string;
  /** The result's task label ("loaded language"). */
  readonly task: string;
  /** The eval task that produced it (eval/tasks/<name>.ts), once run. */
  readonly evalTask?: string;
  readonly dataset: string;
  readonly split: string | null;
  readonly parts: readonly PartName[];
  readonly rows: readonly TableRow[];
  readonly notes: readonly string[];
  /** Null when the task did not say what it could not score. */
  readonly unscored: readonly Unscored[] | null;
  readonly files: readonly string[];
  readonly readme: readonly string[] | null;
}

export interface TableRow {
  readonly system: string;
  readonly parts: Readonly<Partial<Record<PartName, Metrics>>>;
  readonly info: Metrics;
  readonly note: string | null;
  readonly gate: readonly string[];
}

/** Timings depend on the machine and its load: printed, never in the README or the gate. */
const TIMING = /^(?:ms\/|articles\/s)/;

/** The stable id of a result: its own, else `<task>/<dataset up to its first parenthesis>`, slugged. */
export function resultId(r: Pick<TaskResult, 'task' | 'id' | 'dataset'>): string {
  if (r.id) return r.id;
  const slug = (s: string) => s.toLowerCase().replace(/\(.*$/, '').replace(/[^a-z0-9+]+/g, '-').replace(/^-|-$/g, '');
  return `${r.task}/${slug(r.dataset)}`;
}

/**
 * Results as tables: a row's figures read from `parts`, else from `metrics` (the result's `part`,
 * else the whole set); results of one id that each report one part become one table, their rows
 * matched by system. `tracked` are the files the task read, used where a result names none.
 */
export function toTables(results: readonly TaskResult[], tracked: readonly string[] = []): Table[] {
  const byId = new Map<string, { result: TaskResult; rows: Map<string, { row: TableRow; parts: Partial<Record<PartName, Metrics>> }> }[]>();
  const order: string[] = [];
  for (const r of results) {
    const id = resultId(r);
    if (!byId.has(id)) {
      byId.set(id, []);
      order.push(id);
    }
    const rows = new Map<string, { row: TableRow; parts: Partial<Record<PartName, Metrics>> }>();
    for (const row of r.rows) {
      const parts: Partial<Record<PartName, Metrics>> = { ...(row.parts ?? {}) };
      if (row.metrics) parts[r.part ?? 'all'] = row.metrics;
      rows.set(row.system, { row: { system: row.system, parts, info: row.info ?? {}, note: row.note ?? null, gate: row.gate ?? [] }, parts });
    }
    byId.get(id)!.push({ result: r, rows });
  }
  return order.map((id) => {
    const group = byId.get(id)!;
    const first = group[0]!.result;
    const merged = new Map<string, TableRow>();
    for (const { rows } of group)
      for (const [system, { row, parts }] of rows) {
        const had = merged.get(system);
        merged.set(system, had ? { ...had, parts: { ...had.parts, ...parts }, gate: [...new Set([...had.gate, ...row.gate])] } : row);
      }
    const rows = [...merged.values()];
    const parts = PART_ORDER.filter((p) => rows.some((r) => r.parts[p]));
    const unscored = group.some((g) => g.result.unscored) ? group.flatMap((g) => g.result.unscored ?? []) : null;
    return {
      id,
      task: first.task,
      dataset: group.length > 1 ? first.dataset.replace(/\s*\(.*$/, '') : first.dataset,
      split: group.map((g) => g.result.split).find(Boolean) ?? null,
      parts,
      rows,
      notes: [...new Set(group.flatMap((g) => g.result.notes ?? []))],
      unscored,
      files: group.map((g) => g.result.files).find((f) => f && f.length > 0) ?? tracked,
      readme: first.readme ?? null,
    };
  });
}

/** The metric columns of a table, in first-seen order (`readme`: only those the README shows). */
export function metricKeys(t: Table, forReadme = false): string[] {
  const keys = [...new Set(t.rows.flatMap((r) => PART_ORDER.flatMap((p) => Object.keys(r.parts[p] ?? {}))))];
  if (!forReadme) return keys;
  return t.readme ? keys.filter((k) => t.readme!.includes(k)) : keys.filter((k) => !TIMING.test(k));
}

function infoKeys(t: Table, forReadme = false): string[] {
  const keys = [...new Set(t.rows.flatMap((r) => Object.keys(r.info)))];
  return forReadme ? keys.filter((k) => !TIMING.test(k)) : keys;
}

export function fmt(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

/** Headers and cells: per metric, one column per part (`f1 dev`, `f1 test`); a table of one part keeps bare names. */
function grid(t: Table, forReadme: boolean, label: (k: string) => string): { header: string[]; cells: string[][] } {
  const keys = metricKeys(t, forReadme);
  const info = infoKeys(t, forReadme);
  const one = t.parts.length === 1;
  const header = ['system', ...keys.flatMap((k) => t.parts.map((p) => (one ? label(k) : `${label(k)} ${p}`))), ...info.map(label)];
  const cells = t.rows.map((r) => [
    r.system,
    ...keys.flatMap((k) =>
      t.parts.map((p) => {
        const v = fmt(r.parts[p]?.[k]);
        return forReadme && v && r.gate.includes(k) && p === 'test' ? `**${v}**` : v;
      }),
    ),
    ...info.map((k) => fmt(r.info[k])),
  ]);
  return { header, cells };
}

/** What could not be scored, as one line (or that nothing was lost). */
export function unscoredLine(t: Table): string {
  if (t.unscored === null) return 'not scored: not reported by this task';
  if (t.unscored.length === 0) return 'not scored: nothing (every gold item is in the figures)';
  return 'not scored: ' + t.unscored.map((u) => `${u.count}${u.of !== undefined ? ` of ${u.of}` : ''} ${u.what} (${u.why})`).join('; ');
}

/** The table as the terminal shows it. */
export function printTable(t: Table, write: (s: string) => void): void {
  write(`\n## ${t.task} — ${t.dataset}\n`);
  if (t.split) write(`parts: ${t.split}\n`);
  const { header, cells } = grid(t, false, (k) => k);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (cs: string[]) => '| ' + cs.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  write(line(header) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  t.rows.forEach((r, i) => write(line(cells[i]!) + (r.note ? `  ${r.note}` : '') + '\n'));
  for (const n of t.notes) write(`- ${n}\n`);
  write(`- ${unscoredLine(t)}\n`);
}

const LABELS: Record<string, string> = { precision: 'P', recall: 'R', f1: 'F1', accuracy: 'accuracy' };

/** Markdown escaping for a table cell: pipes would split it. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The table as the README shows it: dataset and parts, the table (gated test figures in bold), what could not be scored. */
export function markdownTable(t: Table, provenance: string): string {
  const { header, cells } = grid(t, true, (k) => LABELS[k] ?? k);
  const out = [`*${cell(t.dataset)}${t.split ? `; parts: ${t.split}` : ''}. ${provenance}*`, '', `| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const c of cells) out.push(`| ${c.map(cell).join(' | ')} |`);
  out.push('', `${unscoredLine(t).replace(/^not scored:/, 'Not scored:')}.`);
  return out.join('\n');
}
