import type { Article } from '../model/article.js';
import type { Layers } from '../model/layers.js';
import { packTokens, transferables, unpackTokens, type PackedTokens } from './tokens.js';

/**
 * What a phase changed in an article, to send across threads instead of the whole article: the
 * fields and layers that are not the same objects as before (a stage returns a new article with a
 * new layer and keeps the rest), the tokens packed (tokens.ts). Applied to the article as it was,
 * it gives the changed article, with its fields and layers in the same order.
 */
export interface ArticleDelta {
  readonly fields: Readonly<Record<string, unknown>>;
  /** Changed layers in the article's order; `tokens`, when changed, is null here and packed in `tokens`. */
  readonly layers: Readonly<Record<string, unknown>>;
  readonly tokens: PackedTokens | null;
}

export function diffArticle(before: Article, after: Article): ArticleDelta {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (k !== 'layers' && v !== (before as unknown as Record<string, unknown>)[k]) fields[k] = v;
  const layers: Record<string, unknown> = {};
  let tokens: PackedTokens | null = null;
  for (const [k, v] of Object.entries(after.layers)) {
    if (v === (before.layers as Record<string, unknown>)[k]) continue;
    if (k === 'tokens') {
      tokens = packTokens(v as Layers['tokens']);
      layers[k] = null;
    } else layers[k] = v;
  }
  return { fields, layers, tokens };
}

/** The buffers a delta can move rather than copy. */
export function deltaTransfer(delta: ArticleDelta): ArrayBuffer[] {
  return delta.tokens ? transferables(delta.tokens) : [];
}

/** The article a delta was taken to, from the one it was taken from; frozen as Article's factories freeze. */
export function applyDelta(before: Article, delta: ArticleDelta): Article {
  const layers: Record<string, unknown> = { ...before.layers, ...delta.layers };
  if (delta.tokens) layers.tokens = unpackTokens(delta.tokens);
  for (const k of Object.keys(delta.layers)) Object.freeze(layers[k]);
  return Object.freeze({ ...before, ...delta.fields, layers: Object.freeze(layers) }) as Article;
}

/** An article that crossed threads whole (structured clone drops freezing): frozen again, as it was made. */
export function refreeze(article: Article): Article {
  for (const layer of Object.values(article.layers)) Object.freeze(layer);
  Object.freeze(article.layers);
  return Object.freeze(article);
}
