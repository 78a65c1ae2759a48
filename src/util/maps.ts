/** Append `value` to the list under `key`, creating the list on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The key counted most often (ties: the first in code-unit order), or null when there is none. */
export function mostFrequent(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [k, n] of counts) if (n > most || (n === most && best !== null && k < best)) [best, most] = [k, n];
  return best;
}

/** How often each value occurs. */
export function countOf(values: Iterable<string>): Map<string, number> {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return n;
}

/** Add `n` (default 1) to the count under `key`. */
export function addCount<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
