import { SHINGLE_WORDS } from './settings.js';
import type { Word } from './words.js';

/**
 * 32-bit FNV-1a hashes of every run of SHINGLE_WORDS words: `hashes[i]` covers words i..i+k-1.
 * Collisions are harmless here: a seed only counts inside a chain of several.
 *
 * @example
 * shingles(words('one two three four five')).length; // 2
 */
export function shingles(ws: readonly Word[], k = SHINGLE_WORDS): Uint32Array {
  const n = Math.max(0, ws.length - k + 1);
  const wordHash = ws.map((w) => fnv(w.norm));
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < k; j++) {
      h ^= wordHash[i + j]!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out[i] = h;
  }
  return out;
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
