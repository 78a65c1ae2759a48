import type { Extracted } from '../ingest/types.js';
import type { Removed } from '../model/article.js';
import { readByline, readDateline, readStamp } from './byline.js';
import { junkReason } from './junk.js';
import { wordCount } from '../util/words.js';
import { endsLikeSentence, type Line, lines } from './lines.js';
import { normalise } from './repeated.js';
import { HEAD_LINES, HEADING_MAX_WORDS, REPEATED_MAX_SHARE, REPEATED_MAX_WORDS, REPEATED_PROSE_MIN_WORDS, SECTION_LABEL_MAX_WORDS } from './settings.js';

/** How a publication day found in the text is marked in `provenance.published`: from a byline, from a time-stamp line. */
export const PUBLISHED_FROM_TEXT = { byline: 'byline-line', stamp: 'timestamp-line' } as const;

/** What cleaning one document decided: kept text pieces, removed spans, and metadata found in the text. */
export interface Cleaned {
  readonly text: string;
  readonly removed: Removed[];
  readonly title: string | null;
  readonly byline: string | null;
  readonly published: string | null;
  readonly dateline: string | null;
  readonly provenance: Record<string, string>;
}

/**
 * Cut junk lines out of one document's text and move its title (plain text), byline and
 * dateline into metadata. Every removed piece keeps its offsets into the raw text and a reason.
 */
export function cleanText(doc: Extracted, repeated: ReadonlySet<string>): Cleaned {
  const raw = doc.text;
  const all = lines(raw);
  const removed: Removed[] = [];
  const provenance: Record<string, string> = {};
  const cut = (l: Line, reason: string) => removed.push({ start: l.start, end: l.end, text: l.text, reason });
  let title = doc.title;
  let byline: string | null = null;
  let published: string | null = null;
  let dateline: string | null = null;

  // 1. Lines that are junk by themselves or repeat across the outlet's articles.
  // A line the outlet repeats is boilerplate, unless it reads as a sentence of prose, or the
  // repeats make up much of the article: then it is an update or a copy of another article (wire
  // follow-ups repeat whole paragraphs), and cutting would lose its text.
  // Each line read once: its words, whether it is junk, whether the outlet repeats it (a line of
  // more words than REPEATED_MAX_WORDS is never among the repeated ones: repeatedLines).
  const read = all.map((l) => {
    const words = wordCount(l.text);
    const repeat = words <= REPEATED_MAX_WORDS && repeated.has(normalise(l.text)) && !(words >= REPEATED_PROSE_MIN_WORDS && /[.!?]["'”’)]?$/.test(l.text.trim()));
    return { l, words, junk: junkReason(l.text), repeat };
  });
  const plain = read.filter((r) => !r.junk);
  const repeatWords = plain.filter((r) => r.repeat).reduce((n, r) => n + r.words, 0);
  const cutRepeats = repeatWords <= REPEATED_MAX_SHARE * plain.reduce((n, r) => n + r.words, 0);
  let keep: Line[] = [];
  for (const { l, junk, repeat } of read) {
    const reason = junk ?? (cutRepeats && repeat ? 'clean/repeated-line' : null);
    if (reason) cut(l, reason);
    else keep.push(l);
  }
  // 2. The head of the text: time stamps, section labels, the title (plain text), a byline.
  // A line that is only a time stamp ("Published: June 6, 2013 3: 05 PM EDT") says when, not
  // what: it is never the title, and the earliest one is the publication day (updates come later).
  const stamps: string[] = [];
  keep = keep.filter((l, i) => {
    const stamp = i < HEAD_LINES ? readStamp(l.text) : null;
    if (!stamp) return true;
    if (stamp.day) stamps.push(stamp.day);
    cut(l, 'clean/timestamp');
    return false;
  });
  if (stamps.length > 0) {
    published = stamps.sort()[0]!;
    provenance.published = PUBLISHED_FROM_TEXT.stamp;
  }
  const head = headingRun(keep);
  // The title is the last of the leading heading-like lines (labels sit above it), else line one;
  // but only when more text follows it: a text of one line ("A bomb exploded Friday at a bank
  // branch in Woodburn, Oregon, …") is that line, not a title over nothing.
  const t = head.length > 1 ? head.length - 1 : 0;
  if (title === null && keep.length > t + 1) {
    for (let i = 0; i < t; i++) {
      const short = wordCount(keep[i]!.text) <= SECTION_LABEL_MAX_WORDS && wordCount(keep[i]!.text) < wordCount(keep[t]!.text);
      cut(keep[i]!, short ? 'clean/section-label' : 'clean/title-extra');
    }
    title = keep[t]!.text;
    provenance.title = 'first-line';
    cut(keep[t]!, 'clean/title');
    keep = keep.slice(t + 1);
  } else if (title !== null) {
    // A repeated headline at the top goes; so do short labels above it.
    const at = head.findIndex((l) => normalise(l.text) === normalise(title!));
    for (let i = 0; i < at; i++) if (wordCount(keep[i]!.text) <= SECTION_LABEL_MAX_WORDS) cut(keep[i]!, 'clean/section-label');
    if (at >= 0) keep = keep.filter((l, i) => i > at || (i < at && wordCount(l.text) > SECTION_LABEL_MAX_WORDS));
  }
  for (let i = 0; i < Math.min(3, keep.length); i++) {
    const b = readByline(keep[i]!.text);
    if (!b) continue;
    byline = b.byline;
    provenance.byline = 'byline-line';
    if (b.published) {
      published = b.published;
      provenance.published = PUBLISHED_FROM_TEXT.byline;
    }
    cut(keep[i]!, 'clean/byline');
    keep.splice(i, 1);
    break;
  }
  // 3. A dateline opening the first paragraph is cut from that paragraph only.
  const pieces = keep.map((l) => ({ start: l.start, text: l.text }));
  const first = pieces[0];
  const d = first ? readDateline(first.text) : null;
  if (first && d) {
    dateline = d.place;
    provenance.dateline = 'dateline';
    removed.push({ start: first.start, end: first.start + d.length, text: raw.slice(first.start, first.start + d.length), reason: 'clean/dateline' });
    pieces[0] = { start: first.start + d.length, text: first.text.slice(d.length) };
  }
  removed.sort((a, b) => a.start - b.start);
  return { text: pieces.map((p) => p.text).join('\n'), removed, title, byline, published, dateline, provenance };
}

/** The leading lines that look like headings (short, no sentence-final punctuation). */
function headingRun(keep: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const l of keep) {
    if (wordCount(l.text) > HEADING_MAX_WORDS || endsLikeSentence(l.text) || readByline(l.text)) break;
    out.push(l);
  }
  return out;
}
