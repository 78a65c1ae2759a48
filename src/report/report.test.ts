import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from '../model/check.js';
import { packageRoot } from '../util/paths.js';
import { statusesMarkdown, STATUSES_BEGIN, STATUSES_END } from './explain.js';
import { Article } from '../model/article.js';
import type { RunResult } from '../model/run.js';
import { esc, highlight, mdEscape, renderHtml, renderMarkdown, renderTerminal, toJsonV1, validateJsonV1 } from './index.js';

const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) <svg onload=alert(4)>';
const article = Article.create({
  id: 'x1',
  source: 'evil.html',
  text: `Evil said "${hostile}" today.`,
  meta: { title: `<b>${hostile}</b>`, outlet: 'E<vil>', byline: null, published: '2024-03-01', url: null, language: 'en', dateline: null, provenance: {} },
  layers: {
    entities: [{ kind: 'entity', start: 0, end: 4, type: 'person', ref: 'person:evil"><script>', rule: 'said-verb' }],
    quotes: [{ kind: 'quote', start: 10, end: 11 + hostile.length + 1, direct: true, cue: { start: 5, end: 9 }, speaker: { start: 0, end: 4 }, speakerName: 'Evil', speakerRef: 'person:evil' }],
  },
});
const run: RunResult = { articles: [article], entities: [], stories: [], errors: [{ input: '<x>.html', reason: 'bad <input>' }] };

describe('reports', () => {
  it('escape every piece of article text in HTML', () => {
    const html = renderHtml(run);
    expect(html).not.toMatch(/<script|<img|<svg|<b>/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    expect(esc(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('highlight keeps the text and nests overlapping spans', () => {
    const h = highlight(article);
    expect(h.replace(/<[^>]+>/g, '')).toBe(esc(article.text));
    expect(h).toMatch(/<span class="e person" title="person: Evil&quot;&gt;&lt;script&gt;">Evil<\/span>/);
    expect(h).toMatch(/<span class="q" title="quote: Evil">&quot;&lt;script&gt;/);
  });

  it('escape Markdown', () => {
    expect(renderMarkdown(run)).not.toMatch(/<script|<img|(?<!\\)\]\(javascript/);
    expect(mdEscape('a|b *c* <d>')).toBe('a\\|b \\*c\\* &lt;d&gt;');
  });

  it('JSON v1 spans slice the text, and the validator catches a bad span', () => {
    const doc = toJsonV1(run);
    expect(validateJsonV1(doc)).toEqual([]);
    const bad = JSON.parse(JSON.stringify(doc));
    bad.articles[0].entities[0].start += 1;
    expect(validateJsonV1(bad)).toHaveLength(1);
  });

  it('terminal output has colour only when asked', () => {
    expect(renderTerminal(run, { color: false, width: 80 })).not.toMatch(/\x1b\[/);
    expect(renderTerminal(run, { color: true, width: 80 })).toMatch(/\x1b\[/);
    expect(renderTerminal(run, { color: false, width: 80 })).toContain('<x>.html: bad <input>');
  });

  it('docs/json.md lists the statuses as CLAIM_STATUSES defines them (node dist/scripts/docs.js rewrites it)', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'json.md'), 'utf8');
    const block = doc.slice(doc.indexOf(STATUSES_BEGIN) + STATUSES_BEGIN.length, doc.indexOf(STATUSES_END)).trim();
    expect(block).toBe(statusesMarkdown());
    for (const s of Object.values(CLAIM_STATUSES)) expect(block).toContain(s.means);
    expect(toJsonV1(run).statuses).toEqual(CLAIM_STATUSES);
  });
});
