/**
 * Tunables of cross-checking (src/crosscheck). Each names the eval run that chose it; figures are
 * from the development parts (eval/split.ts), never the test parts the README quotes.
 */
export const CROSSCHECK = Object.freeze({
  /** A unit is a claim when it has this many words at least (and its sentence at most `maxWords`). */
  minWords: 4,
  maxWords: 90,
  /** Content words a claim needs besides its names. */
  minContent: 2,
  /** Clauses: a finite verb within this many words after a boundary word makes what follows a clause; each side keeps this many words. */
  clauseVerbWindow: 5,
  minUnitWords: 4,
  /**
   * Candidate pairs share at least this many content stems (or one copied passage); a content
   * stem carried by more than `maxPostings` units is too common to pair them by.
   */
  minSharedStems: 2,
  /**
   * ...and a content-stem Jaccard of at least this: a cheap gate before the model, which never
   * linked a pair below 0.27 on MSRP's development part (eval claims; the lowest of the 843 pairs
   * it links there), so that long stories do not score every pair that shares two words.
   */
  minContentJaccard: 0.2,
  maxPostings: 150,
  /** Units inside one copied passage state the same thing with at least this probability. */
  reuseProbability: 0.99,
  /**
   * Conflicts: the shorter side's content (names and words, rarity-weighted) found in the longer
   * side, with the words that differ left out (the negated word, the figures, the denial cue), at or
   * above this share: the two speak of the same matter.
   */
  sameMatter: 0.6,
  /** ...where at least this share of the smaller side's words (names left out) is said by the other. */
  minSaidShare: 0.3,
  /** ...and what both say weighs at least this (one rare word or one predicate class). */
  minSharedSaid: 9,
  /** Different figures of one kind on one day are about one count at or above this share (the figures left out). */
  numbersMatter: 0.45,
  /** ...and a denial's denied content found in the other statement at or above this share. */
  deniedMatter: 0.45,
  /** A tentative and a settled statement are one matter changing at or above this share. */
  changeMatter: 0.45,
  /** Brief: summary sentences, and at most this many per section. */
  summarySentences: 5,
  summaryPerArticle: 2,
  /**
   * Brief: a summary sentence's score loses this much per sentence before it in its article (news
   * puts what matters first). eval crosscheck, AllSides development part, ROUGE-1/2/L: 1.0 gives
   * 0.385 / 0.146 / 0.222, 0.5 gives 0.382 / 0.143 / 0.219, 0.1 gives 0.377 / 0.138 / 0.217; 0.5
   * keeps later casualty counts within reach of the harm weight below.
   */
  briefLeadWeight: 0.5,
  /**
   * Brief: a sentence that counts people killed, attacked or displaced (these predicates.yml
   * classes) gains this much. eval crosscheck, AllSides development part: ROUGE-1/2/L 0.381 /
   * 0.142 / 0.218 with 0, 3 or 6 alike (its leads seldom count casualties); 6 is the least that
   * puts the seeds' 33 soldiers killed, a core fact (issue 17), in their brief.
   */
  briefHarmClasses: ['KILL', 'ATTACK', 'FLEE'] as readonly string[],
  briefHarmWeight: 6,
  sectionSentences: 5,
  briefMinWords: 8,
  briefMaxWords: 60,
  /** Brief: another article speaks of a statement's matter at or above this share (sameMatter): what the story is about. */
  briefCentral: 0.45,
  /** Brief: two summary sentences this likely to state the same thing are one too many. */
  briefRedundant: 0.3,
});
