import { MAX_DIFF_WORDS } from './settings.js';

/** One edit: a run of words of A replaced by a run of words of B (either side may be empty). Word indexes, half-open. */
export interface Edit {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/**
 * Word-level diff of two word sequences (normal forms) by longest common subsequence, as runs of
 * changed words. Passages are short (tens to hundreds of words), so the O(n·m) table is cheap and
 * gives the minimal edit, which Myers' greedy variants do not always do on reordered text.
 *
 * @example
 * edits(['ongoing', 'military'], ['imminent', 'large-scale', 'military']);
 * // [{ aStart: 0, aEnd: 1, bStart: 0, bEnd: 2 }]
 */
export function edits(a: readonly string[], b: readonly string[]): Edit[] {
  if (a.length > MAX_DIFF_WORDS || b.length > MAX_DIFF_WORDS) return piecewise(a, b);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], flattened.
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  let open: { aStart: number; bStart: number } | null = null;
  const close = () => {
    if (open && (i > open.aStart || j > open.bStart)) out.push({ aStart: open.aStart, aEnd: i, bStart: open.bStart, bEnd: j });
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { aStart: i, bStart: j };
    if (j >= m || (i < n && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) i++;
    else j++;
  }
  close();
  return out;
}

/** Very long passages: diff aligned halves so memory stays bounded (near-identical copies only get here). */
function piecewise(a: readonly string[], b: readonly string[]): Edit[] {
  const half = Math.floor(MAX_DIFF_WORDS / 2);
  const ratio = b.length / Math.max(1, a.length);
  const out: Edit[] = [];
  for (let i = 0; i < a.length; i += half) {
    const bs = Math.round(i * ratio);
    const be = i + half >= a.length ? b.length : Math.round((i + half) * ratio);
    for (const e of edits(a.slice(i, i + half), b.slice(bs, be))) {
      out.push({ aStart: e.aStart + i, aEnd: e.aEnd + i, bStart: e.bStart + bs, bEnd: e.bEnd + bs });
    }
  }
  return out;
}
