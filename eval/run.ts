import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusDir, type EvalTask, type TaskResult } from './common.js';
import { existsSync } from 'node:fs';

/**
 * `npm run eval [-- --only NAME[,NAME]] [--limit N] [--json FILE]`: print per-stage quality on
 * ../shared/corpus. Every task lives in eval/tasks/<name>.ts and exports `task: EvalTask`.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const only = valueOf(args, '--only')?.split(',');
  const limit = Number(valueOf(args, '--limit') ?? Infinity);
  const jsonOut = valueOf(args, '--json');
  const dir = corpusDir();
  if (!dir) {
    process.stderr.write('eval: ../shared/corpus is absent; nothing to score (set TRIANGULATE_SHARED to its parent folder)\n');
    return 0;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(join(here, 'tasks')).filter((f) => f.endsWith('.js')).sort();
  const results: TaskResult[] = [];
  for (const file of files) {
    const { task } = (await import(pathToFileURL(join(here, 'tasks', file)).href)) as { task?: EvalTask };
    if (!task || (only && !only.includes(task.name))) continue;
    const missing = task.needs.filter((n) => !existsSync(join(dir, n)));
    if (missing.length) {
      process.stdout.write(`\n## ${task.name}: skipped (missing ${missing.join(', ')})\n`);
      continue;
    }
    const t0 = performance.now();
    for (const r of await task.run(dir, { limit })) {
      results.push(r);
      printResult(r);
    }
    process.stdout.write(`(${task.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  if (jsonOut) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
  }
  return 0;
}

function printResult(r: TaskResult): void {
  process.stdout.write(`\n## ${r.task} — ${r.dataset}\n`);
  const keys = [...new Set(r.rows.flatMap((row) => Object.keys(row.metrics)))];
  const header = ['system', ...keys];
  const table = r.rows.map((row) => [row.system, ...keys.map((k) => fmt(row.metrics[k]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  process.stdout.write(line(header) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  r.rows.forEach((row, i) => process.stdout.write(line(table[i]!) + (row.note ? `  ${row.note}` : '') + '\n'));
  for (const n of r.notes ?? []) process.stdout.write(`- ${n}\n`);
}

function fmt(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

process.exitCode = await main();
