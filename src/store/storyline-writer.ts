import { storedJson } from './serialize.js';
import { groupStorylineId, storylineId, StorylineLinker, type EventProfileState, type Features, type StoryAssignment } from '../cluster/index.js';
import type { StorylineClock } from '../cluster/storylines.js';
import { STORIES, STORYLINES } from '../cluster/settings.js';
import type { Frequency } from '../cluster/stories.js';
import type { ClusterStore, PlacementBatch } from './backend.js';

/**
 * The storyline half of the store's writer (schema version 6): places each event in a storyline
 * as the StoreWriter places each article in a story, through the same StorylineLinker as a batch,
 * its event profiles loaded from and saved to `storyline_state`. Work is buffered and written by
 * `drain()` into the writer's commit (one transaction): new storylines, each story's storyline,
 * the links made (every event of the absorbed storyline moved into the older one), the storylines
 * to count again, the profiles and the linker's clock.
 */
export class StorylineWriter {
  private readonly ids = new Map<number, string>();
  private readonly pendingLines = new Map<number, { id: string; title: string }>();
  private readonly pendingEvents = new Map<string, number>();
  private pendingMerges: (readonly [number, number])[] = [];
  private readonly touchedLines = new Set<number>();

  private constructor(
    private readonly store: ClusterStore,
    private readonly linker: StorylineLinker,
  ) {}

  /** The storyline writer with its linker's state loaded from the store (stories stored before storylines given one first). */
  static async open(store: ClusterStore, meta: (key: string) => Promise<number | null>, today: number | null, seq: number): Promise<StorylineWriter> {
    // Stories stored before storylines (schema version 5 and older) each become a storyline of
    // their own, once, with the id a batch would give it; they are linked to later events only
    // once one of their own articles comes (their profiles were never kept).
    await store.backfillStorylines(storylineId);
    const writer = new StorylineWriter(store, new StorylineLinker(STORYLINES, STORIES, await clockOf(meta)));
    // The events still link targets at the clock (and for articles that arrive late, on their day).
    writer.take(await store.openEventProfiles((today ?? 0) - STORYLINES.idleDays, seq - STORIES.idleArticles));
    return writer;
  }

  /**
   * Go on from the store's current state after other writers committed (nothing pending here): the
   * events this writer holds unchanged (same last seq) are kept as they are, in the storyline the
   * store has them in now; only changed or new ones are read (StorylineLinker.refresh). The same
   * events, clock and storylines as `open`, without reading and parsing every linkable profile
   * again at each turn of a worker beside others.
   */
  async refresh(meta: (key: string) => Promise<number | null>, today: number | null, seq: number): Promise<void> {
    const open = await this.store.openEventSeqs((today ?? 0) - STORYLINES.idleDays, seq - STORIES.idleArticles);
    const read = this.linker.refresh(await clockOf(meta), open);
    this.ids.clear();
    for (const o of open) this.ids.set(o.line, o.lineId);
    this.take(await this.store.eventProfiles(read));
  }

  private take(rows: readonly { state: string; line: number; lineId: string }[]): void {
    this.linker.load(rows.map(({ state, line, lineId }) => (this.ids.set(line, lineId), { ...(JSON.parse(state) as EventProfileState), line })));
  }

  /**
   * The clusterer placed an article in event `placed.story` (story id `storyId`, titled `title`
   * when new): link that event, and note its storyline.
   */
  async place(f: Features, placed: StoryAssignment, storyId: string, title: string, frequency: (key: string) => Frequency): Promise<string> {
    if (!placed.opened && !this.linker.has(placed.story)) await this.loadEvent(placed.story);
    const { line, absorbed } = this.linker.place(f, placed, frequency);
    if (!this.ids.has(line)) {
      // A new storyline: its id from the article that started its first event, as in a batch.
      const id = storylineId(f.id);
      this.ids.set(line, id);
      this.pendingLines.set(line, { id, title });
    }
    for (const from of absorbed) this.pendingMerges.push([from, line]);
    this.pendingEvents.set(storyId, line);
    this.touchedLines.add(line);
    return this.ids.get(line)!;
  }

  /** A user's group (`--one-story`, `--group-by`) is one event and one storyline of its own. */
  given(storyId: string, num: number, key: string, title: string): string {
    const id = groupStorylineId(key);
    this.ids.set(num, id);
    if (!this.pendingLines.has(num)) this.pendingLines.set(num, { id, title });
    this.pendingEvents.set(storyId, num);
    this.touchedLines.add(num);
    return id;
  }

  /** The profiles of events the writer reopened for an undated article (StoreWriter.reopenFor), so they can be linked to again. */
  async reopen(eventNums: readonly number[]): Promise<void> {
    for (const n of eventNums) if (!this.linker.has(n)) await this.loadEvent(n);
  }

  /**
   * What is pending, as the rows of the writer's commit: new storylines, each story's storyline as
   * it was when its article came, then the links in the order they were made (the end state is
   * every event in the storyline it has now), the storylines to count again, the profiles and the
   * linker's clock.
   */
  drain(): NonNullable<PlacementBatch['storylines']> & { meta: Record<string, string> } {
    const changes = this.linker.drain();
    const touched = new Set(this.touchedLines);
    const merges: (readonly [string, string])[] = [];
    for (const [from, into] of this.pendingMerges) {
      merges.push([this.ids.get(from)!, this.ids.get(into)!]);
      touched.delete(from);
      touched.add(into);
    }
    const out = {
      lines: [...this.pendingLines].map(([num, l]) => ({ id: l.id, num, title: l.title })),
      events: [...this.pendingEvents].map(([story, line]) => [story, this.ids.get(line)!] as const),
      merges,
      touched: [...touched].map((line) => this.ids.get(line)!),
      states: changes.events.map(({ line: _line, ...p }) => ({ event: p.event, lastDay: p.lastDay, lastSeq: p.lastSeq, state: storedJson(p) })),
      meta: { storyline_next: String(changes.nextLine), storyline_seq: String(changes.seq), storyline_today: changes.today === null ? '' : String(changes.today) },
    };
    for (const [from] of this.pendingMerges) this.ids.delete(from);
    this.pendingLines.clear();
    this.pendingEvents.clear();
    this.pendingMerges = [];
    this.touchedLines.clear();
    return out;
  }

  /** Load an event's saved profile (with its storyline as the store has it now), or an empty one for a story stored before storylines. */
  private async loadEvent(num: number): Promise<void> {
    const row = await this.store.eventProfile(num);
    if (!row) return; // a story new in this batch: the linker starts its storyline
    this.ids.set(row.line, row.lineId);
    const profile: EventProfileState = row.state ? (JSON.parse(row.state) as EventProfileState) : { event: num, terms: [], facts: [], members: 0, daySum: 0, dated: 0, lastDay: null, lastSeq: 0 };
    this.linker.load([{ ...profile, line: row.line }]);
  }
}

/** The linker's clock and counter as the store keeps them. */
async function clockOf(meta: (key: string) => Promise<number | null>): Promise<StorylineClock> {
  return { nextLine: (await meta('storyline_next')) ?? 0, seq: (await meta('storyline_seq')) ?? 0, today: await meta('storyline_today') };
}
