/**
 * A half-open range of UTF-16 code units into an article's cleaned text.
 * Spans never need repair: the text is frozen when `clean/` builds the Article.
 *
 * @example
 * const s = Span.create(0, 6);
 * Span.slice('Turkey asks', s); // 'Turkey'
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const Span = {
  create(start: number, end: number): Span {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start)) {
      throw new RangeError(`span: invalid span [${start}, ${end})`);
    }
    return Object.freeze({ start, end });
  },
  is(x: unknown): x is Span {
    return typeof x === 'object' && x !== null && typeof (x as Span).start === 'number' && typeof (x as Span).end === 'number';
  },
  slice(text: string, span: Span): string {
    return text.slice(span.start, span.end);
  },
  length(span: Span): number {
    return span.end - span.start;
  },
  contains(outer: Span, inner: Span): boolean {
    return outer.start <= inner.start && inner.end <= outer.end;
  },
  overlaps(a: Span, b: Span): boolean {
    return a.start < b.end && b.start < a.end;
  },
  /** Order by start, then by longer first, so enclosing spans come before what they enclose. */
  compare(a: Span, b: Span): number {
    return a.start - b.start || b.end - a.end;
  },
};
