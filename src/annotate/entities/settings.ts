/** Tunables of the entities stage. */
export const GAZETTEER = Object.freeze({
  /** Cities below this population are left out: small towns share names with common words. */
  minCityPopulation: 50_000,
  /** Shortest name that may be matched with one typo. */
  fuzzyMinLength: 5,
});

export const RUNS = Object.freeze({
  /** Longest unknown capitalised run that can be a person's name. */
  maxPersonTokens: 4,
  /** How many tokens after a name an appositive role may start (", the former senior diplomat"). */
  appositiveWindow: 5,
  /** A line whose content words (after the first) are capitalised at least this often is a Title Case headline. */
  titleCaseShare: 0.9,
});
