import pc from 'picocolors';
import type { Article } from '../model/article.js';
import { CLAIM_STATUSES } from '../model/check.js';
import type { RunResult, StoryRecord } from '../model/run.js';
import { articleLabels, fileOrder, sourceName } from '../util/names.js';
import { checkView, plural, type CheckView, type ClaimFilter } from './check-view.js';
import { acrossViews, storylineViews, type StorylineView } from './storyline-view.js';
import { countsLine, HOW_TO_READ, shownLine, statusLegend } from './explain.js';
import { articleHeading, clip, dateLines, hedgeLines, metaLine, quantityLines, quoteLines, removedSummary, reuseViews, sourceLines } from './view.js';
import { printable } from '../util/printable.js';

export interface TerminalOptions {
  readonly color: boolean;
  readonly width: number;
  /** List every claim, not only those carried by several articles or in conflict. */
  readonly all?: boolean;
  /** Only the claims this filter keeps. */
  readonly filter?: ClaimFilter;
  /** The input errors were printed already (on stderr, as they happened): count them, do not list them again. */
  readonly errorsPrinted?: boolean;
  /** Leave out the "how to read this" and the legend (for a second report in one session). */
  readonly brief?: boolean;
  /** List each article with its annotations (default); false prints how to see them instead, unless `all`. */
  readonly articles?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Wrap a line of evidence to the width with a hanging indent instead of cutting it: what a claim
 * says is never lost to a "…". Control characters never reach the terminal.
 */
export function wrap(s: string, width: number, indent: string, first = indent): string[] {
  const words = s.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let line = first;
  for (const w of words) {
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
    if (visible.length + w.length + 1 > width && visible.trim().length > 0 && visible.length > first.length) {
      out.push(line.trimEnd());
      line = indent;
    }
    line += (line === indent || line === first ? '' : ' ') + w;
  }
  out.push(line.trimEnd());
  return out;
}

const STATUS_COLOR = { corroborated: 'green', 'single-origin': 'yellow', reported: 'blue', contested: 'red', changed: 'magenta' } as const;

/**
 * The default report, story first: how to read it and what each verdict means, then per story its
 * brief, verdicts, conflicts, copy chain, claims, framing and timeline; then each article (title,
 * outlet, date, kind, junk cut, quotes, numbers, dates, sources, hedges); then the entities named
 * in several articles, and the errors. Colour only when asked (the CLI asks on a TTY).
 */
export function renderTerminal(run: RunResult, options: TerminalOptions): string {
  const c = pc.createColors(options.color);
  const w = Math.max(40, options.width);
  const lines: string[] = [];
  const errors = run.errors.length;
  const views = storylineViews(run);
  const inLines = run.storylines ? ` in ${plural(run.storylines.length, 'storyline')}` : '';
  lines.push(c.bold(`triangulate: ${plural(run.articles.length, 'article')}, ${plural(run.stories.length, 'story', 'stories')}${inLines}, ${errors ? `${plural(errors, 'input')} not read${options.errorsPrinted ? ' (listed above)' : ''}` : 'every input read'}`));
  if (run.stories.some((s) => s.check) && !options.brief) {
    lines.push('', c.bold('How to read this'));
    for (const p of HOW_TO_READ) lines.push(...wrap(p, w, '  ').map((l) => c.dim(l)));
    lines.push(c.bold('Verdicts'));
    for (const s of statusLegend()) lines.push(...wrap(s.means, w, ' '.repeat(18), `  ${c[STATUS_COLOR[s.status]](s.label.padEnd(15))} `));
  }
  const labels = articleLabels(run.articles);
  if (views.length) lines.push('', c.bold(`Storylines (${views.length}): stories that continue one another`));
  for (const v of views) lines.push(...storylineLines(v, c, w));
  for (const s of run.stories) {
    lines.push(...storyLines(s, run.articles, labels, c, w, options));
    for (const r of acrossViews(s, run.reuseAcross ?? [], run.stories, run.articles, labels)) lines.push(...wrap(`${r.head} (the other is in story ${r.otherStory}: ${r.otherTitle})`, w, '      ', `    ${c.magenta('copy across stories')} `));
  }
  if (options.articles === false && !options.all) lines.push('', c.dim(`Each article's quotes, numbers, dates, sources and cut junk: run with --all, or write them with --html FILE.`));
  else {
    if (run.articles.length) lines.push('', c.bold(`Articles (${run.articles.length})`));
    for (const a of fileOrder(run.articles)) lines.push(...articleLines(a, labels.get(a.id) ?? a.source, c, w));
  }
  const shared = run.entities
    .map((e) => ({ e, n: run.articles.filter((a) => (a.layers.entities ?? []).some((m) => m.ref === e.ref)).length }))
    .filter((x) => x.n > 1)
    .sort((x, y) => y.n - x.n || x.e.name.localeCompare(y.e.name))
    .slice(0, options.all ? undefined : 15);
  if (shared.length) {
    lines.push('', c.bold('Named in several articles'));
    for (const { e, n } of shared) lines.push(`  ${e.name} ${c.dim(`${e.type}, ${n} articles${e.aliases.length ? `; also ${e.aliases.join(', ')}` : ''}`)}`);
  }
  if (errors && !options.errorsPrinted) {
    lines.push('', c.bold(c.red('Errors')));
    for (const e of run.errors) lines.push(`  ${printable(e.input)}: ${printable(e.reason)}`);
  }
  return lines.join('\n') + '\n';
}

function storyLines(s: StoryRecord, articles: readonly Article[], labels: ReadonlyMap<string, string>, c: Colors, w: number, options: TerminalOptions): string[] {
  const out: string[] = [];
  const mine = fileOrder(articles.filter((a) => s.articleIds.includes(a.id)));
  out.push('', c.bold(c.cyan(`Story ${s.id}`)) + ' ' + c.bold(clip(s.title, w - 18)));
  out.push(...wrap(`${plural(mine.length, 'article')} from ${plural(new Set(mine.map((a) => sourceName(a))).size, 'source')}: ${mine.map((a) => `${labels.get(a.id)}${a.meta.published ? ` (${a.meta.published})` : ''}`).join(', ')}`, w, '    ', '  ').map((l) => c.dim(l)));
  const v = s.check ? checkView(s.check, articles, s.articleIds, { all: options.all, filter: options.filter }) : null;
  if (v) {
    for (const sec of v.brief) {
      out.push(`  ${c.bold(sec.heading)}`);
      for (const b of sec.items) out.push(...wrap(`${b.text} ${c.dim(`[${b.cites}]`)}`, w, '      ', '    • '));
    }
    out.push(`  ${c.bold('Verdicts')} ${countsLine(v.claimCounts)} ${c.dim(`(of ${plural(v.totalClaims, 'claim')})`)}`);
    for (const st of statusLegend()) if (v.claimCounts[st.status]) out.push(...wrap(c.dim(st.means), w, ' '.repeat(8), `    ${c[STATUS_COLOR[st.status]](String(v.claimCounts[st.status]).padStart(3))} ${c[STATUS_COLOR[st.status]](st.label)}: `));
    const conflicts = v.allClaims.flatMap((x) => x.conflicts.map((k) => ({ x, k }))).filter(({ x, k }) => x.id < k.claimId || !v.allClaims.some((y) => y.id === k.claimId));
    if (conflicts.length) {
      out.push(`  ${c.bold('Conflicts')}`);
      for (const { k } of conflicts) out.push(...wrap(k.line, w, '      ', `    ${c.red('!')} `));
    }
  }
  const reuse = reuseViews(s, articles, labels);
  if (reuse.length) out.push(`  ${c.bold('Copy chain')}`);
  for (const r of reuse) {
    out.push(...wrap(r.head, w, '      ', `    ${c.magenta('copy')} `));
    const changed = r.changes.map((ch) => `${ch.from ? c.red(`-${ch.from}`) : ''}${ch.from && ch.to ? ' ' : ''}${ch.to ? c.green(`+${ch.to}`) : ''}`);
    if (changed.length) out.push(...wrap(changed.join(c.dim(' · ')), w, '      '));
  }
  if (v) out.push(...checkLines(v, c, w));
  return out;
}

/** A storyline as the terminal shows it (`triangulate storyline`): its stories with their days and outlets, then what changed between them. */
export function renderStoryline(v: StorylineView, options: Pick<TerminalOptions, 'color' | 'width'>): string {
  return storylineLines(v, pc.createColors(options.color), Math.max(40, options.width)).join('\n').replace(/^\n/, '') + '\n';
}

/** A storyline in the terminal: its events with their days and outlets, then what changed between them. */
function storylineLines(v: StorylineView, c: Colors, w: number): string[] {
  const out: string[] = ['', `  ${c.bold(c.cyan(`Storyline ${v.id}`))} ${c.bold(clip(v.title, w - 22))} ${c.dim(v.days)}`];
  for (const e of v.events) out.push(...wrap(`${c.dim(e.days)} story ${e.id}: ${e.title} ${c.dim(`[${e.outlets.join(', ')}]`)}`, w, '        ', '    • '));
  if (v.changes.length) out.push(`    ${c.bold('What changed between them')}`);
  for (const ch of v.changes) out.push(...wrap(`${c.red(ch.kind)}: ${ch.line}`, w, '        ', `    ${c.red('!')} `));
  if (v.checked) out.push(...wrap(c.dim(v.checked), w, '      ', '    '));
  return out;
}

/** A story's claims, framing and timeline in the terminal. */
function checkLines(v: CheckView, c: Colors, w: number): string[] {
  const out: string[] = [];
  out.push(`  ${c.bold('Claims')}`, ...wrap(shownLine(v.claims.length, v.totalClaims, 'run with --all to list every claim', v.filter), w, '    ').map((l) => c.dim(l)));
  for (const x of v.claims) {
    const head = `${c[STATUS_COLOR[x.status]](CLAIM_STATUSES[x.status].label)} ${c.dim(`(${plural(x.origins, 'origin')}, ${plural(x.articles, 'article')})`)} `;
    out.push(...wrap(`${head}${x.text} ${c.dim(`[${x.outlets}]`)}`, w, '      ', '    '));
    if (x.why) out.push(...wrap(c.dim(`why: ${x.why}`), w, '        ', '      '));
  }
  if (v.labels.length) out.push(`  ${c.bold('How each outlet names the actors')}`);
  for (const l of v.labels) {
    out.push(`    ${l.actor}`);
    for (const r of l.rows) out.push(...wrap(`${c.cyan(r.outlet)}: ${r.own.join(', ') || '—'}${r.quoted.length ? c.dim(` (in quotes: ${r.quoted.join(', ')})`) : ''}`, w, '          ', '      '));
  }
  out.push(`  ${c.bold('Loaded words')} ${c.dim('in its own voice, per 1,000 words · inside quotations · speculative sentences')}`);
  for (const l of v.loaded) out.push(...wrap(`${c.cyan(l.outlet)} ${c.dim(l.kind)} ${l.perThousand}/1,000: ${l.own.length ? c.red(l.own.join(', ')) : '—'}${l.quoted.length ? c.dim(` · quoted: ${l.quoted.join(', ')}`) : ''}${l.speculation ? c.dim(` · ${l.speculation} speculative`) : ''}`, w, '        ', '    '));
  out.push(`  ${c.bold('Whom each quotes')}`);
  for (const q of v.quoted) if (q.sources.length) out.push(...wrap(`${c.cyan(q.outlet)}: ${q.sources.join('; ')}`, w, '        ', '    '));
  if (v.timeline.length) out.push(`  ${c.bold('Timeline')}`);
  for (const t of v.timeline) out.push(...wrap(`${t.text} ${c.dim(`[${t.outlets}]`)}`, w, ' '.repeat(15), `    ${c.dim(t.date.padEnd(10))} `));
  return out;
}

function articleLines(a: Article, label: string, c: Colors, w: number): string[] {
  const lines: string[] = [];
  const field = (name: string, items: string[], sep = '; ') => {
    if (items.length) lines.push(...wrap(items.join(sep), w, ' '.repeat(14), `    ${c.dim(name.padEnd(9))} `));
  };
  lines.push('', `  ${c.bold(c.cyan(label))} ${c.bold(clip(articleHeading(a), w - label.length - 4))}`, `    ${c.dim(clip(metaLine(a), w - 4))}`);
  if (a.removed.length) field('removed', [`${plural(a.removed.length, 'line')}: ${removedSummary(a)}`]);
  const quotes = quoteLines(a);
  if (quotes.length) {
    lines.push(`    ${c.dim('quotes')}`);
    for (const q of quotes) lines.push(...wrap(`${c.yellow(q.speaker)}${q.denies ? c.dim(' denies') : q.direct ? '' : c.dim(' (indirect)')}: ${q.text}`, w, '          ', '      '));
  }
  field('numbers', quantityLines(a));
  field('dates', dateLines(a));
  field('sources', sourceLines(a), ', ');
  field('hedges', hedgeLines(a), ', ');
  return lines;
}
