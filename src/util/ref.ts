import type { EntityType } from '../model/layers.js';

/**
 * Fold a name to a ref slug: NFKD without marks, lower case, runs of non-alphanumerics to one hyphen.
 *
 * @example
 * slug('Recep Tayyip Erdoğan'); // 'recep-tayyip-erdogan'
 */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The ref of a thing: `<type>:<slug of its canonical name>`, e.g. `place:turkey`,
 * `person:recep-tayyip-erdogan`, `organization:nato`, `group:hayat-tahrir-al-sham`.
 * Cited sources use the same scheme with `source:` (`source:middle-east-eye`).
 */
export function makeRef(type: EntityType | 'source', canonicalName: string): string {
  return `${type}:${slug(canonicalName)}`;
}
