import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/app.js';
import { openSqlite } from '../../src/store/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { bin, cli, env, PROSE, tmp } from './helpers.js';

// Findings 7, 8, 9 and 11: FIFOs and odd directory entries, forged stderr lines, output files that
// are links, devices or pipes, temporary files left behind, and the smaller ones.

const article = (title: string) => `${title}\n${PROSE}\n${PROSE}\n`;
const demo = join(packageRoot(), 'examples', 'demo');

describe('nothing silent, nothing forged (findings 7, 8)', () => {
  it('finding 7: a FIFO given as an input is refused at once, and every odd entry of a folder gets its line and counts', () => {
    const dir = tmp('walk');
    writeFileSync(join(dir, 'good.txt'), article('Council closes the bridge'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    symlinkSync(dir, join(dir, 'loop'));
    const linked = tmp('walk-target');
    writeFileSync(join(linked, 'also.txt'), `Ferry service starts\n${PROSE.replace(/bridge/g, 'tunnel')}\n${PROSE}\n`);
    symlinkSync(join(linked, 'also.txt'), join(dir, 'linked.txt'));
    const t0 = Date.now();
    const r = cli(['analyze', join(dir, 'pipe'), dir, '-q', '--no-crosscheck'], { timeout: 30_000 });
    expect(Date.now() - t0).toBeLessThan(25_000);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter(Boolean).sort()).toEqual(
      [
        `${join(dir, 'pipe')}: not a regular file (a FIFO); skipped`,
        `${join(dir, 'pipe')}: not a regular file (a FIFO); skipped`,
        `${join(dir, 'dangling.txt')}: broken symbolic link (its target does not exist); skipped`,
        `${join(dir, 'loop')}: symbolic link loop (a folder inside itself); skipped`,
      ].sort(),
    );
  });

  it('a FIFO or a device given as --manifest is one line naming it, at once, not a run that waits for ever', () => {
    const dir = tmp('manifest-fifo');
    execFileSync('mkfifo', [join(dir, 'rows.csv')]);
    for (const manifest of [join(dir, 'rows.csv'), '/dev/zero']) {
      const t0 = Date.now();
      const r = cli(['analyze', demo, '--manifest', manifest, '-q', '--no-crosscheck'], { timeout: 30_000 });
      expect(Date.now() - t0).toBeLessThan(25_000);
      expect(r.signal).toBeNull();
      expect(r.err.split('\n').filter(Boolean)).toEqual([`${manifest}: cannot read manifest: not a regular file (${manifest === '/dev/zero' ? 'a character device' : 'a FIFO'})`]);
    }
  });

  it('finding 8: a file name with a newline or an escape sequence prints one line, escaped', () => {
    const dir = tmp('forged');
    const name = join(dir, 'evil\nforged.txt: fake error line\u001b[2J');
    writeFileSync(name, '\u0000\u0001\u0002binary');
    const r = cli(['analyze', name, '-q']);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.err).toContain('evil\\nforged.txt: fake error line\\u{1b}[2J: ');
    expect(r.err).not.toContain('\u001b');
  });
});

describe('output files (finding 9)', () => {
  it('writing to a symbolic link writes its target; the link stays', () => {
    const dir = tmp('out');
    const target = join(dir, 'real.json');
    writeFileSync(target, 'old');
    symlinkSync(target, join(dir, 'link.json'));
    expect(cli(['demo', '--json', join(dir, 'link.json'), '-q']).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).version).toBeDefined();
  });

  it('a character device is written into, not replaced; a full one fails with one line and exit 4', () => {
    // Only through links in a folder of our own: code that renamed over the name would replace the
    // link, never the machine's /dev/null (as the finding saw happen to /dev/full as root).
    const dir = tmp('out');
    symlinkSync('/dev/null', join(dir, 'null.json'));
    expect(cli(['demo', '--json', join(dir, 'null.json'), '-q']).code).toBe(0);
    expect(lstatSync(join(dir, 'null.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    if (existsSync('/dev/full')) {
      symlinkSync('/dev/full', join(dir, 'full.json'));
      const r = cli(['demo', '--json', join(dir, 'full.json'), '-q']);
      expect(r.code).toBe(4);
      expect(r.err).toMatch(/^triangulate: ENOSPC: no space left on device/);
      expect(lstatSync(join(dir, 'full.json')).isSymbolicLink()).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a FIFO is written into (a reader gets the report), not replaced by a file', async () => {
    const dir = tmp('out');
    const fifo = join(dir, 'report.json');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const done = new Promise((r) => reader.on('close', r));
    const w = spawn(process.execPath, [bin, 'demo', '--json', fifo, '-q'], { env, stdio: 'ignore' });
    expect(await new Promise((r) => w.on('close', r))).toBe(0);
    await done;
    expect(JSON.parse(got).version).toBeDefined();
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a temporary file left by a killed writer is removed; a signal during the writes leaves none', async () => {
    const dir = tmp('out');
    writeFileSync(join(dir, '.report.json.999999.tmp'), 'left by a writer killed with SIGKILL');
    expect(cli(['demo', '--json', join(dir, 'report.json'), '-q']).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.json']);
    // A signal that comes while reports are written is held until they are whole, then ends the process.
    const io = join(packageRoot(), 'dist', 'src', 'cli', 'io.js');
    const script = `import { holdingSignals, writeAtomic } from ${JSON.stringify(io)};
      await holdingSignals(() => { writeAtomic(${JSON.stringify(join(dir, 'a.json'))}, 'x'.repeat(5e6)); process.kill(process.pid, 'SIGTERM'); writeAtomic(${JSON.stringify(join(dir, 'b.json'))}, 'y'.repeat(5e6)); });
      console.log('not reached');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    child.stdout.on('data', (d) => (said += d));
    const signal = await new Promise((r) => child.on('close', (_code, sig) => r(sig)));
    expect(signal).toBe('SIGTERM');
    expect(said).toBe('');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toHaveLength(5e6);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toHaveLength(5e6);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('exit codes and validation (finding 11)', () => {
  it('a read-only store (another user’s, in a folder they cannot write) can be read by stories, story, search and serve', async () => {
    const dir = tmp('ro');
    const db = join(dir, 'store.db');
    expect(cli(['ingest', demo, '--db', db]).code).toBe(0);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    try {
      // As root every file is writable: read as another user (nobody), as the finding did.
      const root = process.getuid?.() === 0;
      const asUser = (args: string[]) => cli(args, root ? { uid: 65534 } : {});
      const list = asUser(['stories', '--db', db, '--json']);
      expect(list.code, list.err).toBe(0);
      const id = (JSON.parse(list.out) as { stories: { id: string }[] }).stories[0]!.id;
      expect(asUser(['story', id, '--db', db, '-q']).code).toBe(0);
      expect(asUser(['search', 'chlorine', '--db', db]).code).toBe(0);
      // serve reads it too, and refuses ingests into it.
      const server = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], { env, ...(root ? { uid: 65534, gid: 65534 } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const base = await new Promise<string>((resolve, reject) => {
          let out = '';
          server.stdout.on('data', (d) => {
            out += d;
            const m = /at (http:\/\/\S+)/.exec(out);
            if (m) resolve(m[1]!);
          });
          server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        });
        expect((await fetch(new URL('/api/health', base))).status).toBe(200);
        expect((await fetch(new URL(`/stories/${id}`, base))).status).toBe(200);
        const posted = await fetch(new URL('/api/ingest', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ article: { title: 'T', text: PROSE } }) });
        expect(posted.status).toBe(503);
      } finally {
        server.kill('SIGTERM');
      }
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('POST /api/ingest?published=yesterday is refused like a bad record field (400), not stored as the date', async () => {
    const store = openSqlite(':memory:', { create: true });
    const app = createApp({ store });
    const post = (query: string) => app.request(`/api/ingest${query}`, { method: 'POST', headers: { host: '127.0.0.1', 'content-type': 'text/plain' }, body: `Bridge closed\n${PROSE}\n${PROSE}` });
    const bad = await post('?published=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('published must be a date such as 2024-03-09 (got "yesterday")');
    expect((await store.counts()).articles).toBe(0);
    expect((await post('?published=2024-03-09')).status).toBe(201);
    expect((await store.findArticles({}, { limit: 5, offset: 0 })).articles.map((a) => a.published)).toEqual(['2024-03-09']);
    await app.close();
    await store.close();
  });

  it('a busy store is an environment fault (exit 4), apart from usage errors (exit 2)', () => {
    const dir = tmp('busy');
    const db = join(dir, 'store.db');
    expect(cli(['ingest', demo, '--db', db]).code).toBe(0);
    const sleeper = spawn('sleep', ['30']);
    writeFileSync(`${db}.ingest-lock`, String(sleeper.pid));
    try {
      const r = cli(['ingest', demo, '--db', db]);
      expect(r.code).toBe(4);
      expect(r.err).toMatch(/^triangulate: another ingest \(pid \d+\) is writing/);
    } finally {
      sleeper.kill();
    }
    expect(cli(['story', 'ffffffff', '--db', db]).code).toBe(2);
    expect(cli(['search', 'a*', 'b*', '--db', db]).code).toBe(2);
  });

  it('watch --once exits 1 when a feed could not be polled', () => {
    const dir = tmp('watch');
    mkdirSync(dir, { recursive: true });
    const r = cli(['watch', 'http://127.0.0.1:9/feed.xml', '--once', '--db', join(dir, 'w.db')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^http:\/\/127\.0\.0\.1:9\/feed\.xml: cannot fetch/m);
  });
});
