import type { Article } from '../model/article.js';
import type { ReuseRecord, StorylineCheck, StorylineRecord, StoryRecord } from '../model/run.js';
import type { ChunkClaim } from '../store/backend.js';

/** What the processor tells a sink before the first article comes. */
export interface SinkPlan {
  /** The earliest publication day (days since the epoch) of the articles to come, null when none is dated. */
  readonly firstDay: number | null;
  /** How many articles will come. */
  readonly total: number;
  /** Whether the story stage cross-checks (`--no-crosscheck`: false). */
  readonly crossCheck: boolean;
  /** Where the sink's own heavy steps run: on the processor's worker threads with `--jobs`, else on this thread (without it, the sink runs them itself). */
  readonly work?: SinkWork;
}

/** A storyline of two events or more, for its check across them (src/processor/line-stage.ts): its record, its events after the story stage, their articles in its order, and the text they share across stories. */
export interface LineWork {
  readonly line: StorylineRecord;
  readonly stories: readonly Pick<StoryRecord, 'id' | 'articleIds' | 'reuse'>[];
  readonly articles: readonly Article[];
  readonly across: readonly ReuseRecord[];
}

/**
 * Steps of a sink that the processor runs for it where it runs the story stage, so that with
 * `--jobs` they take a worker thread while this one hands out the rest: the copies across the
 * stories (pileReuse) and the check across a storyline's events.
 */
export interface SinkWork {
  pile(stories: readonly Pick<StoryRecord, 'id' | 'articleIds'>[], articles: readonly Article[]): Promise<ReuseRecord[]>;
  storyline(work: LineWork): Promise<StorylineCheck>;
}

/** A story handed to the story stage (src/processor/story-stage.ts): its record, its articles in its order, and the version a store keeps its check under. */
export interface StoryWork {
  readonly story: StoryRecord;
  readonly articles: readonly Article[];
  readonly version?: string;
}

/**
 * Where the processor (src/processor/process.ts) puts what it makes, and what it asks back: the
 * articles the sink holds already, the placement of new articles in stories and storylines (with
 * the text they copy), and the stories whose story stage (reuse, cross-check) is owed. Every
 * method returns a promise, so a sink may write to a database across the network.
 *
 * Two sinks: MemorySink (`analyze`: everything in memory, a RunResult at the end) and StoreSink
 * (`ingest`: a store, article by article). Both place articles with the same clusterer, linker
 * and reuse indexes, fed in the same order, so the same articles give the same stories.
 */
export interface Sink {
  /** Those of `ids` the sink holds already (they are not worked on again). */
  known(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** The last `limit` articles the sink holds, in the order they came, annotated: the names the next article's short ones are resolved against (NameRegistry). */
  recent(limit: number): Promise<readonly Article[]>;
  /** Called once, before the first `place`, even when nothing new comes. */
  begin(plan: SinkPlan): Promise<void>;
  /**
   * Claim a chunk of the stream (its articles' ids, in order) for annotating it, so that processes
   * handed the same stream annotate its chunks side by side (a store's: ClusterStore.claimChunk):
   * null when another holds it (`waitMs` 0) or still holds it after `waitMs`. Without it (or in a
   * sink no other process writes), every chunk is this process's.
   */
  claim?(ids: readonly string[], waitMs: number): Promise<ChunkClaim | null>;
  /**
   * A chunk's turn to be placed, once annotated up to the corpus stage (a sink that other processes
   * write beside: a store): the sink takes what keeps the others out until the chunk is placed, and
   * answers which of its articles are still new and, when another process stored articles since
   * this one last asked, what to bring the name memory up to date with: the articles stored since
   * (`reset` false, to add in order), or the last `limit` articles (`reset` true, to start from).
   * Without it, every article of the chunk is new and the memory stands.
   */
  turn?(part: readonly Article[], limit: number): Promise<{ readonly fresh: readonly Article[]; readonly names: { readonly reset: boolean; readonly articles: readonly Article[] } | null }>;
  /**
   * A chunk's new articles, cleaned, about to be annotated (in a sink other processes write
   * beside): the sink may start what needs only their text and metadata, to run beside the
   * annotating instead of in the chunk's turn (a PostgreSQL store: their search vectors).
   */
  ahead?(articles: readonly Article[]): void;
  /** New annotated articles, in publication order (`byDate`), chunk after chunk. */
  place(articles: readonly Article[]): Promise<void>;
  /** Every article is placed. */
  end(): Promise<void>;
  /** Ids of the stories whose story stage is owed (after `end`): to cross-check, or (without the cross-check) to trace the reuse of, where the sink did not while placing. */
  owed(): Promise<readonly string[]>;
  /** The work for some of the owed stories (one already done since is left out). */
  read(ids: readonly string[]): Promise<readonly StoryWork[]>;
  /** Keep the story stage's results, one per work item of `read`, in its order. */
  keep(work: readonly StoryWork[], done: readonly StoryRecord[]): Promise<void>;
  /** Every owed story is kept. */
  close(): Promise<void>;
}
