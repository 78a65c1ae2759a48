import { STORIES, STORYLINES, type StorylineSettings, type StorySettings } from './settings.js';
import { sharedParticipants } from './participants.js';
import { dot, mostShared, topEntries, type Frequency, type StoryAssignment } from './stories.js';
import type { Features } from './features.js';

/**
 * What storyline linking keeps of one event (a story of the clusterer): the summed vectors of its
 * members (their highest-weighted keys only), the facts they state and their days. Plain data, so a
 * store can save it and load it back.
 */
export interface EventProfileState {
  readonly event: number;
  readonly terms: readonly (readonly [string, number])[];
  readonly facts: readonly string[];
  readonly members: number;
  readonly daySum: number;
  readonly dated: number;
  readonly lastDay: number | null;
  readonly lastSeq: number;
}

interface Profile {
  readonly event: number;
  line: number;
  terms: Map<string, number>;
  readonly facts: Set<string>;
  members: number;
  daySum: number;
  dated: number;
  lastDay: number | null;
  lastSeq: number;
  /** Keys this event is posted under in the index. */
  readonly keys: Set<string>;
}

/** Where one article's event stands after it was placed: its storyline, and the storylines merged into it. */
export interface StorylinePlacement {
  readonly line: number;
  /** Storylines (numbers) that this article's event linked into `line`: they are gone. */
  readonly absorbed: readonly number[];
}

/** What changed since the last `drain()`. */
export interface StorylineChanges {
  readonly events: readonly (EventProfileState & { readonly line: number })[];
  /** `[from, into]`: every event of storyline `from` now belongs to `into`. */
  readonly merges: readonly (readonly [number, number])[];
  readonly nextLine: number;
  readonly seq: number;
  readonly today: number | null;
}

/** The linker's clock and counter, as a store keeps them. */
export interface StorylineClock {
  readonly nextLine: number;
  readonly seq: number;
  readonly today: number | null;
}

/**
 * Online storyline linking. Every event (a story of `StoryClusterer`) belongs to one storyline; an
 * event starts one of its own and joins an older one when it continues it: the attack, the arrests,
 * the trial months later. After each article the event it joined is compared with the events of
 * other storylines that share its highest-weighted words, refs or figures (an inverted index,
 * bounded like the clusterer's), by average link over the same weighted vectors the clusterer uses;
 * an event that keeps growing is compared again at 1–4, 6, 8, 12, 16, … articles (`checkpoint`).
 *
 * Within the event window (both events dated, their days at most `windowDays` apart) similar
 * content is enough, at `joinThreshold`. Past it, or when either event has no date, the two events
 * must also share `minShared` specific participants: people, places and organisations (entity refs)
 * that few articles name (at most `specificShare` of them: "Idlib", not "United States") or
 * figures and days both state ("33 soldiers", 2020-02-27). Topic words alone never link: two
 * shootings in two cities stay apart. A link merges the two storylines into the older one.
 *
 * An event stays a link target for `idleDays` after its last article (undated ones for
 * `idleArticles` articles), so memory and the work per article stay flat as a stream grows.
 */
export class StorylineLinker {
  private readonly open = new Map<number, Profile>();
  private readonly closed = new Map<number, Profile>();
  private readonly index = new Map<string, Set<number>>();
  /** Storyline → its events held (open, and closed ones a batch keeps), so a link moves only the absorbed storyline's events. */
  private readonly members = new Map<number, Set<number>>();
  private readonly touched = new Set<number>();
  private merges: [number, number][] = [];
  private nextLine: number;
  private seq: number;
  private today: number | null;

  constructor(
    private readonly settings: StorylineSettings = STORYLINES,
    private readonly stories: Pick<StorySettings, 'windowDays' | 'idleArticles'> = STORIES,
    clock?: StorylineClock,
    /** Keep closed events to reopen them all (`reopenAll`): a batch, which holds every article anyway. */
    private readonly keepClosed = false,
  ) {
    this.nextLine = clock?.nextLine ?? 0;
    this.seq = clock?.seq ?? 0;
    this.today = clock?.today ?? null;
  }

  /** Take back events a store saved, each with the storyline it belongs to now. */
  load(states: Iterable<EventProfileState & { readonly line: number }>): void {
    for (const st of states) {
      if (this.open.has(st.event)) continue;
      const p: Profile = { event: st.event, line: st.line, terms: new Map(st.terms), facts: new Set(st.facts), members: st.members, daySum: st.daySum, dated: st.dated, lastDay: st.lastDay, lastSeq: st.lastSeq, keys: new Set() };
      this.open.set(p.event, p);
      this.enrol(p);
      this.post(p);
    }
  }

  /**
   * Go on from a store's current state in place of loading it afresh (StorylineWriter, after other
   * writers committed; nothing pending here): the clock becomes `clock`, and of the events held,
   * those `open` lists with the last seq held stay as they are, moved to the storyline listed (another
   * writer may have linked theirs); an event changes only when an article joins it, which moves
   * its last seq. The others held are dropped. Returns the listed events to `load` from the store.
   * Held profiles keep every key they were posted under, as a linker that never stopped does.
   */
  refresh(clock: StorylineClock, open: readonly { readonly event: number; readonly lastSeq: number; readonly line: number }[]): number[] {
    this.nextLine = clock.nextLine;
    this.seq = clock.seq;
    this.today = clock.today;
    this.touched.clear();
    this.merges = [];
    const listed = new Map(open.map((o) => [o.event, o]));
    for (const p of [...this.open.values()]) {
      const o = listed.get(p.event);
      if (!o || o.lastSeq !== p.lastSeq) this.drop(p);
      else if (o.line !== p.line) {
        this.unenrol(p);
        p.line = o.line;
        this.enrol(p);
      }
    }
    return open.filter((o) => !this.open.has(o.event)).map((o) => o.event);
  }

  /** True when the event's profile is in memory (a link target, or reopened). */
  has(event: number): boolean {
    return this.open.has(event);
  }

  /** The storyline of an event in memory, or null. */
  lineOf(event: number): number | null {
    return this.open.get(event)?.line ?? null;
  }

  /** Every event closed so far is a candidate again (a batch, before its undated articles: they cannot be placed in time). */
  reopenAll(): void {
    for (const p of this.closed.values()) {
      this.open.set(p.event, p);
      this.post(p);
    }
    this.closed.clear();
  }

  /**
   * The clusterer placed article `f` in its event (`a.story`; `a.opened` when it started it):
   * update that event and link it. `frequency` is how common a key is among the articles seen
   * (StoryClusterer.frequency).
   */
  place(f: Features, a: StoryAssignment, frequency: (key: string) => Frequency): StorylinePlacement {
    this.seq++;
    if (f.day !== null && (this.today === null || f.day > this.today)) {
      this.today = f.day;
      this.closeIdle();
    } else if (this.seq % 1000 === 0) this.closeIdle();
    let p = this.open.get(a.story);
    if (!p) {
      p = { event: a.story, line: this.nextLine++, terms: new Map(), facts: new Set(), members: 0, daySum: 0, dated: 0, lastDay: null, lastSeq: 0, keys: new Set() };
      this.open.set(p.event, p);
      this.enrol(p);
    }
    this.grow(p, f, a.vector);
    this.touched.add(p.event);
    // An event is compared again as it grows, at 1, 2, 3, 4, 6, 8, 12, 16, … articles: its profile
    // changes less with each article, and the work per article stays bounded.
    const best = checkpoint(p.members) ? this.best(p, frequency) : null;
    const absorbed: number[] = [];
    if (best) {
      const [into, from] = best.line < p.line ? [best.line, p.line] : [p.line, best.line];
      const moving = this.members.get(from) ?? new Set<number>();
      let target = this.members.get(into);
      if (!target) this.members.set(into, (target = new Set()));
      for (const e of moving) {
        const q = this.open.get(e) ?? this.closed.get(e);
        if (!q) continue;
        q.line = into;
        target.add(e);
        this.touched.add(e);
      }
      this.members.delete(from);
      this.merges.push([from, into]);
      absorbed.push(from);
    }
    return { line: p.line, absorbed };
  }

  private enrol(p: Profile): void {
    let set = this.members.get(p.line);
    if (!set) this.members.set(p.line, (set = new Set()));
    set.add(p.event);
  }

  private unenrol(p: Profile): void {
    const set = this.members.get(p.line);
    set?.delete(p.event);
    if (set?.size === 0) this.members.delete(p.line);
  }

  /** Take an event out of memory, its storyline's members and the index. */
  private drop(p: Profile): void {
    this.open.delete(p.event);
    this.unenrol(p);
    this.unpost(p);
  }

  private unpost(p: Profile): void {
    for (const k of p.keys) {
      const ids = this.index.get(k);
      if (!ids) continue;
      ids.delete(p.event);
      if (ids.size === 0) this.index.delete(k);
    }
    p.keys.clear();
  }

  /** Everything that changed since the last call, for a store to save in one transaction. */
  drain(): StorylineChanges {
    const events = [...this.touched]
      .map((e) => this.open.get(e) ?? this.closed.get(e))
      .filter((p): p is Profile => p !== undefined)
      .sort((x, y) => x.event - y.event)
      .map((p) => ({ ...exportProfile(p), line: p.line }));
    const out: StorylineChanges = { events, merges: this.merges, nextLine: this.nextLine, seq: this.seq, today: this.today };
    this.touched.clear();
    this.merges = [];
    return out;
  }

  private grow(p: Profile, f: Features, vector: ReadonlyMap<string, number>): void {
    p.members++;
    p.lastSeq = this.seq;
    for (const [k, w] of vector) p.terms.set(k, (p.terms.get(k) ?? 0) + w);
    for (const k of f.facts) p.facts.add(k);
    if (f.day !== null) {
      p.daySum += f.day;
      p.dated++;
      p.lastDay = p.lastDay === null ? f.day : Math.max(p.lastDay, f.day);
    }
    // Kept to its highest-weighted keys and posted under them when it is compared (checkpoint).
    if (!checkpoint(p.members)) return;
    if (p.terms.size > this.settings.profileTerms) p.terms = new Map(topEntries(p.terms, this.settings.profileTerms));
    this.post(p);
  }

  /** Post the event under its highest-weighted keys and its facts; the keys it no longer ranks stay (a posting only widens the candidates). */
  private post(p: Profile): void {
    const keys = [...topEntries(p.terms, this.settings.probeKeys).map(([k]) => k), ...p.facts];
    for (const k of keys) {
      if (p.keys.has(k)) continue;
      p.keys.add(k);
      let ids = this.index.get(k);
      if (!ids) this.index.set(k, (ids = new Set()));
      ids.add(p.event);
    }
  }

  /** The event of another storyline this one continues, or null. */
  private best(p: Profile, frequency: (key: string) => Frequency): Profile | null {
    const hits = new Map<number, number>();
    for (const k of p.keys) {
      const ids = this.index.get(k);
      if (!ids || ids.size > this.settings.maxPosting) continue;
      for (const id of ids) if (id !== p.event) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    let best: Profile | null = null;
    let bestScore = 0;
    let scored = 0;
    for (const id of mostShared(hits)) {
      const q = this.open.get(id);
      if (!q || q.line === p.line) continue;
      if (++scored > this.settings.maxCandidates) break;
      const score = this.linkScore(p, q, frequency);
      if (score > bestScore || (score === bestScore && best && q.event < best.event)) [best, bestScore] = [q, score];
    }
    return best && bestScore >= 1 ? best : null;
  }

  /**
   * How strongly `p` continues `q`, as a multiple of the threshold that applies (1 or more links):
   * average-link similarity, scaled down past the event window, and nothing at all past it (or
   * without dates) unless they share enough specific participants.
   */
  private linkScore(p: Profile, q: Profile, frequency: (key: string) => Frequency): number {
    const S = this.settings;
    const dated = p.dated > 0 && q.dated > 0;
    const threshold = dated ? S.joinThreshold : S.undatedJoinThreshold;
    let sim = dot(p.terms, q.terms) / (p.members * q.members);
    const gap = dated ? Math.abs(p.daySum / p.dated - q.daySum / q.dated) : null;
    if (gap === null || gap > this.stories.windowDays) {
      if (gap !== null) sim *= Math.max(0, 1 - S.decayPerDay * (gap - this.stories.windowDays));
      // Below the threshold it cannot link whatever it shares: the participants are not counted.
      if (sim < threshold || sharedParticipants(p, q, frequency, S) < S.minShared) return 0;
    }
    return sim / threshold;
  }

  /** Close events idle past `idleDays` (by days, or by articles when undated). */
  private closeIdle(): void {
    for (const p of this.open.values()) {
      const stale = p.lastDay !== null ? this.today !== null && this.today - p.lastDay > this.settings.idleDays : this.seq - p.lastSeq > this.stories.idleArticles;
      if (!stale) continue;
      if (!this.keepClosed) this.drop(p);
      else {
        this.open.delete(p.event);
        this.closed.set(p.event, p);
        this.unpost(p);
      }
    }
  }
}

/** 1–4, then the powers of two and three times them: when an event of `n` articles is linked again. */
export function checkpoint(n: number): boolean {
  if (n <= 4) return true;
  const m = n % 3 === 0 ? n / 3 : n;
  return (m & (m - 1)) === 0;
}

function exportProfile(p: Profile): EventProfileState {
  return { event: p.event, terms: [...p.terms], facts: [...p.facts], members: p.members, daySum: p.daySum, dated: p.dated, lastDay: p.lastDay, lastSeq: p.lastSeq };
}
