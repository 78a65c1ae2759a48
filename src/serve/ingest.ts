import { ingestLocked } from '../app/ingest.js';
import { ingest } from '../ingest/index.js';
import { readDocument } from '../ingest/document.js';
import { isoDate, isoInstant } from '../ingest/date.js';
import { fromRecord } from '../ingest/record.js';
import { fetchOptions } from '../ingest/fetch.js';
import { refusedUrl } from '../ingest/address.js';
import { InputError, type Extracted, type MetaHints } from '../ingest/types.js';
import type { StoreBackend } from '../store/backend.js';
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

/** What a valid POST /api/ingest asks for, checked and parsed; plain data, so it can be handed to a worker thread. */
export type IngestPlan =
  | { readonly kind: 'records'; readonly records: readonly unknown[]; readonly hints: MetaHints }
  | { readonly kind: 'url'; readonly url: string; readonly watch: boolean }
  | { readonly kind: 'document'; readonly body: string; readonly contentType: string; readonly url: string | null; readonly hints: MetaHints };

const DOCUMENT_TYPES = /^(text\/(html|plain|xml)|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml))$/;

/**
 * Check a POST /api/ingest request and say what it asks for, without doing any of it (cheap: the
 * server answers a bad request at once, before queueing the work). Throws an ApiError (400, 403,
 * 413, 415) for a request that cannot be taken.
 *
 * JSON bodies: {"article": {title, text, url, outlet, published, ...}}, {"articles": [...]},
 * {"url": "https://..."} or {"feed": "https://...", "watch": true}; or a page or feed as the body.
 * Query hints (title, outlet, published, url) are checked like the fields of a record.
 */
export function planIngest(request: { contentType: string; body: string; hints: MetaHints }, options: { allowPrivateNetwork?: boolean } = {}): IngestPlan {
  const type = request.contentType.split(';')[0]!.trim().toLowerCase();
  const hints = checkHints(request.hints);
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
      return { kind: 'records', records, hints };
    }
    if (b.url !== undefined || b.feed !== undefined) {
      const url = httpUrl(b.url ?? b.feed);
      if (!url) throw new ApiError(400, '"url" / "feed" must be an http(s) URL');
      // A URL posted to the API is not one the user typed: it, and every link in what it brings, is judged by the address policy.
      const refused = options.allowPrivateNetwork ? null : refusedUrl(url);
      if (refused) throw new ApiError(403, `refused: ${refused} (a URL posted to the API may not reach this machine or its network; start the server with --allow-private-network to allow it)`);
      return { kind: 'url', url, watch: b.feed !== undefined && b.watch === true };
    }
    throw new ApiError(400, 'expected a JSON object with "article", "articles", "url" or "feed"');
  }
  if (DOCUMENT_TYPES.test(type)) return { kind: 'document', body: request.body, contentType: request.contentType, url: httpUrl(hints.url), hints };
  throw new ApiError(415, `cannot ingest ${type || 'a body without a content type'}; send application/json, text/html, text/plain or a feed`);
}

/** Query hints as a record's fields would be read: a date must be a date ("yesterday" is not), a URL an http(s) URL. */
function checkHints(hints: MetaHints): MetaHints {
  const published = hints.published?.trim() || null;
  if (published !== null && isoDate(published) === null) throw new ApiError(400, `published must be a date such as 2024-03-09 (got ${JSON.stringify(published.slice(0, 40))})`);
  const url = hints.url?.trim() || null;
  if (url !== null && !httpUrl(url)) throw new ApiError(400, 'url must be an http(s) URL');
  return { ...hints, published: published && isoDate(published), publishedAt: published ? isoInstant(published) : (hints.publishedAt ?? null), url };
}

/**
 * Do what a planned request asks: read the articles (fetching a URL or feed under the address
 * policy), store them under the store's ingest lock, and say what happened. Another process
 * writing answers 503. Runs in the server's ingest worker (jobs.ts), or in place for a store in memory.
 */
export async function runIngest(
  store: StoreBackend,
  plan: IngestPlan,
  options: { fetch?: typeof fetch; allowPrivateNetwork?: boolean; watch?: (urls: readonly string[]) => void | Promise<void> } = {},
): Promise<IngestReply> {
  const net = fetchOptions({ fetch: options.fetch, allowPrivateNetwork: options.allowPrivateNetwork });
  const docs: Extracted[] = [];
  const errors: InputError[] = [];
  const watching: string[] = [];
  const take = (x: Extracted | InputError) => (InputError.is(x) ? errors.push(x) : docs.push(x));
  if (plan.kind === 'records') {
    plan.records.forEach((r, i) => {
      const x = fromRecord(r, `api#${i + 1}`, plan.hints);
      take(typeof x === 'string' ? InputError.create(`api#${i + 1}`, x) : x);
    });
  } else if (plan.kind === 'url') {
    for await (const x of ingest([plan.url], net)) take(x);
    const refusedAt = errors.find((e) => e.input === plan.url && e.reason.startsWith('refused:'));
    if (refusedAt) throw new ApiError(403, refusedAt.reason);
    if (plan.watch) {
      if (!options.watch) throw new ApiError(409, 'this server does not watch feeds; start it with --watch');
      await options.watch([plan.url]);
      watching.push(plan.url);
    }
  } else {
    const raw = { source: plan.url ?? 'api:upload', bytes: Buffer.from(plan.body, 'utf8'), contentType: plan.contentType, url: plan.url, hints: plan.hints };
    for await (const x of readDocument(raw, net)) take(x);
  }
  const result = await ingestLocked(store, docs);
  if ('busy' in result) throw new ApiError(503, result.busy);
  const ids = [...new Set(result.articleIds)];
  const stored = await store.articleStories(ids);
  const articles = ids.map((id) => ({ id, storyId: stored.get(id)?.storyId ?? null, title: stored.get(id)?.title ?? null }));
  return { added: result.added, known: result.known, articles, errors: [...errors, ...result.errors].map((e) => ({ input: e.input, reason: e.reason })), watching };
}

/** The HTTP status of a finished ingest: 201 when something was added, 200 when all was known (or a feed is watched), 422 when nothing could be read. */
export function replyStatus(reply: IngestReply): 200 | 201 | 422 {
  return reply.added > 0 ? 201 : reply.articles.length > 0 || reply.watching.length > 0 ? 200 : 422;
}

/** The reply's JSON body: for a 422, an error naming the first input that failed. */
export function replyBody(reply: IngestReply): object {
  return replyStatus(reply) === 422 ? { error: { status: 422, message: reply.errors[0] ? `${reply.errors[0].input}: ${reply.errors[0].reason}` : 'no article in the body' }, ...reply } : reply;
}
