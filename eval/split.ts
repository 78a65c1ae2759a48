import { createHash } from 'node:crypto';

/**
 * Which part of an eval set a unit belongs to: `dev` (look at misses, sweep settings, train and
 * write rules here) or `test` (what the README quotes). Fixed by rule, never by looking: the
 * unit's key (a topic, an event, a story, a record id — whatever the set's unit of independence
 * is) is hashed with the set's name, and the first 32 bits decide. Half of the units go to each
 * part unless `devShare` says otherwise.
 *
 * The unit of each set (the eval task that cuts it names it too):
 * - MEANTIME: its corpus (airbus, apple, gm, stock), `partOf('meantime', topic)`;
 * - ECB+: its topic, `partOf('ecbplus', topic)` (both events of a topic, the look-alikes, stay together);
 * - BASIL: its event, `partOf('basil', event_id)`; AllSides: its story, `partOf('allsides', event_id)`;
 * - the extraction benchmark: its site (`outlet`, else the page id); trafilatura-eval: its page id;
 * - PolNeAR and TempEval-3: their own compartments (`compartmentPart`);
 * - MSRP and RTE-3: their pair id (the claims task);
 * - the five seeds: all development (one event; every rule was written looking at them).
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

/**
 * Sets that come with their own compartments keep them: what their makers held out is our test
 * part, what they trained on is our development part. PolNeAR: `train` (months 1–10) → dev, `dev`
 * (month 11) → test. TempEval-3: the TBAQ training data (`train-timebank`, `train-aquaint`) → dev,
 * the platinum test set (`test-platinum`) → test.
 *
 * @example
 * compartmentPart('polnear', 'train'); // 'dev'
 */
export function compartmentPart(set: 'polnear' | 'tempeval3', compartment: string): Part {
  if (set === 'polnear') {
    if (compartment === 'train') return 'dev';
    if (compartment === 'dev') return 'test';
  } else if (compartment.startsWith('train-')) return 'dev';
  else if (compartment === 'test-platinum') return 'test';
  throw new Error(`eval/split: unknown ${set} compartment \`${compartment}\``);
}
