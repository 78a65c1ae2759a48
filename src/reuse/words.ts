/** A word of an article with its half-open character span and a normal form for matching. */
export interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower-cased, accents folded, curly apostrophes straightened: "Türkiye's" → "turkiye's". */
  readonly norm: string;
}

// Letters and digits, with inner apostrophes and hyphens ("Ankara's", "large-scale", "S-400"): the
// words of /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu (WORD, kept as the definition the tests hold the
// scanner to). We use our own word splitter, not wink-nlp's tokens: reuse runs on stored texts whose
// token layers may not be loaded, and it only needs word boundaries, at ~20x wink's speed. It scans
// character codes rather than running the pattern: a match object per word was most of its time
// (every article of a store passes here, and again for each source it is aligned with).
export const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
const MARKS = /\p{M}+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 code unit below 0x10000: 0 not yet known, 1 a letter or digit, 2 not (filled as met; ASCII up front). */
const BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) BMP[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;

/** Code units the code point at `i` takes if it is a letter or digit, else 0. */
function wordChar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = BMP[c]!;
    if (k === 0) BMP[c] = k = WORD_CHAR.test(text[i]!) ? 1 : 2;
    return k === 1 ? 1 : 0;
  }
  const cp = text.codePointAt(i)!;
  if (cp < 0x10000) return 0; // a lone surrogate
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/** Where the run of letters and digits starting at `i` ends. */
function runEnd(text: string, i: number): number {
  for (let n; i < text.length && (n = wordChar(text, i)) > 0; ) i += n;
  return i;
}

/**
 * Split a text into words with character offsets.
 *
 * @example
 * words("Ankara's imminent large-scale").map((w) => w.norm); // ["ankara's", "imminent", "large-scale"]
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const lower = lowered(text);
  // Most words of an English text are ASCII once lowered: their normal form is a slice of the
  // lowered text, and only the others pay for a test and NFD.
  const plain = lower !== null && !NON_ASCII.test(lower);
  for (let i = 0; i < text.length; ) {
    const first = wordChar(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = runEnd(text, i + first);
    // An apostrophe or hyphen joins two runs: "Ankara's", "large-scale".
    for (let c; end + 1 < text.length && ((c = text.charCodeAt(end)) === 0x27 || c === 0x2019 || c === 0x2d) && wordChar(text, end + 1) > 0; ) end = runEnd(text, end + 1);
    i = end;
    let norm: string;
    if (lower === null) norm = normalise(text.slice(start, end));
    else {
      norm = lower.slice(start, end);
      if (!plain) norm = fold(norm);
    }
    out.push({ start, end, norm });
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text lower-cased once, curly apostrophes straightened, when that gives each word what
 * lower-casing the word alone gives: no character whose lower case is longer (U+0130, so the
 * offsets hold) and no capital sigma (its lower case depends on where the word ends). Else null.
 */
function lowered(text: string): string | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length || text.includes('\u03a3')) return null;
  return lower.replace(/’/g, "'");
}

function normalise(word: string): string {
  return fold(word.toLowerCase().replace(/’/g, "'"));
}

/** A lowered word with its accents folded; only a word with non-ASCII letters pays for NFD. */
function fold(lower: string): string {
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}
