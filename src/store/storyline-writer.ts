import { groupStorylineId, storylineId, StorylineLinker, type EventProfileState, type Features, type StoryAssignment } from '../cluster/index.js';
import { STORIES, STORYLINES } from '../cluster/settings.js';
import type { Frequency } from '../cluster/stories.js';
import type { Store } from './store.js';

/**
 * The storyline half of the store's writer (schema version 6): places each event in a storyline
 * as the StoreWriter places each article in a story, through the same StorylineLinker as a batch,
 * its event profiles loaded from and saved to `storyline_state`. Work is buffered and written by
 * `write()` inside the writer's transaction: new storylines, each story's storyline, the links
 * made (every event of the absorbed storyline moved into the older one), the storylines' counts
 * and dates, the profiles and the linker's clock.
 */
export class StorylineWriter {
  private readonly linker: StorylineLinker;
  /** Storyline number → id, for the storylines this writer has met. */
  private readonly ids = new Map<number, string>();
  private readonly pendingLines = new Map<number, { id: string; title: string }>();
  private readonly pendingEvents = new Map<string, number>();
  private pendingMerges: (readonly [number, number])[] = [];
  private readonly touchedLines = new Set<number>();

  constructor(
    private readonly store: Store,
    today: number | null,
    seq: number,
  ) {
    this.backfill();
    const num = (k: string) => {
      const v = store.meta(k);
      return v === null || v === '' ? null : Number(v);
    };
    this.linker = new StorylineLinker(STORYLINES, STORIES, { nextLine: num('storyline_next') ?? 0, seq: num('storyline_seq') ?? 0, today: num('storyline_today') });
    // The events still link targets at the clock (and for articles that arrive late, on their day).
    const from = (today ?? 0) - STORYLINES.idleDays;
    const rows = store.db
      .prepare(
        `SELECT s.state, l.num, l.id FROM storyline_state s JOIN stories st ON st.num = s.event_num JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id
         WHERE s.last_day >= ? OR (s.last_day IS NULL AND s.last_seq >= ?)`,
      )
      .raw()
      .all(from, seq - STORIES.idleArticles) as [string, number, string][];
    this.linker.load(rows.map(([state, line, id]) => (this.ids.set(line, id), { ...(JSON.parse(state) as EventProfileState), line })));
  }

  /**
   * The clusterer placed an article in event `placed.story` (story id `storyId`, titled `title`
   * when new): link that event, and note its storyline.
   */
  place(f: Features, placed: StoryAssignment, storyId: string, title: string, frequency: (key: string) => Frequency): string {
    if (!placed.opened && !this.linker.has(placed.story)) this.loadEvent(placed.story);
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
  reopen(eventNums: readonly number[]): void {
    for (const n of eventNums) if (!this.linker.has(n)) this.loadEvent(n);
  }

  /** Write what is pending; call inside the writer's transaction. */
  write(): void {
    const db = this.store.db;
    const changes = this.linker.drain();
    const insertLine = db.prepare('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) VALUES (?, ?, ?, NULL, NULL, 0, 0, 0) ON CONFLICT (id) DO NOTHING');
    const setEvent = db.prepare('INSERT INTO storyline_events (story_id, storyline_id) VALUES (?, ?) ON CONFLICT (story_id) DO UPDATE SET storyline_id = excluded.storyline_id');
    const move = db.prepare('UPDATE storyline_events SET storyline_id = ? WHERE storyline_id = ?');
    const drop = db.prepare('DELETE FROM storylines WHERE id = ?');
    const update = db.prepare(
      `UPDATE storylines SET event_count = (SELECT count(*) FROM storyline_events WHERE storyline_id = @id),
              article_count = (SELECT coalesce(sum(s.article_count), 0) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
              first_published = (SELECT min(s.first_published) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
              last_published = (SELECT max(s.last_published) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id),
              updated_seq = (SELECT coalesce(max(s.updated_seq), 0) FROM storyline_events e JOIN stories s ON s.id = e.story_id WHERE e.storyline_id = @id)
       WHERE id = @id`,
    );
    const save = db.prepare('INSERT INTO storyline_state (event_num, last_day, last_seq, state) VALUES (?, ?, ?, ?) ON CONFLICT (event_num) DO UPDATE SET last_day = excluded.last_day, last_seq = excluded.last_seq, state = excluded.state');
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    for (const [num, l] of this.pendingLines) insertLine.run(l.id, num, l.title);
    // Each story's storyline as it was when its article came, then the links in the order they were
    // made: the end state is every event in the storyline it has now.
    for (const [story, line] of this.pendingEvents) setEvent.run(story, this.ids.get(line)!);
    for (const [from, into] of this.pendingMerges) {
      const [a, b] = [this.ids.get(from)!, this.ids.get(into)!];
      move.run(b, a);
      drop.run(a);
      this.touchedLines.delete(from);
      this.touchedLines.add(into);
    }
    for (const line of this.touchedLines) update.run({ id: this.ids.get(line)! });
    for (const { line: _line, ...p } of changes.events) save.run(p.event, p.lastDay, p.lastSeq, JSON.stringify(p));
    setMeta.run('storyline_next', String(changes.nextLine));
    setMeta.run('storyline_seq', String(changes.seq));
    setMeta.run('storyline_today', changes.today === null ? '' : String(changes.today));
    for (const [from] of this.pendingMerges) this.ids.delete(from);
    this.pendingLines.clear();
    this.pendingEvents.clear();
    this.pendingMerges = [];
    this.touchedLines.clear();
  }

  /** Load an event's saved profile (with its storyline as the store has it now), or an empty one for a story stored before storylines. */
  private loadEvent(num: number): void {
    const db = this.store.db;
    const row = db
      .prepare(
        `SELECT st.id, l.num, l.id, s.state FROM stories st JOIN storyline_events e ON e.story_id = st.id JOIN storylines l ON l.id = e.storyline_id
         LEFT JOIN storyline_state s ON s.event_num = st.num WHERE st.num = ?`,
      )
      .raw()
      .get(num) as [string, number, string, string | null] | undefined;
    if (!row) return; // a story new in this batch: the linker starts its storyline
    const [, line, id, state] = row;
    this.ids.set(line, id);
    const profile: EventProfileState = state ? (JSON.parse(state) as EventProfileState) : { event: num, terms: [], facts: [], members: 0, daySum: 0, dated: 0, lastDay: null, lastSeq: 0 };
    this.linker.load([{ ...profile, line }]);
  }

  /**
   * Stories stored before storylines (schema version 5 and older) each become a storyline of their
   * own, once, with the id a batch would give it; they are linked to later events only once one of
   * their own articles comes (their profiles were never kept).
   */
  private backfill(): void {
    const db = this.store.db;
    const legacy = db
      .prepare(
        `SELECT st.id, st.num, st.title, (SELECT a.id FROM articles a WHERE a.story_id = st.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1)
         FROM stories st WHERE NOT EXISTS (SELECT 1 FROM storyline_events e WHERE e.story_id = st.id) ORDER BY st.num`,
      )
      .raw()
      .all() as [string, number, string, string | null][];
    if (legacy.length === 0) return;
    let next = Number(this.store.meta('storyline_next') ?? 0) || 0;
    const insertLine = db.prepare('INSERT INTO storylines (id, num, title, first_published, last_published, event_count, article_count, updated_seq) SELECT ?, ?, title, first_published, last_published, 1, article_count, updated_seq FROM stories WHERE id = ?');
    const setEvent = db.prepare('INSERT INTO storyline_events (story_id, storyline_id) VALUES (?, ?)');
    db.transaction(() => {
      for (const [story, num, , first] of legacy) {
        const id = storylineId(first ?? story);
        insertLine.run(id, num < 0 ? num : next++, story);
        setEvent.run(story, id);
      }
      db.prepare("INSERT INTO meta (key, value) VALUES ('storyline_next', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
    }).immediate();
  }
}
