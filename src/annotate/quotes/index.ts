import { Article } from '../../model/article.js';
import type { Stage } from '../../pipeline/stage.js';
import { findQuotes } from './find.js';

/** Quotes stage: direct and indirect quotations with cue and resolved speaker. */
export function quotes(): Stage<'quotes'> {
  return Object.freeze({
    name: 'quotes',
    needs: ['sentences', 'entities'] as const,
    provides: 'quotes',
    run(article: Article): Article {
      const { paragraphs = [], sentences = [], tokens = [], entities = [] } = article.layers;
      return Article.withLayer(article, 'quotes', findQuotes({ text: article.text, paragraphs, sentences, tokens, entities }));
    },
  });
}
