import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One wink-nlp instance per process: loading the model costs ~130 ms. Sentence split + POS only. */
let instance: ReturnType<typeof winkNLP> | undefined;

export function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model, ['sbd', 'pos']);
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
