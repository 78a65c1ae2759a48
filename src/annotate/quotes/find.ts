import type { Entity, Paragraph, Quote, Sentence, Token } from '../../model/layers.js';
import { lookupName } from '../entities/index.js';
import { Coverage, firstEndingAfter, spanAt } from '../locate.js';
import { cues, type Cues } from './cues.js';
import { loadLexicon } from '../../lexicon/load.js';
import { PhraseMatcher, stemmedWords, type PhraseEntry } from '../../lexicon/phrases.js';
import { findQuoted, type Quoted } from './marks.js';
import { QUOTES } from './settings.js';
import { resolveSpeaker, type Speaker, type SpeakerContext } from './speaker.js';
import { checkDeadline } from '../../util/budget.js';

export interface QuoteInput {
  readonly text: string;
  readonly paragraphs: readonly Paragraph[];
  readonly sentences: readonly Sentence[];
  readonly tokens: readonly Token[];
  readonly entities: readonly Entity[];
}

/** Words that end a speaker phrase after the verb: ", said Omer Celik, spokesman" / "said Altun in a speech". */
const PHRASE_END = new Set(['who', 'in', 'on', 'at', 'during', 'via', 'after', 'before', 'while', 'adding', 'as', 'when', 'from', 'that', 'to']);
const SUBJECT_SKIP = new Set(['AUX', 'PART', 'ADV']);
const RELATIVE = new Set(['who', 'that', 'which']);

interface Ctx extends QuoteInput {
  readonly low: readonly string[];
  readonly cues: Cues;
  readonly speakers: SpeakerContext;
  /** The characters inside the direct quotes found so far (asked for every reporting verb: a scan of every quote would be quadratic). */
  readonly inDirect: Coverage;
}

/**
 * Direct and indirect quotes with their reporting verb (cue) and speaker.
 *
 * Direct: pair quotation marks (across paragraphs), then look for the cue after the closing mark
 * (`," Altun said` / `," said Omer Celik`), else before the opening mark in its sentence
 * (`He said: “`, `Mr Trump claimed the two countries were “…”`), else take the speaker of the
 * quotation just before in the same or the previous paragraph (a quotation continued after
 * `Altun said.`). Indirect: a sentence whose subject is followed by a reporting verb and a clause
 * (`The U.S. Defense Department said Secretary Mark Esper spoke …`), a clause closed by
 * `, a Turkish official told Middle East Eye.`, `according to X`, or `adding that …`.
 * Pronoun speakers ("he added") are the last speaker. Written by us: no npm package does
 * quote attribution.
 */
export function findQuotes(input: QuoteInput): Quote[] {
  const ctx: Ctx = {
    ...input,
    low: input.tokens.map((t) => input.text.slice(t.start, t.end).toLowerCase()),
    cues: cues(),
    speakers: { text: input.text, entities: input.entities, names: canonicalNames(input), last: null },
    inDirect: Coverage.of(input.text.length),
  };
  const quoted = findQuoted(input.text, input.paragraphs);
  const out: Quote[] = [];
  let q = 0;
  let previous: { quote: Quote; paragraph: number } | null = null;
  for (const s of input.sentences) {
    checkDeadline();
    // Direct quotations that open in this sentence.
    while (q < quoted.length && quoted[q]!.start < s.end) {
      const quote = direct(ctx, quoted[q]!, previous);
      q++;
      if (!quote) continue;
      out.push(quote);
      if (quote.direct) ctx.inDirect.add(quote.start, quote.end);
      if (quote.speakerName) ctx.speakers.last = { span: quote.speaker, name: quote.speakerName, ref: quote.speakerRef };
      previous = { quote, paragraph: paragraphIndex(ctx, quote.end - 1) };
    }
    const indirectQuote = indirect(ctx, s, out);
    if (indirectQuote) {
      out.push(indirectQuote);
      if (indirectQuote.speakerName) ctx.speakers.last = { span: indirectQuote.speaker, name: indirectQuote.speakerName, ref: indirectQuote.speakerRef };
    }
  }
  return out.map((x) => (denies(input.text, x) ? { ...x, denies: true } : x)).sort((a, b) => a.start - b.start || b.end - a.end);
}

let denialCues: PhraseMatcher<PhraseEntry & { cue: string }> | undefined;

/**
 * The speaker denies what the quote says ("the ministry denied reports that …", "rejected claims
 * that …"): its reporting verb, with the word after it, is a denial cue of claim-cues.yml. The
 * quote is then the denied statement, and is shown as denied, never as the speaker's claim.
 */
function denies(text: string, q: Quote): boolean {
  if (!q.cue || q.direct) return false;
  denialCues ??= new PhraseMatcher(loadLexicon<PhraseEntry & { cue: string }>('claim-cues').entries.filter((e) => e.cue === 'denial'));
  const after = text.slice(q.cue.start, Math.min(text.length, q.cue.end + 24));
  return denialCues.match(stemmedWords(after).slice(0, 3)).some((h) => h.first === 0);
}

function direct(ctx: Ctx, m: Quoted, previous: { quote: Quote; paragraph: number } | null): Quote | null {
  const inner = ctx.text.slice(m.start + 1, m.closed ? m.end - 1 : m.end);
  const words = inner.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const att = after(ctx, m) ?? before(ctx, m);
  if (att && words >= QUOTES.minWordsWithCue) return make(m, true, att.cue, att.speaker);
  const para = paragraphIndex(ctx, m.start);
  const continues = previous && previous.quote.direct && previous.quote.speakerName && (previous.paragraph === para || (previous.paragraph === para - 1 && ctx.paragraphs[para]!.start === m.start));
  if (continues && words >= QUOTES.minWordsWithCue) return make(m, true, null, { span: null, name: previous.quote.speakerName, ref: previous.quote.speakerRef });
  return words >= QUOTES.minWordsWithoutCue ? make(m, true, null, null) : null;
}

interface Attribution {
  readonly cue: { start: number; end: number };
  readonly speaker: Speaker | null;
}

/** `," Altun said` · `," said Omer Celik, spokesman of …` · `," a top Turkish official was quoted … as saying`. */
function after(ctx: Ctx, m: Quoted): Attribution | null {
  let i = firstEndingAfter(ctx.tokens, m.end);
  const para = ctx.paragraphs[paragraphIndex(ctx, m.end - 1)]!;
  while (i < ctx.tokens.length && ctx.tokens[i]!.pos === 'PUNCT' && ctx.low[i] === ',') i++;
  const from = i;
  for (; i < ctx.tokens.length && i - from < QUOTES.afterWindow && ctx.tokens[i]!.end <= para.end; i++) {
    if (ctx.tokens[i]!.pos === 'PUNCT' && !/^[’'-]/.test(ctx.low[i]!)) return null;
    if (!ctx.cues.direct.has(ctx.low[i]!) || ctx.tokens[i]!.pos === 'NOUN') continue;
    const cue = ctx.tokens[i]!;
    if (i > from) return { cue, speaker: resolveSpeaker(ctx.speakers, trimSubject(ctx, from, i)) };
    let j = i + 1;
    while (j < ctx.tokens.length && ctx.tokens[j]!.end <= para.end && ctx.tokens[j]!.pos !== 'PUNCT' && !PHRASE_END.has(ctx.low[j]!) && j - i <= QUOTES.maxSpeakerTokens) j++;
    return { cue, speaker: resolveSpeaker(ctx.speakers, ctx.tokens.slice(i + 1, j)) };
  }
  return null;
}

/** `He said: “…` · `Russia’s defence ministry said: “…` · `Mr Trump claimed the two countries were “…”`. */
function before(ctx: Ctx, m: Quoted): Attribution | null {
  const sentence = spanAt(ctx.sentences, m.start);
  if (!sentence) return null;
  const first = firstEndingAfter(ctx.tokens, sentence.start);
  const last = firstEndingAfter(ctx.tokens, m.start);
  for (let v = last - 1; v >= first; v--) {
    if (!ctx.cues.direct.has(ctx.low[v]!) || ctx.tokens[v]!.pos === 'NOUN') continue;
    return { cue: ctx.tokens[v]!, speaker: resolveSpeaker(ctx.speakers, subjectBefore(ctx, first, v)) };
  }
  return null;
}

/** The subject of a verb at token v: back to the last comma of the clause, or, when that leaves no noun, the sentence start. */
function subjectBefore(ctx: Ctx, first: number, v: number): Token[] {
  let from = v;
  while (from > first && ctx.low[from - 1] !== ',' && ctx.low[from - 1] !== ';' && ctx.low[from - 1] !== ':' && v - from < QUOTES.maxSpeakerTokens) from--;
  let subject = trimSubject(ctx, from, v);
  if (!subject.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON')) {
    let end = first;
    while (end < v && ctx.low[end] !== ',') end++;
    subject = trimSubject(ctx, first, end);
  }
  return subject;
}

/** Drop auxiliaries and adverbs at the end of a subject ("Erdogan has", "official was") and punctuation at its ends. */
function trimSubject(ctx: Ctx, from: number, to: number): Token[] {
  let end = to;
  while (end > from && (SUBJECT_SKIP.has(ctx.tokens[end - 1]!.pos) || ctx.tokens[end - 1]!.pos === 'PUNCT' || RELATIVE.has(ctx.low[end - 1]!))) end--;
  let start = from;
  // "The deployment comes as Turkey announced": the subject starts after the last verb or conjunction.
  for (let k = end - 1; k > from; k--) if (ctx.tokens[k]!.pos === 'VERB' || ctx.tokens[k]!.pos === 'SCONJ') {
    start = k + 1;
    break;
  }
  while (start < end && (ctx.tokens[start]!.pos === 'PUNCT' || ctx.tokens[start]!.pos === 'ADP' || ctx.tokens[start]!.pos === 'SCONJ' || ctx.tokens[start]!.pos === 'CCONJ')) start++;
  return ctx.tokens.slice(start, end) as Token[];
}

/**
 * One indirect quote per sentence at most: the first reporting verb that frames a clause.
 * Sentences inside a direct quotation are skipped unless they carry their own verb of saying.
 */
function indirect(ctx: Ctx, s: Sentence, found: readonly Quote[]): Quote | null {
  const first = firstEndingAfter(ctx.tokens, s.start);
  let end = first;
  while (end < ctx.tokens.length && ctx.tokens[end]!.end <= s.end) end++;
  const inQuote = (i: number) => ctx.inDirect.overlaps(ctx.tokens[i]!.start, ctx.tokens[i]!.start + 1) && ctx.inDirect.overlaps(ctx.tokens[i]!.end - 1, ctx.tokens[i]!.end);
  for (let i = first; i < end; i++) {
    const w = ctx.low[i]!;
    if (w === 'according' && ctx.low[i + 1] === 'to') return accordingTo(ctx, first, end, i);
    if (!ctx.cues.indirect.has(w) || ctx.tokens[i]!.pos !== 'VERB') continue;
    if (w === 'adding' || w === 'saying') {
      const that = ctx.low[i + 1] === 'that' ? i + 2 : i + 1;
      const owner = lastEndingIn(found, s.start, ctx.tokens[i]!.start);
      if (end - that >= QUOTES.minContentTokens && owner?.speakerName)
        return make(span(ctx, that, end), false, ctx.tokens[i]!, { span: null, name: owner.speakerName, ref: owner.speakerRef });
      continue;
    }
    // `<clause>, <speaker> said/told X (on Friday).`: the clause before the comma is the content.
    const comma = lastIndex(ctx, first, i, ',');
    if (comma > first && comma - first >= QUOTES.minContentTokens && end - i <= QUOTES.maxTailTokens && !hasVerb(ctx, i + 1, end) && !inQuote(comma - 1)) {
      const speaker = resolveSpeaker(ctx.speakers, trimSubject(ctx, comma + 1, i));
      if (speaker) return make(span(ctx, first, comma), false, ctx.tokens[i]!, speaker);
    }
    // `<speaker> said (that) <clause>` / `<speaker> told <someone> that <clause>`; in
    // "Dragan promised an inquiry and said …" the speaker is the subject of the first verb.
    let subject = trimSubject(ctx, comma >= first ? comma + 1 : first, i);
    if (ctx.low[i - 1] === 'and') {
      let v = first;
      while (v < i && ctx.tokens[v]!.pos !== 'VERB' && ctx.tokens[v]!.pos !== 'AUX') v++;
      subject = trimSubject(ctx, first, v);
    }
    if (subject.length === 1 && /^(i|we)$/.test(ctx.low[firstIndexOf(ctx, subject[0]!)]!)) continue;
    if (subject.length === 0 || subject.length > QUOTES.maxSpeakerTokens || hasVerb(ctx, firstIndexOf(ctx, subject[0]!), i)) continue;
    // The clause starts after "that" when one follows within a few words ("announced on Friday that");
    // "told" needs it ("told CNN Turk broadcaster, adding …" reports nothing by itself).
    let c = i + 1;
    let that = c;
    while (that < end && that - i < QUOTES.thatWindow && ctx.low[that] !== 'that' && ctx.tokens[that]!.pos !== 'VERB') that++;
    if (ctx.low[that] === 'that') c = that + 1;
    else if (w === 'told' || w.startsWith('tell')) continue;
    while (c < end && ctx.tokens[c]!.pos === 'PUNCT' && !isQuoteMark(ctx.low[c]!)) c++;
    if (end - c < QUOTES.minContentTokens || inQuote(c) || isQuoteMark(ctx.low[c]!)) continue;
    if (!hasVerb(ctx, c, end)) continue;
    return make(span(ctx, c, end), false, ctx.tokens[i]!, resolveSpeaker(ctx.speakers, subject));
  }
  return null;
}

function accordingTo(ctx: Ctx, first: number, end: number, i: number): Quote | null {
  let j = i + 2;
  while (j < end && ctx.low[j] !== ',' && ctx.tokens[j]!.pos !== 'PUNCT') j++;
  const speaker = resolveSpeaker(ctx.speakers, ctx.tokens.slice(i + 2, j) as Token[]);
  const cue = { start: ctx.tokens[i]!.start, end: ctx.tokens[i + 1]!.end };
  // "According to X, <content>." or "<content>, according to X."
  if (i === first && end - (j + 1) >= QUOTES.minContentTokens) return make(span(ctx, j + 1, end), false, cue, speaker);
  if (i > first + QUOTES.minContentTokens) return make(span(ctx, first, i), false, cue, speaker);
  return null;
}

/**
 * The last quote found that ends in [from, to]: looked for among the last QUOTES.ownerLookback only, since
 * quotes are found in text order and one ending in the current sentence is among the latest (a scan
 * of all of them for every "adding" would be quadratic on a long text).
 */
function lastEndingIn(found: readonly Quote[], from: number, to: number): Quote | undefined {
  for (let k = found.length - 1; k >= Math.max(0, found.length - QUOTES.ownerLookback); k--) if (found[k]!.end <= to && found[k]!.end >= from) return found[k];
  return undefined;
}

function make(m: { start: number; end: number }, isDirect: boolean, cue: { start: number; end: number } | null, speaker: Speaker | null): Quote {
  return {
    kind: 'quote',
    start: m.start,
    end: m.end,
    direct: isDirect,
    cue: cue ? { start: cue.start, end: cue.end } : null,
    speaker: speaker?.span ?? null,
    speakerName: speaker?.name ?? null,
    speakerRef: speaker?.ref ?? null,
  };
}

/** The text of tokens [from, to), without punctuation at either end. */
function span(ctx: Ctx, from: number, to: number): { start: number; end: number } {
  let a = from;
  let b = to;
  while (b > a && ctx.tokens[b - 1]!.pos === 'PUNCT') b--;
  while (a < b && ctx.tokens[a]!.pos === 'PUNCT') a++;
  return { start: ctx.tokens[a]!.start, end: ctx.tokens[Math.max(a, b - 1)]!.end };
}

function isQuoteMark(w: string): boolean {
  return /^["“”«»]$/.test(w);
}

function hasVerb(ctx: Ctx, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (ctx.tokens[k]!.pos === 'VERB' || ctx.tokens[k]!.pos === 'AUX') return true;
  return false;
}

function lastIndex(ctx: Ctx, from: number, to: number, value: string): number {
  for (let k = to - 1; k >= from; k--) if (ctx.low[k] === value) return k;
  return -1;
}

function firstIndexOf(ctx: Ctx, t: Token): number {
  return firstEndingAfter(ctx.tokens, t.start);
}

function paragraphIndex(ctx: Ctx, offset: number): number {
  return Math.min(firstEndingAfter(ctx.paragraphs, offset), ctx.paragraphs.length - 1);
}

/** Name per ref: the gazetteer's canonical name where the name is known, else the longest mention. */
function canonicalNames(input: QuoteInput): Map<string, string> {
  const names = new Map<string, string>();
  const fixed = new Set<string>();
  for (const e of input.entities) {
    if (fixed.has(e.ref)) continue;
    const form = input.text.slice(e.start, e.end);
    const known = lookupName(form);
    if (known?.ref === e.ref) {
      names.set(e.ref, known.name);
      fixed.add(e.ref);
      continue;
    }
    const had = names.get(e.ref);
    if (!had || form.length > had.length) names.set(e.ref, form);
  }
  return names;
}
