import type { Layers, LayerName } from './layers.js';
import type { Message } from './message.js';

export type ArticleKind = 'news' | 'opinion' | 'unknown';

/** Where a field's value came from, e.g. `json-ld`, `meta:og:title`, `manifest`, `dateline`. */
export interface Provenance {
  readonly [field: string]: string;
}

export interface ArticleMeta {
  readonly title: string | null;
  readonly outlet: string | null;
  readonly byline: string | null;
  /** ISO date, YYYY-MM-DD (or YYYY-MM / YYYY when that is all that is known). */
  readonly published: string | null;
  /** The instant of publication in UTC (ISO), when the source gave a time with its zone: tells which of two same-day articles came first. */
  readonly publishedAt?: string | null;
  readonly url: string | null;
  /** ISO 639-1 code, e.g. `en`, or null when unknown. */
  readonly language: string | null;
  /** Place named in a dateline ("ANKARA, Feb 28 (Reuters) -"), moved out of the text by clean/. */
  readonly dateline: string | null;
  /** The story the user put it in (`--one-story`, `--group-by FIELD`); such an article skips the clusterer. */
  readonly group?: string | null;
  readonly provenance: Provenance;
}

/** A piece of the extracted text that clean/ cut out, with why. Offsets index `Article.rawText`. */
export interface Removed {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Rule id, e.g. `clean/call-to-action`, `clean/related-links`, `clean/caption`. */
  readonly reason: string;
}

export interface ArticleClass {
  readonly kind: ArticleKind;
  /** The signals that decided it, e.g. `first-person-plural`, `url:/opinion/`, `title-question`. */
  readonly signals: readonly string[];
}

/**
 * One report. `text` is the cleaned text and never changes after clean/; every layer is a sorted
 * array of half-open spans into it.
 */
export interface Article {
  readonly id: string;
  /** The path or URL as given; for a record of a JSON or JSON Lines file: `path#id` (or `path#line`). */
  readonly source: string;
  readonly meta: ArticleMeta;
  /** Text as extracted from the input, before clean/ cut junk out. */
  readonly rawText: string;
  readonly text: string;
  readonly removed: readonly Removed[];
  readonly layers: Readonly<Partial<Layers>>;
  readonly classification: ArticleClass | null;
  readonly messages: readonly Message[];
}

export const emptyMeta: ArticleMeta = Object.freeze({
  title: null,
  outlet: null,
  byline: null,
  published: null,
  url: null,
  language: null,
  dateline: null,
  provenance: Object.freeze({}),
});

export const Article = {
  create(fields: Pick<Article, 'id' | 'source' | 'text'> & Partial<Article>): Article {
    return Object.freeze({
      meta: emptyMeta,
      rawText: fields.text,
      removed: [],
      layers: Object.freeze({}),
      classification: null,
      messages: [],
      ...fields,
    });
  },
  /** A new frozen article with one layer set. */
  withLayer<L extends LayerName>(article: Article, name: L, layer: Layers[L]): Article {
    return Object.freeze({ ...article, layers: Object.freeze({ ...article.layers, [name]: Object.freeze(layer) }) });
  },
  with(article: Article, changes: Partial<Omit<Article, 'id' | 'text' | 'layers'>>): Article {
    return Object.freeze({ ...article, ...changes });
  },
  layer<L extends LayerName>(article: Article, name: L): Layers[L] {
    const layer = article.layers[name];
    if (!layer) throw new Error(`article: layer \`${name}\` is missing on ${article.id}; add its stage before this one`);
    return layer as Layers[L];
  },
};
