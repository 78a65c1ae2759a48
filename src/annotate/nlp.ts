import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One wink-nlp instance per process: loading the model costs ~130 ms. Sentence split + POS only. */
let instance: ReturnType<typeof winkNLP> | undefined;

interface CoreModel {
  features: { lexeme: { hash: Record<string, number>; index: number } };
}

/** The words wink added to its lexicon that the block being read has used: only these (and the loaded ones) are seen by its tokeniser. */
const seenInBlock = new Set<string>();

/**
 * The wink-nlp instance, tokenising each block as a fresh instance would, whatever it read before.
 * wink adds each word it does not know to its lexicon, and its tokeniser splits a word by asking
 * the lexicon (`cache.lookup`): once "Cuomo's" or "..." had been read, it was kept whole in every
 * text after, so an article's tokens (and then its sentences, entities and stories) depended on
 * the articles read before it in the process, and would differ between one thread and several.
 *
 * wink's cache reads the lexeme hash it was built with for its lookups, and
 * `model.features.lexeme.hash` for its additions and features. The first is given a view that
 * hides every word added after loading unless the current block added or used it (`seenInBlock`,
 * emptied before each block); the second records the words a block adds or uses. Each word is
 * still added once (its features are reused), so the lexicon grows as before.
 */
export function nlp(): ReturnType<typeof winkNLP> {
  if (instance) return instance;
  let core: CoreModel | undefined;
  let hash: Record<string, number> = {};
  let loaded = Infinity;
  const load = () => {
    core = (model as unknown as { core(): CoreModel }).core();
    hash = core.features.lexeme.hash;
    // The view the cache's lookups keep (it takes the hash when it is built).
    core.features.lexeme.hash = new Proxy(hash, {
      get: (t, key: string) => {
        const index = t[key];
        return index === undefined || index < loaded || seenInBlock.has(key) ? index : undefined;
      },
    });
    return core;
  };
  instance = winkNLP({ ...model, core: load } as unknown as typeof model, ['sbd', 'pos']);
  if (!core) throw new Error('nlp: wink-nlp did not load its core model through `core()`');
  const lexeme = (core as CoreModel).features.lexeme;
  // What the instance added while it was built (its patterns' words) counts as loaded.
  loaded = lexeme.index;
  // The hash its additions and features go through from now on: every word they touch is the block's.
  lexeme.hash = new Proxy(hash, {
    get: (t, key: string) => {
      const index = t[key];
      if (index !== undefined && index >= loaded) seenInBlock.add(key);
      return index;
    },
    set: (t, key: string, index: number) => {
      t[key] = index;
      seenInBlock.add(key);
      return true;
    },
  });
  return instance;
}

export interface RawToken {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly pos: string;
  readonly norm: string;
}

export interface TokenizedBlock {
  readonly tokens: readonly RawToken[];
  /** Sentences as [first token index, last token index] (inclusive, as wink gives them). */
  readonly sentences: readonly (readonly [number, number])[];
}

/**
 * Tokenise one block of text (a paragraph) with wink-nlp and turn its token indexes into character
 * offsets: wink keeps the length of the whitespace run before each token (`precedingSpaces`), so
 * offset = running sum of preceding spaces + token lengths. `offset` shifts every span, so the
 * result indexes the whole article text.
 */
export function tokenizeBlock(block: string, offset: number): TokenizedBlock {
  seenInBlock.clear();
  const doc = nlp().readDoc(block);
  const its = nlp().its;
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const norm = doc.tokens().out(its.normal) as string[];
  const tokens: RawToken[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    // wink may expand a contraction ("can't" -> "ca" "n't") but keeps the surface form; if its
    // accounting ever drifts from the text, resynchronise on the next occurrence of the token.
    if (block.slice(at, at + value.length) !== value) {
      const found = block.indexOf(value, at);
      if (found >= 0) at = found;
    }
    tokens.push({ start: offset + at, end: offset + at + value.length, value, pos: pos[i] ?? 'X', norm: norm[i] ?? value.toLowerCase() });
    at += value.length;
  }
  const sentences: (readonly [number, number])[] = [];
  doc.sentences().each((s: { out: (f: unknown) => unknown }) => {
    const span = s.out(its.span) as [number, number];
    sentences.push([span[0], span[1]]);
  });
  return { tokens, sentences };
}
