/**
 * Tunables of passage-level reuse detection. No eval measures them: ../shared/corpus has no gold
 * set of copied passages. They were chosen on synthetic copies with known edits (reuse.test.ts,
 * which fails when a copy with every fifth word changed is missed) and checked on the seeds;
 * change them only with a measured reason.
 */

/** Words per shingle. Four survives rewrites that change every fifth word; five misses many of them. */
export const SHINGLE_WORDS = 4;

/** A passage needs this many shared shingles: two shared four-word runs are too often stock phrases. */
export const MIN_SEEDS = 3;

/** Shared shingles join one passage while they are at most this many words apart on both sides (room for an edit). */
export const MAX_GAP_WORDS = 10;

/** Consecutive passages in the same order on both sides join across a rewritten stretch of at most this many words. */
export const MAX_MERGE_GAP_WORDS = 15;

/** Ignore a shingle seen more often than this in one article: it is a repeated phrase, not a trace of copying. */
export const MAX_POSITIONS = 8;

/** Grow a passage to its sentence's edge when that edge is at most this many words away on both sides. */
export const SENTENCE_SNAP_WORDS = 8;

/** An article whose words are at least this share covered by passages of another is a near-duplicate of it. */
export const NEAR_DUPLICATE_SHARE = 0.9;

/** Longest passage (in words per side) the word-level diff aligns exactly; longer ones are diffed piecewise. */
export const MAX_DIFF_WORDS = 1500;
