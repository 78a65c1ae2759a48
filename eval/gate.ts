import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Table } from './table.js';

/**
 * The eval gate (`npm run eval -- --gate`, `--update`): eval/baseline.json keeps a floor under
 * each headline figure (a row's `gate` metrics, on its dev and test parts), with the sha256 of
 * every corpus file the figure was measured on. The gate fails when a figure falls below its
 * floor by more than `epsilon`, when a corpus file changed since the floor was set, or when a
 * figure of a task that ran is no longer measured. `--update` raises floors to the figures
 * measured and pins new ones; it refuses to lower a floor (or drop one) unless `--allow-lower`
 * gives the reason, which is kept in the file's `lowered` log. Higher is better for every gated figure.
 */
export interface Baseline {
  readonly about: string;
  /** Figures are rounded to three digits when printed; the gate does not fail on less than this. */
  readonly epsilon: number;
  readonly figures: Readonly<Record<string, BaselineFigure>>;
  readonly lowered: readonly Lowered[];
}

export interface BaselineFigure {
  readonly task: string;
  readonly floor: number;
  /** sha256 of each corpus file (a folder: of its files' names and digests) the figure was measured on. */
  readonly files: Readonly<Record<string, string>>;
  readonly commit: string;
}

export interface Lowered {
  readonly figure: string;
  readonly from: number | null;
  readonly to: number | null;
  readonly reason: string;
  readonly commit: string;
}

/** A headline figure as measured now. */
export interface Figure {
  readonly key: string;
  readonly task: string;
  readonly value: number;
  readonly files: readonly string[];
}

export const EMPTY_BASELINE: Baseline = {
  about: 'Floors under the headline figures of `npm run eval` (eval/gate.ts). Written by `npm run eval -- --update`; never edit by hand.',
  epsilon: 0.0005,
  figures: {},
  lowered: [],
};

/** Every gated figure of these tables: `<table id> › <system> › <metric> › <part>`. */
export function gatedFigures(tables: readonly Table[]): Figure[] {
  const out: Figure[] = [];
  for (const t of tables)
    for (const row of t.rows)
      for (const metric of row.gate)
        for (const part of t.parts.includes('dev') || t.parts.includes('test') ? (['dev', 'test'] as const) : (['all'] as const)) {
          const v = row.parts[part]?.[metric];
          if (typeof v === 'number') out.push({ key: `${t.id} › ${row.system} › ${metric} › ${part}`, task: t.evalTask ?? t.task, value: v, files: t.files });
        }
  return out;
}

export interface GateReport {
  readonly failures: readonly string[];
  readonly notes: readonly string[];
}

/** Check the figures of the tasks that ran against the baseline. `digest` gives a corpus file's sha256 now. */
export function checkGate(baseline: Baseline, figures: readonly Figure[], ran: ReadonlySet<string>, digest: (file: string) => string): GateReport {
  const failures: string[] = [];
  const notes: string[] = [];
  const now = new Map(figures.map((f) => [f.key, f]));
  for (const f of figures) {
    const b = baseline.figures[f.key];
    if (!b) {
      notes.push(`new figure, no floor yet (\`npm run eval -- --update\` pins it): ${f.key} = ${f.value}`);
      continue;
    }
    for (const [file, sha] of Object.entries(b.files)) {
      const current = digest(file);
      if (current !== sha) failures.push(`corpus file changed since the floor of ${f.key} was set: ${file} (sha256 ${sha.slice(0, 12)}… → ${current.slice(0, 12)}…); re-measure and \`--update\``);
    }
    if (f.value < b.floor - baseline.epsilon) failures.push(`below its floor: ${f.key} = ${f.value} < ${b.floor} (set at ${b.commit})`);
  }
  for (const [key, b] of Object.entries(baseline.figures)) if (ran.has(b.task) && !now.has(key)) failures.push(`no longer measured (its task ran): ${key} (floor ${b.floor})`);
  return { failures: [...new Set(failures)], notes };
}

export interface UpdateResult {
  readonly baseline: Baseline;
  readonly changes: readonly string[];
  /** Floors it would have lowered or dropped without `allowLower`: nothing is written when any. */
  readonly refused: readonly string[];
}

/** New floors from the figures measured: raised or pinned; lowered or dropped only with a reason. */
export function updateBaseline(baseline: Baseline, figures: readonly Figure[], ran: ReadonlySet<string>, digest: (file: string) => string, commit: string, allowLower: string | null): UpdateResult {
  const next: Record<string, BaselineFigure> = { ...baseline.figures };
  const lowered: Lowered[] = [...baseline.lowered];
  const changes: string[] = [];
  const refused: string[] = [];
  const now = new Map(figures.map((f) => [f.key, f]));
  for (const f of figures) {
    const b = baseline.figures[f.key];
    const files = Object.fromEntries([...f.files].sort().map((file) => [file, digest(file)]));
    if (b && f.value < b.floor - baseline.epsilon) {
      if (!allowLower) {
        refused.push(`refusing to lower the floor of ${f.key}: ${b.floor} → ${f.value} (give \`--allow-lower "reason"\`)`);
        continue;
      }
      lowered.push({ figure: f.key, from: b.floor, to: f.value, reason: allowLower, commit });
    }
    if (!b || b.floor !== f.value || JSON.stringify(b.files) !== JSON.stringify(files)) changes.push(b ? `${f.key}: ${b.floor} → ${f.value}` : `${f.key}: pinned at ${f.value}`);
    next[f.key] = { task: f.task, floor: f.value, files, commit };
  }
  for (const [key, b] of Object.entries(baseline.figures)) {
    if (!ran.has(b.task) || now.has(key)) continue;
    if (!allowLower) {
      refused.push(`refusing to drop the floor of ${key} (no longer measured; give \`--allow-lower "reason"\`)`);
      continue;
    }
    lowered.push({ figure: key, from: b.floor, to: null, reason: allowLower, commit });
    changes.push(`${key}: dropped`);
    delete next[key];
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { baseline: { ...baseline, figures: sorted, lowered }, changes, refused };
}

/** sha256 of a corpus file, or of a folder (each file's path and digest, sorted); cached per path. */
export function corpusDigest(corpusDir: string): (file: string) => string {
  const cache = new Map<string, string>();
  const fileSha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
      .sort();
  return (file) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const path = join(corpusDir, file);
    let sha: string;
    try {
      if (statSync(path).isDirectory()) {
        const h = createHash('sha256');
        for (const f of walk(path)) h.update(`${relative(path, f).split(sep).join('/')}\u0000${fileSha(f)}\n`);
        sha = h.digest('hex');
      } else sha = fileSha(path);
    } catch {
      sha = 'missing';
    }
    cache.set(file, sha);
    return sha;
  };
}

/** A tracked absolute path as the baseline names it: relative to the corpus folder, `/`-separated, a folder ending in `/`. */
export function corpusRelative(corpusDir: string, path: string): string {
  const rel = relative(corpusDir, path).split(sep).join('/');
  try {
    return statSync(path).isDirectory() ? `${rel.replace(/\/$/, '')}/` : rel;
  } catch {
    return rel;
  }
}
