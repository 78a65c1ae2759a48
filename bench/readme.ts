import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gitCommit, writeAtomic, writeBetween } from '../eval/readme.js';

/**
 * `npm run bench -- --readme`: the README's speed figures are what a bench run printed, never
 * typed by hand. The run's output is kept section by section (analyze, jobs, extraction,
 * crosscheck, store, api, hostile), and each section goes between `<!-- bench:<id> -->` and
 * `<!-- /bench:<id> -->` with the run's commit, Node, date and the machine's load; the prose
 * around the markers says what is measured and holds no figure.
 */
const sections = new Map<string, string>();
/** Sections whose script failed: what they printed is not a figure, and the README keeps its old one. */
const failed = new Set<string>();
let current: string | null = null;
const load0 = loadavg()[0]!;

/** What is printed from now on belongs to section `id`. */
export function section(id: string): void {
  current = id;
  if (!sections.has(id)) sections.set(id, '');
}

/** Print, and keep it in the current section. */
export function out(text: string): void {
  process.stdout.write(text);
  if (current) sections.set(current, sections.get(current)! + text);
}

/** The sections whose script failed so far. */
export function failures(): string[] {
  return [...failed];
}

/** Run a bench script in a process of its own, its output passed through as it comes and kept as section `id`. */
export function child(id: string, script: string, args: readonly string[] = []): Promise<number | null> {
  section(id);
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (d: string) => out(d));
    c.on('close', (code) => {
      if (code !== 0) failed.add(id);
      resolve(code);
    });
  });
}

/** A section as README text: its headings made bold lines under the README's own heading, and where it was measured. */
function render(text: string, provenance: string): string {
  const body = text
    .trim()
    .split('\n')
    .map((l) => (/^#+ /.test(l) ? `**${l.replace(/^#+ /, '')}**` : l))
    .join('\n');
  return `${body}\n\n*${provenance}*`;
}

/** Write every section this run printed into README.md; returns the ids written and those with no marker. */
export function writeReadme(root: string): { written: string[]; unmarked: string[]; failed: string[] } {
  const file = join(root, 'README.md');
  const provenance = `\`npm run bench\`, commit ${gitCommit(root)}, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}; load average ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end, on ${cpus().length} cores`;
  let text = readFileSync(file, 'utf8');
  const written: string[] = [];
  const unmarked: string[] = [];
  for (const [id, printed] of sections) {
    if (!printed.trim() || failed.has(id)) continue;
    const next = writeBetween(text, `bench:${id}`, render(printed, provenance));
    if (next === null) unmarked.push(id);
    else (text = next), written.push(id);
  }
  writeAtomic(file, text);
  return { written, unmarked, failed: [...failed] };
}
