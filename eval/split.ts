import { createHash } from 'node:crypto';

/**
 * Which part of an eval set a unit belongs to: `dev` (look at misses, sweep settings, train and
 * write rules here) or `test` (what the README quotes). Fixed by rule, never by looking: the
 * unit's key (a topic, an event, a story, a record id — whatever the set's unit of independence
 * is) is hashed with the set's name, and the first 32 bits decide. Half of the units go to each
 * part unless `devShare` says otherwise.
 */
export type Part = 'dev' | 'test';

export function partOf(set: string, key: string | number, devShare = 0.5): Part {
  const h = createHash('sha256').update(`${set}\n${key}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < devShare ? 'dev' : 'test';
}

/** The rows of one part: `keyOf` names the unit a row belongs to. */
export function inPart<T>(rows: readonly T[], set: string, part: Part, keyOf: (row: T) => string | number, devShare = 0.5): T[] {
  return rows.filter((r) => partOf(set, keyOf(r), devShare) === part);
}
