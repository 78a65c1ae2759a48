import pc from 'picocolors';
import { checkView, type CheckView } from './check-view.js';
import type { RunResult } from '../model/run.js';
import { reuseViews, articleHeading, clip, dateLines, hedgeLines, metaLine, quantityLines, quoteLines, removedSummary, sourceLines } from './view.js';
import { printable } from '../util/printable.js';

export interface TerminalOptions {
  readonly color: boolean;
  readonly width: number;
}

/**
 * The default report: per article its title, outlet, date, kind, what was cut as junk, who is
 * quoted saying what, key numbers and dates, sources and hedges; then the run's entities,
 * stories and errors. Colour only when asked (the CLI asks on a TTY).
 */
export function renderTerminal(run: RunResult, options: TerminalOptions): string {
  const c = pc.createColors(options.color);
  const w = Math.max(40, options.width);
  const lines: string[] = [];
  const field = (label: string, items: string[], sep = '; ') => {
    if (items.length) lines.push(`  ${c.dim(label.padEnd(9))} ${clip(items.join(sep), w * 3)}`);
  };
  lines.push(c.bold(`triangulate: ${run.articles.length} article${run.articles.length === 1 ? '' : 's'}, ${run.stories.length} stor${run.stories.length === 1 ? 'y' : 'ies'}, ${run.errors.length} error${run.errors.length === 1 ? '' : 's'}`));
  for (const a of run.articles) {
    lines.push('', c.bold(c.cyan(clip(articleHeading(a), w))), `  ${c.dim(clip(metaLine(a), w - 2))}`);
    if (a.removed.length) field('removed', [`${a.removed.length} line${a.removed.length === 1 ? '' : 's'}: ${removedSummary(a)}`]);
    const quotes = quoteLines(a);
    if (quotes.length) {
      lines.push(`  ${c.dim('quotes')}`);
      for (const q of quotes) lines.push(`    ${c.yellow(q.speaker)}${q.direct ? '' : c.dim(' (indirect)')}: ${clip(q.text, w - q.speaker.length - 8)}`);
    }
    field('numbers', quantityLines(a));
    field('dates', dateLines(a));
    field('sources', sourceLines(a), ', ');
    field('hedges', hedgeLines(a), ', ');
  }
  const shared = run.entities
    .map((e) => ({ e, n: run.articles.filter((a) => (a.layers.entities ?? []).some((m) => m.ref === e.ref)).length }))
    .filter((x) => x.n > 1)
    .sort((x, y) => y.n - x.n || x.e.name.localeCompare(y.e.name))
    .slice(0, 15);
  if (shared.length) {
    lines.push('', c.bold('Named in several articles'));
    for (const { e, n } of shared) lines.push(`  ${e.name} ${c.dim(`${e.type}, ${n} articles${e.aliases.length ? `; also ${e.aliases.join(', ')}` : ''}`)}`);
  }
  if (run.stories.length) {
    lines.push('', c.bold('Stories'));
    for (const s of run.stories) {
      lines.push(`  ${s.id} ${clip(s.title, w - 20)} ${c.dim(`(${s.articleIds.length} article${s.articleIds.length === 1 ? '' : 's'})`)}`);
      for (const r of reuseViews(s, run.articles)) {
        lines.push(`    ${c.magenta('copy')} ${clip(r.head, w - 10)}`);
        const changed = r.changes.map((ch) => `${ch.from ? c.red(`-${ch.from}`) : ''}${ch.from && ch.to ? ' ' : ''}${ch.to ? c.green(`+${ch.to}`) : ''}`);
        if (changed.length) lines.push(`      ${changed.join(c.dim(' · '))}`);
      }
      if (s.check) lines.push(...checkLines(checkView(s.check, run.articles, s.articleIds), c, w));
    }
  }
  if (run.errors.length) {
    lines.push('', c.bold(c.red('Errors')));
    for (const e of run.errors) lines.push(`  ${printable(e.input)}: ${printable(e.reason)}`);
  }
  return lines.join('\n') + '\n';
}

const STATUS_COLOR = { corroborated: 'green', 'single-origin': 'yellow', reported: 'yellow', contested: 'red', changed: 'magenta' } as const;

/** A story's cross-check in the terminal: brief by section, claims, labels, loaded words, quoted sources, timeline. */
function checkLines(v: CheckView, c: ReturnType<typeof pc.createColors>, w: number): string[] {
  const out: string[] = [];
  for (const s of v.brief) {
    out.push(`    ${c.bold(s.heading)}`);
    for (const b of s.items) out.push(`      • ${clip(b.text, w * 2)} ${c.dim(`[${b.cites}]`)}`);
  }
  const n = v.claimCounts;
  out.push(`    ${c.bold('Claims')} ${c.dim(`${n.corroborated} corroborated · ${n['single-origin']} single-origin · ${n.contested} contested`)}`);
  for (const x of v.claims) {
    out.push(`      ${c[STATUS_COLOR[x.status]](x.status.padEnd(13))} ${c.dim(`${x.origins} origin${x.origins === 1 ? '' : 's'}/${x.articles} art.`)} ${clip(x.text, w - 34)} ${c.dim(`[${x.outlets}]`)}`);
    for (const k of x.conflicts) out.push(`        ${c.red('!')} ${clip(k, w * 2)}`);
  }
  if (v.labels.length) out.push(`    ${c.bold('Labels')}`);
  for (const l of v.labels) {
    out.push(`      ${l.actor}`);
    for (const r of l.rows) out.push(`        ${c.cyan(r.outlet)}: ${r.own.join(', ')}${r.quoted.length ? c.dim(` (in quotes: ${r.quoted.join(', ')})`) : ''}`);
  }
  out.push(`    ${c.bold('Loaded language')} ${c.dim('own voice · in quotes · speculative sentences')}`);
  for (const l of v.loaded) out.push(`      ${c.cyan(l.outlet)} ${c.dim(l.kind)}: ${l.own.length ? c.red(l.own.join(', ')) : '—'}${l.quoted.length ? c.dim(` · quoted: ${l.quoted.join(', ')}`) : ''}${l.speculation ? c.dim(` · ${l.speculation} speculative`) : ''}`);
  out.push(`    ${c.bold('Quoted')}`);
  for (const q of v.quoted) if (q.sources.length) out.push(`      ${c.cyan(q.outlet)}: ${clip(q.sources.join('; '), w * 2)}`);
  if (v.timeline.length) out.push(`    ${c.bold('Timeline')}`);
  for (const t of v.timeline) out.push(`      ${c.dim(t.date.padEnd(10))} ${clip(t.text, w - 30)} ${c.dim(`[${t.outlets}]`)}`);
  return out;
}
