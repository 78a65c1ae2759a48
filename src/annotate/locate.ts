import type { Span } from '../model/span.js';

/**
 * Index of the first span in a sorted layer whose end is after `offset` (binary search, as
 * wink-nlp's locate does over its sorted annotation arrays).
 */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [from, to) of the spans of a sorted, non-overlapping layer that lie inside [start, end). */
export function within(spans: readonly Span[], start: number, end: number): [number, number] {
  let from = firstEndingAfter(spans, start);
  while (from < spans.length && spans[from]!.start < start) from++;
  let to = from;
  while (to < spans.length && spans[to]!.end <= end) to++;
  return [from, to];
}

/** The span of a sorted, non-overlapping layer that contains `offset`, or null. */
export function spanAt<S extends Span>(spans: readonly S[], offset: number): S | null {
  const i = firstEndingAfter(spans, offset);
  const s = spans[i];
  return s && s.start <= offset ? s : null;
}

/**
 * The characters a set of spans covers, to ask "does [start, end) overlap any of them?" in time
 * proportional to the span asked about, not to the number of spans (a scan of every span for
 * every token is quadratic on a text dense with dates or names). Spans may overlap and come in
 * any order; `add` marks more.
 *
 * @example
 * const c = Coverage.of(10, [{ start: 2, end: 4 }]);
 * c.overlaps(3, 6); // true
 * c.overlaps(4, 6); // false
 */
export class Coverage {
  private readonly mask: Uint8Array;

  private constructor(length: number) {
    this.mask = new Uint8Array(length);
  }

  static of(length: number, spans: Iterable<Span> = []): Coverage {
    const c = new Coverage(length);
    for (const s of spans) c.add(s.start, s.end);
    return c;
  }

  add(start: number, end: number): void {
    this.mask.fill(1, Math.max(0, start), Math.min(this.mask.length, end));
  }

  overlaps(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end && i < this.mask.length; i++) if (this.mask[i]) return true;
    return false;
  }
}

/** Index of the first span of a layer sorted by start whose start is at or after `offset`. */
export function firstStartingAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The spans of a layer sorted by start (they may overlap) that lie inside [start, end): a binary
 * search and a walk over the spans that start inside, not a scan of the layer (asked once per
 * sentence or clause, a scan is quadratic in the article).
 */
export function spansInside<S extends Span>(spans: readonly S[] | undefined, start: number, end: number): S[] {
  const out: S[] = [];
  if (!spans) return out;
  for (let i = firstStartingAt(spans, start); i < spans.length && spans[i]!.start < end; i++) if (spans[i]!.end <= end) out.push(spans[i]!);
  return out;
}

/** Is some span of a layer sorted by start inside [start, end)? */
export function anyInside(spans: readonly Span[] | undefined, start: number, end: number): boolean {
  if (!spans) return false;
  for (let i = firstStartingAt(spans, start); i < spans.length && spans[i]!.start < end; i++) if (spans[i]!.end <= end) return true;
  return false;
}
