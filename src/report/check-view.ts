import type { Article } from '../model/article.js';
import { CLAIM_STATUSES, type BriefSection, type ClaimRecord, type ClaimStatus, type LabelRecord, type StoryCheck, type TextRef } from '../model/check.js';
import type { ReuseRecord } from '../model/run.js';
import { articleLabels, fileOrder, refName } from '../util/names.js';
import { wordCount } from '../util/words.js';

/** Every status in report order, with its label and its one-line meaning (from CLAIM_STATUSES, never restated). */
export const STATUS_ORDER = Object.keys(CLAIM_STATUSES) as ClaimStatus[];

/** One mention of a claim, with the article's label and the sentence around it. */
export interface MentionView extends TextRef {
  readonly label: string;
  readonly attributedTo: string | null;
  readonly text: string;
}

export interface ClaimView {
  readonly id: string;
  readonly status: ClaimStatus;
  /** Why this claim has its verdict (the cross-check's one line), null for a check kept before it said. */
  readonly why: string | null;
  /** The cross-check's origins and what joins each (null for a check kept before it said). */
  readonly originList: ClaimRecord['origins'] | null;
  readonly origins: number;
  readonly articles: number;
  readonly text: string;
  /** Labels of the articles that carry it, in file order. */
  readonly outlets: string;
  readonly conflicts: readonly { readonly kind: string; readonly note: string; readonly claimId: string; readonly line: string }[];
  /** Per article of the story (in `columns` order): its mention, or null. */
  readonly cells: readonly (TextRef | null)[];
  readonly mentions: readonly MentionView[];
  readonly date: string | null;
  /** Shown by default: carried by several articles or in conflict. */
  readonly prominent: boolean;
}

/** What the human-readable reports and pages show of a story's cross-check; built once, rendered many ways. */
export interface CheckView {
  readonly brief: readonly { readonly section: BriefSection; readonly heading: string; readonly items: readonly { readonly text: string; readonly cites: string; readonly articleIds: readonly string[]; readonly spans: readonly TextRef[] }[] }[];
  readonly claimCounts: Readonly<Record<ClaimStatus, number>>;
  readonly totalClaims: number;
  /** What the claims filter kept, in words, or null when the claims are not filtered. */
  readonly filter: string | null;
  /** The claims listed (all, or the prominent ones up to the cap), most independent origins first. */
  readonly claims: readonly ClaimView[];
  /** Claims not listed (`--all` shows them). */
  readonly hidden: number;
  /** Every claim, whatever is listed (for exports and evidence pages). */
  readonly allClaims: readonly ClaimView[];
  /** Article ids of the story in file order, and their labels (the matrix's columns). */
  readonly order: readonly string[];
  readonly columns: readonly string[];
  readonly labels: readonly { readonly ref: string; readonly actor: string; readonly rows: readonly { readonly articleId: string; readonly outlet: string; readonly own: readonly string[]; readonly quoted: readonly string[] }[] }[];
  readonly loaded: readonly { readonly articleId: string; readonly outlet: string; readonly kind: string; readonly own: readonly string[]; readonly quoted: readonly string[]; readonly speculation: number; readonly words: number; readonly ownCount: number; readonly perThousand: number }[];
  readonly quoted: readonly { readonly articleId: string; readonly outlet: string; readonly sources: readonly string[]; readonly list: readonly { readonly speaker: string; readonly role: string; readonly side: string | null; readonly quotes: number }[] }[];
  readonly timeline: readonly { readonly date: string; readonly text: string; readonly outlets: string; readonly articleIds: readonly string[]; readonly claimId: string }[];
}

const HEADINGS: Record<BriefSection, string> = {
  summary: 'Brief',
  agreed: 'Agreed by independent sources',
  'single-origin': 'Resting on one origin',
  contested: 'Contested or changed',
  framing: 'How the outlets framed it',
};

/** Claims listed by default (the prominent ones); `all` lists every claim. */
export const MAX_CLAIMS = 12;

/** Labels of actors (people, groups, states and their forces), not of places or organisations named differently. */
export function isActorLabel(l: Pick<LabelRecord, 'ref'>): boolean {
  return !/^(place|organization):/.test(l.ref);
}

/** "3 claims", "1 claim": counts in reports always agree with their noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export interface CheckViewOptions {
  /** List every claim, not only the prominent ones. */
  readonly all?: boolean;
  /** Only the claims this filter keeps, in its order. */
  readonly filter?: ClaimFilter;
}

/** What a filter keeps, in words ("of verdict contested, carried by Daily Blaze, sorted by date"), or null for none. */
export function filterNote(f: ClaimFilter | undefined): string | null {
  if (!filtering(f)) return null;
  const parts = [
    f!.verdict ? `of verdict ${f!.verdict}` : null,
    f!.outlet ? `carried by ${f!.outlet}` : null,
    f!.kind ? `carried by a ${f!.kind} article` : null,
    f!.from ? `about ${f!.from} or later` : null,
    f!.to ? `about ${f!.to} or earlier` : null,
  ].filter(Boolean);
  return `${parts.join(', ') || 'listed'}${f!.sort ? `, sorted by ${f!.sort}` : ''}`;
}

/** A filter that keeps anything at all (any of verdict, outlet, kind, dates or an order). */
export function filtering(f: ClaimFilter | undefined): boolean {
  return Boolean(f && (f.verdict || f.outlet || f.kind || f.from || f.to || f.sort));
}

/** How the claims of a story are filtered and sorted: the story page's query parameters, and the reports' --verdict, --outlet, --kind, --from, --to, --sort. */
export interface ClaimFilter {
  readonly verdict?: ClaimStatus | null;
  /** An article label ("Daily Blaze"): claims it carries. */
  readonly outlet?: string | null;
  /** Article kind: claims carried by a news, opinion or unknown article. */
  readonly kind?: string | null;
  /** ISO days: claims about a day in the range (by the day the statement is about). */
  readonly from?: string | null;
  readonly to?: string | null;
  /** origins (default), articles, date, verdict. */
  readonly sort?: 'origins' | 'articles' | 'date' | 'verdict' | null;
  /** Every claim, not only those carried by several articles or in conflict. */
  readonly all?: boolean;
}

export const CLAIM_SORTS = ['origins', 'articles', 'date', 'verdict'] as const;

/** The claims a filter keeps, in its order (the view's order, most independent origins first, by default). */
export function filterClaims(v: Pick<CheckView, 'claims' | 'allClaims'>, articles: readonly Article[], f: ClaimFilter): { shown: ClaimView[]; matching: number } {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const filtering = Boolean(f.verdict || f.outlet || f.kind || f.from || f.to);
  let xs = f.all || filtering ? [...v.allClaims] : [...v.claims];
  if (f.verdict) xs = xs.filter((c) => c.status === f.verdict);
  if (f.outlet) xs = xs.filter((c) => c.mentions.some((m) => m.label === f.outlet));
  if (f.kind) xs = xs.filter((c) => c.mentions.some((m) => (byId.get(m.articleId)?.classification?.kind ?? 'unknown') === f.kind));
  if (f.from) xs = xs.filter((c) => c.date !== null && c.date.slice(0, 10) >= f.from!.slice(0, c.date.length));
  if (f.to) xs = xs.filter((c) => c.date !== null && c.date.slice(0, 10) <= f.to!);
  const rank = (s: ClaimStatus) => STATUS_ORDER.indexOf(s);
  if (f.sort === 'articles') xs.sort((a, b) => b.articles - a.articles || b.origins - a.origins);
  else if (f.sort === 'date') xs.sort((a, b) => (a.date ?? '~').localeCompare(b.date ?? '~'));
  else if (f.sort === 'verdict') xs.sort((a, b) => rank(a.status) - rank(b.status) || b.origins - a.origins);
  return { shown: xs, matching: xs.length };
}


export function checkView(check: StoryCheck, articles: readonly Article[], articleIds: readonly string[], options: CheckViewOptions = {}): CheckView {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const mine = articleIds.map((id) => byId.get(id)).filter((a): a is Article => Boolean(a));
  const label = articleLabels(mine);
  const order = fileOrder(mine).map((a) => a.id);
  const rank = new Map(order.map((id, i) => [id, i]));
  const byFile = (ids: readonly string[]) => [...new Set(ids)].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
  const name = (id: string) => label.get(id) ?? id;
  const names = (ids: readonly string[]) => byFile(ids).map(name).join(', ');
  const brief = (Object.keys(HEADINGS) as BriefSection[])
    .map((section) => ({ section, heading: HEADINGS[section], items: check.brief.filter((b) => b.section === section).map((b) => ({ text: b.text, cites: names(b.articleIds), articleIds: byFile(b.articleIds), spans: b.spans })) }))
    .filter((s) => s.items.length);
  const claimCounts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const c of check.claims) claimCounts[c.status] = (claimCounts[c.status] ?? 0) + 1;
  const allClaims = check.claims.map((c) => claimView(c, byId, order, name, names));
  const prominent = allClaims.filter((c) => c.prominent);
  const listed = options.all ? allClaims : prominent.slice(0, MAX_CLAIMS);
  const claims = filtering(options.filter) ? filterClaims({ claims: listed, allClaims }, articles, { ...options.filter, all: options.all }).shown : listed;
  const labels = check.labels
    .filter(isActorLabel)
    .slice(0, options.all ? undefined : 6)
    .map((l) => ({
      ref: l.ref,
      actor: l.name,
      rows: order.filter((id) => l.byArticle[id] || l.quotedByArticle[id]).map((id) => ({ articleId: id, outlet: name(id), own: l.byArticle[id] ?? [], quoted: l.quotedByArticle[id] ?? [] })),
    }));
  const framing = [...check.framing].sort((a, b) => (rank.get(a.articleId) ?? 1e9) - (rank.get(b.articleId) ?? 1e9));
  const uniq = (xs: readonly string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
  const loaded = framing.map((f) => {
    const ls = check.loaded.filter((l) => l.articleId === f.articleId);
    const own = ls.filter((l) => !l.quoted);
    const w = wordCount(byId.get(f.articleId)?.text ?? '');
    return { articleId: f.articleId, outlet: name(f.articleId), kind: f.kind, own: uniq(own.map((l) => l.text)), quoted: uniq(ls.filter((l) => l.quoted).map((l) => l.text)), speculation: f.speculation.length, words: w, ownCount: own.length, perThousand: w ? Math.round((own.length / w) * 10000) / 10 : 0 };
  });
  const quoted = framing.map((f) => {
    const list = f.quoted.map((q) => ({ speaker: q.speaker, role: q.role, side: q.side ? refName(q.side) : null, quotes: q.quotes }));
    return { articleId: f.articleId, outlet: name(f.articleId), list, sources: list.map((q) => `${q.speaker} (${[q.role, q.side].filter(Boolean).join(', ')})${q.quotes > 1 ? ` ×${q.quotes}` : ''}`) };
  });
  const timeline = check.timeline.map((t) => ({ date: t.date, text: t.text, outlets: names(t.articleIds), articleIds: byFile(t.articleIds), claimId: t.claimId }));
  return { brief, claimCounts, totalClaims: check.claims.length, filter: filterNote(options.filter), claims, hidden: check.claims.length - claims.length, allClaims, order, columns: order.map(name), labels, loaded, quoted, timeline };
}

function claimView(c: ClaimRecord, byId: ReadonlyMap<string, Article>, order: readonly string[], name: (id: string) => string, names: (ids: readonly string[]) => string): ClaimView {
  const rank = new Map(order.map((id, i) => [id, i]));
  const mentions = [...c.mentions]
    .sort((a, b) => (rank.get(a.articleId) ?? 1e9) - (rank.get(b.articleId) ?? 1e9) || a.start - b.start)
    .map((m) => ({ articleId: m.articleId, start: m.start, end: m.end, attributedTo: m.attributedTo, label: name(m.articleId), text: byId.get(m.articleId)?.text.slice(m.start, m.end) ?? '' }));
  return {
    id: c.id,
    status: c.status,
    why: c.why ?? null,
    originList: c.origins ?? null,
    origins: c.independentOrigins,
    articles: c.articles,
    text: c.text,
    outlets: names(c.mentions.map((m) => m.articleId)),
    conflicts: c.conflicts.map((k) => ({ kind: k.kind, note: k.note, claimId: k.claimId, line: `${k.kind}: ${k.note}` })),
    cells: order.map((id) => c.mentions.find((m) => m.articleId === id) ?? null),
    mentions,
    date: c.date,
    prominent: c.articles > 1 || c.conflicts.length > 0,
  };
}

/**
 * Why a claim's articles count as the origins they do: the ties that make several articles one
 * origin (one outlet, a copied passage between them, one credited source), as the cross-check
 * defines independence (CLAIM_STATUSES). Each group is one origin as these ties join them.
 */
export function originGroups(c: { readonly mentions: ClaimRecord['mentions']; readonly origins?: ClaimRecord['origins'] | null }, articles: readonly Article[], reuse: readonly ReuseRecord[], label: (id: string) => string): { readonly articleIds: readonly string[]; readonly ties: readonly string[] }[] {
  // The cross-check says which articles are one origin and why (claims.ts originGroups); a check
  // kept by a store before it did is regrouped here from the articles and their reuse.
  if (c.origins) return c.origins.map((o) => ({ articleIds: o.articleIds, ties: o.joinedBy }));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const ids = [...new Set(c.mentions.map((m) => m.articleId))];
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  const ties: { a: string; b: string; why: string }[] = [];
  const join = (a: string, b: string, why: string) => {
    ties.push({ a, b, why });
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const [x, y] = [ids[i]!, ids[j]!];
      const [ax, ay] = [byId.get(x), byId.get(y)];
      if (ax?.meta.outlet && ax.meta.outlet === ay?.meta.outlet) join(x, y, `${label(x)} and ${label(y)} are one outlet`);
      const r = reuse.find((r) => (r.from === x && r.to === y) || (r.from === y && r.to === x));
      if (r) join(x, y, r.relation === 'common-origin' ? `${label(r.from)} and ${label(r.to)} both rewrite ${refName(r.origin)}` : `${label(r.to)} shares a copied passage with ${label(r.from)}`);
      // Only a credited outlet or agency joins (two reports quoting one minister are two reports).
      const credits = (id: string) => new Set((byId.get(id)?.layers.citedSources ?? []).filter((s) => s.sourceKind === 'outlet' || s.sourceKind === 'agency').map((s) => s.name));
      const cx = c.mentions.filter((m) => m.articleId === x && m.attributedTo && credits(x).has(m.attributedTo)).map((m) => m.attributedTo);
      const shared = c.mentions.find((m) => m.articleId === y && m.attributedTo && cx.includes(m.attributedTo) && credits(y).has(m.attributedTo));
      if (shared) join(x, y, `${label(x)} and ${label(y)} both credit ${shared.attributedTo}`);
    }
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()].map((g) => ({ articleIds: g, ties: ties.filter((t) => g.includes(t.a)).map((t) => t.why) }));
}
