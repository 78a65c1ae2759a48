import type { Paragraph } from '../../model/layers.js';
import { entityLexicons } from '../entities/lexicons.js';
import { wordCount } from '../../util/words.js';

// A subhead is short: at most this many words and characters.
const MAX_WORDS = 7;
const MAX_CHARS = 60;
// The paragraph after a subhead is prose: at least this many words.
const MIN_PROSE_WORDS = 12;

const endsSentence = (s: string) => /[.!?…]["”’)\]]*$/.test(s);

/**
 * Which paragraphs are subheads: short title-like lines between two paragraphs of prose ("NATO
 * talks", "Ankara ultimatum"), which news sites put between sections. A subhead is a heading of
 * the article, not a sentence: it says no claim, so no claim or brief is made of it. The rule: at
 * most 7 words and 60 characters, starting with a capital or a digit, no quotation marks and no
 * sentence punctuation at its end (not . ! ? : ; ,), with a paragraph before it that ends a
 * sentence and one after it of 12 words or more, and no reporting verb as its last word ("The new
 * report details" is a lead-in whose colon was lost, not a heading). The first and last paragraphs
 * are never subheads (a title or a sign-off is clean/'s business).
 *
 * @example
 * subheads(text, findParagraphs(text)); // Set { 5, 11 }: the indexes of the subhead paragraphs
 */
export function subheads(text: string, paragraphs: readonly Paragraph[]): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i + 1 < paragraphs.length; i++) {
    const line = text.slice(paragraphs[i]!.start, paragraphs[i]!.end);
    const n = wordCount(line);
    if (n === 0 || n > MAX_WORDS || line.length > MAX_CHARS) continue;
    if (!/^[\p{Lu}\p{N}]/u.test(line) || /["“”«»]/.test(line) || /[.!?…:;,]$/.test(line)) continue;
    if (entityLexicons().saidVerbs.has(line.split(/\s+/).at(-1)!.toLowerCase())) continue;
    const before = text.slice(paragraphs[i - 1]!.start, paragraphs[i - 1]!.end);
    const after = text.slice(paragraphs[i + 1]!.start, paragraphs[i + 1]!.end);
    if (!endsSentence(before) || wordCount(after) < MIN_PROSE_WORDS || !endsSentence(after)) continue;
    out.add(i);
  }
  return out;
}
