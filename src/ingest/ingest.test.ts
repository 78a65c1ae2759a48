import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isoDate, isoInstant } from './date.js';
import { decode } from './decode.js';
import { ingest, InputError, type Extracted } from './index.js';

const BODY = 'The city council approved the construction of a new bridge on Tuesday, the mayor said. The project will cost about 40 million euros and take three years to build, officials said.';
const page = (title: string) => `<html><head><title>${title}</title><meta property="og:site_name" content="Town Post"></head><body><nav>Home | News</nav><article><h1>${title}</h1><p>${BODY}</p><p>${BODY}</p></article></body></html>`;

async function all(inputs: string[], options: Parameters<typeof ingest>[1] = {}) {
  const out: (Extracted | InputError)[] = [];
  for await (const x of ingest(inputs, options)) out.push(x);
  return out;
}
const ok = (xs: (Extracted | InputError)[]) => xs.filter((x): x is Extracted => !InputError.is(x));
const errs = (xs: (Extracted | InputError)[]) => xs.filter(InputError.is).map((e) => `${e.input}: ${e.reason}`);

/** A fake fetch serving a fixed table of URLs: [status, content-type, body, location?]. */
function fakeFetch(table: Record<string, [number, string, string, string?]>): typeof fetch {
  return (async (url: string | URL) => {
    const row = table[String(url)];
    if (!row) throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { cause: { code: 'ENOTFOUND' } });
    const [status, type, body, location] = row;
    return new Response(status >= 300 && status < 400 ? null : body, { status, headers: { 'content-type': type, ...(location ? { location } : {}) } });
  }) as typeof fetch;
}

describe('ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tri-ingest-'));

  it('decodes UTF-8, UTF-16 with BOM and Windows-1252, and refuses binary', () => {
    expect(decode(new TextEncoder().encode('café'))).toEqual({ text: 'café' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Türkiye', 'utf16le')]);
    expect(decode(utf16)).toEqual({ text: 'Türkiye' });
    expect(decode(Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]))).toEqual({ text: '“Hi” café' });
    expect('error' in decode(Buffer.from([0, 1, 2, 0, 0, 255, 7, 0]))).toBe(true);
  });

  it('reads JSON Lines records with news-please fields and a path#id source', async () => {
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, [JSON.stringify({ id: 'r1', title: 'Bridge approved', maintext: BODY, date_publish: '2024-03-05 10:00:00', source_domain: 'town.example', authors: ['Ann Lee'] }), JSON.stringify({ title: 'No id here', text: BODY }), '{broken'].join('\n'));
    const xs = await all([file]);
    expect(ok(xs).map((x) => [x.source, x.title, x.outlet, x.published, x.byline])).toEqual([
      [`${file}#r1`, 'Bridge approved', 'town.example', '2024-03-05', 'Ann Lee'],
      [`${file}#2`, 'No id here', null, null, null],
    ]);
    expect(errs(xs)).toHaveLength(1);
    expect(errs(xs)[0]).toMatch(/#3: /);
  });

  it('applies a manifest to files that carry no metadata', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'tri-manifest-'));
    writeFileSync(join(sub, 'a.txt'), `Bridge approved\n\n${BODY}\n`);
    writeFileSync(join(sub, 'manifest.csv'), 'file,outlet,published,url\na.txt,Town Post,2024-03-06,https://town.example/a\n');
    const [a] = ok(await all([sub]));
    expect(a).toMatchObject({ outlet: 'Town Post', published: '2024-03-06', url: 'https://town.example/a' });
  });

  it('resolves manifest paths against its folder and the working directory, and warns of a row that matches no input', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tri-manifest-cwd-'));
    mkdirSync(join(root, 'pile'));
    mkdirSync(join(root, 'meta'));
    writeFileSync(join(root, 'pile', 'b.txt'), `Bridge approved\n\n${BODY}\n`);
    // Written against the working directory (root), not against the manifest's folder (meta/).
    writeFileSync(join(root, 'meta', 'outlets.csv'), 'file,outlet,published\npile/b.txt,River Times,2024-03-07\npile/typo.txt,Nobody,2024-03-07\n');
    const warnings: string[] = [];
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const [b] = ok(await all(['pile'], { manifest: join('meta', 'outlets.csv'), onWarning: (w) => warnings.push(InputError.format(w)) }));
      expect(b).toMatchObject({ outlet: 'River Times', published: '2024-03-07' });
    } finally {
      process.chdir(cwd);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^meta[\\/]outlets\.csv: row "pile\/typo\.txt" matches no input/);
  });

  it('reads stdin', async () => {
    const [a] = ok(await all(['-'], { stdin: Readable.from([`Bridge approved\n\n${BODY}\n`]) }));
    expect(a?.text).toContain('new bridge');
  });

  it('fetches URLs with a redirect cap, a content-type check and a size cap', async () => {
    const fetch = fakeFetch({
      'https://a.example/story': [200, 'text/html; charset=utf-8', page('Bridge approved')],
      'https://a.example/pdf': [200, 'application/pdf', '%PDF-1.4'],
      'https://a.example/loop': [302, 'text/html', '', 'https://a.example/loop'],
      'https://a.example/big': [200, 'text/html', 'x'.repeat(5000)],
    });
    const xs = await all(['https://a.example/story', 'https://a.example/pdf', 'https://a.example/loop', 'https://a.example/big', 'https://nowhere.example/'], { fetch, maxBytes: 4096, maxRedirects: 3 });
    expect(ok(xs).map((x) => [x.title, x.outlet])).toEqual([['Bridge approved', 'Town Post']]);
    const e = errs(xs);
    expect(e).toHaveLength(4);
    expect(e[0]).toMatch(/^https:\/\/a\.example\/pdf: .*application\/pdf/);
    expect(e[1]).toMatch(/^https:\/\/a\.example\/loop: .*redirect/);
    expect(e[2]).toMatch(/^https:\/\/a\.example\/big: .*(large|size|cap)/i);
    expect(e[3]).toMatch(/^https:\/\/nowhere\.example\/: /);
  });

  it('turns each feed item into an article, fetching the page when the feed has only a summary', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Town Post</title>
      <item><title>Bridge approved</title><link>https://a.example/story</link><description>Council says yes.</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
      <item><title>Long item</title><link>https://a.example/gone</link><description>${BODY} ${BODY} ${BODY}</description></item>
    </channel></rss>`;
    const fetch = fakeFetch({ 'https://a.example/feed.xml': [200, 'application/rss+xml', rss], 'https://a.example/story': [200, 'text/html', page('Bridge approved')] });
    const xs = ok(await all(['https://a.example/feed.xml'], { fetch }));
    expect(xs.map((x) => x.title)).toEqual(['Bridge approved', 'Long item']);
    expect(xs[0]!.text).toContain('40 million euros');
    expect(xs[0]!.published).toBe('2024-03-05');
  });

  it('names every bad file in one line and goes on', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'tri-bad-'));
    writeFileSync(join(sub, 'good.txt'), `Bridge approved\n\n${BODY}\n`);
    writeFileSync(join(sub, 'empty.txt'), '');
    writeFileSync(join(sub, 'bad.json'), '{"title":');
    writeFileSync(join(sub, 'bad.xml'), '<rss><channel><item>');
    const xs = await all([sub, join(sub, 'missing.html')]);
    expect(ok(xs)).toHaveLength(1);
    expect(errs(xs).map((e) => e.split(': ')[0]!.split('/').pop())).toEqual(expect.arrayContaining(['bad.json', 'bad.xml', 'empty.txt', 'missing.html']));
    for (const e of errs(xs)) expect(e).not.toMatch(/\n/);
  });

  it.each([
    ['2024-03-06T07:40:00Z', '2024-03-06', '2024-03-06T07:40:00.000Z'],
    ['2020-02-28T13:11:12+03:00', '2020-02-28', '2020-02-28T10:11:12.000Z'],
    ['2020-02-28 10:11:12+0000', '2020-02-28', '2020-02-28T10:11:12.000Z'],
    ['Fri, 28 Feb 2020 10:00:00 GMT', '2020-02-28', '2020-02-28T10:00:00.000Z'],
    ['Fri, 28 Feb 2020 10:00:00 -0500', '2020-02-28', '2020-02-28T15:00:00.000Z'],
    ['2020-02-28 10:11:12', '2020-02-28', null], // no zone: not comparable across outlets
    ['2020-02-28', '2020-02-28', null],
    ['February 28, 2020', '2020-02-28', null],
  ])('publication date and instant of %s', (value, day, instant) => {
    expect(isoDate(value)).toBe(day);
    expect(isoInstant(value)).toBe(instant);
  });
});
