import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agent } from 'undici';
import { AddressRefused, lookupGuard, refusedUrl } from './address.js';
import { packageRoot } from '../util/paths.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS } from './settings.js';
import type { RawDocument } from './types.js';

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Let links found in documents, and redirects, reach loopback and private addresses (address.ts); default false. */
  readonly allowPrivateNetwork?: boolean;
  readonly fetch?: typeof fetch;
}

/** Fetch options with the defaults (settings.ts) for what is not given. */
export function fetchOptions(given: { timeoutMs?: number; maxBytes?: number; maxRedirects?: number; allowPrivateNetwork?: boolean; fetch?: typeof fetch } = {}): FetchOptions {
  return {
    timeoutMs: given.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: given.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRedirects: given.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    allowPrivateNetwork: given.allowPrivateNetwork ?? false,
    fetch: given.fetch,
  };
}

/** Whose URL this is: one the user typed (its own host may be anything, their choice) or one found inside a document. */
export interface FetchTrust {
  /** The user typed this URL (on the command line): it, and redirects within its origin, may reach any address. */
  readonly typed?: boolean;
}

let agents: { guarded: Agent; open: Agent } | undefined;

/**
 * The fetch used when none is injected: undici's, with a dispatcher whose sockets connect only to
 * addresses the policy allows (lookupGuard judges what a name resolves to, at connect time), or,
 * for a URL the policy does not judge, one that connects anywhere. Two pools, so a connection
 * opened for a typed URL is never reused for a link found in a document.
 */
function defaultFetch(checked: boolean): typeof fetch {
  return (async (input: string, init: RequestInit) => {
    // undici is loaded on the first fetch, not by every command that might fetch.
    const undici = await import('undici');
    agents ??= { guarded: new undici.Agent({ connect: { lookup: lookupGuard() } }), open: new undici.Agent() };
    const dispatcher = checked ? agents.guarded : agents.open;
    return undici.fetch(input, { ...(init as object), dispatcher });
  }) as unknown as typeof fetch;
}

/** Content types we read: pages, feeds, JSON exports and text. */
const READABLE = /^(text\/(html|plain|xml)|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|json|ld\+json|x-ndjson))\b/i;

let agent: string | undefined;

/** An honest User-Agent: who we are and where to read about us. */
export function userAgent(): string {
  agent ??= `triangulate/${(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version} (+https://github.com/triangulate-news/triangulate)`;
  return agent;
}

/** A failed fetch; `retryAfter` (seconds) when the server said when to come back (429/503 with Retry-After). */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** Validators of an earlier response, for a conditional request (RFC 9110 §13). */
export interface Validators {
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

/**
 * Fetch a URL with a timeout, a size cap (checked while streaming), a redirect cap and a
 * content-type check. Throws an Error whose message is the one-line reason shown to the user.
 *
 * @example
 * const doc = await fetchUrl('https://example.org/a.html', { timeoutMs: 15000, maxBytes: 1e7, maxRedirects: 5 });
 */
export async function fetchUrl(url: string, options: FetchOptions, trust: FetchTrust = {}): Promise<RawDocument> {
  const got = await fetchConditional(url, options, {}, trust);
  if (got.notModified) throw new FetchError('cannot fetch: HTTP 304 without a conditional request', 304);
  return got.doc;
}

/**
 * Like fetchUrl, but asks only for a newer version than the one the validators describe
 * (If-None-Match, If-Modified-Since): `notModified` when the server answers 304, else the document
 * and its new validators.
 */
export async function fetchConditional(
  url: string,
  options: FetchOptions,
  validators: Validators,
  trust: FetchTrust = {},
): Promise<{ notModified: true } | { notModified: false; doc: RawDocument; etag: string | null; lastModified: string | null }> {
  // The user's own URL, and redirects that stay on its origin, are theirs to choose; everything else is judged by the policy.
  const typedOrigin = trust.typed && URL.canParse(url) ? new URL(url).origin : null;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const headers: Record<string, string> = { 'user-agent': userAgent(), accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,application/json;q=0.8,text/plain;q=0.7' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let current = url;
  for (let hop = 0; ; hop++) {
    const checked = !options.allowPrivateNetwork && !(typedOrigin !== null && URL.canParse(current) && new URL(current).origin === typedOrigin);
    if (checked) {
      const why = refusedUrl(current);
      if (why) throw new FetchError(`refused: ${hop > 0 ? 'redirected to ' : ''}${why} (a link found in a document or a redirect may not reach this machine or its network; see --allow-private-network)`);
    }
    const doFetch = options.fetch ?? defaultFetch(checked);
    let res: Response;
    try {
      res = await doFetch(current, { redirect: 'manual', signal, headers });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof AddressRefused ? error.cause : null;
      throw new FetchError(cause ? cause.message : `cannot fetch: ${reason(error, options.timeoutMs)}`);
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { notModified: true };
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      if (hop >= options.maxRedirects) throw new FetchError(`too many redirects (more than ${options.maxRedirects})`, res.status);
      current = new URL(res.headers.get('location')!, current).href;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FetchError(`cannot fetch: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status, retryAfter(res.headers.get('retry-after')));
    }
    const type = res.headers.get('content-type');
    if (type && !READABLE.test(type)) throw new FetchError(`not an article: content-type ${type.split(';')[0]}`, res.status);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > options.maxBytes) throw new FetchError(tooLarge(declared, options.maxBytes), res.status);
    const bytes = await readCapped(res, options, signal);
    return { notModified: false, doc: { source: url, bytes, contentType: type, url: current, hints: {} }, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
  }
}

/** Retry-After as seconds (it may be a number of seconds or an HTTP date). */
function retryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

async function readCapped(res: Response, options: FetchOptions, signal: AbortSignal): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > options.maxBytes) {
        await reader.cancel();
        throw new Error(tooLarge(total, options.maxBytes));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('too large')) throw error;
    throw new Error(`cannot fetch: ${reason(signal.aborted ? signal.reason : error, options.timeoutMs)}`);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(size: number, cap: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `too large (${size > cap ? `over ${mb(cap)}` : mb(size)}; the cap is ${mb(cap)}, see --max-bytes)`;
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string })?.code;
  if (code) return `${code}${cause instanceof Error && cause.message ? ` (${cause.message.split('\n')[0]})` : ''}`;
  // fetch's own refusals ("bad port") carry no code: say what the cause says.
  if (error instanceof Error && cause instanceof Error && cause !== error && cause.message) return `${error.message} (${cause.message.split('\n')[0]})`;
  return error instanceof Error ? error.message : String(error);
}
