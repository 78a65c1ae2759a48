/**
 * Ingest turns inputs (paths, URLs, feeds, stdin) into Extracted documents: one article's text and
 * metadata before clean/ runs. Problems with an input become InputErrors; the batch goes on.
 */

/** Metadata known from outside the document: a manifest row, a feed item, a JSON record. */
export interface MetaHints {
  readonly title?: string | null;
  readonly outlet?: string | null;
  readonly published?: string | null;
  readonly publishedAt?: string | null;
  readonly url?: string | null;
  readonly byline?: string | null;
}

/** Bytes of one input and where they came from. */
export interface RawDocument {
  /** The path or URL as the user gave it (or `-` for stdin). */
  readonly source: string;
  readonly bytes: Uint8Array;
  /** The Content-Type header for fetched documents, else null. */
  readonly contentType: string | null;
  /** Final URL after redirects, for fetched documents. */
  readonly url: string | null;
  readonly hints: MetaHints;
}

export type InputFormat = 'text' | 'html' | 'json' | 'jsonl' | 'feed' | 'manifest';

/** One article's worth of extracted text and metadata, before cleaning. */
export interface Extracted {
  /** The path or URL as given; for a record of a JSON/JSONL file `path#<id>` (or `path#<line>`). */
  readonly source: string;
  readonly format: InputFormat;
  readonly title: string | null;
  /** The body text, one paragraph per line (`\n` between paragraphs). Title not included. */
  readonly text: string;
  readonly outlet: string | null;
  readonly byline: string | null;
  /** ISO date (YYYY-MM-DD, or YYYY-MM / YYYY). */
  readonly published: string | null;
  /** The instant of publication in UTC (ISO), when the source gives a time with its zone. */
  readonly publishedAt?: string | null;
  readonly url: string | null;
  readonly language: string | null;
  /** Which extractor supplied each field: `{ title: 'json-ld', published: 'meta:article:published_time' }`. */
  readonly provenance: Readonly<Record<string, string>>;
  /** For a JSON record: its top-level fields with a string or number value, as strings (for `--group-by`). */
  readonly record?: Readonly<Record<string, string>>;
  /** The story the user says it belongs to (`--one-story`, `--group-by FIELD`): it skips the clusterer. */
  readonly group?: string | null;
}

/** A problem with one input: printed as `input: reason`. */
export interface InputError {
  readonly input: string;
  readonly reason: string;
}

export const InputError = {
  create(input: string, reason: string): InputError {
    return Object.freeze({ input, reason });
  },
  is(x: unknown): x is InputError {
    return typeof x === 'object' && x !== null && 'input' in x && 'reason' in x && !('text' in x);
  },
  format(e: InputError): string {
    return `${e.input}: ${e.reason}`;
  },
};
