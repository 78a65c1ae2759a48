import type { Paragraph } from '../../model/layers.js';

/** Each non-blank line is a paragraph, its span trimmed of surrounding whitespace. */
export function findParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ kind: 'paragraph', start, end });
  }
  return out;
}
