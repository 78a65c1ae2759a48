import type { Article } from '../model/article.js';

/** What the `data` column holds: everything of an article but its text (a column of its own) and tokens. */
interface ArticleData {
  readonly source: string;
  readonly meta: Article['meta'];
  readonly removed: Article['removed'];
  readonly layers: Article['layers'];
  readonly classification: Article['classification'];
  readonly messages: Article['messages'];
}

/**
 * An article as stored. Tokens are left out: they are the bulk of the layers, every view reads the
 * other layers, and re-tokenising the text gives them back. The text before cleaning is not kept
 * either; each removed span keeps its own text and reason.
 */
export function articleData(a: Article): string {
  const { tokens: _tokens, ...layers } = a.layers;
  const data: ArticleData = { source: a.source, meta: a.meta, removed: a.removed, layers, classification: a.classification, messages: a.messages };
  return JSON.stringify(data);
}

export function articleFromRow(row: { id: string; text: string; data: string }): Article {
  const d = JSON.parse(row.data) as ArticleData;
  return Object.freeze({ id: row.id, text: row.text, rawText: row.text, source: d.source, meta: d.meta, removed: d.removed, layers: d.layers, classification: d.classification, messages: d.messages });
}
