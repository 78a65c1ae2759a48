/**
 * Thresholds of cleaning. No eval scores cleaning by itself (no gold set marks junk lines);
 * where an eval shows a value's effect it is cited, else the value was set on the seeds and
 * clean.test.ts, with the reason given.
 */

/** A junk pattern only removes lines up to this many words: real sentences that mention "subscribe" stay. */
export const JUNK_MAX_WORDS = 25;

/** A line is heading-like (a title, subhead or section label) up to this many words without sentence-final punctuation. */
export const HEADING_MAX_WORDS = 20;

/** A section label above the title is at most this many words (and shorter than the title). */
export const SECTION_LABEL_MAX_WORDS = 6;

/** Lines repeated across articles of one outlet are junk only when short (taglines, not quoted paragraphs). */
export const REPEATED_MAX_WORDS = 15;

/** Below this share of English function words a text is not English (typical English: 0.35–0.5). The stories eval refuses none of the 2,015 records of BASIL, ECB+ and AllSides as not English at this value (its "not scored" lines). */
export const ENGLISH_MIN_SHARE = 0.2;

/** Texts shorter than this many words (and LANGUAGE_MIN_LETTERS letters) are not language-checked (too little evidence). */
export const LANGUAGE_MIN_WORDS = 15;

/** …unless they have this many letters: a script without spaces (Chinese) has few words. */
export const LANGUAGE_MIN_LETTERS = 60;

/** franc-min reads this much of a text that fails the English share test (language.ts); its cost grows with it. */
export const FRANC_SAMPLE_CHARS = 2000;

/**
 * A text franc scores at least this close to English (franc's best language scores 1) stays English.
 * Over BASIL, AllSides and ECB+ (2,015 texts, commit 3c4f45f) franc alone refused one short English text
 * ("PHILADELPHIA 76ERS Fired Jim O'Brien, coach.": Spanish 1, English 0.85); our own Swedish,
 * German, Russian, Arabic and Chinese samples score English 0.66, 0.68 and nothing.
 */
export const FRANC_ENGLISH_RATIO = 0.8;

/** A repeated line of at least this many words ending like a sentence is prose, not boilerplate. */
export const REPEATED_PROSE_MIN_WORDS = 8;

/** Repeated lines are cut only while they are at most this share of the article's words. */
export const REPEATED_MAX_SHARE = 0.3;

/** Time-stamp lines are looked for among this many first lines (after junk is cut): above and below the headline and byline. ECB+'s development part (stories eval, commit 043ee4c): 3 → 158 texts dated from a time stamp or byline, B-cubed F1 0.815; 5 and 8 → 162, F1 0.815. */
export const HEAD_LINES = 5;
