/**
 * Tunables of the entities stage. Figures cited are from the entities eval on MEANTIME's
 * development part (its gm and stock corpora; `npm run eval -- --only entities`) at commit
 * 043ee4c, the task alone in its process: F1 / type accuracy / ref B³ F1, as shipped
 * 0.592 / 0.878 / 0.798. The values were set before MEANTIME had parts; the figures are what the
 * development part gives for them and their neighbours now.
 */
export const GAZETTEER = Object.freeze({
  /** Cities below this population are left out: small towns share names with common words. 15,000 → 0.584 / 0.875 / 0.799; 100,000 → 0.593 / 0.878 / 0.798. */
  minCityPopulation: 50_000,
  /** Shortest name that may be matched with one typo. 4 and 6 → as shipped. */
  fuzzyMinLength: 5,
});

export const RUNS = Object.freeze({
  /** Longest unknown capitalised run that can be a person's name. 3 → 0.592 / 0.877 / 0.798; 5 → as shipped. */
  maxPersonTokens: 4,
  /** How many tokens after a name an appositive role may start (", the former senior diplomat"). 3 → 0.597 / 0.878 / 0.798 (higher F1: a change to measure in its own commit); 8 → 0.592 / 0.881 / 0.796. */
  appositiveWindow: 5,
  /** A line whose content words (after the first) are capitalised at least this often is a Title Case headline. 0.8 → 0.593 / 0.878 / 0.798; never a headline → 0.594 / 0.878 / 0.797 (MEANTIME's headlines are in sentence case: the rule is for sites that capitalise theirs, as the seeds' do). */
  titleCaseShare: 0.9,
});

export const NAME_MEMORY = Object.freeze({
  /**
   * How many of the articles before it an article's short names are resolved against (the last
   * ones, in the order they came: publication order in a run, arrival order in a store). Bounded
   * so the memory stays flat and a resumed ingest takes exactly this memory back from its store's
   * last articles. Not tuned: every eval set is smaller (MEANTIME 120 documents, AllSides 1,033),
   * so each is resolved against all its earlier articles; the same bound as the copies across
   * stories read back (PILE_REUSE.undatedArticles).
   */
  articles: 5_000,
});
