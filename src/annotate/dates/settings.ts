/**
 * Patterns of the dates stage. Figures cited are from the dates eval on the development parts
 * (TempEval-3's TBAQ training data; MEANTIME's gm and stock corpora; `npm run eval -- --only
 * dates`) at commit 043ee4c: span F1 / value F1, as shipped 0.941 / 0.857 on TempEval-3 and
 * 0.644 / 0.575 on MEANTIME. They were written before the sets had parts.
 */

/**
 * Words that make a sentence speak of the future, so a bare weekday in it resolves forwards.
 * Without it (every bare weekday backwards): 0.941 / 0.863 and 0.644 / 0.591, higher on both
 * development parts; a change to measure (and to read the misses of) in its own commit.
 */
export const FUTURE_CUES = /\b(?:will|shall|next|is set to|are set to|is due|are due|scheduled|plans? to|planned|upcoming|'ll|would|is expected to|are expected to)\b/i;

/** A date expression must contain one of these, or chrono's guess is no date ("JOIN NOW", "the last days"). Without it: 0.922 / 0.830 and 0.620 / 0.547. */
export const DATE_CUE = /\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|month|year|ago)\b/i;

/** Prepositions and articles chrono includes at the start of a match, and that the span should not. The relaxed (overlap) scoring of the eval does not see it: the same figures without it; it is for the reader, whose highlighted span should be the date. */
export const LEADING = /^(?:(?:on|in|at|by|since|from|until|till|during|of|the|a|an)\s+)+/i;

/**
 * chrono reads a paragraph at a time, and a paragraph longer than this a run of sentences at a time
 * (find.ts: one call over a long text is quadratic). News paragraphs are far shorter; the cap only
 * bounds the work a text without line breaks can cause.
 */
export const CHRONO_CHUNK_CHARS = 4000;
