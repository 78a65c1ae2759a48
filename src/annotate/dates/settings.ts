/** Words that make a sentence speak of the future, so a bare weekday in it resolves forwards. */
export const FUTURE_CUES = /\b(?:will|shall|next|is set to|are set to|is due|are due|scheduled|plans? to|planned|upcoming|'ll|would|is expected to|are expected to)\b/i;

/** A date expression must contain one of these, or chrono's guess is no date ("JOIN NOW", "the last days"). */
export const DATE_CUE = /\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|month|year|ago)\b/i;

/** Prepositions and articles chrono includes at the start of a match, and that the span should not. */
export const LEADING = /^(?:(?:on|in|at|by|since|from|until|till|during|of|the|a|an)\s+)+/i;

/**
 * chrono reads a paragraph at a time, and a paragraph longer than this a run of sentences at a time
 * (find.ts: one call over a long text is quadratic). News paragraphs are far shorter; the cap only
 * bounds the work a text without line breaks can cause.
 */
export const CHRONO_CHUNK_CHARS = 4000;
