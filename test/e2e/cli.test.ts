import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { CLAIM_STATUSES } from '../../src/model/check.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';

/** Run the real `triangulate` binary (built by `npm test`'s tsc step) without a TTY. */
function cli(args: string[], input?: string, cwd?: string) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), ...args], {
    input,
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-cli-'));

const ARTICLE = `Council approves new bridge over the Varno river

The city council approved the construction of a new bridge on Tuesday, the mayor said.
"This bridge will cut travel times for thousands of commuters," Mayor Anna Petrova told reporters.
The project will cost about 40 million euros and take three years to build, officials said.
`;

describe('triangulate CLI', () => {
  it.each([[[]], [['analyze']], [['demo']], [['ingest']], [['stories']], [['story']], [['storylines']], [['storyline']], [['search']], [['serve']], [['watch']]])('prints help for %j', (cmd) => {
    const r = cli([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: triangulate/);
  });

  it('serve and watch refuse bad arguments in one line', () => {
    const dir = tmp();
    const notFeed = cli(['watch', 'ftp://example.org/feed', '--db', join(dir, 's.db')]);
    expect(notFeed.code).toBe(2);
    expect(notFeed.err.trim()).toBe('triangulate: ftp://example.org/feed is not an http(s) feed URL');
    const tooOften = cli(['watch', 'https://example.org/feed', '--every', '1s', '--db', join(dir, 's.db')]);
    expect(tooOften.code).toBe(2);
    expect(tooOften.err).toMatch(/polling more often/);
    const badPort = cli(['serve', '--port', '99999', '--db', join(dir, 's.db')]);
    expect(badPort.code).toBe(2);
    expect(badPort.err).not.toMatch(/\n\s+at /);
  });

  it('ends quietly when its reader closes the pipe early (triangulate demo | head)', async () => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), 'demo', '--no-color'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(code).toBe(0);
  });

  it('filters and sorts the claims of a report on the command line as the web app does (--verdict, --outlet, --sort)', () => {
    const r = cli(['demo', '--verdict', 'contested', '--csv', join(tmp(), 'csv')]);
    expect(r.code).toBe(0);
    const block = r.out.slice(r.out.indexOf('  Claims'), r.out.indexOf('How each outlet names'));
    expect(block).toMatch(/Showing \d+ of \d+ claims: those of verdict contested\./);
    const verdicts = [...block.matchAll(/^    (corroborated|single origin|reported only|contested|changed) \(/gm)].map((m) => m[1]);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(new Set(verdicts)).toEqual(new Set(['contested']));
    const blaze = cli(['demo', '--outlet', 'Daily Blaze', '--all']).out;
    const lines = blaze.slice(blaze.indexOf('  Claims'), blaze.indexOf('How each outlet names')).split('\n').filter((l) => /^    \S/.test(l) && !/^    Showing/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(cli(['demo', '--verdict', 'maybe']).code).toBe(2);
  });

  it('exits 2 with one line on a usage error', () => {
    const r = cli(['analyze', 'x.txt', '--reference-date', 'soon']);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports each bad input on one line, goes on with the rest, and exits 1', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'good.txt'), ARTICLE);
    writeFileSync(join(dir, 'empty.txt'), '   \n');
    writeFileSync(join(dir, 'binary.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 0, 9]));
    writeFileSync(join(dir, 'broken.json'), '{"title": "x", "text": ');
    writeFileSync(
      join(dir, 'german.txt'),
      'Der Stadtrat hat am Dienstag den Bau einer neuen Brücke beschlossen\n\nDie Brücke soll die Fahrzeiten für tausende Pendler verkürzen, sagte die Bürgermeisterin. Das Projekt kostet rund 40 Millionen Euro und wird drei Jahre dauern, sagten die Beamten der Stadt am Dienstag.\n',
    );
    const out = join(dir, 'out.json');
    const r = cli(['analyze', dir, join(dir, 'missing.txt'), '--json', out, '-q']);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    for (const name of ['empty.txt', 'binary.bin', 'broken.json', 'german.txt', 'missing.txt']) {
      expect(lines.filter((l) => l.includes(name))).toHaveLength(1);
    }
    expect(r.err).not.toMatch(/\n\s+at /);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateJsonV1(doc)).toEqual([]);
    expect(doc.articles.map((a: { title: string }) => a.title)).toEqual(['Council approves new bridge over the Varno river']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads stdin, resolves dates against --reference-date, and writes JSON to stdout', () => {
    const r = cli(['analyze', '-', '--reference-date', '2024-03-08', '--json', '-'], ARTICLE);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(validateJsonV1(doc)).toEqual([]);
    const [a] = doc.articles;
    expect(a.dates.find((d: { text: string }) => d.text === 'Tuesday')?.value).toBe('2024-03-05');
    expect(a.quotes.some((q: { speaker: string }) => /Petrova/.test(q.speaker ?? ''))).toBe(true);
  });

  it('exits 3 when nothing could be read', () => {
    const r = cli(['analyze', join(tmp(), 'nothing-here.html')]);
    expect(r.code).toBe(3);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('runs the demo and writes every report format', () => {
    const dir = tmp();
    const r = cli(['demo', '--json', join(dir, 'd.json'), '--md', join(dir, 'd.md'), '--html', join(dir, 'd.html')]);
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(500);
    expect(r.out).not.toMatch(/\x1b\[/);
    expect(validateJsonV1(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8')))).toEqual([]);
    expect(readFileSync(join(dir, 'd.md'), 'utf8')).toMatch(/^# /m);
    const html = readFileSync(join(dir, 'd.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<(script|link)[^>]+src=|https?:\/\/[^"]+\.(css|js)"/i);
    expect(existsSync(join(dir, 'd.json'))).toBe(true);
  });
});

// The rough edges a new user met (issue 22); each of these failed on the code before it.
describe('triangulate CLI for analysts', () => {
  const demoOut = () => cli(['demo']);

  it('prints an input error once, and says nothing read in one summary line', () => {
    const r = cli(['analyze', '/nonexistent-triangulate-input']);
    expect(r.code).toBe(3);
    expect(`${r.out}${r.err}`.split('/nonexistent-triangulate-input: no such file').length - 1).toBe(1);
  });

  it('refuses an output in a missing folder in one line before any work, without a raw ENOENT', () => {
    const r = cli(['demo', '--json', '/nonexistentdir/x.json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('triangulate: --json /nonexistentdir/x.json: no such folder /nonexistentdir\n');
    expect(r.out).toBe('');
    for (const flag of ['--md', '--html']) expect(cli(['analyze', '-', flag, '/nonexistentdir/x'], ARTICLE).err).toMatch(new RegExp(`^triangulate: ${flag} /nonexistentdir/x: no such folder [^\n]+\n$`));
  });

  it('takes --json [FILE] on every command: a file, or stdout without one', () => {
    const dir = tmp();
    const db = join(dir, 's.db');
    const a = cli(['analyze', '-', '--json'], ARTICLE);
    expect(a.code).toBe(0);
    expect(validateJsonV1(JSON.parse(a.out))).toEqual([]);
    const ingest = cli(['ingest', '-', '--db', db, '--json'], ARTICLE);
    expect(JSON.parse(ingest.out).added).toBe(1);
    expect(cli(['stories', '--db', db, '--json', join(dir, 'stories.json')]).out).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'stories.json'), 'utf8')).stories).toHaveLength(1);
    expect(cli(['search', 'bridge', '--db', db, '--json', join(dir, 'hits.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'hits.json'), 'utf8')).hits.length).toBeGreaterThan(0);
    // Counts agree with their nouns.
    expect(cli(['stories', '--db', db]).out).toMatch(/^1 story, 1 article in /);
  });

  it.each([['analyze'], ['demo'], ['ingest'], ['stories'], ['story'], ['search'], ['serve'], ['watch']])('gives examples in the help of %s', (cmd) => {
    const r = cli([cmd, '--help']);
    expect(r.out).toMatch(/\nExamples:\n  \$ triangulate /);
  });

  it('says a usage error in one line naming the help to read', () => {
    const r = cli(['stories', 'extra']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/triangulate stories --help/);
  });

  it('names an article without an outlet by its file name without the hash, everywhere', () => {
    const dir = tmp();
    writeFileSync(join(dir, '000_12436d311f05a390.txt'), ARTICLE);
    writeFileSync(join(dir, '001_9b1de29ea347620f.txt'), ARTICLE.replace('Tuesday', 'Wednesday'));
    const r = cli(['analyze', dir, '--md', join(dir, 'r.md'), '--html', join(dir, 'r.html')]);
    for (const text of [r.out, readFileSync(join(dir, 'r.md'), 'utf8'), readFileSync(join(dir, 'r.html'), 'utf8').replace(/[^>]*\.txt</g, '')]) {
      expect(text).toContain('file 000');
      expect(text).not.toMatch(/12436d311f05a390(?!\.txt)|unknown outlet/);
    }
  });

  it('applies a manifest written against the working directory, and warns of a row that matches no input', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'pile'));
    writeFileSync(join(dir, 'pile', 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'outlets.csv'), 'file,outlet,published\npile/a.txt,Varno Gazette,2024-03-05\npile/missing.txt,Nobody,2024-03-05\n');
    mkdirSync(join(dir, 'meta'));
    writeFileSync(join(dir, 'meta', 'm.csv'), 'file,outlet\npile/a.txt,Varno Gazette\n');
    const r = cli(['analyze', 'pile', '--manifest', join('meta', 'm.csv'), '--json', 'out.json', '-q'], undefined, dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).articles[0].outlet).toBe('Varno Gazette');
    const w = cli(['analyze', 'pile', '--manifest', 'outlets.csv', '-q'], undefined, dir);
    expect(w.err.trim()).toBe('outlets.csv: warning: row "pile/missing.txt" matches no input (looked for ' + join(dir, 'pile', 'missing.txt') + ')');
  });

  it('explains itself: how to read it, each verdict with its meaning, what is shown and how to see all', () => {
    const r = demoOut();
    expect(r.out).toMatch(/^triangulate demo: /);
    expect(r.out).toMatch(/\nHow to read this\n/);
    const flat = r.out.replace(/\s+/g, ' ');
    for (const s of Object.values(CLAIM_STATUSES)) expect(flat).toContain(s.means);
    expect(flat).toMatch(/Showing \d+ of \d+ claims .*; \d+ hidden: run with --all to list every claim/);
    expect(r.out).toMatch(/\nNext\n  triangulate demo --html/);
    const all = cli(['demo', '--all']).out.replace(/\s+/g, ' ');
    expect(all).toMatch(/All \d+ claims shown/);
    expect(all.length).toBeGreaterThan(flat.length);
  });

  it('puts the story first and the article detail last in Markdown and HTML, with refs shown as names', () => {
    const dir = tmp();
    const r = cli(['demo', '--md', join(dir, 'd.md'), '--html', join(dir, 'd.html'), '-q']);
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'd.md'), 'utf8');
    expect(md.indexOf('### Brief')).toBeGreaterThan(0);
    expect(md.indexOf('### Brief')).toBeLessThan(md.indexOf('## Articles'));
    expect(md.indexOf('How to read this')).toBeLessThan(md.indexOf('### Brief'));
    const html = readFileSync(join(dir, 'd.html'), 'utf8');
    expect(html.indexOf('class="chart verdicts"')).toBeLessThan(html.indexOf('<h2>Articles</h2>'));
    expect(html.replace(/<[^>]+>/g, '')).not.toMatch(/\b(place|person|organization|group):[a-z]/);
    expect(html).not.toMatch(/title="[^"]*\b(place|person|organization|group):[a-z]/);
  });

  it('writes the CSV tables with --csv DIR, making the folder', () => {
    const dir = join(tmp(), 'csv', 'out');
    expect(cli(['demo', '--csv', dir, '-q']).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['claims.csv', 'labels.csv', 'loaded.csv', 'mentions.csv', 'quotes.csv']);
    expect(readFileSync(join(dir, 'claims.csv'), 'utf8')).toMatch(/^story_id,story_title,claim_id,verdict,/);
  });
});
