import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateJsonV1 } from '../../src/report/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { syntheticStream, toJsonl } from '../helpers/synthetic.js';

const bin = join(packageRoot(), 'bin', 'triangulate.js');
const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TRIANGULATE_DB: '' };

/** Run the real `triangulate` binary without a TTY. */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: 50_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'triangulate-store-cli-'));
const demo = join(packageRoot(), 'examples', 'demo');

describe('store commands', () => {
  it.each([['ingest'], ['stories'], ['story'], ['search']])('prints help for %s', (cmd) => {
    const r = cli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--db <file\|url>/);
  });

  it('ingests the demo, lists its stories, reports one in every format and searches it', () => {
    const dir = tmp();
    const db = join(dir, 'store.db');
    const first = cli(['ingest', demo, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^7 new articles stored \(0 already there\), 2 new stories/);
    expect(cli(['ingest', demo, '--db', db]).out).toMatch(/^0 new articles stored \(7 already there\)/);

    const list = JSON.parse(cli(['stories', '--db', db, '--json']).out) as { stories: { id: string; articleCount: number; outlets: string[] }[] };
    expect(list.stories.map((s) => s.articleCount).sort()).toEqual([1, 6]);
    const big = list.stories.find((s) => s.articleCount === 6)!;
    expect(big.outlets).toContain('Coastline Wire');
    const text = cli(['stories', '--db', db]).out;
    expect(text).toContain(big.id);
    expect(text).not.toMatch(/\u001b\[/); // no colour without a TTY
    // Filtered and sorted on the command line as in the web app.
    const ids = (args: string[]) => (JSON.parse(cli(['stories', '--db', db, '--json', ...args]).out) as { stories: { id: string }[] }).stories.map((s) => s.id);
    expect(ids(['--verdict', 'contested'])).toEqual([big.id]);
    expect(ids(['--kind', 'opinion'])).toEqual(list.stories.filter((s) => s.articleCount === 1).map((s) => s.id));
    expect(ids(['--sort', 'articles'])[0]).toBe(big.id);
    expect(cli(['stories', '--db', db, '--outlet', 'Daily Blaze']).out).toMatch(/^1 story match in /);

    const out = join(dir, 'story.json');
    const r = cli(['story', big.id.slice(0, 6), '--db', db, '--json', out, '--md', join(dir, 's.md'), '--html', join(dir, 's.html')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/copy Coastline Wire/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateJsonV1(json)).toEqual([]);
    expect(json.stories).toHaveLength(1);
    expect(json.stories[0].reuse.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 's.html'), 'utf8')).toMatch(/<del[^>]*>/);

    const hits = cli(['search', 'chlorine', 'tanks', '--db', db]).out;
    expect(hits).toMatch(/\[chlorine\]/i);
    expect(cli(['story', 'ffffffff', '--db', db])).toMatchObject({ code: 2, err: expect.stringMatching(/^triangulate: no story ffffffff/) });
    expect(cli(['stories', '--db', join(dir, 'missing.db')]).err).toMatch(/^triangulate: no store at .*missing\.db; run `triangulate ingest/);
  });

  it('keeps every committed article whole when an ingest is killed, lets readers read meanwhile, and resumes', async () => {
    const dir = tmp();
    const stream = syntheticStream(160);
    const file = join(dir, 'stream.jsonl');
    writeFileSync(file, toJsonl(stream));
    const db = join(dir, 'killed.db');
    // The child stops itself right after its 5th commit (TRIANGULATE_TEST_STOP) and says so; only then
    // is it killed, so the point of the kill does not depend on the machine's speed or load.
    const child = spawn(process.execPath, [bin, 'ingest', file, '--db', db, '--commit-every', '10'], { env: { ...env, TRIANGULATE_TEST_STOP: 'commit:5' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((done) => child.on('exit', done));
    let said = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 5th commit within 45 s: ${said}`)), 45_000);
      child.stderr.on('data', (d) => {
        said += d;
        if (said.includes('stopped at commit:5')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the ingest ended before its 5th commit: ${said}`)));
    });
    // A reader reads while the ingest is in the middle of its work: it sees the committed articles, whole.
    const r = new Database(db, { readonly: true, fileMustExist: true });
    r.pragma('busy_timeout = 5000');
    const seen = (r.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    r.close();
    expect(seen, 'the reader saw the 5 commits of 10 articles').toBe(50);
    child.kill('SIGKILL');
    await exited;

    const store = new Database(db, { readonly: true });
    const count = (sql: string) => (store.prepare(sql).get() as { n: number }).n;
    const stored = count('SELECT count(*) AS n FROM articles');
    expect(stored, 'killed half-way').toBeLessThan(stream.length);
    expect(store.pragma('integrity_check', { simple: true })).toBe('ok');
    // The clustering state and the counts agree with the articles committed, to the article.
    expect(Number((store.prepare("SELECT value FROM meta WHERE key = 'cluster_docs'").get() as { value: string }).value)).toBe(stored);
    expect(count('SELECT count(*) AS n FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE s.id IS NULL')).toBe(0);
    expect(count('SELECT count(*) AS n FROM stories s WHERE article_count != (SELECT count(*) FROM articles WHERE story_id = s.id)')).toBe(0);
    for (const row of store.prepare('SELECT data FROM articles').all() as { data: string }[]) expect(JSON.parse(row.data).layers.sentences.length).toBeGreaterThan(0);
    store.close();
    const fts = new Database(db);
    expect(() => fts.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run()).not.toThrow();
    fts.close();

    // The lock the killed ingest left is stale and taken over; the rest goes in; the stories are
    // those of one uninterrupted ingest.
    expect(existsSync(`${db}.ingest-lock`)).toBe(true);
    const resumed = cli(['ingest', file, '--db', db, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ added: stream.length - stored, known: stored });
    const clean = join(dir, 'clean.db');
    expect(cli(['ingest', file, '--db', clean]).code).toBe(0);
    const stories = (path: string) => {
      const d = new Database(path, { readonly: true });
      const rows = d.prepare('SELECT story_id, id FROM articles ORDER BY id').all() as { story_id: string; id: string }[];
      d.close();
      return rows.map((r) => `${r.id}:${r.story_id}`);
    };
    expect(stories(db)).toEqual(stories(clean));
  });
});
