import type { Article } from './article.js';
import type { StoryCheck } from './check.js';
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

/** Text one article shares with another: passages (character spans into each text) and the words changed. */
export interface ReuseRecord {
  /** Article ids: `to` carries text that also stands in `from`. */
  readonly from: string;
  readonly to: string;
  /**
   * Where the shared text comes from: the source both credit for it (`organization:middle-east-eye`)
   * when they credit one, else the id of the earlier article.
   */
  readonly origin: string;
  /** `copy`: `to` was published after `from` (or credits it); `common-origin`: both rewrite one upstream source; `unknown`: no date tells. */
  readonly relation: 'copy' | 'common-origin' | 'unknown';
  /** exact, near-duplicate or passage reuse. */
  readonly kind: 'exact' | 'near-duplicate' | 'passage';
  /** Share of `to`'s words inside the shared passages. */
  readonly shareOfTo: number;
  readonly passages: readonly {
    readonly fromStart: number;
    readonly fromEnd: number;
    readonly toStart: number;
    readonly toEnd: number;
    readonly changes: readonly { readonly from: string; readonly to: string; readonly fromStart: number; readonly fromEnd: number; readonly toStart: number; readonly toEnd: number }[];
  }[];
}

/** A group of articles reporting the same story, and the text they share. */
export interface StoryRecord {
  readonly id: string;
  readonly title: string;
  readonly articleIds: readonly string[];
  readonly reuse?: readonly ReuseRecord[];
  /** Claims, conflicts, framing, timeline and brief (src/crosscheck). */
  readonly check?: StoryCheck;
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
