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

/**
 * Events that continue one another over weeks or months (src/cluster/storylines.ts): the attack,
 * the arrests, the trial. Every story (an event) belongs to one storyline.
 */
export interface StorylineRecord {
  readonly id: string;
  /** The title of its first event. */
  readonly title: string;
  /** Its events (story ids), in the order of their first articles. */
  readonly eventIds: readonly string[];
  /** The earliest and the latest publication day of its articles, null when none is dated. */
  readonly first: string | null;
  readonly last: string | null;
  /** What changed between its events (src/crosscheck/storyline.ts). */
  readonly check?: StorylineCheck;
}

/** One side of a change across a storyline's events: the claim, where and when it was stated. */
export interface StorylineSide {
  readonly claimId: string;
  readonly text: string;
  readonly eventId: string;
  readonly articleIds: readonly string[];
  /** The earliest publication day of those articles, or null. */
  readonly published: string | null;
}

/** A statement overtaken in a later event (a plan settled otherwise, `change`) or denied there (`denial`), with both dates. */
export interface StorylineChange {
  readonly kind: 'change' | 'denial';
  /** For a change: the plan, then the outcome. For a denial: the statement, then the denial (in publication order). */
  readonly earlier: StorylineSide;
  readonly later: StorylineSide;
  /** Both sides quoted with their sources and dates, as the story's conflict note gives them. */
  readonly note: string;
}

/** The cross-check across a storyline's events: what changed between them, and how much of it was read. */
export interface StorylineCheck {
  readonly changes: readonly StorylineChange[];
  /** Articles cross-checked together, and those left out by the cap (src/crosscheck/storyline.ts). */
  readonly articles: number;
  readonly leftOut: number;
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
  /** Stories that continue one another; absent in a run of one stored story (then each story is its own, see `storylinesOf`). */
  readonly storylines?: readonly StorylineRecord[];
  /** Text shared between articles of two different stories (src/cluster/pile-reuse.ts): each article's closest source in another story. */
  readonly reuseAcross?: readonly ReuseRecord[];
  readonly errors: readonly RunError[];
}
