import type { Article } from '../model/article.js';
import type { BriefSentence, ClaimRecord, LabelRecord, LoadedRecord, TextRef } from '../model/check.js';
import { pushTo } from '../util/maps.js';
import { sourceName } from '../util/names.js';
import { similarity, type ConflictPair } from './claims.js';
import type { Mention } from './mentions.js';
import { CROSSCHECK } from './settings.js';

export interface BriefClaim {
  readonly record: ClaimRecord;
  readonly lead: Mention;
  readonly mentions: readonly Mention[];
}

const span = (m: Mention): TextRef => ({ articleId: m.articleId, start: m.start, end: m.end });
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * A neutral brief, made only of what the articles say: summary sentences are claims' own words
 * (the mention with the fewest loaded words, from a news article where there is one), chosen by
 * how many independent origins carry them; then what independent sources agree on, what rests on
 * one origin, what is contested or changed (both sides quoted), and how outlets framed the
 * actors (their labels, quoted). Every sentence cites its articles and the spans it is made of.
 */
export function composeBrief(
  claims: readonly BriefClaim[],
  conflicts: readonly ConflictPair[],
  labels: readonly LabelRecord[],
  loaded: readonly LoadedRecord[],
  articles: ReadonlyMap<string, Article>,
): BriefSentence[] {
  const out: BriefSentence[] = [];
  const cite = (c: BriefClaim, section: BriefSentence['section']): BriefSentence => ({
    text: c.lead.text,
    articleIds: [...new Set(c.mentions.map((m) => m.articleId))].sort(),
    section,
    spans: [span(c.lead)],
  });
  const fits = (c: BriefClaim) => {
    const n = wordCount(c.lead.text);
    return n >= CROSSCHECK.briefMinWords && n <= CROSSCHECK.briefMaxWords && !c.lead.quoted;
  };
  const score = (c: BriefClaim) => 3 * c.record.independentOrigins + c.record.articles - 0.15 * c.lead.order - (c.lead.speculative ? 2 : 0);
  const picked: BriefClaim[] = [];
  for (const c of [...claims].filter(fits).sort((x, y) => score(y) - score(x) || x.record.id.localeCompare(y.record.id))) {
    if (picked.length >= CROSSCHECK.summarySentences) break;
    if (picked.some((p) => similarity(p.lead.features, c.lead.features) >= 0.25)) continue;
    picked.push(c);
  }
  for (const c of picked) out.push(cite(c, 'summary'));
  // The sections sort claims by standing, whatever the summary took: the patrol request can lead
  // the summary and still be listed as resting on one origin.
  const section = (list: readonly BriefClaim[], name: BriefSentence['section']) => {
    for (const c of list.slice(0, CROSSCHECK.sectionSentences)) out.push(cite(c, name));
  };
  const byWeight = (x: BriefClaim, y: BriefClaim) => y.record.independentOrigins - x.record.independentOrigins || y.record.articles - x.record.articles || x.lead.order - y.lead.order || x.record.id.localeCompare(y.record.id);
  section([...claims].filter((c) => c.record.status === 'corroborated').sort(byWeight), 'agreed');
  section([...claims].filter((c) => c.record.status === 'single-origin' && c.record.articles >= 2).sort(byWeight), 'single-origin');
  const seen = new Set<string>();
  for (const p of conflicts) {
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
    for (const [id, words] of Object.entries(l.byArticle).sort((a, b) => outlet(a[0]).localeCompare(outlet(b[0])))) {
      parts.push(`${outlet(id)}: ${words.map((w) => `“${w}”`).join(', ')}`);
      for (const w of words) {
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
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
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
