import { describe, expect, it } from 'vitest';
import { coverageChart, dependencyGraph, humanDate, labelGrid, loadedRates, timelineChart, verdictBar } from './charts.js';

/** The texts the SVG draws, and the text of the figure outside the SVG (caption and screen-reader list). */
function parts(svg: string): { drawn: string[]; text: string } {
  const inside = /<svg[\s\S]*<\/svg>/.exec(svg)![0];
  const drawn = [...inside.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  return { drawn, text: svg.replace(inside, '').replace(/<[^>]+>/g, ' ') };
}
const numbers = (s: string) => s.match(/\d+(?:[.,]\d+)*/g) ?? [];

describe('charts (pure SVG, numbers also in text)', () => {
  it('verdictBar: parts as wide as their share, every count in the text', () => {
    const svg = verdictBar([{ status: 'corroborated', count: 4 }, { status: 'single-origin', count: 98 }, { status: 'contested', count: 2 }, { status: 'reported', count: 0 }], 'v');
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="4" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1]! / widths[0]!).toBeCloseTo(98 / 4, 1);
    const { drawn, text } = parts(svg);
    for (const n of drawn.flatMap(numbers)) expect(text).toContain(n);
    expect(text).toMatch(/4 corroborated/);
    expect(text).toMatch(/98 single origin/);
    expect(svg).not.toMatch(/reported only/);
  });

  it('escapes every label from an article', () => {
    const evil = '<script>alert(1)</script>"&';
    const all = [
      dependencyGraph([{ id: 'a', label: evil, day: null }, { id: 'b', label: 'B', day: null }], [{ from: 'a', to: 'b', kind: 'copy', share: 0.5 }], 'g', () => '/x?"<'),
      labelGrid([evil], [{ actor: evil, cells: new Map([[evil, { own: [evil], quoted: [evil] }]]) }], 'l'),
      loadedRates([{ label: evil, count: 1, words: 100 }], 'r'),
      timelineChart([{ date: '2024-03-05', text: evil, sources: evil }], 't'),
      coverageChart([{ id: 'a"<', outlet: evil, day: '2024-03-05', title: evil }], 'c', (id) => `/articles/${id}`),
    ];
    for (const svg of all) {
      expect(svg).not.toMatch(/<script|"<|&(?!amp;|lt;|gt;|quot;|#39;)/);
      expect(svg).toContain('&lt;script&gt;');
    }
  });

  it('dependencyGraph: independent origins are separate roots; copies stand right of their source', () => {
    const nodes = ['wire', 'blaze', 'pile', 'herald'].map((id) => ({ id, label: id, day: '2024-03-06' }));
    const svg = dependencyGraph(nodes, [{ from: 'wire', to: 'blaze', kind: 'copy', share: 0.93 }, { from: 'blaze', to: 'pile', kind: 'copy', share: 0.2 }], 'g');
    const x = (id: string) => Number(new RegExp(`<rect x="(\\d+)" y="\\d+" width="176"[^>]*/><text[^>]*>${id}<`).exec(svg)![1]);
    expect(x('blaze')).toBeGreaterThan(x('wire'));
    expect(x('pile')).toBeGreaterThan(x('blaze'));
    expect(x('herald')).toBe(x('wire'));
    const { text } = parts(svg);
    expect(text).toMatch(/2 independent roots: wire; herald/);
    expect(text).toMatch(/blaze copied wire \(93% of its words\)/);
  });

  it('loadedRates: each outlet against the others together, figures in text', () => {
    const svg = loadedRates([{ label: 'Daily Blaze', count: 3, words: 145 }, { label: 'Wire', count: 0, words: 184 }, { label: 'Herald', count: 1, words: 130 }], 'r');
    const { text } = parts(svg);
    expect(text).toContain('Daily Blaze: 20.7 per 1,000 words (3 in 145); others 3.2');
    expect(text).toContain('Wire: 0 per 1,000 words (0 in 184); others 14.5');
  });

  it('timelineChart: dots in time order on the axis, months as bands', () => {
    const svg = timelineChart([{ date: '2020-02-27', text: 'a', sources: 'x' }, { date: '2020-02-28', text: 'b', sources: 'x' }, { date: '2020-03-05', text: 'c', sources: 'y' }, { date: '2020-02', text: 'd', sources: 'y' }], 't');
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(cx[0]).toBeLessThan(cx[1]!);
    expect(cx[1]).toBeLessThan(cx[2]!);
    expect(svg).toMatch(/<rect [^>]*fill="#1f5fbf" fill-opacity="0.25"/);
    const { text } = parts(svg);
    expect(text).toContain('3. Mar 5, 2020: c [y]');
    expect(humanDate('2020-02')).toBe('Feb 2020');
  });

  it('coverageChart: whole outlet labels, day labels people read, the undated apart', () => {
    const svg = coverageChart([{ id: 'a', outlet: 'Syrian Observatory for Human', day: '2024-03-06', title: 't' }, { id: 'b', outlet: 'B', day: null, title: 'u' }], 'c');
    const { drawn, text } = parts(svg);
    expect(drawn).toContain('Syrian Observatory for Human');
    expect(drawn).toContain('Mar 6');
    expect(drawn).toContain('undated');
    expect(text).toContain('B, undated: 1 article');
  });
});
