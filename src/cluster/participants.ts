import type { StorylineSettings } from './settings.js';
import type { Frequency } from './stories.js';

/** Entity refs both events name that few articles name, and the figures and days both state. */
export function sharedParticipants(
  p: { readonly terms: ReadonlyMap<string, number>; readonly facts: Iterable<string> },
  q: { readonly terms: ReadonlyMap<string, number>; readonly facts: { has(k: string): boolean } },
  frequency: (key: string) => Frequency,
  settings: Pick<StorylineSettings, 'specificShare' | 'specificDocs'>,
): number {
  const specific = (k: string) => {
    const { df, docs } = frequency(k);
    return df <= Math.max(settings.specificDocs, settings.specificShare * docs);
  };
  let n = 0;
  for (const k of p.terms.keys()) if (isParticipant(k) && q.terms.has(k) && specific(k)) n++;
  for (const k of p.facts) if (q.facts.has(k)) n++;
  return n;
}

/**
 * An entity ref that names a participant: a person, a place, a group, or an organisation named in
 * more than one word ("Indian Navy", "Copper Lanes"). A one-word organisation is too often a common
 * noun the entity rules took for a name at the start of a sentence ("Witnesses said …",
 * "Prosecutors said …"), which any two reports of one kind share.
 */
export function isParticipant(key: string): boolean {
  if (!key.startsWith('@')) return false;
  if (!key.startsWith('@organization:')) return true;
  return key.includes('-', '@organization:'.length);
}
