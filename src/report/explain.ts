import { CLAIM_STATUSES, type ClaimStatus } from '../model/check.js';
import { STATUS_ORDER } from './check-view.js';

/**
 * What every report and page says about itself: how to read it, and what each verdict means
 * (the meanings come from CLAIM_STATUSES, defined once in src/model/check.ts).
 */

/** The short "how to read this" at the top of every report and of the demo. */
export const HOW_TO_READ: readonly string[] = [
  'Each story groups the articles that report one event. It opens with a brief (every sentence cites the articles it comes from), a verdict for each claim, the conflicts between reports and who copied whom.',
  'A claim is one statement, however many articles carry it; its verdict says how far independent sources back it. Articles that copy one another, credit one source or come from one outlet count as one origin.',
  'Then come the claims one by one, how each outlet framed the story (its words for the actors, its loaded words in its own voice), the timeline, and last each article with its annotations.',
];

/** A verdict with its one-line meaning: "corroborated: stated by two or more independent origins …". */
export function statusLine(status: ClaimStatus): string {
  return `${CLAIM_STATUSES[status].label}: ${CLAIM_STATUSES[status].means}`;
}

/** Every verdict with its meaning, in report order. */
export function statusLegend(): readonly { readonly status: ClaimStatus; readonly label: string; readonly means: string }[] {
  return STATUS_ORDER.map((status) => ({ status, label: CLAIM_STATUSES[status].label, means: CLAIM_STATUSES[status].means }));
}

/** "4 corroborated · 98 single origin · 2 contested" (statuses with no claim left out, all when `every`). */
export function countsLine(counts: Readonly<Record<ClaimStatus, number>>, every = false): string {
  return STATUS_ORDER.filter((s) => every || counts[s])
    .map((s) => `${counts[s]} ${CLAIM_STATUSES[s].label}`)
    .join(' · ');
}

/** "Showing 9 of 104 claims (those carried by several articles or in conflict); `--all` lists every one." */
export function shownLine(shown: number, total: number, how: string, filter: string | null = null): string {
  if (filter) return `Showing ${shown} of ${total} claims: those ${filter}.`;
  if (shown >= total) return `All ${total} claim${total === 1 ? '' : 's'} shown.`;
  return `Showing ${shown} of ${total} claims (those carried by several articles or in conflict, most independent origins first); ${total - shown} hidden: ${how}.`;
}

/** The verdicts as a Markdown table, for docs/json.md (scripts/docs.ts writes it between its markers; a test keeps it current). */
export function statusesMarkdown(): string {
  return ['| `status` | shown as | means |', '|---|---|---|', ...statusLegend().map((s) => `| \`${s.status}\` | ${s.label} | ${s.means} |`)].join('\n');
}

/** The markers around the generated block in docs/json.md. */
export const STATUSES_BEGIN = '<!-- statuses: generated from CLAIM_STATUSES by scripts/docs.ts -->';
export const STATUSES_END = '<!-- /statuses -->';
