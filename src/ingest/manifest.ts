import { createRequire } from 'node:module';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { fileKind } from './files.js';
import { dirname, resolve } from 'node:path';
import { isoDate } from './date.js';
import type { MetaHints } from './types.js';

// csv-parse is loaded when a CSV manifest is read, not on every start.
const require = createRequire(import.meta.url);
const parseCsv: typeof import('csv-parse/sync').parse = (...args: Parameters<typeof import('csv-parse/sync').parse>) => (require('csv-parse/sync') as typeof import('csv-parse/sync')).parse(...args);

/** A manifest is a table of a few lines per input: one larger than this is not one. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * A manifest's text. Opened without blocking and refused unless a regular file, so a FIFO or a
 * device given as `--manifest` is one line, not a run that waits for ever (readCapped does the
 * same for inputs; this one is synchronous, as the manifests are read before any input).
 */
function readManifestFile(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new Error(`not a regular file (${fileKind(info)})`);
    if (info.size > MAX_MANIFEST_BYTES) throw new Error(`${(info.size / 1024 ** 2).toFixed(0)} MB, more than a manifest's ${MAX_MANIFEST_BYTES / 1024 ** 2} MB`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** One row of a manifest: the name it gives (as written), the keys it may match, its metadata. */
export interface ManifestRow {
  /** The file or URL as the row writes it. */
  readonly name: string;
  /** A URL, or the path resolved against the manifest's folder and against the working directory. */
  readonly keys: readonly string[];
  readonly hints: MetaHints;
}

const KEY_COLUMNS = ['file', 'path', 'input', 'url'];

/**
 * Load a CSV (with a header row) or JSON (an array of objects) manifest. Each row names a file
 * or a URL, and may give outlet, published, url, title, byline. A relative path is looked for
 * against the manifest's folder and against the working directory (people write both).
 *
 * @example
 * loadManifest('examples/demo/manifest.csv')[0]?.hints.outlet; // 'Coastline Wire'
 */
export function loadManifest(file: string, cwd = process.cwd()): ManifestRow[] {
  const text = readManifestFile(file);
  const rows: Record<string, unknown>[] = file.toLowerCase().endsWith('.json')
    ? (JSON.parse(text) as Record<string, unknown>[])
    : (parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, unknown>[]);
  if (!Array.isArray(rows)) throw new Error('manifest: expected a list of rows');
  const out: ManifestRow[] = [];
  for (const row of rows) {
    const col = KEY_COLUMNS.find((c) => typeof row[c] === 'string' && row[c]);
    if (!col) continue;
    const name = String(row[col]);
    const str = (k: string) => (typeof row[k] === 'string' && row[k] ? String(row[k]) : null);
    const hints: MetaHints = {
      outlet: str('outlet'),
      published: isoDate(str('published') ?? str('date')),
      url: str('url'),
      title: str('title'),
      byline: str('byline') ?? str('author'),
    };
    const keys = /^https?:/i.test(name) ? [name] : [...new Set([resolve(dirname(file), name), resolve(cwd, name)])];
    out.push({ name, keys, hints });
  }
  return out;
}

/**
 * The manifests of a run, and which of their rows met an input: a row that met none is a
 * warning (a typo, or a path written against another folder), not silence.
 */
export class ManifestSet {
  private readonly byKey = new Map<string, { file: string; row: ManifestRow }>();
  private readonly used = new Set<ManifestRow>();
  private readonly rows: { file: string; row: ManifestRow }[] = [];

  add(file: string): void {
    for (const row of loadManifest(file)) {
      this.rows.push({ file, row });
      // The row's own folder first: a later manifest's row wins over an earlier one's only for its own keys.
      for (const k of row.keys) this.byKey.set(k, { file, row });
    }
  }

  /** The hints for an input (a URL, or a path resolved against the working directory). */
  hints(input: string): MetaHints {
    const hit = this.byKey.get(/^https?:/i.test(input) ? input : resolve(input));
    if (!hit) return {};
    this.used.add(hit.row);
    return hit.row.hints;
  }

  /** One line per row that matched no input, naming the manifest and the row. */
  unmatched(): { input: string; reason: string }[] {
    return this.rows
      .filter(({ row }) => !this.used.has(row))
      .map(({ file, row }) => ({ input: file, reason: `row "${row.name}" matches no input (looked for ${row.keys.join(' and ')})` }));
  }
}

/** Is this input a manifest rather than an article? (By name: manifest.csv / manifest.json.) */
export function isManifestName(path: string): boolean {
  return /(^|[\\/])manifest\.(csv|json)$/i.test(path);
}
