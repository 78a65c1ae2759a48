import type { ChunkClaim, StoreBackend } from '../store/backend.js';
import { StoreWriter } from '../store/writer.js';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { collectGarbage } from '../util/gc.js';
import { testStop } from '../util/test-stop.js';
import type { Sink, SinkPlan, StoryWork } from './sink.js';

/** What a store sink did with the articles it placed. */
export interface Placement {
  readonly added: number;
  readonly newStories: number;
  /** Existing stories that gained articles. */
  readonly grownStories: number;
  readonly reusePairs: number;
  /** New articles without a publication day (none in their metadata or their text). */
  readonly undated: number;
  /** Pairs of articles of two different stories that share text. */
  readonly reuseAcross: number;
  /** The stories that opened or grew. */
  readonly storyIds: readonly string[];
}

export interface StoreSinkOptions {
  /** Articles written per transaction (default 500). */
  readonly commitEvery?: number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Run a full garbage collection after a commit once the heap has grown (src/util/gc.ts); default true. */
  readonly collect?: boolean;
}

/**
 * The sink of `ingest`: a store, written through its StoreWriter (the online clusterer, the
 * storyline linker and the reuse indexes, their state kept in the store), committed every
 * `commitEvery` articles, so a killed ingest keeps what it committed and the next one goes on
 * from there. Each story that changed is cross-checked after, and its check kept under the
 * story's version; checks a killed ingest owed are made by the next one.
 */
export class StoreSink implements Sink {
  private placer?: Awaited<ReturnType<typeof articlePlacer>>;
  private placement?: Placement;
  private debt: { stories(): Promise<string[]>; paid(): Promise<void> } | null = null;

  constructor(
    private readonly store: StoreBackend,
    private readonly options: StoreSinkOptions = {},
  ) {}

  async known(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return this.store.knownArticles(ids);
  }

  async recent(limit: number): Promise<readonly Article[]> {
    return this.store.clustering.lastArticles(limit);
  }

  async begin(plan: SinkPlan): Promise<void> {
    // Noted before anything is stored: a killed ingest may have stored articles whose stories were never cross-checked.
    if (plan.crossCheck) {
      const from = await this.store.owedChecksFrom();
      this.debt = { stories: () => this.store.storiesGrownSince(from), paid: () => this.store.clearOwedChecks() };
    }
    this.placer = await articlePlacer(this.store, { ...this.options, ...plan });
  }

  /** A chunk of the stream, claimed for annotating it (several workers on one PostgreSQL store share a stream's chunks). */
  async claim(ids: readonly string[], waitMs: number): Promise<ChunkClaim | null> {
    return this.store.clustering.claimChunk(ids.join('\n'), waitMs);
  }

  /**
   * The placement lock, taken once the chunk is annotated up to the corpus stage and held until it
   * is stored (so that workers on one PostgreSQL store place one chunk at a time and resolve names
   * against what is stored before it, as one worker would); the articles of the chunk not stored
   * meanwhile; and, when another writer stored some since this one last held it, those articles
   * (the ones the writer brought its state up to date with: read once for both), or the store's
   * last `limit` when the writer read its state afresh.
   */
  async turn(part: readonly Article[], limit: number): Promise<{ fresh: readonly Article[]; names: { reset: boolean; articles: readonly Article[] } | null }> {
    const stale = await this.placer!.hold(part);
    const fresh = await this.placer!.keepNew(part);
    if (!stale) return { fresh, names: null };
    const since = this.placer!.arrivedSince();
    return { fresh, names: since ? { reset: false, articles: since } : { reset: true, articles: await this.recent(limit) } };
  }

  ahead(articles: readonly Article[]): void {
    this.placer!.ahead(articles);
  }

  async place(articles: readonly Article[]): Promise<void> {
    // The processor places a chunk in its turn, which left out (under the lock held since) what was stored already.
    await this.placer!.place(articles, true);
    // The chunk is stored: let the other writers in.
    await this.placer!.flush();
  }

  async end(): Promise<void> {
    this.placement = await this.placer!.finish();
  }

  /** What the placing did (after `end`). */
  summary(): Placement {
    return this.placement!;
  }

  /** The stories that changed, and those a killed ingest changed without checking them. A store traces reuse while placing: without the cross-check, nothing is owed. */
  async owed(): Promise<readonly string[]> {
    if (!this.debt) return [];
    return [...new Set([...(await this.debt.stories()), ...this.placement!.storyIds])];
  }

  async read(ids: readonly string[]): Promise<readonly StoryWork[]> {
    const out: StoryWork[] = [];
    for (const id of ids) {
      const meta = await this.store.storyMeta(id);
      if (!meta || (await this.store.hasCheck(id, meta.version))) continue;
      const { story, articles } = await this.store.story(id);
      out.push({ story, articles, version: meta.version });
    }
    return out;
  }

  async keep(work: readonly StoryWork[], done: readonly StoryRecord[]): Promise<void> {
    for (const _ of done) testStop('check');
    await this.store.writeChecks(work.map((w, i) => ({ storyId: w.story.id, version: w.version!, check: done[i]!.check! })));
  }

  async close(): Promise<void> {
    await this.debt?.paid();
  }
}

/**
 * Articles (new to the store, in publication order) placed in stories and written through one
 * StoreWriter, batch by batch, committed every `commitEvery`. `firstDay` is the earliest
 * publication day among them (days since the epoch) when it is known before they arrive. Each
 * commit lets the placement lock go (store/writer.ts): what another writer stored meanwhile is
 * left out of the rest of the batch, so no article is stored twice.
 */
export async function articlePlacer(store: StoreBackend, options: StoreSinkOptions & Partial<SinkPlan>) {
  const commitEvery = options.commitEvery ?? 500;
  const writer = await StoreWriter.open(store, options.firstDay ?? null);
  const total = options.total ?? 0;
  const opened = new Set<string>();
  const grown = new Set<string>();
  let added = 0;
  let pairs = 0;
  let pending = 0;
  let undated = false;
  let undatedCount = 0;
  let across = 0;
  return {
    ahead: (coming: readonly Article[]) => writer.ahead(coming),
    hold: (coming: readonly Article[]) => writer.hold(coming),
    arrivedSince: () => writer.arrivedSince(),
    keepNew: (batch: readonly Article[]) => writer.keepNew(batch),
    /** Place a batch; `checked` when what of it the store has was left out under the placement lock held since (StoreSink.turn). */
    async place(batch: readonly Article[], checked = false): Promise<void> {
      let queue = checked ? [...batch] : await writer.keepNew(batch);
      const committed = async () => {
        pending = 0;
        queue = await writer.keepNew(queue);
      };
      while (queue.length) {
        const a = queue[0]!;
        if (a.meta.published === null && !undated) {
          // Undated articles come last and are compared with closed stories found by full-text
          // search (StoreWriter): what came before must be searchable first.
          undated = true;
          added += await writer.commit();
          await committed();
          continue;
        }
        queue.shift();
        if (a.meta.published === null) undatedCount++;
        const placed = await writer.add(a);
        (placed.opened ? opened : opened.has(placed.storyId) ? opened : grown).add(placed.storyId);
        pairs += placed.reuse;
        across += placed.reuseAcross ?? 0;
        if (++pending >= commitEvery) {
          added += await writer.commit();
          if (options.collect !== false) collectGarbage();
          await committed();
        }
        options.onProgress?.('storing', added + pending, total);
      }
    },
    /** Commit what is placed (and let other writers place theirs). */
    async flush(): Promise<void> {
      added += await writer.commit();
      pending = 0;
    },
    async finish(): Promise<Placement> {
      added += await writer.commit();
      if (options.collect !== false) collectGarbage();
      return { added, newStories: opened.size, grownStories: grown.size, reusePairs: pairs, undated: undatedCount, reuseAcross: across, storyIds: [...opened, ...grown] };
    },
  };
}
