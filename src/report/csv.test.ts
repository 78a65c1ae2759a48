import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../app/analyze.js';
import { packageRoot } from '../util/paths.js';
import { csvTables, guard, unguard } from './csv.js';

describe('CSV export', () => {
  it('guards cells against formula injection, and unguard takes it off', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx']) {
      expect(guard(bad)).toBe(`'${bad}`);
      expect(unguard(guard(bad))).toBe(bad);
    }
    expect(guard('Turkey said')).toBe('Turkey said');
    expect(unguard("'quoted")).toBe("'quoted");
  });

  it('round-trips the claims, mentions and quotes of the demo through csv-parse', async () => {
    const run = await analyze([join(packageRoot(), 'examples', 'demo')]);
    const tables = csvTables(run);
    const read = (name: 'claims' | 'mentions' | 'quotes' | 'loaded') => parse(tables.get(name)!, { columns: true }) as Record<string, string>[];
    const claims = read('claims');
    const all = run.stories.flatMap((s) => (s.check?.claims ?? []).map((c) => ({ s, c })));
    expect(claims).toHaveLength(all.length);
    for (const [i, { s, c }] of all.entries()) {
      const row = claims[i]!;
      expect([row.story_id, row.claim_id, row.verdict, unguard(row.text!), Number(row.independent_origins), Number(row.articles)]).toEqual([s.id, c.id, c.status, c.text, c.independentOrigins, c.articles]);
    }
    expect(read('mentions')).toHaveLength(all.reduce((n, x) => n + x.c.mentions.length, 0));
    const text = new Map(run.articles.map((a) => [a.id, a.text]));
    for (const q of read('quotes')) expect(text.get(q.article_id!)!.slice(Number(q.start), Number(q.end))).toBe(unguard(q.text!));
    expect(read('loaded').map((l) => unguard(l.text!))).toContain('inferno');
  });
});
