import { checkView, type CheckView } from './check-view.js';
import type { RunResult } from '../model/run.js';
import { reuseViews, articleHeading, clip, dateLines, hedgeLines, metaLine, quantityLines, quoteLines, removedSummary, sourceLines } from './view.js';

/** Escape article text for Markdown: no raw HTML, no accidental emphasis, links or table breaks. */
export function mdEscape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/** The run as a Markdown document: one section per article, then entities, stories and errors. */
function checkMarkdown(v: CheckView): string[] {
  const out: string[] = [];
  const cell = (s: string) => mdEscape(s).replace(/\|/g, '\\|');
  for (const s of v.brief) {
    out.push(`### ${s.heading}`, '');
    for (const b of s.items) out.push(`- ${mdEscape(b.text)} — *${mdEscape(b.cites)}*`);
    out.push('');
  }
  const n = v.claimCounts;
  out.push(`### Claims`, '', `${n.corroborated} corroborated · ${n['single-origin']} single-origin · ${n.contested} contested`, '');
  if (v.claims.length) {
    out.push(`| status | origins / articles | claim | ${v.columns.map(cell).join(' | ')} |`, `|---|---|---|${v.columns.map(() => '---').join('|')}|`);
    for (const c of v.claims) out.push(`| ${c.status} | ${c.origins} / ${c.articles} | ${cell(c.text)}${c.conflicts.map((k) => `<br>⚠ ${cell(k)}`).join('')} | ${c.cells.map((x) => (x ? '●' : '')).join(' | ')} |`);
    out.push('');
  }
  if (v.labels.length) {
    out.push('### Labels', '', '| actor | outlet | own voice | in quotes |', '|---|---|---|---|');
    for (const l of v.labels) for (const r of l.rows) out.push(`| ${cell(l.actor)} | ${cell(r.outlet)} | ${cell(r.own.join(', '))} | ${cell(r.quoted.join(', '))} |`);
    out.push('');
  }
  out.push('### Loaded language and sources', '', '| outlet | kind | loaded (own voice) | loaded (in quotes) | speculative sentences | quoted |', '|---|---|---|---|---|---|');
  v.loaded.forEach((l, i) => out.push(`| ${cell(l.outlet)} | ${l.kind} | ${cell(l.own.join(', '))} | ${cell(l.quoted.join(', '))} | ${l.speculation} | ${cell(v.quoted[i]?.sources.join('; ') ?? '')} |`));
  out.push('');
  if (v.timeline.length) {
    out.push('### Timeline', '', '| date | event | sources |', '|---|---|---|');
    for (const t of v.timeline) out.push(`| ${t.date} | ${cell(t.text)} | ${cell(t.outlets)} |`);
    out.push('');
  }
  return out;
}

export function renderMarkdown(run: RunResult): string {
  const out: string[] = ['# triangulate report', '', `${run.articles.length} articles · ${run.stories.length} stories · ${run.errors.length} errors`, ''];
  for (const a of run.articles) {
    out.push(`## ${mdEscape(articleHeading(a))}`, '', `*${mdEscape(metaLine(a))}*`, '');
    if (a.removed.length) out.push(`**Removed as junk** (${a.removed.length}): ${mdEscape(removedSummary(a))}`, '');
    const quotes = quoteLines(a);
    if (quotes.length) {
      out.push('| speaker | quote | kind |', '|---|---|---|');
      for (const q of quotes) out.push(`| ${mdEscape(q.speaker)} | ${mdEscape(clip(q.text, 240))} | ${q.direct ? 'direct' : 'indirect'} |`);
      out.push('');
    }
    for (const [label, items] of [['Numbers', quantityLines(a)], ['Dates', dateLines(a)], ['Sources', sourceLines(a)], ['Hedges', hedgeLines(a)]] as const)
      if (items.length) out.push(`**${label}:** ${items.map(mdEscape).join('; ')}`, '');
  }
  if (run.entities.length) {
    out.push('## Entities', '', '| name | type | ref | also written |', '|---|---|---|---|');
    for (const e of run.entities) out.push(`| ${mdEscape(e.name)} | ${e.type} | \`${e.ref}\` | ${mdEscape(e.aliases.join(', '))} |`);
    out.push('');
  }
  if (run.stories.length) {
    out.push('## Stories', '');
    for (const s of run.stories) {
      out.push(`- **${mdEscape(s.title)}** (${s.articleIds.length} articles: ${s.articleIds.join(', ')})`);
      for (const r of reuseViews(s, run.articles)) {
        out.push(`  - copy chain: ${mdEscape(r.head)}`);
        if (r.changes.length) out.push(`    - changed: ${r.changes.map((c) => `~~${mdEscape(c.from) || '∅'}~~ → **${mdEscape(c.to) || '∅'}**`).join('; ')}`);
      }
      if (s.check) out.push('', ...checkMarkdown(checkView(s.check, run.articles, s.articleIds)));
    }
    out.push('');
  }
  if (run.errors.length) {
    out.push('## Errors', '');
    for (const e of run.errors) out.push(`- \`${mdEscape(e.input)}\`: ${mdEscape(e.reason)}`);
    out.push('');
  }
  return out.join('\n');
}
