import type { Article } from '../model/article.js';
import { CLAIM_STATUSES } from '../model/check.js';
import type { RunResult, StoryRecord } from '../model/run.js';
import { articleLabels, fileOrder } from '../util/names.js';
import { checkView, plural, type CheckView, type ClaimFilter } from './check-view.js';
import { acrossViews, storylineViews } from './storyline-view.js';
import { countsLine, HOW_TO_READ, shownLine, statusLegend } from './explain.js';
import { articleHeading, clip, dateLines, hedgeLines, metaLine, quantityLines, quoteLines, removedSummary, reuseViews, sourceLines } from './view.js';

/** Escape article text for Markdown: no raw HTML, no accidental emphasis, links or table breaks. */
export function mdEscape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

const cell = (s: string) => mdEscape(s).replace(/\|/g, '\\|');

/** A story's claims, framing and timeline (after its brief, verdicts, conflicts and copy chain). */
function checkMarkdown(v: CheckView): string[] {
  const out: string[] = [];
  out.push(`### Claims`, '', shownLine(v.claims.length, v.totalClaims, 'run with `--all` to list every claim', v.filter), '');
  if (v.claims.length) {
    // Pivoted: one row per claim with the articles that carry it named, so the table stays narrow whatever the number of articles.
    out.push('| verdict | origins / articles | claim | carried by |', '|---|---|---|---|');
    for (const c of v.claims) out.push(`| ${CLAIM_STATUSES[c.status].label} | ${c.origins} / ${c.articles} | ${cell(c.text)}${c.why ? `<br>_${cell(c.why)}_` : ''} | ${cell(c.outlets)} |`);
    out.push('');
  }
  if (v.labels.length) {
    out.push('### How each outlet names the actors', '', '| actor | outlet | own voice | in quotes |', '|---|---|---|---|');
    for (const l of v.labels) for (const r of l.rows) out.push(`| ${cell(l.actor)} | ${cell(r.outlet)} | ${cell(r.own.join(', '))} | ${cell(r.quoted.join(', '))} |`);
    out.push('');
  }
  out.push('### Loaded language and sources', '', '| outlet | kind | loaded per 1,000 words | loaded (own voice) | loaded (in quotes) | speculative sentences | quoted |', '|---|---|---|---|---|---|---|');
  v.loaded.forEach((l, i) => out.push(`| ${cell(l.outlet)} | ${l.kind} | ${l.perThousand} | ${cell(l.own.join(', '))} | ${cell(l.quoted.join(', '))} | ${l.speculation} | ${cell(v.quoted[i]?.sources.join('; ') ?? '')} |`));
  out.push('');
  if (v.timeline.length) {
    out.push('### Timeline', '', '| date | event | sources |', '|---|---|---|');
    for (const t of v.timeline) out.push(`| ${t.date} | ${cell(t.text)} | ${cell(t.outlets)} |`);
    out.push('');
  }
  return out;
}

function storyMarkdown(s: StoryRecord, articles: readonly Article[], labels: ReadonlyMap<string, string>, all: boolean, filter?: ClaimFilter): string[] {
  const mine = fileOrder(articles.filter((a) => s.articleIds.includes(a.id)));
  const out: string[] = [`## ${mdEscape(s.title)}`, '', `*${plural(mine.length, 'article')}: ${mine.map((a) => mdEscape(labels.get(a.id) ?? a.source)).join(', ')} · story ${s.id}*`, ''];
  const v = s.check ? checkView(s.check, articles, s.articleIds, { all, filter }) : null;
  if (v) {
    for (const sec of v.brief) {
      out.push(`### ${sec.heading}`, '');
      for (const b of sec.items) out.push(`- ${mdEscape(b.text)} — *${mdEscape(b.cites)}*`);
      out.push('');
    }
    out.push('### Verdicts', '', `${countsLine(v.claimCounts)} (of ${plural(v.totalClaims, 'claim')})`, '');
    for (const st of statusLegend()) if (v.claimCounts[st.status]) out.push(`- **${v.claimCounts[st.status]} ${st.label}**: ${mdEscape(st.means)}`);
    out.push('');
    const conflicts = v.allClaims.flatMap((x) => x.conflicts.filter((k) => x.id < k.claimId || !v.allClaims.some((y) => y.id === k.claimId)));
    if (conflicts.length) {
      out.push('### Conflicts', '');
      for (const k of conflicts) out.push(`- **${k.kind}**: ${mdEscape(k.note)}`);
      out.push('');
    }
  }
  const reuse = reuseViews(s, articles, labels);
  if (reuse.length) {
    out.push('### Copy chain', '');
    for (const r of reuse) {
      out.push(`- ${mdEscape(r.head)}`);
      if (r.changes.length) out.push(`  - changed: ${r.changes.map((c) => `~~${mdEscape(c.from) || '∅'}~~ → **${mdEscape(c.to) || '∅'}**`).join('; ')}`);
    }
    out.push('');
  }
  if (v) out.push(...checkMarkdown(v));
  return out;
}

/** The run as a Markdown document, story first: how to read it, each story, then each article, the entities and the errors. */
export function renderMarkdown(run: RunResult, options: { all?: boolean; filter?: ClaimFilter } = {}): string {
  const out: string[] = ['# triangulate report', '', `${plural(run.articles.length, 'article')} · ${plural(run.stories.length, 'story', 'stories')}${run.storylines ? ` in ${plural(run.storylines.length, 'storyline')}` : ''} · ${plural(run.errors.length, 'input')} not read`, ''];
  out.push('**How to read this.**', '', ...HOW_TO_READ.flatMap((p) => [p, '']), '**Verdicts:**', '');
  for (const s of statusLegend()) out.push(`- **${s.label}**: ${mdEscape(s.means)}`);
  out.push('');
  const labels = articleLabels(run.articles);
  const views = storylineViews(run, labels);
  if (views.length) out.push('## Storylines', '', `${plural(views.length, 'storyline')} of two or more stories that continue one another.`, '');
  for (const v of views) {
    out.push(`### ${mdEscape(v.title)}`, '', `*${v.days} · storyline ${v.id}*`, '', '| days | story | outlets | articles |', '|---|---|---|---|');
    for (const e of v.events) out.push(`| ${e.days} | ${cell(e.title)} (${e.id}) | ${cell(e.outlets.join(', '))} | ${e.articles} |`);
    out.push('');
    if (v.changes.length) out.push('**What changed between them:**', '', ...v.changes.map((ch) => `- **${ch.kind}**: ${mdEscape(ch.line)}`), '');
    if (v.checked) out.push(`*${mdEscape(v.checked)}*`, '');
  }
  for (const s of run.stories) {
    out.push(...storyMarkdown(s, run.articles, labels, Boolean(options.all), options.filter));
    const across = acrossViews(s, run.reuseAcross ?? [], run.stories, run.articles, labels);
    if (across.length) out.push('### Copies across stories', '', ...across.map((r) => `- ${mdEscape(r.head)} (the other is in story ${r.otherStory}: ${mdEscape(r.otherTitle)})`), '');
  }
  if (run.articles.length) out.push('## Articles', '');
  for (const a of fileOrder(run.articles)) {
    out.push(`### ${mdEscape(labels.get(a.id) ?? a.source)}: ${mdEscape(articleHeading(a))}`, '', `*${mdEscape(metaLine(a))}*`, '');
    if (a.removed.length) out.push(`**Removed as junk** (${a.removed.length}): ${mdEscape(removedSummary(a))}`, '');
    const quotes = quoteLines(a);
    if (quotes.length) {
      out.push('| speaker | quote | kind |', '|---|---|---|');
      for (const q of quotes) out.push(`| ${cell(q.speaker)} | ${cell(clip(q.text, 400))} | ${q.denies ? 'denies' : q.direct ? 'direct' : 'indirect'} |`);
      out.push('');
    }
    for (const [label, items] of [['Numbers', quantityLines(a)], ['Dates', dateLines(a)], ['Sources', sourceLines(a)], ['Hedges', hedgeLines(a)]] as const)
      if (items.length) out.push(`**${label}:** ${items.map(mdEscape).join('; ')}`, '');
  }
  if (run.entities.length) {
    out.push('## Entities', '', '| name | type | also written |', '|---|---|---|');
    for (const e of run.entities) out.push(`| ${cell(e.name)} | ${e.type} | ${cell(e.aliases.join(', '))} |`);
    out.push('');
  }
  if (run.errors.length) {
    out.push('## Errors', '');
    for (const e of run.errors) out.push(`- \`${mdEscape(e.input)}\`: ${mdEscape(e.reason)}`);
    out.push('');
  }
  return out.join('\n');
}
