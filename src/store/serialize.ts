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
  return storedJson(data);
}

/**
 * JSON as the store keeps it (every JSON column: article data, checks, reuse pairs, clustering and
 * storyline states): every character past ASCII written as a `\u` escape (JSON.stringify already
 * escapes lone surrogates), so the same value to JSON.parse and to the engines' JSON functions, a
 * little longer (0.7% for those checks, 0.03% for the bench's article data). Why: a JSON text with one curly quote in it is a two-byte string to V8, and
 * a story page reads its check and its articles' data whole: on 300 kept checks of the bench's 100k
 * store (59 KB on average, half of them with a non-ASCII character), turning the stored UTF-8 into a
 * string took 0.25 ms a check and parsing it 0.47; escaped, 0.06 and 0.41 (by hand, 2026-12-01).
 * What was stored before stays readable as it is.
 */
export function storedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function articleFromRow(row: { id: string; text: string; data: string }): Article {
  const d = JSON.parse(row.data) as ArticleData;
  return Object.freeze({ id: row.id, text: row.text, rawText: row.text, source: d.source, meta: d.meta, removed: d.removed, layers: d.layers, classification: d.classification, messages: d.messages });
}
