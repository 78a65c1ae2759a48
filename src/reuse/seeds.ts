import { MAX_GAP_WORDS, MAX_MERGE_GAP_WORDS, MAX_POSITIONS, MIN_SEEDS, SHINGLE_WORDS } from './settings.js';

/** A run of shared shingles: word index ranges [aStart, aEnd) in A and [bStart, bEnd) in B. */
export interface Chain {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  seeds: number;
}

/**
 * Find the chains of shared shingles between two articles. A chain grows while the next shared
 * shingle lies ahead on both sides within MAX_GAP_WORDS, so a copy with words swapped, cut or
 * inserted stays one chain. Chains with fewer than MIN_SEEDS shingles are dropped.
 *
 * Cost: O(|A| + |B| + matches), each match checked against the few open chains.
 *
 * @example
 * chains(shingles(words(a)), shingles(words(b)));
 */
export function chains(a: Int32Array, b: Int32Array): Chain[] {
  // Where each shingle of A stands: one position (most shingles stand once: a number, not an
  // array of one), or several.
  const positions = new Map<number, number | number[]>();
  for (let i = 0; i < a.length; i++) {
    const list = positions.get(a[i]!);
    if (list === undefined) positions.set(a[i]!, i);
    else if (typeof list === 'number') positions.set(a[i]!, [list, i]);
    else list.push(i);
  }
  const open: Chain[] = [];
  const done: Chain[] = [];
  for (let j = 0; j < b.length; j++) {
    const list = positions.get(b[j]!);
    if (list === undefined || (typeof list !== 'number' && list.length > MAX_POSITIONS)) continue;
    // Close chains that can no longer grow: their B end is too far behind.
    for (let c = open.length - 1; c >= 0; c--) {
      if (j - (open[c]!.bEnd - SHINGLE_WORDS) > MAX_GAP_WORDS) done.push(...open.splice(c, 1));
    }
    if (typeof list === 'number') extendOrOpen(open, list, j);
    else for (const i of list) extendOrOpen(open, i, j);
  }
  done.push(...open);
  return merge(done.filter((c) => c.seeds >= MIN_SEEDS).sort((x, y) => x.bStart - y.bStart || x.aStart - y.aStart));
}

/**
 * Join consecutive chains that follow each other in the same order on both sides with a short
 * gap: a rewritten clause ("ongoing … forces loyal to Damascus" → "imminent … the Syrian army")
 * breaks the shingles but not the passage.
 */
function merge(sorted: Chain[]): Chain[] {
  const out: Chain[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    const da = last ? c.aStart - last.aEnd : -1;
    const db = last ? c.bStart - last.bEnd : -1;
    if (last && da >= 0 && db >= 0 && da <= MAX_MERGE_GAP_WORDS && db <= MAX_MERGE_GAP_WORDS) {
      last.aEnd = Math.max(last.aEnd, c.aEnd);
      last.bEnd = Math.max(last.bEnd, c.bEnd);
      last.seeds += c.seeds;
    } else out.push({ ...c });
  }
  return out;
}

function extendOrOpen(open: Chain[], i: number, j: number): void {
  let best: Chain | null = null;
  let bestGap = Infinity;
  for (const c of open) {
    const lastI = c.aEnd - SHINGLE_WORDS;
    const lastJ = c.bEnd - SHINGLE_WORDS;
    const di = i - lastI;
    const dj = j - lastJ;
    if (di <= 0 || dj <= 0 || di > MAX_GAP_WORDS || dj > MAX_GAP_WORDS) continue;
    const gap = di + dj + Math.abs(di - dj);
    if (gap < bestGap) {
      best = c;
      bestGap = gap;
    }
  }
  if (best) {
    best.aEnd = i + SHINGLE_WORDS;
    best.bEnd = j + SHINGLE_WORDS;
    best.seeds++;
  } else {
    open.push({ aStart: i, aEnd: i + SHINGLE_WORDS, bStart: j, bEnd: j + SHINGLE_WORDS, seeds: 1 });
  }
}
