import type { Article } from './article.js';
import type { EntityType } from './layers.js';

/** One thing named across the run: every mention with this ref, in every article. */
export interface EntityRecord {
  readonly ref: string;
  /** Canonical name: the lexicon's name, or the longest mention ("Recep Tayyip Erdogan"). */
  readonly name: string;
  readonly type: EntityType;
  /** Every distinct surface form seen in the run ("Erdogan", "Mr Erdogan"), sorted. */
  readonly aliases: readonly string[];
}

/** A group of articles reporting the same story (a simple grouping until the stories issue). */
export interface StoryRecord {
  readonly id: string;
  readonly title: string;
  readonly articleIds: readonly string[];
}

/** A problem with one input, printed as `input: reason`. */
export interface RunError {
  readonly input: string;
  readonly reason: string;
}

/** Everything one `analyze` run produced; every report renders from this. */
export interface RunResult {
  readonly articles: readonly Article[];
  readonly entities: readonly EntityRecord[];
  readonly stories: readonly StoryRecord[];
  readonly errors: readonly RunError[];
}
