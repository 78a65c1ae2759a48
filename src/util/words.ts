/**
 * Words of a text: runs of characters between whitespace (what `\s` matches), as
 * `text.split(/\s+/).filter(Boolean).length` counts them, by one scan without building the list
 * (every line of every article is counted while cleaning, some several times, and many are
 * paragraphs).
 *
 * @example
 * wordCount(' one two\u00a0three '); // 3
 */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** The code units `\s` matches: ASCII tab to carriage return and space, and Unicode's spaces, line and paragraph separators and the BOM. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
