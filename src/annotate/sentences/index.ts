import { Article } from '../../model/article.js';
import type { Paragraph, Sentence, Token } from '../../model/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import { tokenizeBlock } from '../nlp.js';
import { findParagraphs } from './paragraphs.js';
import { repairSentences } from './repair.js';
import { subheads } from './subheads.js';

/**
 * Paragraphs, sentences and tokens. A line break ends a paragraph (a single newline is no sentence
 * boundary for wink-nlp, so paragraphs are split first); wink-nlp splits each paragraph into
 * sentences, and `repairSentences` mends the splits wink gets wrong on news text.
 *
 * The stage provides `sentences`; `paragraphs` and `tokens` are set alongside it, since they come
 * out of the same pass.
 *
 * @example
 * const a = sentences().run(Article.create({ id: 'a', source: 'x', text: 'Hi. Bye.' }), ctx);
 */
export function sentences(): Stage<'sentences'> {
  return Object.freeze({
    name: 'sentences',
    needs: [],
    provides: 'sentences',
    run(article: Article): Article {
      const { paragraphs, sentences, tokens } = segment(article.text);
      let a = Article.withLayer(article, 'paragraphs', paragraphs);
      a = Article.withLayer(a, 'tokens', tokens);
      return Article.withLayer(a, 'sentences', sentences);
    },
  });
}

export interface Segmented {
  readonly paragraphs: Paragraph[];
  readonly sentences: Sentence[];
  readonly tokens: Token[];
}

/** Segment a whole text into paragraphs, sentences and tokens (all spans into `text`). */
export function segment(text: string): Segmented {
  const found = findParagraphs(text);
  const heads = subheads(text, found);
  // A subhead stays in the text as a heading: tokens (so names in it are found), but no sentence (so no claim or brief is made of it).
  const paragraphs = found.map((p, i) => (heads.has(i) ? { ...p, heading: true } : p));
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  paragraphs.forEach((p, index) => {
    const block = tokenizeBlock(text.slice(p.start, p.end), p.start);
    if (p.heading) {
      for (const t of block.tokens) tokens.push({ kind: 'token', start: t.start, end: t.end, pos: t.pos, norm: t.norm });
      return;
    }
    const spans = block.sentences.map(([first, last]) => ({ start: block.tokens[first]!.start, end: block.tokens[last]!.end }));
    for (const s of repairSentences(text, spans)) sentences.push({ kind: 'sentence', start: s.start, end: s.end, paragraph: index });
    for (const t of block.tokens) tokens.push({ kind: 'token', start: t.start, end: t.end, pos: t.pos, norm: t.norm });
  });
  return { paragraphs, sentences, tokens };
}
