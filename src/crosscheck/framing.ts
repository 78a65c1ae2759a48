import type { Article } from '../model/article.js';
import type { ArticleFraming, LabelRecord, LoadedRecord, QuotedSource, SpeakerRole, TextRef } from '../model/check.js';
import { stemmedWords, type StemmedWord } from '../lexicon/phrases.js';
import { crossCheckLexicons } from './lexicons.js';

/** Character ranges of an article that are someone else's words: direct quotes and text between quotation marks. */
export function quotedRanges(a: Article): [number, number][] {
  const out: [number, number][] = (a.layers.quotes ?? []).filter((q) => q.direct).map((q) => [q.start, q.end]);
  for (const p of a.layers.paragraphs ?? [{ start: 0, end: a.text.length }]) {
    const text = a.text.slice(p.start, p.end);
    let open = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '“' || (ch === '"' && open < 0)) open = i;
      else if ((ch === '”' || ch === '"') && open >= 0) {
        out.push([p.start + open, p.start + i + 1]);
        open = -1;
      }
    }
    // A quotation left open runs to the end of its paragraph (news style for multi-paragraph quotes).
    if (open >= 0) out.push([p.start + open, p.end]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

function within(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([s, e]) => start >= s && end <= e);
}

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
  if (!w || SPONSOR.test(w.norm)) return null;
  const lex = crossCheckLexicons();
  const bare = w.norm.replace(/^pro-/, '').replace(/'s?$/, '');
  return lex.countryOf.get(bare) ?? null;
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
  const hits = lex.actors.match(ws).map((h) => ({ ...h, entry: h.entry }));
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
  const byHead = new Map<string, Map<string, number>>();
  const byRole = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, k: string, c: string) => {
    const x = m.get(k) ?? m.set(k, new Map()).get(k)!;
    x.set(c, (x.get(c) ?? 0) + 1);
  };
  for (const h of hits) if (h.country) {
    bump(byHead, `${h.role}|${h.head}`, h.country);
    bump(byRole, h.role, h.country);
  }
  const top = (m: Map<string, number> | undefined) => (m ? [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null : null);
  const groups = new Map<string, ActorHit[]>();
  for (const h of hits) {
    const country = h.country ?? top(byHead.get(`${h.role}|${h.head}`)) ?? (h.role === 'armed-opposition' ? top(byRole.get(h.role)) : null);
    if (!country) continue;
    const ref = `${h.role}:${country.replace(/^place:/, '')}`;
    (groups.get(ref) ?? groups.set(ref, []).get(ref)!).push(h);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([ref, hs]) => labelRecord(ref, `${placeName(`place:${ref.split(':')[1]}`)} — ${ROLE_NAMES[ref.split(':')[0]!]}`, hs.map((h) => ({ ...h, label: h.label }))));
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
    for (const e of a.layers.entities ?? []) {
      const list = byRef.get(e.ref) ?? byRef.set(e.ref, []).get(e.ref)!;
      list.push({ articleId: a.id, start: e.start, end: e.end, label: a.text.slice(e.start, e.end), tone: 'name', quoted: within(quoted.get(a.id) ?? [], e.start, e.end) });
    }
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
  for (const q of a.layers.quotes ?? []) {
    const sp = q.speaker ?? q.cue;
    const speakerText = q.speaker ? a.text.slice(q.speaker.start, q.speaker.end) : null;
    const speaker = q.speakerName ?? speakerText ?? 'unnamed source';
    // The words describing the speaker: the speaker phrase and the few words just before it in
    // its sentence ("Turkish Defense Minister" before "Hulusi Akar"); the cue's clause tells
    // anonymity ("on condition of anonymity").
    const sentence = (a.layers.sentences ?? []).find((s) => s.start <= (q.cue ?? q).start && (q.cue ?? q).start < s.end);
    const clause = sentence ? a.text.slice(Math.max(sentence.start, q.cue?.start ?? sentence.start), sentence.end) : '';
    const own = [...(speakerText ? stemmedWords(speakerText) : []), ...(q.speakerName && q.speakerName !== speakerText ? stemmedWords(q.speakerName) : [])];
    // Up to three words right before the speaker, within the same clause.
    const lead = sp && sentence ? a.text.slice(Math.max(sentence.start, sp.start - 40), sp.start) : '';
    const before = stemmedWords(lead.slice(Math.max(0, ...[',', ';', ':', '—', '“', '"'].map((ch) => lead.lastIndexOf(ch) + 1)))).slice(-3);
    // ...and the apposition after them ("Aydin Selcen, who is now an analyst").
    const tail = sp && sentence ? stemmedWords(a.text.slice(sp.end, sentence.end).split(/[.;:“"]/)[0]!).slice(0, 8) : [];
    const roles = new Set<SpeakerRole>([...lex.roles.match(own), ...lex.roles.match(before), ...lex.roles.match(tail)].map((h) => h.entry.role));
    if (/\b(condition of anonymity|not authori[sz]ed|declined to be named|unnamed|sources?)\b/i.test(clause + ' ' + (speakerText ?? '')) || /^(an?|another|one|two|three|several|some|top)\s/i.test(speakerText ?? '')) roles.add('anonymous');
    const cited = (a.layers.citedSources ?? []).find((c) => sp && c.start >= sp.start && c.end <= sp.end);
    if (cited && (cited.sourceKind === 'outlet' || cited.sourceKind === 'agency')) roles.add('outlet');
    const role: SpeakerRole = ROLE_ORDER.find((r) => roles.has(r)) ?? 'other';
    // The side: a country in the speaker's words ("a Turkish official", "Russia's defence
    // ministry", "Erdogan"), else in the few words just before them.
    let side: string | null = null;
    for (const w of [...own, ...[...before].reverse()]) {
      side = lex.countryOf.get(w.norm.replace(/'s?$/, '')) ?? null;
      if (side) break;
    }
    const prev = out.get(speaker);
    const best = prev && ROLE_ORDER.indexOf(prev.role) >= 0 && (ROLE_ORDER.indexOf(role) < 0 || ROLE_ORDER.indexOf(prev.role) < ROLE_ORDER.indexOf(role)) ? prev.role : role;
    out.set(speaker, { articleId: a.id, speaker, role: best, side: prev?.side ?? side, quotes: (prev?.quotes ?? 0) + 1 });
  }
  return [...out.values()].sort((x, y) => y.quotes - x.quotes || x.speaker.localeCompare(y.speaker));
}

/** Sentences that speculate (a hedge, or could/may/might) without crediting anyone for it. */
export function speculation(a: Article, ws: readonly StemmedWord[], quoted: readonly [number, number][]): TextRef[] {
  const L = a.layers;
  const modal = ws.filter((w) => w.norm === 'could' || w.norm === 'might' || (w.norm === 'may' && a.text[w.start] === 'm'));
  const out: TextRef[] = [];
  for (const s of L.sentences ?? []) {
    const has = (xs: readonly { start: number; end: number }[] | undefined) => (xs ?? []).some((x) => x.start < s.end && s.start < x.end);
    const hedged = (L.hedges ?? []).some((h) => h.start >= s.start && h.end <= s.end) || modal.some((w) => w.start >= s.start && w.end <= s.end);
    if (!hedged || has(L.quotes) || has(L.citedSources) || within(quoted, s.start, s.end)) continue;
    out.push({ articleId: a.id, start: s.start, end: s.end });
  }
  return out;
}

export function articleFraming(a: Article, loaded: readonly LoadedRecord[], spec: readonly TextRef[]): ArticleFraming {
  const mine = loaded.filter((l) => l.articleId === a.id);
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
