import type { Article } from '../model/article.js';
import { briefHolds, claimHolds } from '../crosscheck/brief.js';
import { CLAIM_STATUSES, type StoryCheck } from '../model/check.js';
import type { ReuseRecord, RunResult, StorylineChange } from '../model/run.js';
import { storylinesOf } from '../cluster/index.js';
import { articleLabels, sourceName } from '../util/names.js';

/** JSON contract version 1 (docs/json.md). Field names are stable; additions are allowed. */
export interface JsonV1 {
  readonly version: 1;
  readonly articles: readonly JsonArticle[];
  readonly entities: readonly { ref: string; name: string; type: string; aliases: readonly string[] }[];
  /** What each claim status means (CLAIM_STATUSES): the label reports show and its one-line meaning. */
  readonly statuses: typeof CLAIM_STATUSES;
  readonly stories: readonly JsonStory[];
  /** Stories that continue one another over weeks or months; every story is in exactly one. */
  readonly storylines: readonly JsonStoryline[];
  /** Text shared between articles of two different stories: each article's closest source in another story. */
  readonly reuseAcross: readonly JsonReuse[];
  readonly errors: readonly { input: string; reason: string }[];
}

export interface JsonStoryline {
  readonly id: string;
  readonly title: string;
  readonly eventIds: readonly string[];
  readonly first: string | null;
  readonly last: string | null;
  /** Statements of one of its stories overtaken (`change`) or denied (`denial`) in another, with both dates. */
  readonly changes: readonly StorylineChange[];
  /** How many of its stories' articles the cross-check across them read, and how many it left out (null when it did not run). */
  readonly checked: { readonly articles: number; readonly leftOut: number } | null;
}

export interface JsonStory {
  readonly id: string;
  readonly title: string;
  readonly articleIds: readonly string[];
  readonly reuse: readonly JsonReuse[];
  readonly claims: StoryCheck['claims'];
  readonly labels: StoryCheck['labels'];
  readonly loaded: StoryCheck['loaded'];
  readonly framing: StoryCheck['framing'];
  readonly timeline: StoryCheck['timeline'];
  readonly brief: StoryCheck['brief'];
}

export interface JsonReuse {
  readonly from: string;
  readonly to: string;
  readonly origin: string;
  readonly relation: string;
  readonly kind: string;
  readonly shareOfTo: number;
  readonly passages: readonly { fromStart: number; fromEnd: number; toStart: number; toEnd: number; changes: readonly { from: string; to: string; fromStart: number; fromEnd: number; toStart: number; toEnd: number }[] }[];
}

interface SpanJson {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface JsonArticle {
  readonly id: string;
  readonly source: string;
  /** The name every report and page gives the article: its outlet, else its URL's host, else its file name (util/names.ts). */
  readonly label: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly byline: string | null;
  readonly published: string | null;
  /** Publication instant in UTC when the source gave a time with its zone, else null. */
  readonly publishedAt: string | null;
  /** Where `published` comes from: `manifest`, `json`, a meta tag or JSON-LD, or the text (`byline-line`, `timestamp-line`, `text-stamp`, `dateline+reference-date`, `relative-days+reference-date`); null when undated. */
  readonly publishedFrom: string | null;
  readonly url: string | null;
  readonly language: string | null;
  readonly dateline: string | null;
  readonly kind: string;
  readonly kindSignals: readonly string[];
  readonly text: string;
  readonly removed: readonly { text: string; reason: string }[];
  readonly paragraphs: readonly { start: number; end: number; heading?: true }[];
  readonly sentences: readonly { start: number; end: number }[];
  readonly entities: readonly (SpanJson & { type: string; ref: string })[];
  readonly quotes: readonly (SpanJson & { direct: boolean; speaker: string | null; speakerRef: string | null; speakerStart: number | null; speakerEnd: number | null; cueStart: number | null; cueEnd: number | null; denies: boolean })[];
  readonly quantities: readonly (SpanJson & { value: number; unit: string | null; counted: string | null; approximate: boolean })[];
  readonly dates: readonly (SpanJson & { value: string; precision: string; mod: string | null })[];
  readonly citedSources: readonly (SpanJson & { name: string; ref: string; kind: string })[];
  readonly hedges: readonly SpanJson[];
  readonly messages: readonly { ruleId: string; reason: string }[];
}

/** Build the version-1 JSON document of a run. Pure: same run, same JSON. */
export function toJsonV1(run: RunResult): JsonV1 {
  const labels = articleLabels(run.articles);
  return {
    version: 1,
    articles: run.articles.map((a) => articleJson(a, labels.get(a.id))),
    entities: run.entities.map((e) => ({ ref: e.ref, name: e.name, type: e.type, aliases: [...e.aliases] })),
    statuses: CLAIM_STATUSES,
    stories: run.stories.map((s) => ({
      id: s.id,
      title: s.title,
      articleIds: [...s.articleIds],
      reuse: (s.reuse ?? []).map(reuseJson),
      claims: s.check?.claims ?? [],
      labels: s.check?.labels ?? [],
      loaded: s.check?.loaded ?? [],
      framing: s.check?.framing ?? [],
      timeline: s.check?.timeline ?? [],
      brief: s.check?.brief ?? [],
    })),
    storylines: storylinesOf(run).map((l) => ({
      id: l.id,
      title: l.title,
      eventIds: [...l.eventIds],
      first: l.first,
      last: l.last,
      changes: l.check?.changes ?? [],
      checked: l.check ? { articles: l.check.articles, leftOut: l.check.leftOut } : null,
    })),
    reuseAcross: (run.reuseAcross ?? []).map(reuseJson),
    errors: run.errors.map((e) => ({ input: e.input, reason: e.reason })),
  };
}

function reuseJson(r: ReuseRecord): JsonReuse {
  return { ...r, passages: r.passages.map((p) => ({ ...p, changes: p.changes.map((c) => ({ ...c })) })) };
}

export function articleJson(a: Article, label: string = sourceName(a)): JsonArticle {
  const t = (s: { start: number; end: number }) => ({ start: s.start, end: s.end, text: a.text.slice(s.start, s.end) });
  const L = a.layers;
  return {
    id: a.id,
    source: a.source,
    label,
    title: a.meta.title,
    outlet: a.meta.outlet,
    byline: a.meta.byline,
    published: a.meta.published,
    publishedAt: a.meta.publishedAt ?? null,
    publishedFrom: a.meta.published ? (a.meta.provenance.published ?? null) : null,
    url: a.meta.url,
    language: a.meta.language,
    dateline: a.meta.dateline,
    kind: a.classification?.kind ?? 'unknown',
    kindSignals: [...(a.classification?.signals ?? [])],
    text: a.text,
    removed: a.removed.map((r) => ({ text: r.text, reason: r.reason })),
    paragraphs: (L.paragraphs ?? []).map((p) => (p.heading ? { start: p.start, end: p.end, heading: true as const } : { start: p.start, end: p.end })),
    sentences: (L.sentences ?? []).map((s) => ({ start: s.start, end: s.end })),
    entities: (L.entities ?? []).map((e) => ({ ...t(e), type: e.type, ref: e.ref })),
    quotes: (L.quotes ?? []).map((q) => ({
      ...t(q),
      direct: q.direct,
      speaker: q.speakerName,
      speakerRef: q.speakerRef,
      speakerStart: q.speaker?.start ?? null,
      speakerEnd: q.speaker?.end ?? null,
      cueStart: q.cue?.start ?? null,
      cueEnd: q.cue?.end ?? null,
      denies: q.denies === true,
    })),
    quantities: (L.quantities ?? []).map((q) => ({ ...t(q), value: q.value, unit: q.unit, counted: q.counted, approximate: q.approximate })),
    dates: (L.dates ?? []).map((d) => ({ ...t(d), value: d.value, precision: d.precision, mod: d.mod })),
    citedSources: (L.citedSources ?? []).map((c) => ({ ...t(c), name: c.name, ref: c.ref, kind: c.sourceKind })),
    hedges: (L.hedges ?? []).map(t),
    messages: a.messages.map((m) => ({ ruleId: m.ruleId, reason: m.reason })),
  };
}

/**
 * Check a parsed document against contract v1: required fields and, for every span, that
 * `text.slice(start, end)` equals its `text`. Returns the problems found (empty when valid).
 */
export function validateJsonV1(doc: unknown): string[] {
  const problems: string[] = [];
  const d = doc as Partial<JsonV1>;
  if (d?.version !== 1) problems.push('version is not 1');
  for (const key of ['articles', 'entities', 'stories'] as const) if (!Array.isArray(d?.[key])) problems.push(`${key} is not an array`);
  for (const a of d?.articles ?? []) {
    for (const key of ['id', 'source', 'title', 'outlet', 'byline', 'published', 'language', 'kind', 'text', 'removed', 'sentences', 'entities', 'quotes', 'quantities', 'dates', 'citedSources', 'hedges'] as const)
      if (!(key in a)) problems.push(`article ${a.id}: missing ${key}`);
    if (a.published !== null && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(a.published)) problems.push(`article ${a.id}: published ${a.published} is not ISO`);
    for (const layer of ['entities', 'quotes', 'quantities', 'dates', 'citedSources', 'hedges'] as const)
      for (const s of a[layer] ?? []) {
        if (a.text.slice(s.start, s.end) !== s.text) problems.push(`article ${a.id}: ${layer} span ${s.start}-${s.end} does not match its text`);
      }
    for (const s of a.sentences ?? []) if (!(s.start >= 0 && s.end <= a.text.length && s.start < s.end)) problems.push(`article ${a.id}: bad sentence ${s.start}-${s.end}`);
  }
  // Every story is in exactly one storyline.
  if (Array.isArray(d?.storylines)) {
    const inLines = d.storylines.flatMap((l) => l.eventIds ?? []);
    const stories = new Set((d.stories ?? []).map((st) => st.id));
    if (inLines.length !== new Set(inLines).size) problems.push('a story is in two storylines');
    for (const id of inLines) if (!stories.has(id)) problems.push(`storyline event ${id} is no story`);
    for (const id of stories) if (!inLines.includes(id)) problems.push(`story ${id} is in no storyline`);
  }
  // Stories point into articles: every claim, loaded word and brief sentence must stand in its spans.
  const texts = new Map((d?.articles ?? []).map((a) => [a.id, a]));
  for (const st of d?.stories ?? []) {
    for (const c of st.claims ?? []) if (!claimHolds(c, texts)) problems.push(`story ${st.id}: claim ${c.id} is not one of its mentions, or a mention lies outside its article`);
    for (const l of st.loaded ?? []) if (texts.get(l.articleId)?.text.slice(l.start, l.end) !== l.text) problems.push(`story ${st.id}: loaded span ${l.articleId}:${l.start}-${l.end} does not match its text`);
    for (const b of st.brief ?? []) if (!briefHolds(b, texts)) problems.push(`story ${st.id}: brief sentence does not stand in its spans: ${b.text.slice(0, 60)}`);
  }
  return problems;
}
