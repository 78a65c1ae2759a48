import type { Paragraph } from '../../model/layers.js';

/** A stretch of text between quotation marks, marks included; it may run over several paragraphs. */
export interface Quoted {
  readonly start: number;
  readonly end: number;
  /** False when the text ends before a closing mark. */
  readonly closed: boolean;
}

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

/**
 * Pair quotation marks. Curly and guillemet marks pair by shape; a straight `"` opens after a space,
 * a line start or an opening bracket, and closes otherwise. News style lets a quotation run over
 * paragraphs: a paragraph that ends inside a quote and a next paragraph that opens with a mark
 * continue one quotation ("He said: “We are entering …\n“We are making our final warnings. …”").
 * Single quotes are left alone: they are apostrophes far more often than quotes.
 */
export function findQuoted(text: string, paragraphs: readonly Paragraph[]): Quoted[] {
  const out: Quoted[] = [];
  let open = -1;
  let lastInside = -1;
  for (let p = 0; p < paragraphs.length; p++) {
    const { start, end } = paragraphs[p]!;
    const continuing = open >= 0;
    for (let i = start; i < end; i++) {
      const ch = text[i]!;
      const straight = ch === '"';
      const before = i > start ? text[i - 1]! : ' ';
      const opens = OPEN.has(ch) || (straight && /[\s([—–-]/.test(before));
      if (open >= 0 && (CLOSE.has(ch) || (straight && !/[\s([]/.test(before)))) {
        out.push({ start: open, end: i + 1, closed: true });
        open = -1;
      } else if (opens) {
        // The opening mark of a continuation paragraph belongs to the quote already open.
        if (!(continuing && open >= 0 && i === start)) open = i;
      }
      if (open >= 0 && /\S/.test(ch)) lastInside = i + 1;
    }
    if (open >= 0) {
      const next = paragraphs[p + 1];
      const nextOpens = next !== undefined && (OPEN.has(text[next.start]!) || text[next.start] === '"');
      if (!nextOpens) {
        out.push({ start: open, end: lastInside, closed: false });
        open = -1;
      }
    }
  }
  return out;
}
