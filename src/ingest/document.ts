import { decode } from './decode.js';
import { detectFormat } from './detect.js';
import { type FetchOptions, fetchUrl } from './fetch.js';
import type { Feed, FeedItem } from './feed.js';
import { fromJson, fromJsonLines } from './json.js';
import { FEED_SUMMARY_CHARS } from './settings.js';
import { fromText } from './text.js';
import type { Extracted, MetaHints, RawDocument } from './types.js';
import { InputError } from './types.js';

// The HTML extractor (linkedom, Readability) and the feed parser are loaded when an input needs
// them, not for a pile of text or JSON.
const html = () => import('./html.js');
const extract = () => import('../extract/index.js');

/**
 * Turn one input's bytes into documents: decode, detect the format, read it. A feed yields one
 * document per item (fetching the linked page when the item carries only a summary).
 */
export async function* readDocument(raw: RawDocument, fetchOptions: FetchOptions): AsyncGenerator<Extracted | InputError> {
  const decoded = decode(raw.bytes);
  if ('error' in decoded) return yield InputError.create(raw.source, decoded.error);
  const text = decoded.text;
  if (!text.trim()) return yield InputError.create(raw.source, 'empty');
  const format = detectFormat(text, raw.url ?? raw.source, raw.contentType);
  switch (format) {
    case 'json':
      return yield* fromJson(text, raw.source, raw.hints);
    case 'jsonl':
      return yield* fromJsonLines(text, raw.source, raw.hints);
    case 'feed':
      return yield* readFeed(text, raw, fetchOptions);
    case 'html': {
      const x = (await html()).fromHtml(text, raw.source, raw.url, raw.hints);
      return yield x.text.trim() ? x : InputError.create(raw.source, 'no article text found in the page');
    }
    default:
      return yield fromText(text, raw.source, raw.hints);
  }
}

async function* readFeed(xml: string, raw: RawDocument, fetchOptions: FetchOptions): AsyncGenerator<Extracted | InputError> {
  let feed;
  const { parseFeed } = await import('./feed.js');
  try {
    feed = parseFeed(xml);
  } catch (error) {
    return yield InputError.create(raw.source, `malformed feed: ${firstLine(error)}`);
  }
  if (feed.items.length === 0) return yield InputError.create(raw.source, 'feed has no items');
  yield* feedDocuments(feed, raw, fetchOptions);
}

/** The item key a feed watcher remembers: the item's guid/id, else its link, else its title. */
export function itemKey(item: FeedItem): string | null {
  return item.id ?? item.link ?? item.title;
}

/**
 * One document per item of a parsed feed: the item's own text when it carries the article, else
 * the linked page (fetched), else the summary, so nothing is lost.
 */
export async function* feedDocuments(feed: Feed, raw: Pick<RawDocument, 'source' | 'hints'>, fetchOptions: FetchOptions): AsyncGenerator<Extracted | InputError> {
  for (const [i, item] of feed.items.entries()) {
    const source = item.link ?? `${raw.source}#${item.id ?? i + 1}`;
    const hints: MetaHints = { title: item.title, published: item.published, publishedAt: item.publishedAt, url: item.link, outlet: raw.hints.outlet ?? feed.title };
    let body: string;
    try {
      body = item.body.includes('<') ? (await extract()).extractHtml(`<html><body><article>${item.body}</article></body></html>`, item.link).text : item.body;
    } catch (error) {
      yield InputError.create(source, firstLine(error));
      continue;
    }
    if (body.length >= FEED_SUMMARY_CHARS || !item.link) {
      yield body.trim() ? { ...fromText(body, source, hints), format: 'feed', provenance: { text: 'feed', title: 'feed' } } : InputError.create(source, 'feed item has no text and no link');
      continue;
    }
    // Only a summary: fetch the linked page; if that fails keep the summary, so nothing is lost.
    try {
      const page = await fetchUrl(item.link, fetchOptions);
      const decoded = decode(page.bytes);
      if ('error' in decoded) throw new Error(decoded.error);
      const x = (await html()).fromHtml(decoded.text, source, page.url, hints);
      if (x.text.length > body.length) {
        yield x;
        continue;
      }
    } catch {
      // fall through to the summary
    }
    if (body.trim()) yield { ...fromText(body, source, hints), format: 'feed', provenance: { text: 'feed-summary', title: 'feed' } };
    else yield InputError.create(source, 'feed item has no text and its page could not be read');
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
}
