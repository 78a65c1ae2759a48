/** Tunables of cross-checking (src/crosscheck). */
export const CROSSCHECK = Object.freeze({
  /** A sentence is a claim when it has this many words at least (and at most `maxWords`). */
  minWords: 5,
  maxWords: 90,
  /** Content words a claim needs besides its names. */
  minContent: 3,
  /** Feature weights: content stems, predicate classes, entity refs, countries, figures, days. */
  weights: { stem: 1, predicate: 2, entity: 2, country: 1.5, quantity: 2, day: 1.5 },
  /** Two mentions state the same thing at or above this weighted Jaccard similarity (average link). */
  alignThreshold: 0.22,
  /** ...and at or above this similarity over what they say, names left out. */
  contentThreshold: 0.2,
  /** Mentions inside one passage of text reuse are the same claim: their similarity is at least this. */
  reuseSimilarity: 0.9,
  /** Denied content and a claim conflict at or above this similarity. */
  denialThreshold: 0.18,
  /** A tentative and a settled statement are one matter changing at or above this similarity. */
  changeThreshold: 0.2,
  /** Same statement but for a negation, or for its figures, at or above this similarity. */
  oppositeThreshold: 0.45,
  numbersThreshold: 0.35,
  /** Figures within this relative difference are the same figure ("nearly a million" vs "one million"). */
  numberTolerance: 0.15,
  /** Brief: summary sentences, and at most this many per section. */
  summarySentences: 4,
  sectionSentences: 5,
  briefMinWords: 8,
  briefMaxWords: 45,
});
