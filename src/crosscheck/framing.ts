import type { Article } from '../model/article.js';
import type { ArticleFraming, LabelRecord, LoadedRecord, QuotedSource, SpeakerRole, TextRef } from '../model/check.js';
import { stemmedWords, type StemmedWord } from '../lexicon/phrases.js';
import { anyInside, Coverage, spanAt, spansInside } from '../annotate/locate.js';
import { findQuoted } from '../annotate/quotes/marks.js';
import { speakerRoleOf } from '../annotate/quotes/roles.js';
import { countOf, mostFrequent, pushTo } from '../util/maps.js';
import { countryOfWord, crossCheckLexicons } from './lexicons.js';

/**
 * Character ranges of an article that are someone else's words: its direct quotes, and every
 * stretch between quotation marks as the quote finder pairs them (findQuoted).
 */
export function quotedRanges(a: Article): [number, number][] {
  const paragraphs = a.layers.paragraphs ?? [{ kind: 'paragraph' as const, start: 0, end: a.text.length }];
  return [
    ...(a.layers.quotes ?? []).filter((q) => q.direct).map((q): [number, number] => [q.start, q.end]),
    ...findQuoted(a.text, paragraphs).map((q): [number, number] => [q.start, q.end]),
  ].sort((x, y) => x[0] - y[0]);
}

/** Does one of the ranges (sorted by start) hold [start, end)? A binary search for the last range starting at or before `start`, then a walk back over the ranges that could still reach `end`. */
function within(ranges: readonly [number, number][], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![0] <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1, seen = 0; i >= 0 && seen < WITHIN_LOOKBACK; i--, seen++) if (ranges[i]![1] >= end) return true;
  return false;
}

/** Ranges (quotes) nest or overlap only a few deep: the ranges starting before a stretch that are looked at for one holding it. */
const WITHIN_LOOKBACK = 16;

interface ActorHit extends TextRef {
  readonly role: 'state' | 'armed-opposition';
  readonly head: string;
  readonly tone: string;
  readonly country: string | null;
  readonly label: string;
  readonly quoted: boolean;
}

const SPONSOR = /-(backed|led|supported|sponsored|allied|aligned)$/;
const HELD = /^([\p{L}]+)-(held|controlled|run|led|dominated)$/u;

/** Resolve a word to the country it stands for: demonym, country, capital or leader ("pro-Assad" → Syria). */
function countryWord(w: StemmedWord | undefined): string | null {
  return !w || SPONSOR.test(w.norm) ? null : countryOfWord(w.norm.replace(/^pro-/, ''));
}

/**
 * The words an article uses for the sides of a conflict: heads from actor-labels.yml ("forces",
 * "regime", "rebels", "militants"), and the country they belong to from the words before them
 * ("Syrian government forces", "Assad's forces", "pro-Assad forces") or after them ("forces loyal
 * to Damascus"). A label without a country is kept when its head takes a side by itself ("the
 * regime", "rebels", "terrorists"); the story resolves it later.
 */
export function actorHits(a: Article, ws: readonly StemmedWord[], quoted: readonly [number, number][]): ActorHit[] {
  const lex = crossCheckLexicons();
  const hits = lex.actors.match(ws);
  const covered = new Set(hits.flatMap((h) => Array.from({ length: h.last - h.first + 1 }, (_, k) => h.first + k)));
  ws.forEach((w, i) => {
    const m = covered.has(i) ? null : HELD.exec(w.norm);
    const entry = m ? lex.actors.lookup(m[1]!) : undefined;
    if (entry) hits.push({ entry, first: i, last: i, start: w.start, end: w.end });
  });
  const out: ActorHit[] = [];
  const groups = (a.layers.entities ?? []).filter((e) => e.type === 'group');
  for (const h of hits.sort((x, y) => x.first - y.first)) {
    // Part of a name: an armed group's own name ("Syrian National Army"), or a capitalised head
    // inside a proper name ("PKK Terrorist Organization").
    if (groups.some((e) => e.start <= h.start && h.end <= e.end)) continue;
    const next = ws[h.last + 1];
    const capital = (w: StemmedWord | undefined) => !!w && /^\p{Lu}/u.test(a.text.slice(w.start, w.end));
    if (capital(ws[h.last]) && capital(next) && !/[.,;:]/.test(a.text.slice(h.end, next!.start))) continue;
    let country: string | null = null;
    let from = h.start;
    let to = h.end;
    for (let k = h.first - 1; k >= Math.max(0, h.first - 3); k--) {
      if (covered.has(k)) break; // another label ("Syrian regime jet": the jet is the regime's)
      const c = countryWord(ws[k]);
      if (c) {
        country = c;
        from = ws[k]!.start;
        break;
      }
      if (lex.stop.has(ws[k]!.norm) || /[.,;:!?]/.test(a.text.slice(ws[k]!.end, ws[k + 1]!.start))) break;
    }
    if (!country) {
      const next = ws.slice(h.last + 1, h.last + 4);
      const lead = next.map((w) => w.norm).join(' ');
      if (/^(loyal to|of)\b/.test(lead) && !/[.,;:]/.test(a.text.slice(h.end, next[0]?.start ?? h.end))) {
        const k = next.findIndex((w, n) => n > 0 && countryWord(w));
        if (k > 0) {
          country = countryWord(next[k]);
          to = next[k]!.end;
        }
      }
    }
    const e = h.entry;
    if (!country && e.tone === 'neutral' && e.role === 'state') continue;
    // A possessive ending belongs to the sentence, not to the label ("the Syrian army's offensive").
    const text = a.text.slice(from, to);
    const poss = /['’]s?$/.exec(text);
    if (poss && to - poss[0].length > from) to -= poss[0].length;
    out.push({ articleId: a.id, start: from, end: to, role: e.role, head: e.term, tone: e.tone, country, label: a.text.slice(from, to).replace(/\s+/g, ' '), quoted: within(quoted, from, to) });
  }
  return out;
}

const ROLE_NAMES: Record<string, string> = { state: 'the state and its forces', 'armed-opposition': 'armed opposition' };

/**
 * Labels per actor across the story. Labels without a country join the country the same head is
 * given elsewhere in the story ("the regime" → the "Syrian regime"), or for armed groups the
 * country most named with any opposition label; otherwise they are dropped rather than guessed.
 */
export function actorLabels(hits: readonly ActorHit[], placeName: (ref: string) => string): LabelRecord[] {
  const byHead = new Map<string, string[]>();
  const byRole = new Map<string, string[]>();
  for (const h of hits)
    if (h.country) {
      pushTo(byHead, `${h.role}|${h.head}`, h.country);
      pushTo(byRole, h.role, h.country);
    }
  const top = (countries: string[] | undefined) => (countries ? mostFrequent(countOf(countries)) : null);
  const groups = new Map<string, ActorHit[]>();
  for (const h of hits) {
    const country = h.country ?? top(byHead.get(`${h.role}|${h.head}`)) ?? (h.role === 'armed-opposition' ? top(byRole.get(h.role)) : null);
    if (country) pushTo(groups, `${h.role}:${country.replace(/^place:/, '')}`, h);
  }
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([ref, hs]) => labelRecord(ref, `${placeName(`place:${ref.split(':')[1]}`)} — ${ROLE_NAMES[ref.split(':')[0]!]}`, hs));
}

function labelRecord(ref: string, name: string, hs: readonly (TextRef & { label: string; tone: string; quoted: boolean })[]): LabelRecord {
  const own: Record<string, string[]> = {};
  const quoted: Record<string, string[]> = {};
  for (const h of hs) {
    const target = h.quoted ? quoted : own;
    const list = (target[h.articleId] ??= []);
    const label = h.label.replace(/^the\s+/i, '');
    if (!list.some((x) => x.toLowerCase() === label.toLowerCase())) list.push(label);
  }
  return { ref, name, byArticle: own, quotedByArticle: quoted, spans: hs.map((h) => ({ articleId: h.articleId, start: h.start, end: h.end, label: h.label, tone: h.tone, quoted: h.quoted })) };
}

/** Names of one entity that differ across articles ("Turkey" / "Turkiye"; "Erdogan" / "Turkish President Recep Tayyip Erdogan"). */
export function entityLabels(articles: readonly Article[], names: ReadonlyMap<string, string>, quoted: ReadonlyMap<string, [number, number][]>): LabelRecord[] {
  const byRef = new Map<string, (TextRef & { label: string; tone: string; quoted: boolean })[]>();
  for (const a of articles)
    for (const e of a.layers.entities ?? []) pushTo(byRef, e.ref, { articleId: a.id, start: e.start, end: e.end, label: a.text.slice(e.start, e.end), tone: 'name', quoted: within(quoted.get(a.id) ?? [], e.start, e.end) });
  const out: LabelRecord[] = [];
  for (const [ref, hs] of byRef) {
    const forms = [...new Set(hs.map((h) => h.label.toLowerCase()))];
    const arts = new Set(hs.map((h) => h.articleId));
    // A short form of the same name ("Orsk", "Lena Orsk") is no choice of words; another name is ("Turkey", "Turkiye").
    const differ = forms.some((x, i) => forms.some((y, j) => i < j && !x.includes(y) && !y.includes(x)));
    if (!differ || arts.size < 2) continue;
    out.push(labelRecord(ref, names.get(ref) ?? [...hs].sort((a, b) => b.label.length - a.label.length)[0]!.label, hs));
  }
  return out.sort((a, b) => b.spans.length - a.spans.length || a.ref.localeCompare(b.ref));
}

/** Loaded words of an article, each marked as the outlet's own voice or inside a quotation. */
export function loadedWords(a: Article, ws: readonly StemmedWord[], quoted: readonly [number, number][]): LoadedRecord[] {
  const names = a.layers.entities ?? [];
  return crossCheckLexicons()
    .loaded.match(ws)
    .filter((h) => !names.some((e) => e.start < h.end && h.start < e.end))
    .map((h) => ({ articleId: a.id, start: h.start, end: h.end, text: a.text.slice(h.start, h.end), quoted: within(quoted, h.start, h.end), category: h.entry.category }));
}

const ROLE_ORDER: SpeakerRole[] = ['anonymous', 'outlet', 'official', 'expert', 'witness'];

/** Whom the article quotes, what kind of source each is, and which side they speak for. */
export function quotedSources(a: Article): QuotedSource[] {
  const lex = crossCheckLexicons();
  const out = new Map<string, QuotedSource>();
  // What the article says of a speaker elsewhere, asked once per speaker, not once per quote.
  const elsewhere = new Map<string, ReturnType<typeof speakerRoleOf>>();
  const roleElsewhere = (speaker: string) => {
    if (!elsewhere.has(speaker)) elsewhere.set(speaker, speakerRoleOf(a, speaker));
    return elsewhere.get(speaker)!;
  };
  for (const q of a.layers.quotes ?? []) {
    const sp = q.speaker ?? q.cue;
    const speakerText = q.speaker ? a.text.slice(q.speaker.start, q.speaker.end) : null;
    const speaker = q.speakerName ?? speakerText ?? 'unnamed source';
    // The words describing the speaker: the speaker phrase and the few words just before it in
    // its sentence ("Turkish Defense Minister" before "Hulusi Akar"); the cue's clause tells
    // anonymity ("on condition of anonymity").
    const sentence = spanAt(a.layers.sentences ?? [], (q.cue ?? q).start);
    const clause = sentence ? a.text.slice(Math.max(sentence.start, q.cue?.start ?? sentence.start), sentence.end) : '';
    const own = [...(speakerText ? stemmedWords(speakerText) : []), ...(q.speakerName && q.speakerName !== speakerText ? stemmedWords(q.speakerName) : [])];
    // Up to three words right before the speaker, within the same clause.
    const lead = sp && sentence ? a.text.slice(Math.max(sentence.start, sp.start - 40), sp.start) : '';
    const before = stemmedWords(lead.slice(Math.max(0, ...[',', ';', ':', '—', '“', '"'].map((ch) => lead.lastIndexOf(ch) + 1)))).slice(-3);
    // ...and the apposition after them ("Aydin Selcen, who is now an analyst").
    const tail = sp && sentence ? stemmedWords(a.text.slice(sp.end, sentence.end).split(/[.;:“"]/)[0]!).slice(0, 8) : [];
    const roles = new Set<SpeakerRole>([...lex.roles.match(own), ...lex.roles.match(before), ...lex.roles.match(tail)].map((h) => h.entry.role));
    // Unnamed: the clause says so ("on condition of anonymity"), or the speaker is a person known
    // only by a role word ("a Turkish official", "top Turkish officials", "sources"); an
    // institution ("the ministry") is not anonymous.
    const named = !!q.speakerRef || (!!sp && spansInside(a.layers.entities, sp.start, sp.end).some((e) => e.type === 'person'));
    const saysAnonymous = lex.roles.match(stemmedWords(clause)).some((h) => h.entry.role === 'anonymous' && !h.entry.person);
    if (saysAnonymous || (!named && lex.roles.match(own).some((h) => h.entry.person))) roles.add('anonymous');
    const cited = sp ? spansInside(a.layers.citedSources, sp.start, sp.end)[0] : undefined;
    if (cited && (cited.sourceKind === 'outlet' || cited.sourceKind === 'agency')) roles.add('outlet');
    // Else what the article says of the speaker anywhere: an office before the name, an appositive, an office-holder by name (offices.yml).
    const role: SpeakerRole = ROLE_ORDER.find((r) => roles.has(r)) ?? roleElsewhere(speaker) ?? 'other';
    // The side: a country in the speaker's words ("a Turkish official", "Russia's defence
    // ministry", "Erdogan"), else in the few words just before them.
    const side = [...own, ...[...before].reverse()].map((w) => countryOfWord(w.norm)).find(Boolean) ?? null;
    // One row per speaker: the most telling role of their quotes (anonymous before official before other).
    const prev = out.get(speaker);
    const rank = (r: SpeakerRole) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length);
    out.set(speaker, { articleId: a.id, speaker, role: prev && rank(prev.role) < rank(role) ? prev.role : role, side: prev?.side ?? side, quotes: (prev?.quotes ?? 0) + 1 });
  }
  return [...out.values()].sort((x, y) => y.quotes - x.quotes || x.speaker.localeCompare(y.speaker));
}

/** Modal verbs of possibility in an article's words ("may" only in lower case: "May" is a month). */
export function modals(a: Article, ws: readonly StemmedWord[]): StemmedWord[] {
  return ws.filter((w) => w.norm === 'could' || w.norm === 'might' || (w.norm === 'may' && a.text[w.start] === 'm'));
}

/** What `speculates` asks of an article, indexed once: its hedges and modals by position, what credits someone by character. */
export interface SpeculationIndex {
  readonly hedges: readonly { start: number; end: number }[];
  readonly modal: readonly StemmedWord[];
  /** Quotes, cited sources and quotation marks: a stretch touching one credits someone. */
  readonly credited: Coverage;
  readonly quoted: readonly [number, number][];
}

export function speculationIndex(a: Article, modal: readonly StemmedWord[], quoted: readonly [number, number][]): SpeculationIndex {
  const L = a.layers;
  return { hedges: [...(L.hedges ?? [])].sort((x, y) => x.start - y.start), modal, credited: Coverage.of(a.text.length, [...(L.quotes ?? []), ...(L.citedSources ?? [])]), quoted };
}

/** A stretch speculates when it hedges (a hedge, or could/may/might) without crediting anyone: no quote, no cited source, no quotation marks around it. */
export function speculates(index: SpeculationIndex, start: number, end: number): boolean {
  return (anyInside(index.hedges, start, end) || anyInside(index.modal, start, end)) && !index.credited.overlaps(start, end) && !within(index.quoted, start, end);
}

/** The sentences of an article that speculate. */
export function speculation(a: Article, ws: readonly StemmedWord[], quoted: readonly [number, number][]): TextRef[] {
  const index = speculationIndex(a, modals(a, ws), quoted);
  return (a.layers.sentences ?? []).filter((s) => speculates(index, s.start, s.end)).map((s) => ({ articleId: a.id, start: s.start, end: s.end }));
}

/** What one article does with words and sources; `mine` are its loaded words. */
export function articleFraming(a: Article, mine: readonly LoadedRecord[], spec: readonly TextRef[]): ArticleFraming {
  return {
    articleId: a.id,
    kind: a.classification?.kind ?? 'unknown',
    loadedOwnVoice: mine.filter((l) => !l.quoted).length,
    loadedQuoted: mine.filter((l) => l.quoted).length,
    hedges: (a.layers.hedges ?? []).length,
    speculation: spec,
    quoted: quotedSources(a),
  };
}
