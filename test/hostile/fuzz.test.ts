import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, PROSE, tmp } from './helpers.js';
import { rng } from '../../bench/shapes.js';

// Seeded, bounded fuzzing: random mutations of an HTML page, a JSON export, a JSON Lines file and
// an RSS feed, analysed in one batch. Whatever the bytes: one line per bad input, each naming it,
// no stack trace, no crash, and the whole batch within its time.

const SEED = 20261201;
const COUNT = 48;

const page = `<!doctype html><html><head><title>Bridge closed</title><meta property="og:site_name" content="Valley Post"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge closed","datePublished":"2024-03-05T10:00:00Z"}</script></head><body><nav><a href="/">Home</a></nav><article><h1>Bridge closed</h1><p class="byline">By Lena Orsk</p><p>${PROSE}</p><p>"It will take months," the mayor said.</p><p>${PROSE}</p></article><footer>Subscribe now</footer></body></html>`;
const record = { title: 'Bridge closed', text: `${PROSE}\n\n${PROSE}`, url: 'https://valley.example/bridge', outlet: 'Valley Post', date_publish: '2024-03-05 10:00:00' };
const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title><item><guid>1</guid><title>Bridge closed</title><link>http://127.0.0.1:9/item</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>${PROSE} ${PROSE}</description></item><item><title>Short</title><link>http://10.0.0.1/x</link><description>Summary.</description></item></channel></rss>`;
const bases: [string, string][] = [
  ['html', page],
  ['json', JSON.stringify(record)],
  ['jsonl', [record, { ...record, url: 'https://valley.example/2' }].map((r) => JSON.stringify(r)).join('\n')],
  ['rss', feed],
];

const JUNK = ['<div>', '</div>', '<p>', '<![CDATA[', ']]>', '<!--', '-->', '{', '}', '[', ']', '"', '\\', '\u0000', '\u001b[2J', '\ufeff', '\u202e', '&amp;', '&#xffff;', '&#0;', '<script>alert(1)</script>', '\n', 'January 1, 2020 ', '"quoted," he said. ', '<item>', '</item>', '<rss>', '\ud800'];

/** One mutated input: a few random edits (insert, delete, duplicate, truncate, repeat a tag deep) of a base. */
function mutate(r: () => number, base: string): string {
  let s = base;
  const edits = 1 + Math.floor(r() * 5);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * s.length);
    const op = Math.floor(r() * 6);
    if (op === 0) s = s.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)]! + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + Math.floor(r() * 200));
    else if (op === 2) s = s.slice(0, at) + s.slice(at, at + 300).repeat(1 + Math.floor(r() * 50)) + s.slice(at);
    else if (op === 3) s = s.slice(0, Math.max(1, at));
    else if (op === 4) s = s.slice(0, at) + '<div>'.repeat(Math.floor(r() * 3000)) + s.slice(at);
    else s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)).repeat(1 + Math.floor(r() * 40)) + s.slice(at);
  }
  return s;
}

describe('fuzzing analyze', () => {
  it(`${COUNT} mutated pages, exports and feeds (seed ${SEED}): one line per bad input, no stack trace, bounded time`, async () => {
    const dir = tmp('fuzz');
    const r = rng(SEED);
    const names: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const [ext, base] = bases[i % bases.length]!;
      const name = `input-${String(i).padStart(2, '0')}.${ext}`;
      writeFileSync(join(dir, name), mutate(r, base));
      names.push(name);
    }
    const t0 = Date.now();
    const run = await cliAsync(['analyze', dir, '--json', join(dir, 'report.out'), '-q', '--no-crosscheck', '--time-budget', '10'], { timeout: 55_000 });
    const took = Date.now() - t0;
    expect(took).toBeLessThan(50_000);
    expect(run.code, run.err).not.toBeNull();
    expect([0, 1, 3]).toContain(run.code);
    expect(run.err).not.toMatch(/\n\s+at |Error:|TypeError|RangeError|triangulate: /);
    const lines = run.err.split('\n').filter(Boolean);
    // Each line names an input of the batch (a file, or an item of one of its feeds or exports).
    for (const line of lines) expect(line, line).toMatch(new RegExp(`^(${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/input-\\d\\d\\.[a-z]+(#[^:]*)?|http[^ ]*): [^\\n]+$`));
    const bad = new Set(lines.map((l) => /input-\d\d\.[a-z]+/.exec(l)?.[0]).filter(Boolean));
    expect(bad.size).toBeLessThanOrEqual(COUNT);
  });
});
