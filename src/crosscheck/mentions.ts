import type { Article } from '../model/article.js';
import type { Quote } from '../model/layers.js';
import { stemmedWords, type StemmedWord } from '../lexicon/phrases.js';
import { isWeekday, monthOf } from '../util/calendar.js';
import { figureOf, type Figure } from './figures.js';
import { modals, quotedRanges, speculates, speculationIndex } from './framing.js';
import { firstStartingAt, spansInside } from '../annotate/locate.js';
import { baseStem, crossCheckLexicons } from './lexicons.js';
import { CROSSCHECK } from './settings.js';
import { countries, statementOf, type Statement } from './statement.js';
import { splitUnits } from './units.js';

export type Cue = 'denial' | 'tentative' | 'outcome' | null;

/** One checkable statement of one article (a clause, or a sentence of one clause), with what alignment compares. */
export interface Mention {
  readonly articleId: string;
  /** Sentence index in the article, and the unit's index in its sentence (-1: the whole of a sentence of several units). */
  readonly order: number;
  readonly unit: number;
  /** `sentence`: a whole sentence (of one unit, or the whole of several); `clause`: one unit of a sentence of several. */
  readonly level: 'sentence' | 'clause';
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The sentence the unit stands in (the same span when the sentence is one unit). */
  readonly sentence: { readonly start: number; readonly end: number };
  readonly statement: Statement;
  /** What the statement says of its names: content stems that are no name, and predicate classes (`p:FLEE` for "fled" and "fleeing"), weighted by rarity. */
  readonly said: ReadonlyMap<string, number>;
  readonly figures: readonly Figure[];
  /** The day (or month) the statement is about, when it names one; `days`: every day it names. */
  readonly date: string | null;
  readonly days: readonly string[];
  /** It says when: a date, a weekday, "yesterday", "last month", "now" (resolved or not). */
  readonly timed: boolean;
  readonly attributedTo: string | null;
  /** Outlets and agencies the sentence credits (refs): copies of one upstream report are one origin. */
  readonly credits: readonly string[];
  readonly cue: Cue;
  /** What the cues say (their stems and predicate classes): left out when two statements are compared across a cue. */
  readonly cueWords: ReadonlySet<string>;
  readonly negated: boolean;
  /** Stems of the content words a negation bears on ("not" + "accept"). */
  readonly negatedWords: ReadonlySet<string>;
  /** Stems of words with an opposite in antonyms.yml. */
  readonly opposable: ReadonlySet<string>;
  /** For a denial: what is denied (the words after the cue), and what that says. */
  readonly denied: { readonly statement: Statement; readonly said: ReadonlyMap<string, number>; readonly figures: readonly Figure[] } | null;
  /** The outlet passes it on without standing behind it ("reportedly", "according to rumors"). */
  readonly hearsay: boolean;
  /** The unit lies inside a direct quotation. */
  readonly quoted: boolean;
  readonly speculative: boolean;
}

const TIME_WORDS = new Set(['yesterday', 'tonight', 'tomorrow', 'ago', 'recently', 'week', 'month', 'year', 'weekend', 'morning', 'afternoon', 'evening', 'night']);
/** Weight of a predicate class in what a statement says: as much as a rare word. */
const PREDICATE_WEIGHT = 10;
/** The object of a denial that only names what is denied ("denied reports that …"). */
const DENIED_OBJECT = new Set(['reports', 'report', 'claims', 'claim', 'allegations', 'allegation', 'suggestions', 'rumors', 'rumours', 'accusations', 'that', 'the', 'it', 'any', 'media']);
/** "not only", "not just": what follows is affirmed, not negated. */
const NOT_NEGATING = new Set(['only', 'just', 'merely', 'simply', 'least']);

/**
 * The claims one article makes: each statement-sized unit of its sentences (splitUnits) that
 * names someone or something and says enough about it, with its attribution (the quote's speaker
 * or the credited source) and the cues that change what it claims (a denial, a plan, an outcome,
 * a negation, hearsay).
 */
export function mentionsOf(a: Article, articleWords: readonly StemmedWord[] = stemmedWords(a.text), quotedSpans: readonly [number, number][] = quotedRanges(a)): Mention[] {
  const lex = crossCheckLexicons();
  const L = a.layers;
  const spec = speculationIndex(a, modals(a, articleWords), quotedSpans);
  const quotes = [...(L.quotes ?? [])].sort((x, y) => x.start - y.start);
  const longestQuote = quotes.reduce((m, q) => Math.max(m, q.end - q.start), 0);
  const out: Mention[] = [];
  let w0 = 0;
  (L.sentences ?? []).forEach((s, order) => {
    let { start, end } = s;
    while (start < end && /\s/.test(a.text[start]!)) start++;
    while (end > start && /\s/.test(a.text[end - 1]!)) end--;
    while (w0 < articleWords.length && articleWords[w0]!.start < start) w0++;
    let w1 = w0;
    while (w1 < articleWords.length && articleWords[w1]!.end <= end) w1++;
    const sentenceWords = articleWords.slice(w0, w1);
    if (sentenceWords.length > CROSSCHECK.maxWords || a.text.slice(start, end).endsWith('?')) return;
    const quote = mainQuote(quotes, longestQuote, start, end);
    const cited = spansInside(L.citedSources, start, end);
    const credits = [...new Set(cited.filter((c) => c.sourceKind === 'outlet' || c.sourceKind === 'agency').map((c) => c.ref))].sort();
    let attributedTo: string | null = null;
    if (quote) attributedTo = quote.speakerName ?? (quote.speaker ? a.text.slice(quote.speaker.start, quote.speaker.end) : 'unnamed source');
    else if (cited.length) attributedTo = cited[0]!.name;
    const sentenceHearsay = lex.cues.match(sentenceWords).some((h) => h.entry.cue === 'hearsay');
    const parts = splitUnits(a.text, sentenceWords, start, end);
    // A sentence of several units is also a mention as a whole: two sentences that say the same
    // thing are one claim whatever their clauses (alignment tries whole sentences first).
    const levels = parts.length > 1 ? [{ start, end, index: -1, partial: false }, ...parts] : parts;
    for (const u of levels) {
      const ws = sentenceWords.filter((w) => w.start >= u.start && w.end <= u.end);
      if (ws.length < CROSSCHECK.minWords) continue;
      const inside = <T extends { start: number; end: number }>(xs: readonly T[] | undefined) => spansInside(xs, u.start, u.end);
      const entities = inside(L.entities);
      const quantities = inside(L.quantities);
      const dates = inside(L.dates);
      const statement = statementOf(ws, a.text, entities, countries(ws), quantities.map((q) => q.value));
      const capitals = ws.slice(1).filter((w) => /^\p{Lu}/u.test(a.text.slice(w.start, w.start + 1)) && !lex.stop.has(w.norm)).length;
      const named = entities.length + quantities.length + dates.length + capitals + statement.names.size;
      const content = [...statement.content.keys()].filter((k) => !statement.names.has(k)).length;
      if (named + content < CROSSCHECK.minContent || content === 0) continue;

      const hits = lex.cues.match(ws);
      const denial = hits.find((h) => h.entry.cue === 'denial');
      const cue: Cue = denial ? 'denial' : hits.some((h) => h.entry.cue === 'outcome') ? 'outcome' : hits.some((h) => h.entry.cue === 'tentative') ? 'tentative' : null;
      let denied: Mention['denied'] = null;
      if (denial) {
        // What is denied: the words after the cue, without "reports that", "claims that".
        let k = denial.last + 1;
        while (k < ws.length && DENIED_OBJECT.has(ws[k]!.norm)) k++;
        const rest = ws.slice(k);
        const from = rest[0]?.start ?? u.end;
        const st = statementOf(rest, a.text, entities.filter((e) => e.start >= from), countries(rest), quantities.filter((q) => q.start >= from).map((q) => q.value));
        denied = { statement: st, said: saidOf(st, rest), figures: quantities.filter((q) => q.start >= from).map((q) => figureOf(q, a.text)) };
      }
      const days = dates.filter((d) => d.precision === 'day').map((d) => d.value);
      const day = dates.find((d) => d.precision === 'day') ?? dates.find((d) => d.precision === 'month') ?? null;
      out.push({
        articleId: a.id,
        order,
        unit: u.index,
        level: u.partial ? 'clause' : 'sentence',
        start: u.start,
        end: u.end,
        text: a.text.slice(u.start, u.end),
        sentence: { start, end },
        statement,
        said: saidOf(statement, ws),
        figures: quantities.map((q) => figureOf(q, a.text)),
        date: day ? day.value : null,
        days: [...new Set(days)].sort(),
        timed: dates.length > 0 || ws.some((w) => TIME_WORDS.has(w.norm) || isWeekday(w.norm) || monthOf(w.norm) !== null),
        attributedTo,
        credits,
        cue,
        cueWords: cueWordsOf(hits.filter((h) => h.entry.cue !== 'negation'), ws),
        // Polarity by parity: "did not stop selling" says it goes on selling.
        negated: !denial && (statement.negations + hits.filter((h) => h.entry.cue === 'negation' && !h.entry.exact).length) % 2 === 1,
        negatedWords: negatedWords(ws, a.text),
        opposable: new Set(ws.map(baseStem).filter((x) => lex.opposites.has(x))),
        denied,
        hearsay: sentenceHearsay,
        quoted: !!quote && quote.direct && overlap(quote, u.start, u.end) >= (u.end - u.start) / 2,
        speculative: speculates(spec, u.start, u.end),
      });
    }
  });
  return out;
}

/** What a statement says of its names: its content stems that are no name, and the predicate classes of its words. */
export function saidOf(s: Statement, ws: readonly StemmedWord[]): Map<string, number> {
  const m = new Map<string, number>();
  // A word of a predicate class says only its class: "fleeing" and "displaced" both say FLEE.
  const inClass = new Set<string>();
  for (const h of crossCheckLexicons().predicates.match(ws)) {
    m.set(`p:${h.entry.class}`, PREDICATE_WEIGHT);
    for (let i = h.first; i <= h.last; i++) inClass.add(baseStem(ws[i]!));
  }
  const frame = crossCheckLexicons().reportingVerbs;
  for (const [k, w] of s.content) if (!s.nameWords.has(k) && !inClass.has(k) && !frame.has(k)) m.set(k, w);
  return m;
}

/** Stems and predicate classes of the words the cues cover ("rejected" → reject, p:REJECT). */
function cueWordsOf(hits: readonly { first: number; last: number }[], ws: readonly StemmedWord[]): Set<string> {
  const out = new Set<string>();
  for (const h of hits)
    for (let i = h.first; i <= h.last; i++) {
      out.add(baseStem(ws[i]!));
      const cls = crossCheckLexicons().predicates.match([ws[i]!])[0];
      if (cls) out.add(`p:${cls.entry.class}`);
    }
  return out;
}

/**
 * The word a negation bears on: the first content word after "not", "no", "never", "nor", "n't"
 * or a negative verb, within the clause, past light verbs ("did not accept" → accept; "has not
 * responded" → respond; "no intention of" → intention); "not only" negates nothing.
 */
function negatedWords(ws: readonly StemmedWord[], text: string): Set<string> {
  const stop = crossCheckLexicons().stop;
  // Verbs that negate what follows them ("stopped selling", "failed to"): claim-cues.yml negation entries.
  const negative = new Set(crossCheckLexicons().cues.match(ws).filter((h) => h.entry.cue === 'negation').map((h) => h.last));
  const out = new Set<string>();
  ws.forEach((w, i) => {
    if (!(w.norm === 'not' || w.norm === 'no' || w.norm === 'never' || w.norm === 'nor' || w.norm === 'neither' || w.norm.endsWith("n't") || negative.has(i))) return;
    if (NOT_NEGATING.has(ws[i + 1]?.norm ?? '')) return;
    for (let k = i + 1; k < ws.length; k++) {
      if (/[,;:.]/.test(text.slice(ws[k - 1]!.end, ws[k]!.start))) break;
      if (stop.has(ws[k]!.norm) || LIGHT_VERBS.has(ws[k]!.norm)) continue;
      out.add(baseStem(ws[k]!));
      break;
    }
  });
  return out;
}

/** Verbs that carry no statement of their own after a negation ("did not have any plans"): Quirk et al. 1985 §3.21 (primary verbs) and light verbs. */
const LIGHT_VERBS = new Set(['have', 'has', 'had', 'having', 'get', 'got', 'make', 'made', 'take', 'took', 'give', 'gave', 'yet', 'even', 'also', 'any', 'ever']);


function overlap(q: { start: number; end: number }, start: number, end: number): number {
  return Math.max(0, Math.min(q.end, end) - Math.max(q.start, start));
}

/** The quote that covers most of the sentence, if any covers some of it (`quotes` sorted by start: only those starting within the longest quote's length before the sentence can reach it). */
function mainQuote(quotes: readonly Quote[], longest: number, start: number, end: number): Quote | null {
  let best: Quote | null = null;
  let most = 0;
  for (let i = firstStartingAt(quotes, start - longest); i < quotes.length && quotes[i]!.start < end; i++) {
    const q = quotes[i]!;
    if (q.end <= start) continue;
    const o = overlap(q, start, end) + (q.cue && q.cue.start >= start && q.cue.end <= end ? 1 : 0);
    if (o > most) [best, most] = [q, o];
  }
  return best;
}
