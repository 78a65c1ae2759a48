/**
 * Tunables of the quotes stage. Figures cited are from the quotes eval on PolNeAR's development
 * part (its train compartment, 840 articles; `npm run eval -- --only quotes`) at commit 043ee4c:
 * F1 of all attributions / speaker accuracy, then F1 / speaker accuracy of direct quotes. As
 * shipped: 0.411 / 0.813, 0.601 / 0.702. The values were set before PolNeAR had parts, on the
 * seeds and quotes.test.ts; the figures are what the development part gives for them and their
 * neighbours now.
 */
export const QUOTES = Object.freeze({
  /** How far after a closing mark the reporting verb may stand ("," a top Turkish official was quoted …). 5 → 0.411 / 0.807, 0.600 / 0.690; 15 → 0.411 / 0.813, 0.600 / 0.702. */
  afterWindow: 10,
  /** Longest speaker phrase, in tokens. 8 → 0.409 / 0.814, 0.601 / 0.702; 16 → as shipped. */
  maxSpeakerTokens: 12,
  /** A quotation with no reporting verb must have this many words to count (else it is a scare quote). 3 → 0.411 / 0.806, 0.597 / 0.690; 7 → 0.409 / 0.819, 0.597 / 0.712. */
  minWordsWithoutCue: 5,
  /** A quotation with a reporting verb must have this many words ("face-off" alone is a scare quote). 2 → 0.409 / 0.811, 0.589 / 0.699; 4 → 0.411 / 0.815, 0.605 / 0.703 (higher on the development part: a change to measure in its own commit). */
  minWordsWithCue: 3,
  /** Shortest reported clause of an indirect quote, in tokens. 3 → as shipped; 6 → 0.409 / 0.812, 0.601 / 0.702. */
  minContentTokens: 4,
  /** `<clause>, <speaker> said …`: the verb and what follows it (the speaker's object, "on Friday") span at most this many tokens. 6 and 12 → as shipped (speaker accuracy 0.814 at 6). */
  maxTailTokens: 8,
  /** `<speaker> said (…) that <clause>`: "that" opens the clause when it stands within this many tokens after the verb. 4 and 8 → as shipped (speaker accuracy 0.814 at 8). */
  thatWindow: 6,
  /**
   * How many of the latest quotes are searched for the one an "adding …" / "saying …" continues: it
   * ends in the same sentence, so it is among the last few; the bound keeps a text of thousands
   * of quotes linear (no eval moves with it: a sentence holds far fewer quotes).
   */
  ownerLookback: 64,
});
