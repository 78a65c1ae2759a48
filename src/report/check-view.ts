import type { Article } from '../model/article.js';
import type { BriefSection, ClaimStatus, LabelRecord, StoryCheck, TextRef } from '../model/check.js';
import { sourceName } from '../util/names.js';

/** What the human-readable reports show of a story's cross-check; built once, rendered three ways. */
export interface CheckView {
  readonly brief: readonly { readonly heading: string; readonly items: readonly { readonly text: string; readonly cites: string; readonly articleIds: readonly string[]; readonly spans: readonly TextRef[] }[] }[];
  readonly claimCounts: Readonly<Record<ClaimStatus, number>>;
  /** Claims carried by several articles or in conflict, most independent origins first. */
  readonly claims: readonly { readonly status: ClaimStatus; readonly origins: number; readonly articles: number; readonly text: string; readonly outlets: string; readonly conflicts: readonly string[]; readonly cells: readonly (TextRef | null)[] }[];
  /** Column heads of the claims × sources matrix (one per article of the story). */
  readonly columns: readonly string[];
  readonly labels: readonly { readonly ref: string; readonly actor: string; readonly rows: readonly { readonly outlet: string; readonly own: readonly string[]; readonly quoted: readonly string[] }[] }[];
  readonly loaded: readonly { readonly outlet: string; readonly kind: string; readonly own: readonly string[]; readonly quoted: readonly string[]; readonly speculation: number }[];
  readonly quoted: readonly { readonly outlet: string; readonly sources: readonly string[] }[];
  readonly timeline: readonly { readonly date: string; readonly text: string; readonly outlets: string }[];
}

const HEADINGS: Record<BriefSection, string> = {
  summary: 'Brief',
  agreed: 'Agreed by independent sources',
  'single-origin': 'Resting on one origin',
  contested: 'Contested or changed',
  framing: 'How the outlets framed it',
};

const MAX_CLAIMS = 12;

/** Labels of actors (people, groups, states and their forces), not of places or organisations named differently. */
export function isActorLabel(l: Pick<LabelRecord, 'ref'>): boolean {
  return !/^(place|organization):/.test(l.ref);
}

export function checkView(check: StoryCheck, articles: readonly Article[], articleIds: readonly string[]): CheckView {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? sourceName(a) : id;
  };
  const names = (ids: readonly string[]) => [...new Set(ids.map(name))].join(', ');
  const brief = (Object.keys(HEADINGS) as BriefSection[])
    .map((section) => ({ heading: HEADINGS[section], items: check.brief.filter((b) => b.section === section).map((b) => ({ text: b.text, cites: names(b.articleIds), articleIds: b.articleIds, spans: b.spans })) }))
    .filter((s) => s.items.length);
  const claimCounts: Record<ClaimStatus, number> = { corroborated: 0, 'single-origin': 0, reported: 0, contested: 0, changed: 0 };
  for (const c of check.claims) claimCounts[c.status]++;
  const shown = check.claims.filter((c) => c.articles > 1 || c.conflicts.length).slice(0, MAX_CLAIMS);
  const claims = shown.map((c) => ({
    status: c.status,
    origins: c.independentOrigins,
    articles: c.articles,
    text: c.text,
    outlets: names(c.mentions.map((m) => m.articleId)),
    conflicts: c.conflicts.map((k) => `${k.kind}: ${k.note}`),
    cells: articleIds.map((id) => c.mentions.find((m) => m.articleId === id) ?? null),
  }));
  const labels = check.labels
    .filter(isActorLabel)
    .slice(0, 6)
    .map((l) => ({
      ref: l.ref,
      actor: l.name,
      rows: articleIds
        .filter((id) => l.byArticle[id] || l.quotedByArticle[id])
        .map((id) => ({ outlet: name(id), own: l.byArticle[id] ?? [], quoted: l.quotedByArticle[id] ?? [] })),
    }));
  const loaded = check.framing.map((f) => {
    const mine = check.loaded.filter((l) => l.articleId === f.articleId);
    const uniq = (xs: readonly string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
    return { outlet: name(f.articleId), kind: f.kind, own: uniq(mine.filter((l) => !l.quoted).map((l) => l.text)), quoted: uniq(mine.filter((l) => l.quoted).map((l) => l.text)), speculation: f.speculation.length };
  });
  const quoted = check.framing.map((f) => ({
    outlet: name(f.articleId),
    sources: f.quoted.map((q) => `${q.speaker} (${[q.role, q.side?.replace(/^place:/, '').replace(/-/g, ' ')].filter(Boolean).join(', ')})${q.quotes > 1 ? ` ×${q.quotes}` : ''}`),
  }));
  const timeline = check.timeline.map((t) => ({ date: t.date, text: t.text, outlets: names(t.articleIds) }));
  return { brief, claimCounts, claims, columns: articleIds.map(name), labels, loaded, quoted, timeline };
}
