import type { Token } from '../model/layers.js';

/**
 * An article's tokens packed for the trip between threads: the bulk of an annotated article is its
 * tokens (1.25 million objects in the bench's 1,906 articles, 75 of its 114 MB when serialized),
 * and structured clone copies object by object (deserializing them all took 5.9 s on one thread).
 * Packed, they are two typed arrays, moved without a copy, one index array of parts of speech and
 * one string of normal forms.
 */
export interface PackedTokens {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly pos: Uint8Array;
  readonly tags: readonly string[];
  /** Each token's normal form, joined by SEPARATOR. */
  readonly norms: string;
}

/** Cannot occur in a normal form: cleaning turns every control character of the text into a space. */
const SEPARATOR = '\u0000';

export function packTokens(tokens: readonly Token[]): PackedTokens {
  const starts = new Int32Array(tokens.length);
  const ends = new Int32Array(tokens.length);
  const pos = new Uint8Array(tokens.length);
  const tags: string[] = [];
  const tagIndex = new Map<string, number>();
  const norms: string[] = new Array<string>(tokens.length);
  tokens.forEach((t, i) => {
    starts[i] = t.start;
    ends[i] = t.end;
    let tag = tagIndex.get(t.pos);
    if (tag === undefined) {
      tag = tags.length;
      if (tag > 255) throw new Error('tokens: more than 256 parts of speech');
      tagIndex.set(t.pos, tag);
      tags.push(t.pos);
    }
    pos[i] = tag;
    if (t.norm.includes(SEPARATOR)) throw new Error('tokens: a normal form holds the separator');
    norms[i] = t.norm;
  });
  return { starts, ends, pos, tags, norms: norms.join(SEPARATOR) };
}

/** The tokens again, equal to those packed (same fields in the same order). */
export function unpackTokens(packed: PackedTokens): Token[] {
  const norms = packed.starts.length === 0 ? [] : packed.norms.split(SEPARATOR);
  if (norms.length !== packed.starts.length) throw new Error('tokens: normal forms and tokens differ in number');
  const out = new Array<Token>(norms.length);
  for (let i = 0; i < norms.length; i++) out[i] = { kind: 'token', start: packed.starts[i]!, end: packed.ends[i]!, pos: packed.tags[packed.pos[i]!]!, norm: norms[i]! };
  return out;
}

/** The buffers of packed tokens, to move rather than copy (postMessage's transfer list). */
export function transferables(packed: PackedTokens): ArrayBuffer[] {
  return [packed.starts.buffer as ArrayBuffer, packed.ends.buffer as ArrayBuffer, packed.pos.buffer as ArrayBuffer];
}
