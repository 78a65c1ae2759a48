/** A word of an article with its half-open character span and a normal form for matching. */
export interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower-cased, accents folded, curly apostrophes straightened: "Türkiye's" → "turkiye's". */
  readonly norm: string;
}

// Letters and digits, with inner apostrophes and hyphens ("Ankara's", "large-scale", "S-400").
// We use our own word splitter, not wink-nlp's tokens: reuse runs on stored texts whose token layers
// may not be loaded, and it only needs word boundaries, at ~20x wink's speed.
const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
const MARKS = /\p{M}+/gu;

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
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    let norm: string;
    if (lower === null) norm = normalise(m[0]);
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
