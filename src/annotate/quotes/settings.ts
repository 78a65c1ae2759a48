/** Tunables of the quotes stage. */
export const QUOTES = Object.freeze({
  /** How far after a closing mark the reporting verb may stand ("," a top Turkish official was quoted …). */
  afterWindow: 10,
  /** Longest speaker phrase, in tokens. */
  maxSpeakerTokens: 12,
  /** A quotation with no reporting verb must have this many words to count (else it is a scare quote). */
  minWordsWithoutCue: 5,
  /** A quotation with a reporting verb must have this many words ("face-off" alone is a scare quote). */
  minWordsWithCue: 3,
  /** Shortest reported clause of an indirect quote, in tokens. */
  minContentTokens: 4,
  /**
   * How many of the latest quotes are searched for the one an "adding …" / "saying …" continues: it
   * ends in the same sentence, so it is among the last few; the bound keeps a text of thousands
   * of quotes linear (no eval moves with it: a sentence holds far fewer quotes).
   */
  ownerLookback: 64,
});
