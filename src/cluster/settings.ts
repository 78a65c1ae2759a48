/** Tunables of online story clustering (src/cluster/stories.ts). */
export interface StorySettings {
  readonly joinThreshold: number;
  readonly windowDays: number;
  readonly idleArticles: number;
  readonly weights: { readonly terms: number; readonly facts: number };
  readonly timeGraceDays: number;
  readonly timeDecayPerDay: number;
  readonly probeFeatures: number;
  readonly maxCandidates: number;
  readonly maxPosting: number;
  readonly priorDocs: number;
  /** Proper nouns count this many times a common word: they tell one event from another of its kind. */
  readonly properBoost: number;
}

export const STORIES: StorySettings = Object.freeze({
  /** An article joins the most similar open story at or above this similarity, else starts one. */
  joinThreshold: 0.2,
  /** A story that received no article for this many days stops attracting new ones. */
  windowDays: 7,
  /** A story of undated articles closes after this many articles arrived without joining it. */
  idleArticles: 20_000,
  /** Weights of the similarity parts: content words with entity refs (one vector), shared figures and days. */
  weights: { terms: 1, facts: 0.15 },
  /** Days from the story's mean day beyond which similarity is scaled down, and by how much per day. */
  timeGraceDays: 0,
  timeDecayPerDay: 0.2,
  /** How many of an article's highest-weighted features look up candidate stories. */
  probeFeatures: 24,
  /** Stories scored per article at most: those sharing the most probe keys with it. */
  maxCandidates: 50,
  /** A probe key posted by more open stories than this is too common to follow. */
  maxPosting: 500,
  /** Smoothing of document frequencies before the background corpus has grown. */
  priorDocs: 50,
  properBoost: 2,
});
