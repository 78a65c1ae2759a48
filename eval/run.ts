import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusDir, takeTracked, type EvalTask, type TaskResult } from './common.js';
import { checkGate, corpusDigest, corpusRelative, EMPTY_BASELINE, gatedFigures, updateBaseline, type Baseline } from './gate.js';
import { gitCommit, writeAtomic, writeTables } from './readme.js';
import { printTable, toTables, type Table } from './table.js';

const HELP = `npm run eval -- [options]: per-stage quality on ../shared/corpus, each set's development and test parts side by side
  --only NAME[,NAME]   run these tasks only (eval/tasks/<name>.ts)
  --quick              leave out the slow tasks (extraction): what CI gates
  --limit N            read at most N records per file (a quick look; refused with --gate, --update, --readme)
  --json FILE          write the results as JSON
  --gate               fail (exit 1) when a headline figure fell below its floor in eval/baseline.json,
                       or a corpus file it was measured on changed
  --update             write new floors into eval/baseline.json (raise and pin; never lower ...)
  --allow-lower "why"  ... unless given, with the reason, which the file keeps
  --readme             write the tables into README.md between their <!-- eval:ID --> markers
examples:
  npm run eval -- --only stories
  npm run eval -- --quick --gate
  npm run eval -- --update --readme`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const only = valueOf(args, '--only')?.split(',');
  const limit = Number(valueOf(args, '--limit') ?? Infinity);
  const jsonOut = valueOf(args, '--json');
  const [gate, update, readme, quick] = ['--gate', '--update', '--readme', '--quick'].map((f) => args.includes(f));
  const allowLower = valueOf(args, '--allow-lower') ?? null;
  if (Number.isFinite(limit) && (gate || update || readme)) {
    process.stderr.write('eval: --limit scores part of each set; it cannot be gated, pinned or written into the README\n');
    return 2;
  }
  const dir = corpusDir();
  if (!dir) {
    process.stderr.write(`eval: ../shared/corpus is absent; nothing to score${gate ? ', nothing gated' : ''} (set TRIANGULATE_SHARED to its parent folder)\n`);
    return 0;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', '..');
  const write = (s: string) => process.stdout.write(s);
  const emit = valueOf(args, '--emit');
  if (emit) {
    // A child of the run below: one task, its tables to the file the parent reads.
    const { task } = (await import(pathToFileURL(join(here, 'tasks', `${valueOf(args, '--task')}.js`)).href)) as { task: EvalTask };
    writeFileSync(emit, JSON.stringify(await runTask(task, dir, limit, write)));
    return 0;
  }
  const files = readdirSync(join(here, 'tasks')).filter((f) => f.endsWith('.js')).sort();
  const tables: Table[] = [];
  const ran = new Set<string>();
  const scratch = mkdtempSync(join(tmpdir(), 'triangulate-eval-'));
  try {
    for (const file of files) {
      const { task } = (await import(pathToFileURL(join(here, 'tasks', file)).href)) as { task?: EvalTask };
      if (!task || (only && !only.includes(task.name)) || (quick && task.slow)) continue;
      const missing = task.needs.filter((n) => !existsSync(join(dir, n)));
      if (missing.length) {
        write(`\n## ${task.name}: skipped (missing ${missing.join(', ')})\n`);
        continue;
      }
      // Each task in a process of its own: wink-nlp's tokeniser learns every word it reads (a
      // possessive it has seen is no longer split), so a task's figures would depend on which
      // tasks ran before it, and `--only` or `--quick` would not reproduce a full run.
      const out = join(scratch, `${task.name}.json`);
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--task', file.slice(0, -3), '--emit', out, ...(Number.isFinite(limit) ? ['--limit', String(limit)] : [])], { stdio: 'inherit' });
      if (child.status !== 0 || !existsSync(out)) {
        process.stderr.write(`eval: task ${task.name} failed (exit ${child.status ?? child.signal})\n`);
        return 1;
      }
      tables.push(...(JSON.parse(readFileSync(out, 'utf8')) as Table[]));
      ran.add(task.name);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (jsonOut) writeAtomic(jsonOut, JSON.stringify(tables, null, 2) + '\n');
  let code = 0;
  const figures = gatedFigures(tables);
  const digest = corpusDigest(dir);
  const baselineFile = join(root, 'eval', 'baseline.json');
  const baseline: Baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline) : EMPTY_BASELINE;
  if (gate) {
    const report = checkGate(baseline, figures, ran, digest);
    write(`\n## gate: ${figures.length} headline figures of ${[...ran].join(', ')}\n`);
    for (const n of report.notes) write(`- ${n}\n`);
    for (const f of report.failures) write(`- FAIL ${f}\n`);
    write(report.failures.length ? `gate: failed (${report.failures.length})\n` : 'gate: passed\n');
    if (report.failures.length) code = 1;
  }
  const commit = gitCommit(root);
  if (update) {
    const u = updateBaseline(baseline, figures, ran, digest, commit, allowLower);
    for (const r of u.refused) write(`- ${r}\n`);
    if (u.refused.length) {
      write('update: refused, eval/baseline.json unchanged\n');
      code = 1;
    } else {
      writeAtomic(baselineFile, JSON.stringify(u.baseline, null, 2) + '\n');
      for (const c of u.changes) write(`- ${c}\n`);
      write(`update: ${u.changes.length} floors written to eval/baseline.json\n`);
    }
  }
  if (readme) {
    const file = join(root, 'README.md');
    const provenance = `\`npm run eval\`, commit ${commit}, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}.`;
    const r = writeTables(readFileSync(file, 'utf8'), tables, provenance);
    writeAtomic(file, r.text);
    write(`readme: ${r.written.length} tables written${r.unmarked.length ? `; no marker for ${r.unmarked.join(', ')}` : ''}\n`);
    for (const s of r.stale) write(`- README marker eval:${s} names a table its task no longer produces\n`);
  }
  return code;
}

/** Run one task, print its tables and return them, with the corpus files it read where a table names none. */
async function runTask(task: EvalTask, dir: string, limit: number, write: (s: string) => void): Promise<Table[]> {
  const t0 = performance.now();
  takeTracked();
  const results: TaskResult[] = await task.run(dir, { limit });
  const tables = toTables(results, takeTracked().map((p) => corpusRelative(dir, p))).map((t) => ({ ...t, evalTask: task.name }));
  for (const t of tables) printTable(t, write);
  write(`(${task.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return tables;
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

process.exitCode = await main();
