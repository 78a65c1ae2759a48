import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeExtracted } from '../src/app/analyze.js';
import { htmlShape as pageShape } from '../src/extract/limits.js';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from '../src/extract/settings.js';
import { fromHtml } from '../src/ingest/html.js';
import { fromText } from '../src/ingest/text.js';
import type { Extracted } from '../src/ingest/types.js';
import { sharedCorpus } from '../src/util/paths.js';
import { CLI, loadArticles, startServe } from './corpus.js';
import { htmlShape, longParagraph, textShape, TEXT_SHAPES } from './shapes.js';

/**
 * `npm run bench` (hostile part): what a hostile input costs. First, time per 100 KB of each
 * pathological shape (bench/shapes.ts) beside a normal article, at 100 KB and at 400 KB (so the
 * growth shows), without and with the cross-check of its story. Then the server's /api/health
 * latency (p50, p99, max) while a heavy search loop and a 4 MB POST /api/ingest run, beside the
 * same health requests on an idle server (the peer).
 */
const KB = 1024;

async function timeMs(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function shapes(): [string, (bytes: number) => Extracted | string][] {
  const text = (s: string, body: (b: number) => string) => (b: number) => fromText(`${s}\n${body(b)}`, `${s}.txt`, {});
  const html = (s: 'nested' | 'tiny' | 'paragraphs') => (b: number) => {
    try {
      return fromHtml(htmlShape(s, b), `${s}.html`, null, {});
    } catch (error) {
      return (error as Error).message;
    }
  };
  return [
    ...TEXT_SHAPES.map((s): [string, (b: number) => Extracted | string] => [s === 'article' ? 'normal article (peer)' : `dense ${s}`, text(s, (b) => textShape(s, b))]),
    ['one paragraph, no line break', (b) => fromText(longParagraph(b), 'long.txt', {})],
    ['HTML: <div>s nested around two paragraphs', html('nested')],
    ['HTML: many small elements', html('tiny')],
    ['HTML: a long page of paragraphs', html('paragraphs')],
  ];
}

async function benchShapes(): Promise<void> {
  // Load the model and lexicons, and let the JIT settle, on the peer's own shape first.
  for (let i = 0; i < 2; i++) await analyzeExtracted([fromText(`Warm\n${textShape('article', 100 * KB, 99)}`, 'warm.txt', {})]);
  process.stdout.write('\n# hostile inputs — ms per 100 KB (one input, read + clean + annotate; then with its cross-check; the faster of two runs)\n\n| shape | 100 KB | 400 KB | 400 KB with cross-check | vs the normal article (400 KB, annotate) |\n|---|---|---|---|---|\n');
  let peer = 0;
  for (const [name, make] of shapes()) {
    const cell = async (kb: number, crossCheck: boolean) => {
      let refused = '';
      // The faster of two runs, so a moment of load on the machine does not decide.
      const runs: number[] = [];
      for (let i = 0; i < 2; i++)
        runs.push(
          await timeMs(async () => {
            const doc = make(kb * KB);
            if (typeof doc === 'string') refused = doc;
            else await analyzeExtracted([doc], { crossCheck });
          }),
        );
      const ms = Math.min(...runs);
      return { per100: (ms / kb) * 100, refused };
    };
    const small = await cell(100, false);
    const large = await cell(400, false);
    const checked = await cell(400, true);
    if (name.startsWith('normal')) peer = large.per100;
    const show = (c: { per100: number; refused: string }) => `${c.per100.toFixed(0)}${c.refused ? ` (refused: ${c.refused})` : ''}`;
    process.stdout.write(`| ${name} | ${show(small)} | ${show(large)} | ${show(checked)} | ${peer ? `${(large.per100 / peer).toFixed(2)}×` : ''} |\n`);
  }
}

interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function get(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let out = '';
      res.on('data', (d) => (out += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** /api/health every 20 ms until `until` says stop. */
async function healthWhile(base: string, until: () => boolean, max = 5000): Promise<Latency> {
  const times: number[] = [];
  while (!until() && times.length < max) {
    const r = await get(`${base}api/health`);
    if (r.status !== 200) throw new Error(`health: HTTP ${r.status}`);
    times.push(r.ms);
    await new Promise((res) => setTimeout(res, 20));
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { n: times.length, p50: q(0.5), p99: q(0.99), max: times[times.length - 1]! };
}

async function benchServer(dir: string): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'triangulate-bench-hostile-'));
  const db = join(tmp, 'store.db');
  const docs = loadArticles(dir);
  // The store: the BASIL and AllSides articles the finding used (1,243), ingested as a user would.
  const t0 = performance.now();
  spawnSync(process.execPath, [CLI, 'ingest', join(dir, 'basil', 'basil.jsonl'), join(dir, 'allsides-neus', 'articles.jsonl'), '--db', db, '--no-crosscheck'], { stdio: 'ignore' });
  const built = (performance.now() - t0) / 1000;
  // The 4 MB POST: PolNeAR and ECB+ articles (not in the store yet) up to 4 MB of JSON, at most 1,000.
  const batch: object[] = [];
  let size = 0;
  for (const d of docs.filter((x) => !x.source.startsWith('basil'))) {
    const r = { title: d.title, text: d.text, outlet: d.outlet, published: d.published, url: d.url };
    size += JSON.stringify(r).length;
    if (size > 4 * 1024 * 1024 || batch.length >= 1000) break;
    batch.push(r);
  }
  const body = JSON.stringify({ articles: batch });
  const { server, base } = await startServe(db);
  try {
    await healthWhile(base, () => false, 50); // warm-up
    const idle = await healthWhile(base, () => false, 500);
    // The heaviest search the limits allow, in a loop; and the 4 MB ingest, followed to its end.
    const heavy = `${base}api/search?q=${encodeURIComponent('the OR a OR of OR to OR in OR and OR said OR for OR on OR that')}`;
    let done = false;
    let searches = 0;
    let refused = 0;
    const searching = (async () => {
      while (!done) {
        const r = await get(heavy);
        searches++;
        if (r.status === 503) refused++;
      }
    })();
    const t1 = performance.now();
    const posted = await post(`${base}api/ingest?wait=0`, body);
    const job = (JSON.parse(posted.body) as { job: { id: string } }).job.id;
    const following = (async () => {
      for (;;) {
        const r = await new Promise<string>((resolve, reject) => request(`${base}api/ingest/${job}`, (res) => { let s = ''; res.on('data', (d) => (s += d)); res.on('end', () => resolve(s)); }).on('error', reject).end());
        const state = (JSON.parse(r) as { state: string }).state;
        if (state === 'done' || state === 'failed') return state;
        await new Promise((res) => setTimeout(res, 200));
      }
    })();
    const busy = healthWhile(base, () => done);
    const state = await following;
    const ingestSeconds = (performance.now() - t1) / 1000;
    done = true;
    const loaded = await busy;
    await searching;
    process.stdout.write(
      `\n# /api/health while a heavy search loop and a 4 MB ingest run — serve on ${built.toFixed(0)} s-built store of 1,243 BASIL + AllSides articles; POST of ${batch.length} articles, ${(body.length / 1024 / 1024).toFixed(1)} MB (answered ${posted.status}; job ${state} after ${ingestSeconds.toFixed(1)} s); ${searches} searches meanwhile (${refused} past the 3 s budget)\n\n| server | requests | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n`,
    );
    for (const [name, l] of [['idle (peer)', idle], ['search loop + 4 MB ingest', loaded]] as const) process.stdout.write(`| ${name} | ${l.n} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.max.toFixed(1)} |\n`);
    process.stdout.write(`\ntarget: /api/health within 100 ms while both run — p99 ${loaded.p99.toFixed(1)} ms: ${loaded.p99 < 100 ? 'met' : 'NOT met'}\n`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The shape of real pages, against which the HTML caps (extract/settings.ts) were chosen: elements
 * and depth of every page of the extraction benchmark and the trafilatura evaluation set.
 */
function realPageShapes(dir: string): void {
  const shapes: { elements: number; depth: number }[] = [];
  for (const folder of ['extraction-benchmark', 'trafilatura-eval']) {
    const html = join(dir, folder, 'html');
    for (const f of readdirSync(html).sort()) {
      const buf = readFileSync(join(html, f));
      shapes.push(pageShape((f.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8')));
    }
  }
  const stat = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return `median ${xs[Math.floor(xs.length / 2)]!.toLocaleString('en-US')}, 99th percentile ${xs[Math.ceil(0.99 * xs.length) - 1]!.toLocaleString('en-US')}, max ${xs[xs.length - 1]!.toLocaleString('en-US')}`;
  };
  process.stdout.write(
    `\n# real pages — ${shapes.length} pages of the extraction benchmark and the trafilatura set\n\nelements: ${stat(shapes.map((s) => s.elements))} (cap ${MAX_HTML_ELEMENTS.toLocaleString('en-US')}); depth: ${stat(shapes.map((s) => s.depth))} (cap ${MAX_HTML_DEPTH})\n`,
  );
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-shapes')) await benchShapes();
  const dir = sharedCorpus();
  if (!dir) {
    process.stderr.write('bench: ../shared/corpus is absent; the real pages and the server part are skipped\n');
    return;
  }
  realPageShapes(dir);
  if (!process.argv.includes('--no-server')) await benchServer(dir);
}

await main();
