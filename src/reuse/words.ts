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
  const forms = normalForms(text);
  eachWord(text, (start, end) => out.push({ start, end, norm: forms.norm(start, end) }));
  return out;
}

/**
 * The FNV-1a hash of each word's normal form, in order: `fnv(words(text)[i].norm)`, without making
 * the words (what shingles are made of: every article of a run or a store is hashed, and only the
 * few aligned with another need their words).
 */
export function wordHashes(text: string): Int32Array {
  const forms = normalForms(text);
  const out: number[] = [];
  eachWord(text, (start, end) => out.push(forms.plain ? fnvRange(forms.lower!, start, end) : fnv(forms.norm(start, end))));
  return Int32Array.from(out);
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as a signed number. */
export function fnv(s: string): number {
  return fnvRange(s, 0, s.length);
}

function fnvRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The normal form of any span of a text (see `Word.norm`), the text lowered once where it can be. */
function normalForms(text: string): { readonly lower: string | null; readonly plain: boolean; norm(start: number, end: number): string } {
  const lower = lowered(text);
  // Most words of an English text are ASCII once lowered: their normal form is a slice of the
  // lowered text, and only the others pay for a test and NFD.
  const plain = lower !== null && !NON_ASCII.test(lower);
  return {
    lower,
    plain,
    norm: (start, end) => (lower === null ? normalise(text.slice(start, end)) : plain ? lower.slice(start, end) : fold(lower.slice(start, end))),
  };
}

/** Calls `each` with the span of every word of the text, in order. */
function eachWord(text: string, each: (start: number, end: number) => void): void {
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
    each(start, end);
  }
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
