import { html, type Html } from '../html.js';

export interface Dot {
  readonly id: string;
  readonly outlet: string;
  /** ISO day (or longer ISO date), or null when undated. */
  readonly day: string | null;
  readonly title: string;
}

const DAY = 86_400_000;
const MAX_COLUMNS = 31;

/**
 * Coverage of a story over time by outlet, as an SVG dot plot: one row per outlet (in order of its
 * first report), one column per day (per week when the story runs longer than a month), a dot per
 * cell sized by its number of articles and linking to the first of them. Drawn on the server, so
 * it needs no script; every label is escaped.
 */
export function coverageChart(dots: readonly Dot[]): Html {
  if (dots.length === 0) return html``;
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
  const cells = new Map<string, Dot[]>();
  dots.forEach((d, i) => {
    const key = `${outlets.indexOf(d.outlet)}:${colOf(days[i]!)}`;
    cells.set(key, [...(cells.get(key) ?? []), d]);
  });
  const n = columns + (undated ? 1 : 0);
  const left = 150;
  const colW = Math.max(26, Math.min(90, Math.floor(560 / Math.max(1, columns + (undated ? 1 : 0)))));
  const rowH = 24;
  const top = 8;
  const width = left + n * colW + 10;
  const height = top + outlets.length * rowH + 34;
  const label = (c: number) => (c === columns ? 'undated' : new Date(first + c * step * DAY).toISOString().slice(5, 10));
  const every = Math.max(1, Math.ceil(n / 12));
  const maxCount = Math.max(...[...cells.values()].map((v) => v.length));
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">Coverage by outlet over time: ${dots.length} articles from ${outlets.length} outlets${step === 7 ? ', by week' : ', by day'}</title>
${outlets.map((o, r) => html`<text x="${left - 8}" y="${top + r * rowH + rowH / 2 + 4}" text-anchor="end" class="ax">${o.length > 22 ? `${o.slice(0, 21)}…` : o}</text><line x1="${left}" x2="${width - 10}" y1="${top + r * rowH + rowH / 2}" y2="${top + r * rowH + rowH / 2}" class="grid"/>`)}
${Array.from({ length: n }, (_, c) => (c % every === 0 || c === columns ? html`<text x="${left + c * colW + colW / 2}" y="${height - 12}" text-anchor="middle" class="ax">${label(c)}</text>` : ''))}
${[...cells.entries()].map(([key, ds]) => {
    const [r, c] = key.split(':').map(Number) as [number, number];
    const radius = 4 + 6 * Math.sqrt(ds.length / maxCount);
    return html`<a href="/articles/${ds[0]!.id}"><circle cx="${left + c * colW + colW / 2}" cy="${top + r * rowH + rowH / 2}" r="${radius.toFixed(1)}" class="dot"><title>${ds[0]!.outlet}, ${label(c)}: ${ds.length === 1 ? ds[0]!.title : `${ds.length} articles`}</title></circle></a>`;
  })}
</svg><figcaption>Who reported it when: one row per outlet, one dot per ${step === 7 ? 'week' : 'day'} with its articles (larger = more).</figcaption></figure>`;
}
