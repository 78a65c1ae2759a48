import { CLAIM_STATUSES, type ClaimStatus } from '../model/check.js';
import { esc } from './escape.js';

/**
 * The pictures of a story, drawn on the server as SVG: no script, the same markup in the HTML
 * report and the web app. Each function is pure (data in, an escaped `<figure>` string out): the
 * SVG carries a title for assistive technology, and the figure repeats every number it draws
 * as text (a caption, and a list that only screen readers see), so nothing is told by the
 * picture alone. Every label from an article goes through `esc`.
 */

/** Fill colours of the verdicts (the pages' CSS uses the same ones for the tags). */
export const STATUS_FILL: Readonly<Record<ClaimStatus, string>> = { corroborated: '#2e8b57', 'single-origin': '#d9a300', reported: '#8d99ae', contested: '#c0392b', changed: '#8e44ad' };

const CHAR = 6.6; // average width of a 12px system-ui character, for laying out labels
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s);
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1));

function figure(id: string, cls: string, title: string, width: number, height: number, body: string, caption: string, textItems: readonly string[]): string {
  return (
    `<figure class="chart ${cls}" id="${esc(id)}"><div class="chart-box"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(id)}-t"><title id="${esc(id)}-t">${esc(title)}</title>${body}</svg></div>` +
    `<figcaption>${caption}</figcaption><ul class="sr chart-text">${textItems.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></figure>`
  );
}

const text = (x: number, y: number, s: string, attrs = '') => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}"${attrs ? ` ${attrs}` : ''}>${esc(s)}</text>`;

export interface VerdictCount {
  readonly status: ClaimStatus;
  readonly count: number;
}

/**
 * One bar per story: its claims split by verdict, each part as wide as its share, with the count
 * on it when it fits.
 *
 * @example
 * verdictBar([{ status: 'corroborated', count: 4 }, { status: 'single-origin', count: 98 }], 'v1');
 */
export function verdictBar(counts: readonly VerdictCount[], id: string): string {
  const total = counts.reduce((n, c) => n + c.count, 0);
  const W = 720;
  const H = 46;
  let x = 0;
  const parts: string[] = [];
  for (const c of counts) {
    if (!c.count) continue;
    const w = (c.count / total) * W;
    const label = `${fmt(c.count)} ${CLAIM_STATUSES[c.status].label}`;
    parts.push(`<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="26" fill="${STATUS_FILL[c.status]}"><title>${esc(label)}</title></rect>`);
    const fits = label.length * CHAR + 8 < w ? label : String(c.count).length * CHAR + 6 < w ? fmt(c.count) : '';
    if (fits) parts.push(text(x + w / 2, 22, fits, 'text-anchor="middle" fill="#fff" class="on-bar"'));
    x += w;
  }
  if (!total) parts.push(text(W / 2, 22, 'no claims', 'text-anchor="middle" class="ax"'));
  parts.push(text(0, 44, `${fmt(total)} claims`, 'class="ax"'));
  const items = counts.filter((c) => c.count).map((c) => `${fmt(c.count)} ${CLAIM_STATUSES[c.status].label}`);
  return figure(id, 'verdicts', `Verdicts of ${total} claims: ${items.join(', ')}`, W, H, parts.join(''), esc(`Verdicts of the story's ${fmt(total)} claims: ${items.join(' · ') || 'none'}.`), items);
}

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  /** Publication day, when known. */
  readonly day: string | null;
  /** An upstream source credited by articles (not an article of the story). */
  readonly upstream?: boolean;
}

export interface GraphEdge {
  /** The source of the text (or the credited source). */
  readonly from: string;
  /** The article that carries it. */
  readonly to: string;
  /** copy: `to` copied `from`; common-origin: both rewrite `from`; unknown: shared text, direction unknown; credit: `to` credits `from`. */
  readonly kind: 'copy' | 'common-origin' | 'unknown' | 'credit';
  /** Share of `to`'s words that are shared (copies only). */
  readonly share?: number;
}

/**
 * Who copied or credited whom: articles and the upstream sources they credit as boxes, laid out
 * left to right by how many hands the text went through; an article that copies no one and
 * credits no one starts a row of its own, so independent origins stand as separate roots.
 */
export function dependencyGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[], id: string, href?: (id: string) => string | null): string {
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e]);
  // Depth: longest chain of sources behind a node (directed edges only; "unknown" pairs stay side by side).
  const depth = new Map<string, number>();
  const depthOf = (n: string, seen = new Set<string>()): number => {
    if (depth.has(n)) return depth.get(n)!;
    if (seen.has(n)) return 0;
    seen.add(n);
    const ins = (incoming.get(n) ?? []).filter((e) => e.kind !== 'unknown');
    const d = ins.length ? Math.max(...ins.map((e) => depthOf(e.from, seen) + 1)) : 0;
    depth.set(n, d);
    return d;
  };
  for (const n of nodes) depthOf(n.id);
  // Independent roots: connected groups of articles (any edge joins); each group's sources stand at its left.
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const e of edges) if (parent.has(e.from) && parent.has(e.to)) parent.set(find(e.to), find(e.from));
  const groups = new Map<string, GraphNode[]>();
  for (const n of nodes) groups.set(find(n.id), [...(groups.get(find(n.id)) ?? []), n]);
  const BOX = 176;
  const COL = 220;
  const ROW = 40;
  const pos = new Map<string, { x: number; y: number }>();
  let row = 0;
  const bands: { y: number; h: number }[] = [];
  for (const g of groups.values()) {
    const cols = new Map<number, GraphNode[]>();
    for (const n of g) cols.set(depth.get(n.id) ?? 0, [...(cols.get(depth.get(n.id) ?? 0) ?? []), n]);
    const rows = Math.max(...[...cols.values()].map((c) => c.length));
    for (const [d, ns] of cols) ns.forEach((n, i) => pos.set(n.id, { x: 10 + d * COL, y: 10 + (row + i) * ROW }));
    bands.push({ y: 4 + row * ROW, h: rows * ROW - 4 });
    row += rows;
  }
  const W = 10 + Math.max(1, ...[...depth.values()].map((d) => d + 1)) * COL;
  const H = 16 + row * ROW;
  const parts: string[] = [
    `<defs><marker id="${esc(id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>`,
    ...bands.map((b, i) => (i % 2 ? `<rect x="0" y="${b.y}" width="${W}" height="${b.h}" fill="#f6f6f9"/>` : '')),
  ];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (n: string) => byId.get(n)?.label ?? n;
  const lines: string[] = [];
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = [a.x + BOX, a.y + 13, b.x, b.y + 13];
    const sideBySide = x2 <= x1;
    const d = sideBySide ? `M${a.x + BOX / 2},${a.y + 26} C${a.x + BOX / 2},${(a.y + b.y) / 2 + 13} ${b.x + BOX / 2},${(a.y + b.y) / 2 + 13} ${b.x + BOX / 2},${b.y}` : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    const how = e.kind === 'copy' ? `copied${e.share !== undefined ? ` (${Math.round(e.share * 100)}% of its words)` : ''}` : e.kind === 'common-origin' ? 'rewrites' : e.kind === 'credit' ? 'credits' : 'shares text with (direction unknown)';
    const line = e.kind === 'credit' ? `${name(e.to)} credits ${name(e.from)}` : e.kind === 'unknown' ? `${name(e.from)} and ${name(e.to)} share text, direction unknown` : e.kind === 'common-origin' ? `${name(e.to)} rewrites ${name(e.from)}` : `${name(e.to)} copied ${name(e.from)}${e.share !== undefined ? ` (${Math.round(e.share * 100)}% of its words)` : ''}`;
    lines.push(line);
    parts.push(`<path d="${d}" fill="none" class="edge ${e.kind}" stroke="${e.kind === 'credit' ? '#7a7a88' : '#555'}" stroke-width="1.6"${e.kind === 'credit' ? ' stroke-dasharray="2 3"' : e.kind === 'unknown' ? ' stroke-dasharray="6 4"' : ''}${e.kind === 'unknown' ? '' : ` marker-end="url(#${esc(id)}-arrow)"`}><title>${esc(`${name(e.to)} ${how} ${name(e.from)}`)}</title></path>`);
  }
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    const box = `<rect x="${p.x}" y="${p.y}" width="${BOX}" height="26" rx="5" class="node${n.upstream ? ' upstream' : ''}" fill="${n.upstream ? '#eef3fb' : '#fff'}" stroke="${n.upstream ? '#1f5fbf' : '#888'}"${n.upstream ? ' stroke-dasharray="4 2"' : ''}/>${text(p.x + 8, p.y + 17, clip(n.label, 25), 'class="lbl"')}<title>${esc(`${n.label}${n.day ? `, ${n.day}` : ''}${n.upstream ? ' (credited source)' : ''}`)}</title>`;
    const link = !n.upstream && href ? href(n.id) : null;
    parts.push(link ? `<a href="${esc(link)}">${box}</a>` : `<g>${box}</g>`);
  }
  const roots = [...groups.values()].map((g) => g.filter((n) => (depth.get(n.id) ?? 0) === 0).map((n) => n.label).join(' + '));
  const articles = nodes.filter((n) => !n.upstream).length;
  const items = [`${fmt(groups.size)} independent ${groups.size === 1 ? 'root' : 'roots'}: ${roots.join('; ')}`, ...lines];
  const caption = esc(`Who copied or credited whom: ${fmt(articles)} ${articles === 1 ? 'article' : 'articles'} in ${fmt(groups.size)} independent ${groups.size === 1 ? 'group' : 'groups'} (one band each, its roots at the left). Solid arrow: copied or rewritten text; dotted: credits; dashed: shared text, direction unknown.`);
  return figure(id, 'graph', `Source dependencies: ${items.join('. ')}`, W, H, parts.join(''), caption, items);
}

export interface GridActor {
  readonly actor: string;
  /** Per outlet label: the words it uses in its own voice, and inside quotations. */
  readonly cells: ReadonlyMap<string, { readonly own: readonly string[]; readonly quoted: readonly string[] }>;
}

/** Outlets × actors: the words each outlet uses for each actor, its own voice in black, words inside quotations in grey. */
export function labelGrid(outlets: readonly string[], actors: readonly GridActor[], id: string): string {
  const LEFT = Math.min(190, 16 + Math.max(...outlets.map((o) => o.length), 6) * CHAR);
  const COL = 178;
  const HEAD = 40;
  const LINE = 15;
  const rowsOf = (o: string) => Math.max(1, ...actors.map((a) => Math.min(3, (a.cells.get(o)?.own.length ?? 0) + ((a.cells.get(o)?.quoted.length ?? 0) ? 1 : 0))));
  const heights = outlets.map((o) => 10 + rowsOf(o) * LINE);
  const W = LEFT + actors.length * COL;
  const H = HEAD + heights.reduce((a, b) => a + b, 0);
  const parts: string[] = [];
  actors.forEach((a, j) => {
    const x = LEFT + j * COL + 6;
    parts.push(text(x, 16, clip(a.actor.split(' — ')[0]!, 26), 'class="head"'), text(x, 31, clip(a.actor.split(' — ')[1] ?? '', 28), 'class="ax"'));
  });
  const items: string[] = [];
  let y = HEAD;
  outlets.forEach((o, i) => {
    if (i % 2 === 0) parts.push(`<rect x="0" y="${y}" width="${W}" height="${heights[i]}" fill="#f6f6f9"/>`);
    parts.push(text(LEFT - 8, y + 17, clip(o, 28), 'text-anchor="end" class="lbl"'));
    actors.forEach((a, j) => {
      const cell = a.cells.get(o);
      if (!cell) return;
      const x = LEFT + j * COL + 6;
      const own = cell.own.slice(0, cell.quoted.length ? 2 : 3);
      own.forEach((w, k) => parts.push(text(x, y + 17 + k * LINE, clip(w, 27), 'class="own"')));
      if (cell.quoted.length) parts.push(text(x, y + 17 + own.length * LINE, clip(`“${cell.quoted.join(', ')}”`, 27), 'class="quoted" fill="#777" font-style="italic"'));
      if (cell.own.length || cell.quoted.length) items.push(`${o} calls ${a.actor}: ${cell.own.join(', ') || '—'}${cell.quoted.length ? `; in quotes: ${cell.quoted.join(', ')}` : ''}`);
    });
    y += heights[i]!;
  });
  return figure(id, 'grid', `Labels by outlet and actor`, W, H, parts.join(''), esc(`How each outlet names the actors: ${fmt(outlets.length)} outlets × ${fmt(actors.length)} actors; its own words in black, words it only quotes in grey.`), items);
}

export interface RateRow {
  readonly label: string;
  /** Loaded words in its own voice, and its words in all. */
  readonly count: number;
  readonly words: number;
}

/** Loaded words per 1,000 in each outlet's own voice (bar), against the rate of the story's other outlets together (tick). */
export function loadedRates(rows: readonly RateRow[], id: string): string {
  const totalCount = rows.reduce((n, r) => n + r.count, 0);
  const totalWords = rows.reduce((n, r) => n + r.words, 0);
  const per = (c: number, w: number) => (w ? Math.round((c / w) * 10000) / 10 : 0);
  const data = rows.map((r) => ({ ...r, rate: per(r.count, r.words), others: rows.length > 1 ? per(totalCount - r.count, totalWords - r.words) : null }));
  const max = Math.max(0.1, ...data.map((d) => Math.max(d.rate, d.others ?? 0)));
  const LEFT = Math.min(190, 16 + Math.max(...rows.map((r) => r.label.length), 6) * CHAR);
  const BAR = 330;
  const ROW = 30;
  const W = LEFT + BAR + 340;
  const H = 12 + data.length * ROW + 18;
  const parts: string[] = [];
  const items: string[] = [];
  data.forEach((d, i) => {
    const y = 8 + i * ROW;
    const w = (d.rate / max) * BAR;
    parts.push(text(LEFT - 8, y + 15, clip(d.label, 28), 'text-anchor="end" class="lbl"'));
    parts.push(`<rect x="${LEFT}" y="${y + 3}" width="${Math.max(1, w).toFixed(1)}" height="16" fill="#c0392b" fill-opacity="0.8"/>`);
    if (d.others !== null) parts.push(`<line x1="${(LEFT + (d.others / max) * BAR).toFixed(1)}" x2="${(LEFT + (d.others / max) * BAR).toFixed(1)}" y1="${y}" y2="${y + 22}" stroke="#1d1d1f" stroke-width="2.5"><title>${esc(`the others: ${fmt(d.others)} per 1,000 words`)}</title></line>`);
    const line = `${fmt(d.rate)} per 1,000 words (${fmt(d.count)} in ${fmt(d.words)})${d.others !== null ? `; others ${fmt(d.others)}` : ''}`;
    parts.push(text(LEFT + BAR + 10, y + 15, line, 'class="ax"'));
    items.push(`${d.label}: ${line}`);
  });
  parts.push(text(LEFT, H - 4, `0`, 'class="ax"'), text(LEFT + BAR, H - 4, `${fmt(max)} per 1,000`, 'text-anchor="end" class="ax"'));
  items.push(`Scale: 0 to ${fmt(max)} per 1,000 words`);
  return figure(id, 'rates', 'Loaded words per 1,000 words in each outlet’s own voice, against the other outlets of the story', W, H, parts.join(''), esc(`Loaded words in each outlet's own voice per 1,000 of its words (bar), and the story's other outlets together (black tick).`), items);
}

export interface TimePoint {
  /** ISO day, month or year. */
  readonly date: string;
  readonly text: string;
  readonly sources: string;
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A point in time for an ISO date of any precision: its first day, and the days it spans. */
function when(date: string): { t: number; days: number } | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1];
  const t = Date.UTC(y, mo, d);
  const days = m[3] ? 1 : m[2] ? new Date(Date.UTC(y, mo + 1, 1)).getTime() / DAY - t / DAY : 365;
  return { t, days };
}

/** "Mar 6", "Mar 2020", "2020": a date as people read it. */
export function humanDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  if (m[3]) return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
  if (m[2]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return m[1]!;
}

/**
 * The timeline on a time axis: each dated statement a numbered dot at its day (a month or a year
 * as a band over its span), dots of one day stacked; the numbers match the list beside it.
 */
export function timelineChart(points: readonly TimePoint[], id: string): string {
  const dated = points.map((p, i) => ({ p, i, w: when(p.date) })).filter((x): x is typeof x & { w: { t: number; days: number } } => x.w !== null);
  if (dated.length === 0) return '';
  const t0 = Math.min(...dated.map((d) => d.w.t));
  const t1 = Math.max(...dated.map((d) => d.w.t + d.w.days * DAY));
  const span = Math.max(DAY, t1 - t0);
  const LEFT = 44;
  const AX = 640;
  const x = (t: number) => LEFT + ((t - t0) / span) * AX;
  const centre = (w: { t: number; days: number }) => (w.days > 1 ? x(w.t + (w.days * DAY) / 2) : x(w.t + DAY / 2));
  // Dots closer than a dot's width stack upwards: each takes the lowest level with room for it.
  const levels: number[][] = [];
  const parts: string[] = [];
  const marks = [...dated]
    .sort((a, b) => centre(a.w) - centre(b.w) || a.i - b.i)
    .map((d) => {
      const cx = centre(d.w);
      let k = levels.findIndex((xs) => xs.every((other) => Math.abs(other - cx) >= 20));
      if (k < 0) k = levels.push([]) - 1;
      levels[k]!.push(cx);
      return { ...d, k, cx };
    })
    .sort((a, b) => a.i - b.i);
  const top = levels.length;
  const H = 40 + top * 22 + 30;
  const axisY = H - 30;
  parts.push(`<line x1="${LEFT}" x2="${LEFT + AX}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`);
  // Ticks: days for a short span, months for a longer one, years beyond.
  const spanDays = span / DAY;
  const ticks: { t: number; label: string }[] = [];
  const start = new Date(t0);
  if (spanDays <= 62) {
    const step = Math.max(1, Math.ceil(spanDays / 10));
    for (let t = t0; t <= t1; t += step * DAY) ticks.push({ t, label: `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCDate()}` });
  } else if (spanDays <= 3 * 365) {
    const step = Math.max(1, Math.ceil(spanDays / 30 / 10));
    for (let m = 0; ; m += step) {
      const t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
      if (t > t1) break;
      ticks.push({ t, label: `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}` });
    }
  } else for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y++) ticks.push({ t: Date.UTC(y, 0, 1), label: String(y) });
  for (const tk of ticks) parts.push(`<line x1="${x(tk.t).toFixed(1)}" x2="${x(tk.t).toFixed(1)}" y1="${axisY}" y2="${axisY + 5}" stroke="#999"/>`, text(x(tk.t), axisY + 18, tk.label, 'text-anchor="middle" class="ax"'));
  for (const m of marks) {
    const cy = axisY - 14 - m.k * 22;
    const label = `${m.i + 1}. ${humanDate(m.p.date)}: ${m.p.text}`;
    if (m.w.days > 1) parts.push(`<rect x="${x(m.w.t).toFixed(1)}" y="${(cy - 3).toFixed(1)}" width="${Math.max(4, x(m.w.t + m.w.days * DAY) - x(m.w.t)).toFixed(1)}" height="6" fill="#1f5fbf" fill-opacity="0.25"/>`);
    const cx = m.cx;
    parts.push(`<g class="pt"><circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="9" fill="#1f5fbf"/>${text(cx, cy + 4, String(m.i + 1), 'text-anchor="middle" fill="#fff" class="on-bar"')}<title>${esc(label)}</title></g>`);
  }
  const items = [...marks.map((m) => `${m.i + 1}. ${humanDate(m.p.date)}: ${m.p.text} [${m.p.sources}]`), `Time axis marks: ${ticks.map((tk) => tk.label).join(', ')}`];
  return figure(id, 'timeline-chart', `Timeline of ${points.length} dated statements from ${humanDate(dated[0]!.p.date)}`, LEFT * 2 + AX, H, parts.join(''), esc(`What happened when: ${fmt(marks.length)} dated statements on a time axis (a month or a year as a band); the numbers are those of the list.`), items);
}

export interface CoverageDot {
  readonly id: string;
  readonly outlet: string;
  /** ISO day (or longer ISO date), or null when undated. */
  readonly day: string | null;
  readonly title: string;
}

const MAX_COLUMNS = 31;

/**
 * Coverage of a story over time by outlet: one row per outlet (in order of its first report), one
 * column per day (per week when the story runs longer than a month, and one for the undated), a
 * dot per cell sized by its number of articles and linking to the first of them.
 */
export function coverageChart(dots: readonly CoverageDot[], id: string, href?: (id: string) => string | null): string {
  if (dots.length === 0) return '';
  const days = dots.map((d) => (d.day && /^\d{4}-\d{2}-\d{2}/.test(d.day) ? Date.parse(d.day.slice(0, 10)) : null));
  const known = days.filter((d): d is number => d !== null);
  const first = known.length ? Math.min(...known) : 0;
  const last = known.length ? Math.max(...known) : 0;
  const span = Math.round((last - first) / DAY) + 1;
  const step = span > MAX_COLUMNS ? 7 : 1;
  const columns = known.length ? Math.ceil(span / step) : 0;
  const undated = days.some((d) => d === null);
  const colOf = (d: number | null) => (d === null ? columns : Math.floor(Math.round((d - first) / DAY) / step));
  const outlets: string[] = [];
  for (const d of [...dots].sort((a, b) => (a.day ?? '~').localeCompare(b.day ?? '~'))) if (!outlets.includes(d.outlet)) outlets.push(d.outlet);
  const cells = new Map<string, CoverageDot[]>();
  dots.forEach((d, i) => {
    const key = `${outlets.indexOf(d.outlet)}:${colOf(days[i]!)}`;
    cells.set(key, [...(cells.get(key) ?? []), d]);
  });
  const n = columns + (undated ? 1 : 0);
  const left = Math.min(220, 16 + Math.max(...outlets.map((o) => o.length)) * CHAR);
  const colW = Math.max(56, Math.min(90, Math.floor(560 / Math.max(1, n))));
  const rowH = 26;
  const top = 8;
  const width = left + n * colW + 10;
  const height = top + outlets.length * rowH + 34;
  const label = (c: number) => {
    if (c === columns) return 'undated';
    const d = new Date(first + c * step * DAY);
    return `${step === 7 ? 'wk ' : ''}${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  };
  const every = Math.max(1, Math.ceil(n / 10));
  const maxCount = Math.max(...[...cells.values()].map((v) => v.length));
  const parts: string[] = [];
  outlets.forEach((o, r) => {
    const y = top + r * rowH + rowH / 2;
    parts.push(text(left - 8, y + 4, clip(o, 30), 'text-anchor="end" class="lbl"'), `<line x1="${left}" x2="${width - 10}" y1="${y}" y2="${y}" stroke="#ececf2"/>`);
  });
  for (let c = 0; c < n; c++) if (c % every === 0 || c === columns) parts.push(text(left + c * colW + colW / 2, height - 12, label(c), 'text-anchor="middle" class="ax"'));
  const items: string[] = [];
  for (const [key, ds] of cells) {
    const [r, c] = key.split(':').map(Number) as [number, number];
    const radius = 5 + 6 * Math.sqrt(ds.length / maxCount);
    const what = `${ds[0]!.outlet}, ${label(c)}: ${ds.length === 1 ? ds[0]!.title : `${ds.length} articles`}`;
    items.push(`${ds[0]!.outlet}, ${label(c)}: ${ds.length} article${ds.length === 1 ? '' : 's'}`);
    const dot = `<circle cx="${left + c * colW + colW / 2}" cy="${top + r * rowH + rowH / 2}" r="${radius.toFixed(1)}" class="dot" fill="#1f5fbf" fill-opacity="0.75"><title>${esc(what)}</title></circle>${ds.length > 1 ? text(left + c * colW + colW / 2, top + r * rowH + rowH / 2 + 4, String(ds.length), 'text-anchor="middle" fill="#fff" class="on-bar"') : ''}`;
    const link = href?.(ds[0]!.id);
    parts.push(link ? `<a href="${esc(link)}">${dot}</a>` : dot);
  }
  return figure(id, 'coverage', `Coverage by outlet over time: ${dots.length} articles from ${outlets.length} outlets${step === 7 ? ', by week' : ', by day'}`, width, height, parts.join(''), esc(`Who reported it when: ${fmt(dots.length)} articles from ${fmt(outlets.length)} outlets; one row per outlet, one dot per ${step === 7 ? 'week' : 'day'} with its articles (larger = more).`), items);
}

/** The CSS the charts need (the HTML report inlines it; the web app's stylesheet has the same rules). */
// Wide tables (.scroll) and charts scroll inside their box, with a shadow at the edge that has more
// (background-attachment: local keeps the white cover with the content, so the shadow shows only where it scrolls).
export const CHART_CSS = `.scroll,.chart-box{overflow-x:auto;max-width:100%;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.25),rgba(0,0,0,0)),radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.25),rgba(0,0,0,0)) 100% 0;background-repeat:no-repeat;background-size:40px 100%,40px 100%,14px 100%,14px 100%;background-attachment:local,local,scroll,scroll}.chart{margin:1rem 0}.chart svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}.chart figcaption{color:#5b5b66;font-size:.85rem}.chart .ax{fill:#5b5b66;font-size:11px}.chart .lbl{fill:#1d1d1f}.chart .head{font-weight:600;fill:#1d1d1f}.chart .on-bar{font-size:11px;font-weight:600}.chart.grid svg,.chart.graph svg,.chart.rates svg{max-width:none}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;
