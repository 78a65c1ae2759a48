import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../../src/app/analyze.js';
import type { RunResult } from '../../src/model/run.js';
import { renderHtml, renderMarkdown, renderTerminal, toJsonV1, validateJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { corpus, describeShared } from '../helpers/shared.js';

/**
 * Issue 21 on the five seed reports, dated a week apart by a manifest (plausible days: the Middle
 * East Eye report and its rewrites on 20–21 February 2020, the VOA report on the 28th, as its
 * byline says): the clusterer's week-long window splits them into two events, 4 + 1, and the two
 * conflicts of the story (the summit under discussion, then rejected; the Russian denial of the
 * refugees) lie across them. One storyline holds both events, and its cross-check finds both.
 */
describeShared('the seeds dated a week apart', () => {
  let run: RunResult;
  let manifest: string;
  const by = (prefix: string) => run.articles.find((a) => a.source.includes(`${prefix}_`))!;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triangulate-storylines-'));
    manifest = join(dir, 'manifest.csv');
    const seeds = join(corpus!, 'seeds');
    const day = { '000': '2020-02-20', '001': '2020-02-21', '002': '2020-02-21', '003': '2020-02-21', '004': '2020-02-28' };
    const files = ['000_12436d311f05a390', '001_9b1de29ea347620f', '002_b539faf4eead019d', '003_7d72f9101a21e750', '004_5fe5fee8e23a783d'];
    writeFileSync(manifest, ['file,published', ...files.map((f) => `${join(seeds, `${f}.txt`)},${day[f.slice(0, 3) as keyof typeof day]}`)].join('\n') + '\n');
    run = await analyze([seeds], { ingest: { manifest } });
  });

  it('splits them into two events, 4 + 1, and keeps both in one storyline', () => {
    expect(run.stories.map((s) => s.articleIds.length).sort()).toEqual([1, 4]);
    const late = run.stories.find((s) => s.articleIds.includes(by('004').id))!;
    expect(late.articleIds).toEqual([by('004').id]);
    expect(run.storylines).toHaveLength(1);
    expect(run.storylines![0]).toMatchObject({ first: '2020-02-20', last: '2020-02-28', eventIds: [run.stories.find((s) => s !== late)!.id, late.id] });
  });

  it('finds the summit change across the two events, with both dates', () => {
    const change = run.storylines![0]!.check!.changes.find((c) => c.kind === 'change')!;
    expect(change.earlier).toMatchObject({ published: '2020-02-21', articleIds: [by('001').id] });
    expect(change.earlier.text).toContain('is under discussion');
    expect(change.later).toMatchObject({ published: '2020-02-28', articleIds: [by('004').id] });
    expect(change.later.text).toContain("rejected Erdogan's call");
  });

  it('finds the Russian denial of the refugees across them', () => {
    const denials = run.storylines![0]!.check!.changes.filter((c) => c.kind === 'denial');
    expect(denials.map((d) => d.earlier.text)).toContain('The ministry also denied reports that hundreds of thousands of Syrians were fleeing Idlib in the direction of Turkey.');
    expect(denials.map((d) => d.later.text)).toContain('Hundreds of thousands of refugees have fled to the Turkish border.');
    // Neither conflict is inside one event: the stories' own cross-checks cannot see them.
    for (const s of run.stories) expect(s.check!.claims.some((c) => c.conflicts.some((k) => k.kind === 'change'))).toBe(false);
  });

  it('shows the storyline in every report: JSON (valid), terminal, Markdown, HTML', () => {
    const json = toJsonV1(run);
    expect(validateJsonV1(JSON.parse(JSON.stringify(json)))).toEqual([]);
    expect(json.storylines[0]!.changes.length).toBe(3);
    const line = run.storylines![0]!;
    expect(renderTerminal(run, { color: false, width: 100 })).toContain(`Storyline ${line.id}`);
    expect(renderMarkdown(run)).toContain('**What changed between them:**');
    const html = renderHtml(run);
    expect(html).toContain(`id="l-${line.id}"`);
    expect(html).toContain('rejected Erdogan&#39;s call');
  });

  it('keeps the same storyline in a store, as `triangulate storyline` reports it (by the id of one of its stories too)', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'triangulate-storylines-')), 's.db');
    const bin = (args: string[]) => spawnSync(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(bin(['ingest', join(corpus!, 'seeds'), '--manifest', manifest]).status).toBe(0);
    const line = run.storylines![0]!;
    const listed = JSON.parse(bin(['storylines', '--json']).stdout);
    expect(listed.storylines).toEqual([expect.objectContaining({ id: line.id, eventCount: 2, articleCount: 5, firstPublished: '2020-02-20', lastPublished: '2020-02-28' })]);
    const one = JSON.parse(bin(['storyline', line.eventIds[1]!.slice(0, 6), '--json']).stdout);
    expect(one.storyline.id).toBe(line.id);
    expect(one.storyline.check.changes.map((c: { kind: string; earlier: { text: string } }) => [c.kind, c.earlier.text])).toEqual(line.check!.changes.map((c) => [c.kind, c.earlier.text]));
  });

  it('warns on stderr when most articles are undated, with the way to give dates', () => {
    const cliRun = (args: string[]) => spawnSync(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), 'analyze', join(corpus!, 'seeds'), '--no-crosscheck', ...args], { encoding: 'utf8', timeout: 60_000 });
    const undated = cliRun([]);
    expect(undated.stderr).toMatch(/warning: 4 of 5 articles have no publication date/);
    expect(undated.stderr).toMatch(/--manifest FILE/);
    expect(undated.stderr).toMatch(/--reference-date/);
    expect(cliRun(['--manifest', manifest]).stderr).not.toMatch(/no publication date/);
    expect(readFileSync(manifest, 'utf8')).toContain('2020-02-28');
  });
});
