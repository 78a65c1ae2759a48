import { SHINGLE_WORDS } from './settings.js';
import { fnv, type Word } from './words.js';

/**
 * 32-bit FNV-1a hashes of every run of SHINGLE_WORDS words: `hashes[i]` covers words i..i+k-1.
 * Collisions are harmless here: a seed only counts inside a chain of several.
 *
 * Kept as signed 32-bit numbers with the top bit flipped (`h ^ 0x80000000`): the same order as the
 * unsigned hashes (winnowing keeps the least), and every value a small integer to V8 on a 64-bit
 * build, so the sets and maps that index shingles hold no boxed numbers (an unsigned hash of 2^31
 * or more is a heap number in each of them: half the shingles, and much of the collector's work).
 *
 * @example
 * shingles(words('one two three four five')).length; // 2
 */
export function shingles(ws: readonly Word[], k = SHINGLE_WORDS): Int32Array {
  return shinglesOf(Int32Array.from(ws, (w) => fnv(w.norm)), k);
}

/** The shingles of words given as the hashes of their normal forms (`wordHashes`). */
export function shinglesOf(wordHash: Int32Array, k = SHINGLE_WORDS): Int32Array {
  const n = Math.max(0, wordHash.length - k + 1);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < k; j++) {
      h ^= wordHash[i + j]!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out[i] = h ^ 0x80000000;
  }
  return out;
}
