import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;
let base: number | undefined;

/** Collect when the heap has grown by this much since the last collection (or the first call). */
const GROWTH = 160 * 2 ** 20;

/**
 * Run a full garbage collection when the heap has grown by 160 MB since the last one (so a small
 * ingest pays nothing), and when the runtime allows one. A long ingest makes many short-lived
 * objects per article, and V8 lets the heap grow to several times the live set before it collects
 * (`npm run bench` measures a 100k-article ingest with and without these collections; the figures
 * are in the README). V8's own `gc` is reached by setting --expose-gc at run time (node:v8) and
 * reading it from a fresh context (node:vm).
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  const used = getHeapStatistics().used_heap_size;
  if (base === undefined) base = used;
  if (!gc || used - base < GROWTH) return;
  gc();
  base = getHeapStatistics().used_heap_size;
}
