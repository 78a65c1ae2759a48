import type { Span } from '../../model/span.js';

/**
 * Mend wink-nlp's sentence splits on news text:
 * 1. a list marker alone ("1.", "2)", "a.") joins the sentence after it;
 * 2. a split right after a title or initial abbreviation ("Mr.", "Gen.", "J.") is undone when the
 *    next sentence starts with a capitalised name;
 * 3. a fragment made only of closing punctuation (a stray closing quote) joins the sentence before.
 */
export function repairSentences(text: string, spans: readonly Span[]): Span[] {
  const out: { start: number; end: number }[] = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    const s = text.slice(span.start, span.end);
    if (prev) {
      const p = text.slice(prev.start, prev.end);
      if (LIST_MARKER.test(p) || (ABBREVIATION_END.test(p) && /^[A-Z]/.test(s)) || CLOSING_ONLY.test(s)) {
        prev.end = span.end;
        continue;
      }
    }
    out.push({ start: span.start, end: span.end });
  }
  return out;
}

const LIST_MARKER = /^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]$/i;
// Titles and single initials that end in a full stop but never end a sentence in news copy.
const ABBREVIATION_END = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Rev|St|Jr|Sr|No|[A-Z])\.$/;
const CLOSING_ONLY = /^[\s"'”’)\]»]+$/;
