/**
 * A name or message as it may be printed on a terminal or in a log line: control characters (a
 * newline that would start a forged second line, an escape sequence that would drive the
 * terminal) and the invisible characters that reorder or hide text (bidirectional overrides and
 * isolates, zero-width marks) shown escaped, as `\n`, `\t` or `\u{1b}`. Everything printed on
 * stderr that holds a file name, a URL or an article's words goes through this.
 *
 * @example
 * printable('evil\nforged.txt: fake error line'); // 'evil\\nforged.txt: fake error line'
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

// C0 and C1 controls, DEL, line and paragraph separators, bidi embeddings, overrides and isolates, zero-width characters.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
