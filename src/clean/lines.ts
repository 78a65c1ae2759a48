/** One line of the raw text: half-open offsets of its trimmed content. */
export interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Split text into trimmed, non-empty lines with offsets into it.
 *
 * @example
 * lines('a\n\n  b ').map((l) => l.text); // ['a', 'b']
 */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let at = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ start: at + lead, end: at + lead + body.length, text: body });
    at += raw.length + 1;
  }
  return out;
}

/** Ends like a sentence (., :, ;, …, or a closing quote after one) rather than like a heading. */
export function endsLikeSentence(s: string): boolean {
  return /[.:;,…]["'”’)\]]*$/.test(s);
}
