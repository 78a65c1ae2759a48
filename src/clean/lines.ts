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

/**
 * Runs of non-whitespace: what `s.split(/\s+/).filter(Boolean).length` counts, by one scan without
 * the array (every line of every article is counted, some several times, and many are paragraphs).
 * Whitespace is what `\s` matches.
 */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** The characters `\s` matches: ASCII tab to carriage return and space, and Unicode's spaces, line and paragraph separators and the BOM. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Ends like a sentence (., :, ;, …, or a closing quote after one) rather than like a heading. */
export function endsLikeSentence(s: string): boolean {
  return /[.:;,…]["'”’)\]]*$/.test(s);
}
