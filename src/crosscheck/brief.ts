import type { Article } from '../model/article.js';
import type { BriefSentence, ClaimRecord, LabelRecord, LoadedRecord, TextRef } from '../model/check.js';
import { spansInside } from '../annotate/locate.js';
import { words } from '../reuse/words.js';
import { pushTo } from '../util/maps.js';
import { sourceName } from '../util/names.js';
import { sameClaim, sameMatter, type ConflictPair } from './claims.js';
import type { Mention } from './mentions.js';
import { sameClaimModel } from './model.js';
import { CROSSCHECK } from './settings.js';

export interface BriefClaim {
  readonly record: ClaimRecord;
  readonly lead: Mention;
  readonly mentions: readonly Mention[];
}

const span = (m: Pick<Mention, 'articleId' | 'start' | 'end'>): TextRef => ({ articleId: m.articleId, start: m.start, end: m.end });
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Words that tie a sentence to the one before it: out of that context a brief sentence starting
 * with one dangles ("However, Ankara has asked …"), and a pronoun there has nothing to point to.
 * Closed-class English words (Quirk et al. 1985 §8.134 conjuncts; §6.14 personal and demonstrative pronouns).
 */
const DANGLING = new Set(['however', 'but', 'and', 'also', 'meanwhile', 'moreover', 'furthermore', 'still', 'yet', 'so', 'then', 'instead', 'indeed', 'nevertheless', 'nonetheless', 'thus', 'therefore', 'besides', 'additionally', 'otherwise', 'or', 'nor', 'he', 'she', 'it', 'they', 'this', 'these', 'those', 'that', 'his', 'her', 'its', 'their', 'we', 'i', 'you', 'there', 'here', 'another', 'such', 'both']);

/** A sentence that reads on its own: not a clause cut from a longer one, no dangling first word, not a question or a fragment. */
export function standsAlone(m: Mention): boolean {
  if (m.sentence.start !== m.start || m.sentence.end !== m.end) return false;
  const first = words(m.text)[0]?.norm;
  if (!first || DANGLING.has(first)) return false;
  const n = wordCount(m.text);
  return n >= CROSSCHECK.briefMinWords && n <= CROSSCHECK.briefMaxWords && /^[\p{Lu}\d“"‘']/u.test(m.text) && /[.!”"’)]$/.test(m.text);
}

/**
 * A neutral brief, made only of what the articles say, in which every sentence cites only the
 * articles that state what it says:
 * - summary: the claims most independent origins state, in the words of a news article's own
 *   sentence (never a contested or changed claim, never an opinion piece's or a sensational
 *   outlet's unattributed sentence, never a clause cut from its sentence or a sentence that opens
 *   with "However," or a pronoun); cited to the articles whose mentions state it in those words or
 *   in their own (a rewrite of the same passage is cited only where its words are the same);
 * - then what independent sources agree on, what rests on one origin, what is contested or changed
 *   (both sides quoted, with who says what and when), and how outlets framed the actors.
 * No sentence twice.
 */
export function composeBrief(
  claims: readonly BriefClaim[],
  conflicts: readonly ConflictPair[],
  labels: readonly LabelRecord[],
  loaded: readonly LoadedRecord[],
  articles: ReadonlyMap<string, Article>,
  sameOrigin: (a: Mention, b: Mention) => boolean,
): BriefSentence[] {
  const out: BriefSentence[] = [];
  const used = new Set<string>();
  const allMentions = claims.flatMap((c) => c.mentions);
  const view = (m: Mention) => ({ said: m.said, names: m.statement.names, figures: m.figures });
  const loadedOf = new Map<string, LoadedRecord[]>();
  for (const l of loaded) if (!l.quoted) pushTo(loadedOf, l.articleId, l);
  for (const ls of loadedOf.values()) ls.sort((x, y) => x.start - y.start);
  const loadedIn = (m: Mention) => spansInside(loadedOf.get(m.articleId), m.start, m.end).length;
  /** An article whose own voice is not stated as fact: an opinion piece, or one that dramatises in its headline or text. */
  const ownVoiceDoubtful = (id: string) => {
    const a = articles.get(id);
    if (!a || a.classification?.kind === 'opinion') return true;
    const mine = loadedOf.get(id) ?? [];
    return mine.some((l) => l.category === 'sensational');
  };
  const voiceOk = (m: Mention) => !m.quoted && !m.hearsay && !m.speculative && (m.attributedTo !== null || !ownVoiceDoubtful(m.articleId));
  /** The mention to word the claim: one that stands alone and may be stated, fewest loaded words, then earliest. */
  const wording = (c: BriefClaim): Mention | null =>
    [...c.mentions].filter((m) => standsAlone(m) && voiceOk(m)).sort((x, y) => loadedIn(x) - loadedIn(y) || x.order - y.order || (x.articleId < y.articleId ? -1 : 1))[0] ?? null;
  /** Articles that state what `lead` says: its own, the same words from its origin, or an independent source the model links. */
  const citing = (c: BriefClaim, lead: Mention) =>
    [...new Set(c.mentions.filter((m) => m === lead || (sameOrigin(m, lead) ? norm(m.text) === norm(lead.text) : sameClaim(m, lead) >= sameClaimModel().threshold)).map((m) => m.articleId))].sort();
  const cite = (c: BriefClaim, lead: Mention, section: BriefSentence['section']) => {
    used.add(c.record.id);
    out.push({ text: lead.text, articleIds: citing(c, lead), section, spans: [span(lead)] });
  };
  const settled = (c: BriefClaim) => c.record.status !== 'contested' && c.record.status !== 'changed';
  // Summary: most independent origins first; among claims of one origin, attributed statements of
  // news articles near their article's top, about what the story's other articles speak of too.
  // What the story is about: a statement whose matter other articles speak of too (sameMatter),
  // among the mentions that share something said with it (an index over what they say).
  const saying = new Map<string, Mention[]>();
  for (const m of allMentions) for (const k of m.said.keys()) pushTo(saying, k, m);
  const others = (m: Mention) => {
    const near = new Set<Mention>();
    for (const k of m.said.keys()) for (const x of saying.get(k) ?? []) if (x.articleId !== m.articleId) near.add(x);
    const articles = new Set<string>();
    for (const x of near) if (!articles.has(x.articleId) && sameMatter(view(x), view(m)) >= CROSSCHECK.briefCentral) articles.add(x.articleId);
    return articles.size;
  };
  // Reported facts before rhetoric: a sentence that quotes someone's words is less of a summary.
  const quotes = (m: Mention) => (/["“”]/.test(m.text) ? 1 : 0);
  // News value: a count of people harmed or displaced is what a reader asks first (negativity and
  // magnitude, Bednarek & Caple 2012); the predicate classes that say harm are in settings.
  const harm = (m: Mention) => (m.figures.length && CROSSCHECK.briefHarmClasses.some((k) => m.said.has(`p:${k}`)) ? 1 : 0);
  const score = (c: BriefClaim, m: Mention) =>
    4 * c.record.independentOrigins + c.record.articles + 1.5 * others(m) + (m.attributedTo ? 1 : 0) + (m.figures.length ? 0.5 : 0) + CROSSCHECK.briefHarmWeight * harm(m) - CROSSCHECK.briefLeadWeight * m.order - loadedIn(m) - 1.5 * quotes(m);
  const picked: { c: BriefClaim; m: Mention }[] = [];
  const candidates = claims
    .filter((c) => settled(c) && c.record.status !== 'reported')
    .map((c) => ({ c, m: wording(c) }))
    .filter((x): x is { c: BriefClaim; m: Mention } => x.m !== null)
    .map((x) => ({ ...x, score: score(x.c, x.m) }))
    .sort((x, y) => y.score - x.score || x.c.record.id.localeCompare(y.c.record.id));
  // No longer than the pile warrants: one sentence per article and one more, at most summarySentences.
  const length = Math.min(CROSSCHECK.summarySentences, articles.size + 1);
  for (const x of candidates) {
    if (picked.length >= length) break;
    if (picked.some((p) => norm(p.m.text) === norm(x.m.text) || sameClaim(p.m, x.m) >= CROSSCHECK.briefRedundant)) continue;
    // Several sources' words, not one article retold.
    if (picked.filter((p) => p.m.articleId === x.m.articleId).length >= CROSSCHECK.summaryPerArticle) continue;
    picked.push(x);
  }
  for (const { c, m } of picked) cite(c, m, 'summary');
  const byWeight = (x: BriefClaim, y: BriefClaim) => y.record.independentOrigins - x.record.independentOrigins || y.record.articles - x.record.articles || x.lead.order - y.lead.order || x.record.id.localeCompare(y.record.id);
  const section = (list: readonly BriefClaim[], name: BriefSentence['section']) => {
    let n = 0;
    for (const c of list) {
      if (n >= CROSSCHECK.sectionSentences) break;
      if (used.has(c.record.id)) continue;
      const m = wording(c) ?? (c.mentions.find((x) => standsAlone(x) && !x.quoted) ?? null);
      if (!m || out.some((b) => norm(b.text) === norm(m.text))) continue;
      cite(c, m, name);
      n++;
    }
  };
  section([...claims].filter((c) => c.record.status === 'corroborated').sort(byWeight), 'agreed');
  section([...claims].filter((c) => (c.record.status === 'single-origin' || c.record.status === 'reported') && c.record.articles >= 2).sort(byWeight), 'single-origin');
  const seen = new Set<string>();
  const order = { denial: 0, opposite: 1, numbers: 2, change: 3 } as const;
  for (const p of [...conflicts].sort((x, y) => order[x.kind] - order[y.kind])) {
    const key = [p.a.start, p.a.articleId, p.b.start, p.b.articleId].join('|');
    if (seen.has(key) || seen.size >= CROSSCHECK.sectionSentences) continue;
    seen.add(key);
    out.push({ text: p.note, articleIds: [...new Set([p.a.articleId, p.b.articleId])].sort(), section: 'contested', spans: [span(p.a), span(p.b)] });
  }
  const outlet = (id: string) => {
    const a = articles.get(id);
    return a ? sourceName(a) : id;
  };
  for (const l of labels.filter((l) => !/^(person|place|organization|group):/.test(l.ref)).slice(0, 3)) {
    const parts: string[] = [];
    const spans: TextRef[] = [];
    for (const [id, ws] of Object.entries(l.byArticle).sort((a, b) => outlet(a[0]).localeCompare(outlet(b[0])))) {
      parts.push(`${outlet(id)}: ${ws.map((w) => `“${w}”`).join(', ')}`);
      for (const w of ws) {
        const s = l.spans.find((x) => x.articleId === id && !x.quoted && x.label.replace(/^the\s+/i, '') === w);
        if (s) spans.push({ articleId: s.articleId, start: s.start, end: s.end });
      }
    }
    if (parts.length >= 2) out.push({ text: `${l.name} is named ${parts.join('; ')}.`, articleIds: Object.keys(l.byArticle).sort(), section: 'framing', spans });
  }
  const own = loaded.filter((l) => !l.quoted);
  if (own.length) {
    const by = new Map<string, LoadedRecord[]>();
    for (const l of own) pushTo(by, l.articleId, l);
    const parts: string[] = [];
    const spans: TextRef[] = [];
    for (const [id, ls] of [...by].sort((a, b) => b[1].length - a[1].length || outlet(a[0]).localeCompare(outlet(b[0])))) {
      const firsts = new Map<string, LoadedRecord>();
      for (const l of ls) if (!firsts.has(l.text.toLowerCase())) firsts.set(l.text.toLowerCase(), l);
      parts.push(`${outlet(id)}: ${[...firsts.values()].slice(0, 6).map((l) => `“${l.text}”`).join(', ')}`);
      for (const l of [...firsts.values()].slice(0, 6)) spans.push({ articleId: l.articleId, start: l.start, end: l.end });
    }
    out.push({ text: `Loaded words in the outlets' own voice — ${parts.join('; ')}.`, articleIds: [...by.keys()].sort(), section: 'framing', spans });
  }
  return out;
}

/** The text of a span, when it lies inside its article. */
function spanText(r: TextRef, articles: ReadonlyMap<string, { readonly text: string }>): string | null {
  const t = articles.get(r.articleId)?.text;
  return t !== undefined && r.start >= 0 && r.end <= t.length && r.end > r.start ? t.slice(r.start, r.end) : null;
}

/**
 * Does a brief sentence stand on its spans? An extracted sentence must be exactly one of them; a
 * composed one must quote every one of its spans word for word (“…”), and cite their articles.
 * Used by tests, by the JSON validator and by eval; `articles` may be Articles or JSON articles.
 */
export function briefHolds(b: BriefSentence, articles: ReadonlyMap<string, { readonly text: string }>): boolean {
  const texts = b.spans.map((s) => spanText(s, articles));
  if (!texts.length || texts.some((t) => t === null)) return false;
  if (!b.spans.every((s) => b.articleIds.includes(s.articleId))) return false;
  if (b.section !== 'contested' && b.section !== 'framing') return texts.map((t) => norm(t!)).includes(norm(b.text));
  const text = norm(b.text);
  return texts.every((t) => text.includes(`“${norm(t!)}”`));
}

/** Does a claim stand on its mentions? Each lies inside its article, the text is one of them, and `articles` counts them. */
export function claimHolds(c: ClaimRecord, articles: ReadonlyMap<string, { readonly text: string }>): boolean {
  const said = c.mentions.map((m) => spanText(m, articles));
  return said.every((x) => x !== null) && said.includes(c.text) && c.articles === new Set(c.mentions.map((m) => m.articleId)).size;
}
