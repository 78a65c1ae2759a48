import type { Span } from './span.js';

/** A block of text ended by a line break. */
export interface Paragraph extends Span {
  readonly kind: 'paragraph';
  /** A subhead between sections ("NATO talks"): a heading of the article, with no sentence in it. */
  readonly heading?: boolean;
}

export interface Sentence extends Span {
  readonly kind: 'sentence';
  /** Index into the paragraphs layer. */
  readonly paragraph: number;
}

/** A word-level token (from wink-nlp), with its part of speech. Internal: not in the JSON contract. */
export interface Token extends Span {
  readonly kind: 'token';
  readonly pos: string;
  /** Lower-cased normal form. */
  readonly norm: string;
}

export type EntityType = 'person' | 'organization' | 'place' | 'group';

export interface Entity extends Span {
  readonly kind: 'entity';
  readonly type: EntityType;
  /** Shared by every mention of the same thing across all articles of a run, e.g. `place:turkey`. */
  readonly ref: string;
  /** How the mention was found, e.g. `gazetteer`, `alias`, `title`, `said-verb`, `capitalised-run`. */
  readonly rule: string;
}

export interface Quote extends Span {
  readonly kind: 'quote';
  readonly direct: boolean;
  /** The reporting verb or phrase: "said", "told", "according to". */
  readonly cue: Span | null;
  /** The speaker mention in the text, if there is one nearby ("he", "the Pentagon"). */
  readonly speaker: Span | null;
  /** The resolved speaker name ("Hulusi Akar"), after pronoun and title resolution. */
  readonly speakerName: string | null;
  readonly speakerRef: string | null;
  /** The speaker denies what the quote says ("denied reports that …"): the text is the denied statement. */
  readonly denies?: boolean;
}

export interface Quantity extends Span {
  readonly kind: 'quantity';
  readonly value: number;
  /** Singular head noun of what is counted ("soldier", "battery"), or a unit ("percent", "km"), or null. */
  readonly unit: string | null;
  /** What is counted, as written ("Turkish soldiers", "Patriot missile systems"). */
  readonly counted: string | null;
  readonly approximate: boolean;
}

export type DatePrecision = 'day' | 'month' | 'year';

export interface DateMention extends Span {
  readonly kind: 'date';
  /** ISO: YYYY-MM-DD, YYYY-MM or YYYY, by precision. */
  readonly value: string;
  readonly precision: DatePrecision;
  /** TimeML-style modifier for part-of-period expressions: "the end of February" is 2020-02 END. */
  readonly mod: 'START' | 'MID' | 'END' | null;
}

/** `channel`: a platform that carries what others say (Twitter, Facebook), never an outlet of its own. */
export type SourceKind = 'outlet' | 'agency' | 'channel' | 'person' | 'organization' | 'document' | 'unknown';

export interface CitedSource extends Span {
  readonly kind: 'cited-source';
  /** Canonical name: "Middle East Eye" for "MEE". */
  readonly name: string;
  readonly ref: string;
  readonly sourceKind: SourceKind;
}

export interface Hedge extends Span {
  readonly kind: 'hedge';
}

/** Every annotation layer an article can carry. Each is a sorted array of spans into `Article.text`. */
export interface Layers {
  paragraphs: readonly Paragraph[];
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  entities: readonly Entity[];
  quotes: readonly Quote[];
  quantities: readonly Quantity[];
  dates: readonly DateMention[];
  citedSources: readonly CitedSource[];
  hedges: readonly Hedge[];
}

export type LayerName = keyof Layers;
