import { StoreError } from './migrations.js';

/**
 * Limits on a full-text query, checked before SQLite sees it: FTS5's cost grows with the number of
 * terms and, steeply, with short prefixes (each `a*` expands to every word beginning with "a"). On
 * a store of 1,243 BASIL and AllSides articles one `a*` took 31 ms, ten 856 ms, forty 10 s, while
 * eight `ab*` took 14 ms and sixteen `the` 706 ms (measured at commit c0f8a4d). A query within these
 * limits is what people type; the web app also gives each search a time budget (serve/settings.ts).
 */
export const QUERY_LIMITS = Object.freeze({
  /** Characters in a query. */
  maxChars: 256,
  /** Words and phrases (operators not counted). */
  maxTerms: 10,
  /** Terms ending in `*`. */
  maxPrefixTerms: 4,
  /** Letters or digits a prefix term needs before its `*`. */
  minPrefixChars: 3,
});

/** A query outside the limits: the message says which and how to fix it. */
export class QueryError extends StoreError {
  override readonly name: string = 'QueryError';
}

const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/**
 * Throw a QueryError when a query is outside QUERY_LIMITS; return it trimmed otherwise.
 *
 * @example
 * checkQuery('refug* Idlib'); // 'refug* Idlib'
 * checkQuery('a* b*'); // throws: a prefix needs at least 3 letters before `*` ("a*")
 */
export function checkQuery(query: string): string {
  const q = query.trim();
  const L = QUERY_LIMITS;
  if (q.length > L.maxChars) throw new QueryError(`the query is too long (${q.length} characters; at most ${L.maxChars})`);
  // Terms: quoted phrases, then bare words (with a trailing * for a prefix); operators and punctuation are not terms.
  const terms: string[] = [];
  for (const m of q.matchAll(/"[^"]*"\*?|[^\s"()^:,+]+/g)) {
    const t = m[0];
    if (OPERATORS.has(t) || /^\d+$/.test(t) && /NEAR\s*\([^)]*$/.test(q.slice(0, m.index))) continue;
    if (!/[\p{L}\p{N}]/u.test(t)) continue;
    terms.push(t);
  }
  if (terms.length > L.maxTerms) throw new QueryError(`the query has too many terms (${terms.length}; at most ${L.maxTerms})`);
  const prefixes = terms.filter((t) => t.endsWith('*'));
  if (prefixes.length > L.maxPrefixTerms) throw new QueryError(`the query has too many prefix terms (${prefixes.length}; at most ${L.maxPrefixTerms})`);
  const short = prefixes.find((t) => (t.replace(/^"|"?\*$/g, '').match(/[\p{L}\p{N}]+$/u)?.[0].length ?? 0) < L.minPrefixChars);
  if (short) throw new QueryError(`a prefix needs at least ${L.minPrefixChars} letters before \`*\` (${JSON.stringify(short)})`);
  return q;
}
