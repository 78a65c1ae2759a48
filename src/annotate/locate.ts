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
