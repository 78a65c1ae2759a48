import { STORIES, type StorySettings } from './settings.js';
import type { Features } from './features.js';

/** A story as the clusterer holds it: summed weighted vectors of its members, their facts and days. */
interface Story {
  readonly id: number;
  readonly members: string[];
  readonly terms: Map<string, number>;
  readonly entities: Map<string, number>;
  readonly facts: Map<string, number>;
  firstDay: number | null;
  lastDay: number | null;
  daySum: number;
  dated: number;
}

export interface StoryAssignment {
  readonly articleId: string;
  readonly story: number;
  readonly similarity: number;
}

/**
 * Online story clustering. Articles arrive in publication order; each joins the most similar open
 * story or starts a new one, and nothing already assigned is recomputed.
 *
 * Similarity = cosine of content-word TF-IDF vectors (article against the story's centroid) and of
 * entity-ref vectors, plus a bonus for specific figures and days both state ("33 soldiers",
 * 2020-02-27), scaled down by the days between the article and the story. IDF comes from a rolling
 * background: document frequencies of everything seen so far, smoothed by a prior.
 *
 * Candidates come from an inverted index: only stories that share one of the article's
 * highest-weighted words or refs are scored, so the cost per article stays flat as the store
 * grows; stories idle for longer than the window leave the index.
 */
export class StoryClusterer {
  private readonly stories: Story[] = [];
  private readonly index = new Map<string, Set<number>>();
  private readonly df = new Map<string, number>();
  private docs = 0;

  constructor(private readonly settings: StorySettings = STORIES) {}

  add(f: Features): StoryAssignment {
    this.docs++;
    for (const k of f.terms.keys()) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    for (const k of f.entities.keys()) this.df.set(`@${k}`, (this.df.get(`@${k}`) ?? 0) + 1);
    const terms = this.weigh(f.terms, '');
    const entities = this.weigh(f.entities, '@');
    let best: Story | null = null;
    let bestSim = 0;
    for (const s of this.candidates(f, terms, entities)) {
      const sim = this.similarity(f, terms, entities, s);
      if (sim > bestSim || (sim === bestSim && best && s.id < best.id)) [best, bestSim] = [s, sim];
    }
    const story = best && bestSim >= this.settings.joinThreshold ? best : this.open();
    this.join(story, f, terms, entities);
    return { articleId: f.id, story: story.id, similarity: story === best ? bestSim : 0 };
  }

  /** Members of every story, in story order. */
  groups(): string[][] {
    return this.stories.map((s) => [...s.members]);
  }

  private open(): Story {
    const s: Story = { id: this.stories.length, members: [], terms: new Map(), entities: new Map(), facts: new Map(), firstDay: null, lastDay: null, daySum: 0, dated: 0 };
    this.stories.push(s);
    return s;
  }

  private join(s: Story, f: Features, terms: Map<string, number>, entities: Map<string, number>): void {
    s.members.push(f.id);
    for (const [k, w] of terms) s.terms.set(k, (s.terms.get(k) ?? 0) + w);
    for (const [k, w] of entities) s.entities.set(k, (s.entities.get(k) ?? 0) + w);
    for (const k of f.facts) s.facts.set(k, (s.facts.get(k) ?? 0) + 1);
    if (f.day !== null) {
      s.daySum += f.day;
      s.dated++;
      s.firstDay = s.firstDay === null ? f.day : Math.min(s.firstDay, f.day);
      s.lastDay = s.lastDay === null ? f.day : Math.max(s.lastDay, f.day);
    }
    for (const k of top(terms, this.settings.probeFeatures)) post(this.index, k, s.id);
    for (const k of top(entities, this.settings.probeFeatures)) post(this.index, `@${k}`, s.id);
  }

  private *candidates(f: Features, terms: Map<string, number>, entities: Map<string, number>): Generator<Story> {
    const seen = new Set<number>();
    const keys = [...top(terms, this.settings.probeFeatures), ...top(entities, this.settings.probeFeatures).map((k) => `@${k}`)];
    for (const k of keys) {
      const ids = this.index.get(k);
      if (!ids) continue;
      for (const id of [...ids]) {
        const s = this.stories[id]!;
        if (f.day !== null && s.lastDay !== null && f.day - s.lastDay > this.settings.windowDays) {
          ids.delete(id); // closed: idle longer than the window
          continue;
        }
        if (!seen.has(id)) {
          seen.add(id);
          yield s;
        }
      }
    }
  }

  private similarity(f: Features, terms: Map<string, number>, entities: Map<string, number>, s: Story): number {
    const W = this.settings.weights;
    // Average link: the mean cosine of the article with each member (the dot product with the
    // summed member vectors over their count), so a story that drifted over many topics does not
    // keep attracting articles on any of them, as a centroid would.
    const n = s.members.length;
    let sim = this.settings.averageLink ? (W.terms * dot(terms, s.terms) + W.entities * dot(entities, s.entities)) / n : W.terms * cosine(terms, s.terms) + W.entities * cosine(entities, s.entities);
    let shared = 0;
    for (const k of f.facts) if (s.facts.has(k)) shared++;
    if (shared) sim += W.facts * Math.min(1, shared / 2);
    if (f.day !== null && s.firstDay !== null && s.lastDay !== null && s.dated > 0) {
      // Days from the story's centre of mass, so a story cannot creep forward one day at a time.
      const gap = Math.abs(f.day - s.daySum / s.dated);
      if (gap > this.settings.timeGraceDays) sim *= Math.max(0, 1 - this.settings.timeDecayPerDay * (gap - this.settings.timeGraceDays));
    }
    return sim;
  }

  /** Log-scaled term frequency times smoothed IDF, as a unit vector. */
  private weigh(bag: ReadonlyMap<string, number>, prefix: string): Map<string, number> {
    const v = new Map<string, number>();
    const n = this.docs + this.settings.priorDocs;
    let norm = 0;
    for (const [k, tf] of bag) {
      const df = this.df.get(prefix + k) ?? 1;
      const w = (1 + Math.log(tf)) * Math.log((n + 1) / (df + 1));
      if (w <= 0) continue;
      v.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  }
}

function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let d = 0;
  for (const [k, w] of a) {
    const x = b.get(k);
    if (x) d += w * x;
  }
  return d;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let nb = 0;
  for (const [k, w] of a) {
    const x = b.get(k);
    if (x) dot += w * x;
  }
  for (const w of b.values()) nb += w * w;
  return nb ? dot / Math.sqrt(nb) : 0;
}

function top(v: ReadonlyMap<string, number>, n: number): string[] {
  return [...v.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
}

function post(index: Map<string, Set<number>>, key: string, id: number): void {
  const set = index.get(key) ?? new Set<number>();
  set.add(id);
  index.set(key, set);
}
