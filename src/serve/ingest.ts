import { ingestLocked } from '../app/ingest.js';
import { ingest } from '../ingest/index.js';
import { readDocument } from '../ingest/document.js';
import { fromRecord } from '../ingest/record.js';
import { fetchOptions } from '../ingest/fetch.js';
import { refusedUrl } from '../ingest/address.js';
import { InputError, type Extracted, type MetaHints } from '../ingest/types.js';
import type { Store } from '../store/store.js';
import { ApiError } from './errors.js';
import { httpUrl } from '../util/url.js';

export interface IngestReply {
  readonly added: number;
  readonly known: number;
  readonly articles: readonly { readonly id: string; readonly storyId: string | null; readonly title: string | null }[];
  readonly errors: readonly { readonly input: string; readonly reason: string }[];
  /** Feeds the request asked to watch. */
  readonly watching: readonly string[];
}

const DOCUMENT_TYPES = /^(text\/(html|plain|xml)|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml))$/;

/**
 * POST /api/ingest: store an article given as JSON fields, a page or feed given as a body, or a
 * URL (page or feed) to fetch. The store's ingest lock is held only while writing; another
 * process writing answers 503.
 *
 * JSON bodies: {"article": {title, text, url, outlet, published, ...}}, {"articles": [...]},
 * {"url": "https://..."} or {"feed": "https://...", "watch": true}.
 */
export async function ingestRequest(
  store: Store,
  request: { contentType: string; body: string; hints: MetaHints },
  options: { fetch?: typeof fetch; allowPrivateNetwork?: boolean; watch?: (urls: readonly string[]) => void } = {},
): Promise<IngestReply> {
  const type = request.contentType.split(';')[0]!.trim().toLowerCase();
  // A URL posted to the API is not one the user typed: it and every link in what it brings are judged by the address policy.
  const net = fetchOptions({ fetch: options.fetch, allowPrivateNetwork: options.allowPrivateNetwork });
  const docs: Extracted[] = [];
  const errors: InputError[] = [];
  const watching: string[] = [];
  const take = (x: Extracted | InputError) => (InputError.is(x) ? errors.push(x) : docs.push(x));
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      throw new ApiError(400, 'the body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'expected a JSON object with "article", "articles", "url" or "feed"');
    const b = body as Record<string, unknown>;
    if (b.article !== undefined || b.articles !== undefined) {
      const records = b.articles !== undefined ? b.articles : [b.article];
      if (!Array.isArray(records) || records.length === 0) throw new ApiError(400, '"articles" must be a non-empty array');
      if (records.length > 1000) throw new ApiError(413, 'at most 1,000 articles per request');
      records.forEach((r, i) => {
        const x = fromRecord(r, `api#${i + 1}`, request.hints);
        take(typeof x === 'string' ? InputError.create(`api#${i + 1}`, x) : x);
      });
    } else if (b.url !== undefined || b.feed !== undefined) {
      const url = httpUrl(b.url ?? b.feed);
      if (!url) throw new ApiError(400, '"url" / "feed" must be an http(s) URL');
      const refused = options.allowPrivateNetwork ? null : refusedUrl(url);
      if (refused) throw new ApiError(403, `refused: ${refused} (a URL posted to the API may not reach this machine or its network; start the server with --allow-private-network to allow it)`);
      for await (const x of ingest([url], net)) take(x);
      const refusedAt = errors.find((e) => e.input === url && e.reason.startsWith('refused:'));
      if (refusedAt) throw new ApiError(403, refusedAt.reason);
      if (b.feed !== undefined && b.watch === true) {
        if (!options.watch) throw new ApiError(409, 'this server does not watch feeds; start it with --watch');
        options.watch([url]);
        watching.push(url);
      }
    } else throw new ApiError(400, 'expected a JSON object with "article", "articles", "url" or "feed"');
  } else if (DOCUMENT_TYPES.test(type)) {
    const url = httpUrl(request.hints.url);
    const raw = { source: url ?? 'api:upload', bytes: Buffer.from(request.body, 'utf8'), contentType: request.contentType, url, hints: request.hints };
    for await (const x of readDocument(raw, net)) take(x);
  } else throw new ApiError(415, `cannot ingest ${type || 'a body without a content type'}; send application/json, text/html, text/plain or a feed`);

  const result = ingestLocked(store, docs);
  if ('busy' in result) throw new ApiError(503, result.busy);
  const storyOf = store.db.prepare('SELECT story_id AS s, title AS t FROM articles WHERE id = ?');
  const articles = [...new Set(result.articleIds)].map((id) => {
    const row = storyOf.get(id) as { s: string; t: string | null } | undefined;
    return { id, storyId: row?.s ?? null, title: row?.t ?? null };
  });
  return { added: result.added, known: result.known, articles, errors: [...errors, ...result.errors].map((e) => ({ input: e.input, reason: e.reason })), watching };
}
