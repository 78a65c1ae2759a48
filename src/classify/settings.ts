/**
 * Weights of the signals that tell opinion from news, and the score a kind needs to win. No eval
 * task scores the kind yet (AllSides' opinion tags could be its gold): the values were set on the
 * seeds (003 opinion, 004 news) and classify.test.ts.
 */
export const CLASSIFY = Object.freeze({
  minScore: 2,
  /** Per 1,000 words outside quotations. */
  firstPersonPerKWords: 4,
  hedgesPerKWords: 8,
  /** Quotations and reported statements per 1,000 words that mark a report. */
  attributionsPerKWords: 4,
  urlOpinion: /\/(?:opinion|opinions|blog|blogs|commentary|analysis|editorial|editorials|column|columns|comment|op-ed|oped|views)\//i,
  labelOpinion: /^(?:opinion|analysis|comment|commentary|editorial|column|op-ed)\b/i,
});
