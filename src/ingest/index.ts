import { readDocument } from './document.js';
import { fetchOptions, fetchUrl } from './fetch.js';
import { fsReason, listFiles, readCapped, readStream } from './files.js';
import { isManifestName, ManifestSet } from './manifest.js';
import type { Extracted } from './types.js';
import { InputError } from './types.js';

export type { Extracted, MetaHints, RawDocument } from './types.js';
export { InputError } from './types.js';

export interface IngestOptions {
  /** Inputs over this size are refused (default 10 MB). */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  /** Let links found inside documents, and redirects, reach loopback and private addresses (ingest/address.ts). */
  readonly allowPrivateNetwork?: boolean;
  /** The URLs among the inputs were typed by the user (the command line): they may reach any address. Default false (the web API). */
  readonly typedUrls?: boolean;
  /** A CSV or JSON manifest giving outlet, published date and url per file or URL. */
  readonly manifest?: string | null;
  /** Told of problems that do not stop an input: a manifest row that matches no input. */
  readonly onWarning?: (warning: InputError) => void;
  /** Injectable for tests. */
  readonly fetch?: typeof fetch;
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Read every input — files, directories (recursive, sorted), `-` for stdin, http(s) URLs, feeds,
 * JSON/JSONL exports — and yield one Extracted document per article, or an InputError per input
 * that could not be read. One bad input never stops the batch.
 *
 * A manifest (`--manifest`, a manifest.csv/json given as an input, or one inside a given folder)
 * supplies metadata for the files and URLs it lists.
 *
 * @example
 * for await (const x of ingest(['examples/demo'])) if (!InputError.is(x)) console.log(x.title);
 */
export async function* ingest(inputs: readonly string[], options: IngestOptions = {}): AsyncGenerator<Extracted | InputError> {
  const net = fetchOptions(options);
  const maxBytes = net.maxBytes;
  const manifest = new ManifestSet();
  const addManifest = (file: string): InputError | null => {
    try {
      manifest.add(file);
      return null;
    } catch (error) {
      return InputError.create(file, `cannot read manifest: ${fsReason(error)}`);
    }
  };
  if (options.manifest) {
    const e = addManifest(options.manifest);
    if (e) yield e;
  }
  // Expand folders first, so manifests inside them apply to every file, whatever the order.
  const work: string[] = [];
  for (const input of inputs) {
    if (input === '-' || /^https?:\/\//i.test(input)) {
      work.push(input);
      continue;
    }
    let files: (string | InputError)[];
    try {
      files = await listFiles(input);
    } catch (error) {
      yield InputError.create(input, fsReason(error));
      continue;
    }
    for (const file of files) {
      if (typeof file !== 'string') yield file;
      else if (isManifestName(file)) {
        const e = addManifest(file);
        if (e) yield e;
      } else work.push(file);
    }
  }
  for (const input of work) {
    const hints = manifest.hints(input);
    try {
      const raw =
        input === '-'
          ? { source: '-', bytes: await readStream(options.stdin ?? process.stdin, maxBytes), contentType: null, url: null, hints }
          : /^https?:\/\//i.test(input)
            ? { ...(await fetchUrl(input, net, { typed: options.typedUrls === true })), hints }
            : { source: input, bytes: await readCapped(input, maxBytes), contentType: null, url: hints.url ?? null, hints };
      yield* readDocument(raw, net);
    } catch (error) {
      yield InputError.create(input, fsReason(error));
    }
  }
  for (const w of manifest.unmatched()) options.onWarning?.(InputError.create(w.input, w.reason));
}
