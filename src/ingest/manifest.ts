import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isoDate } from './date.js';
import type { MetaHints } from './types.js';

/** Metadata for inputs that carry none: path (resolved) or URL → hints. */
export type Manifest = ReadonlyMap<string, MetaHints>;

const KEY_COLUMNS = ['file', 'path', 'input', 'url'];

/**
 * Load a CSV (with a header row) or JSON (an array of objects) manifest. Each row names a file
 * (relative to the manifest's folder) or a URL, and may give outlet, published, url, title, byline.
 *
 * @example
 * loadManifest('examples/demo/manifest.csv').get('/abs/examples/demo/wire.html')?.outlet;
 */
export function loadManifest(file: string): Manifest {
  const text = readFileSync(file, 'utf8');
  const rows: Record<string, unknown>[] = file.toLowerCase().endsWith('.json')
    ? (JSON.parse(text) as Record<string, unknown>[])
    : (parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, unknown>[]);
  if (!Array.isArray(rows)) throw new Error('manifest: expected a list of rows');
  const out = new Map<string, MetaHints>();
  for (const row of rows) {
    const col = KEY_COLUMNS.find((c) => typeof row[c] === 'string' && row[c]);
    if (!col) continue;
    const key = String(row[col]);
    const str = (k: string) => (typeof row[k] === 'string' && row[k] ? String(row[k]) : null);
    const hints: MetaHints = {
      outlet: str('outlet'),
      published: isoDate(str('published') ?? str('date')),
      url: str('url'),
      title: str('title'),
      byline: str('byline') ?? str('author'),
    };
    out.set(/^https?:/i.test(key) ? key : resolve(dirname(file), key), hints);
  }
  return out;
}

/** Is this input a manifest rather than an article? (By name: manifest.csv / manifest.json.) */
export function isManifestName(path: string): boolean {
  return /(^|[\\/])manifest\.(csv|json)$/i.test(path);
}
