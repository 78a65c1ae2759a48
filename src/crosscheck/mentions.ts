import type { Article } from '../model/article.js';
import type { Quantity, Quote } from '../model/layers.js';
import { stemmedWords, type StemmedWord } from '../lexicon/phrases.js';
import { modals, quotedRanges, speculates } from './framing.js';
import { countryOfWord, crossCheckLexicons } from './lexicons.js';
import { CROSSCHECK } from './settings.js';

export type Cue = 'denial' | 'tentative' | 'outcome' | null;

/** One checkable sentence of one article, with what alignment compares. */
export interface Mention {
  readonly articleId: string;
  /** Position in the article (sentence order). */
  readonly order: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Weighted features: `s:` stems, `p:` predicate classes, `e:` entity refs, `c:` countries, `q:` figures, `d:` days. */
  readonly features: ReadonlyMap<string, number>;
  readonly quantities: readonly Pick<Quantity, 'value' | 'unit' | 'approximate'>[];
  readonly date: string | null;
  readonly attributedTo: string | null;
  /** Outlets and agencies the sentence credits (refs): copies of one upstream report are one origin. */
  readonly credits: readonly string[];
  readonly cue: Cue;
  readonly negated: boolean;
  /** For a denial: the features of what is denied (the words after the cue). */
  readonly denied: ReadonlyMap<string, number> | null;
  /** The sentence lies inside a direct quotation. */
  readonly quoted: boolean;
  readonly speculative: boolean;
}

/**
 * The claims one article makes: each sentence that names someone or something (an entity or a
 * figure) and says enough about it, with its attribution (the quote's speaker or the credited
 * source) and the cues that change what it claims (a denial, a plan, an outcome, a negation).
 */
export function mentionsOf(a: Article, articleWords: readonly StemmedWord[] = stemmedWords(a.text), quotedSpans: readonly [number, number][] = quotedRanges(a)): Mention[] {
  const lex = crossCheckLexicons();
  const L = a.layers;
  const modal = modals(a, articleWords);
  const out: Mention[] = [];
  const sentences = L.sentences ?? [];
  let w0 = 0;
  sentences.forEach((s, order) => {
    let { start, end } = s;
    while (start < end && /\s/.test(a.text[start]!)) start++;
    while (end > start && /\s/.test(a.text[end - 1]!)) end--;
    const text = a.text.slice(start, end);
    // The article's words inside the sentence (both are in text order).
    while (w0 < articleWords.length && articleWords[w0]!.start < start) w0++;
    let w1 = w0;
    while (w1 < articleWords.length && articleWords[w1]!.end <= end) w1++;
    const ws = articleWords.slice(w0, w1);
    if (ws.length < CROSSCHECK.minWords || ws.length > CROSSCHECK.maxWords || text.endsWith('?')) return;
    const inside = <T extends { start: number; end: number }>(xs: readonly T[] | undefined) => (xs ?? []).filter((x) => x.start >= start && x.end <= end);
    const entities = inside(L.entities);
    const quantities = inside(L.quantities);
    const dates = inside(L.dates);
    const features = featuresOf(ws, entities.map((e) => e.ref), quantities, dates.filter((d) => d.precision === 'day').map((d) => d.value));
    const content = [...features.keys()].filter((k) => k.startsWith('s:') || k.startsWith('p:')).length;
    // Something named: an entity, a figure, a country, a day, or a capitalised word inside the
    // sentence (names the gazetteer does not know yet: "Velmar").
    const capitals = ws.slice(1).filter((w) => /^\p{Lu}/u.test(a.text.slice(w.start, w.end)) && !lex.stop.has(w.norm)).length;
    const named = entities.length + quantities.length + dates.length + capitals + [...features.keys()].filter((k) => k.startsWith('c:')).length;
    if (named === 0 || content < CROSSCHECK.minContent) return;

    const quote = mainQuote(L.quotes ?? [], start, end);
    const cited = inside(L.citedSources);
    const credits = cited.filter((c) => c.sourceKind === 'outlet' || c.sourceKind === 'agency').map((c) => c.ref);
    let attributedTo: string | null = null;
    if (quote) attributedTo = quote.speakerName ?? (quote.speaker ? a.text.slice(quote.speaker.start, quote.speaker.end) : 'unnamed source');
    else if (cited.length) attributedTo = cited[0]!.name;
    const quoted = !!quote && quote.direct && overlap(quote, start, end) >= (end - start) / 2;

    const hits = lex.cues.match(ws);
    const denial = hits.find((h) => h.entry.cue === 'denial');
    const cue: Cue = denial ? 'denial' : hits.some((h) => h.entry.cue === 'outcome') ? 'outcome' : hits.some((h) => h.entry.cue === 'tentative') ? 'tentative' : null;
    const negated = !denial && hits.some((h) => h.entry.cue === 'negation');
    let denied: Map<string, number> | null = null;
    if (denial) {
      const rest = ws.slice(denial.last + 1);
      const from = rest[0]?.start ?? end;
      denied = featuresOf(
        rest,
        entities.filter((e) => e.start >= from).map((e) => e.ref),
        quantities.filter((q) => q.start >= from),
        dates.filter((d) => d.start >= from && d.precision === 'day').map((d) => d.value),
      );
    }
    const day = dates.find((d) => d.precision === 'day') ?? dates.find((d) => d.precision === 'month') ?? null;
    out.push({
      articleId: a.id,
      order,
      start,
      end,
      text,
      features,
      quantities: quantities.map((q) => ({ value: q.value, unit: q.unit, approximate: q.approximate })),
      date: day ? day.value : null,
      attributedTo,
      credits: [...new Set(credits)].sort(),
      cue,
      negated,
      denied,
      quoted,
      speculative: speculates(a, start, end, modal, quotedSpans),
    });
  });
  return out;
}

function featuresOf(ws: readonly StemmedWord[], refs: readonly string[], quantities: readonly Quantity[], days: readonly string[]): Map<string, number> {
  const lex = crossCheckLexicons();
  const W = CROSSCHECK.weights;
  const f = new Map<string, number>();
  const put = (k: string, w: number) => f.set(k, Math.max(f.get(k) ?? 0, w));
  const predicateWords = new Set<number>();
  for (const h of lex.predicates.match(ws)) {
    put(`p:${h.entry.class}`, W.predicate);
    for (let i = h.first; i <= h.last; i++) predicateWords.add(i);
  }
  ws.forEach((w, i) => {
    const country = countryOfWord(w.norm);
    if (country) put(`c:${country}`, W.country);
    if (predicateWords.has(i) || lex.stop.has(w.norm) || w.norm.length < 3 || /^\d[\d,.]*$/.test(w.norm)) return;
    put(`s:${w.stem}`, W.stem);
  });
  for (const r of refs) put(`e:${r}`, W.entity);
  for (const q of quantities) if (q.unit) put(`q:${q.value}:${q.unit}`, W.quantity);
  for (const d of days) put(`d:${d}`, W.day);
  return f;
}

function overlap(q: { start: number; end: number }, start: number, end: number): number {
  return Math.max(0, Math.min(q.end, end) - Math.max(q.start, start));
}

/** The quote that covers most of the sentence, if any covers some of it. */
function mainQuote(quotes: readonly Quote[], start: number, end: number): Quote | null {
  let best: Quote | null = null;
  let most = 0;
  for (const q of quotes) {
    if (q.end <= start || q.start >= end) continue;
    const o = overlap(q, start, end) + (q.cue && q.cue.start >= start && q.cue.end <= end ? 1 : 0);
    if (o > most) [best, most] = [q, o];
  }
  return best;
}
