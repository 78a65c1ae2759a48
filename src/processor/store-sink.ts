import { storyMeta } from '../store/browse.js';
import { articleFromRow } from '../store/serialize.js';
import { readCheck, writeChecks } from '../store/checks.js';
import type { Store } from '../store/store.js';
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
  private placer?: ReturnType<typeof articlePlacer>;
  private placement?: Placement;
  private debt: ReturnType<typeof owedChecks> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: StoreSinkOptions = {},
  ) {}

  async known(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(ids.filter((id) => this.store.hasArticle(id)));
  }

  async recent(limit: number): Promise<readonly Article[]> {
    const rows = this.store.db.prepare('SELECT id, text, data FROM articles ORDER BY seq DESC LIMIT ?').all(limit) as { id: string; text: string; data: string }[];
    return rows.reverse().map(articleFromRow);
  }

  async begin(plan: SinkPlan): Promise<void> {
    // Noted before anything is stored: a killed ingest may have stored articles whose stories were never cross-checked.
    this.debt = plan.crossCheck ? owedChecks(this.store) : null;
    this.placer = articlePlacer(this.store, { ...this.options, ...plan });
  }

  async place(articles: readonly Article[]): Promise<void> {
    this.placer!.place(articles);
  }

  async end(): Promise<void> {
    this.placement = this.placer!.finish();
  }

  /** What the placing did (after `end`). */
  summary(): Placement {
    return this.placement!;
  }

  /** The stories that changed, and those a killed ingest changed without checking them. A store traces reuse while placing: without the cross-check, nothing is owed. */
  async owed(): Promise<readonly string[]> {
    if (!this.debt) return [];
    return [...new Set([...this.debt.stories(), ...this.placement!.storyIds])];
  }

  async read(ids: readonly string[]): Promise<readonly StoryWork[]> {
    return ids.flatMap((id) => {
      const meta = storyMeta(this.store, id);
      if (!meta || readCheck(this.store, id, meta.version)) return [];
      const { story, articles } = this.store.story(id);
      return [{ story, articles, version: meta.version }];
    });
  }

  async keep(work: readonly StoryWork[], done: readonly StoryRecord[]): Promise<void> {
    for (const _ of done) testStop('check');
    writeChecks(
      this.store,
      work.map((w, i) => ({ storyId: w.story.id, version: w.version!, check: done[i]!.check! })),
    );
  }

  async close(): Promise<void> {
    this.debt?.paid();
  }
}

/**
 * The cross-checks an ingest owes: every story that grew since the first article this ingest (or
 * an earlier one that was killed before it had checked them) stored. Marked in the store's meta
 * (`crosscheck_from`: the first seq not yet checked) before anything is stored, cleared once the
 * checks are kept; so a resumed ingest checks what the killed one did not.
 */
function owedChecks(store: Store): { stories(): string[]; paid(): void } {
  const db = store.db;
  db.prepare("INSERT INTO meta (key, value) VALUES ('crosscheck_from', (SELECT coalesce(max(seq), 0) + 1 FROM articles)) ON CONFLICT (key) DO NOTHING").run();
  const from = Number(store.meta('crosscheck_from'));
  return {
    stories: () => (db.prepare('SELECT id FROM stories WHERE updated_seq >= ? ORDER BY id').all(from) as { id: string }[]).map((r) => r.id),
    paid: () => void db.prepare("DELETE FROM meta WHERE key = 'crosscheck_from'").run(),
  };
}

/**
 * Articles (new to the store, in publication order) placed in stories and written through one
 * StoreWriter, batch by batch, committed every `commitEvery`. `firstDay` is the earliest
 * publication day among them (days since the epoch) when it is known before they arrive.
 */
export function articlePlacer(store: Store, options: StoreSinkOptions & Partial<SinkPlan>) {
  const commitEvery = options.commitEvery ?? 500;
  const writer = new StoreWriter(store, options.firstDay ?? null);
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
    place(batch: readonly Article[]): void {
      for (const a of batch) {
        if (a.meta.published === null) undatedCount++;
        if (a.meta.published === null && !undated) {
          // Undated articles come last and are compared with closed stories found by full-text
          // search (StoreWriter): what came before must be searchable first.
          undated = true;
          added += writer.commit();
          pending = 0;
        }
        const placed = writer.add(a);
        (placed.opened ? opened : opened.has(placed.storyId) ? opened : grown).add(placed.storyId);
        pairs += placed.reuse;
        across += placed.reuseAcross ?? 0;
        if (++pending >= commitEvery) {
          added += writer.commit();
          if (options.collect !== false) collectGarbage();
          pending = 0;
        }
        options.onProgress?.('storing', added + pending, total);
      }
    },
    finish(): Placement {
      added += writer.commit();
      if (options.collect !== false) collectGarbage();
      return { added, newStories: opened.size, grownStories: grown.size, reusePairs: pairs, undated: undatedCount, reuseAcross: across, storyIds: [...opened, ...grown] };
    },
  };
}
