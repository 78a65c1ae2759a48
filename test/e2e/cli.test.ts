import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';

/** Run the real `triangulate` binary (built by `npm test`'s tsc step) without a TTY. */
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'triangulate.js'), ...args], {
    input,
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
  it.each([[[]], [['analyze']], [['demo']], [['ingest']], [['stories']], [['story']], [['search']], [['serve']], [['watch']]])('prints help for %j', (cmd) => {
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
