import { XMLParser } from 'fast-xml-parser';
import { isoDate, isoInstant } from './date.js';

/** One item of an RSS 2.0 or Atom feed. */
export interface FeedItem {
  readonly title: string | null;
  readonly link: string | null;
  readonly published: string | null;
  readonly publishedAt: string | null;
  /** The item's HTML or text content (content:encoded, content, description or summary). */
  readonly body: string;
  readonly id: string | null;
}

export interface Feed {
  readonly title: string | null;
  readonly items: readonly FeedItem[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true, htmlEntities: true });

/**
 * Parse an RSS 2.0, RSS 1.0 or Atom feed; throws with a short reason on a malformed feed.
 *
 * @example
 * parseFeed('<rss><channel><title>W</title><item><title>A</title></item></channel></rss>').items.length; // 1
 */
export function parseFeed(xml: string): Feed {
  // `true` validates first, so a malformed feed throws instead of yielding half a tree.
  const doc = parser.parse(xml, true) as Record<string, any>;
  const channel = doc.rss?.channel ?? doc['rdf:RDF']?.channel;
  if (channel) {
    const raw = doc.rss ? channel.item : doc['rdf:RDF'].item;
    return { title: text(channel.title), items: list(raw).map(rssItem) };
  }
  if (doc.feed) return { title: text(doc.feed.title), items: list(doc.feed.entry).map(atomEntry) };
  throw new Error('not an RSS or Atom feed');
}

function rssItem(i: any): FeedItem {
  return {
    title: text(i.title),
    link: text(i.link),
    published: isoDate(text(i.pubDate) ?? text(i['dc:date'])),
    publishedAt: isoInstant(text(i.pubDate) ?? text(i['dc:date'])),
    body: text(i['content:encoded']) ?? text(i.description) ?? '',
    id: text(i.guid) ?? text(i.link),
  };
}

function atomEntry(e: any): FeedItem {
  const links = list(e.link);
  const alt = links.find((l: any) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
  return {
    title: text(e.title),
    link: alt?.['@href'] ?? null,
    published: isoDate(text(e.published) ?? text(e.updated)),
    publishedAt: isoInstant(text(e.published) ?? text(e.updated)),
    body: text(e.content) ?? text(e.summary) ?? '',
    id: text(e.id),
  };
}

function list(x: unknown): any[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}

function text(x: unknown): string | null {
  if (typeof x === 'string') return x.trim() || null;
  if (typeof x === 'number') return String(x);
  if (x && typeof x === 'object' && '#text' in x) return text((x as Record<string, unknown>)['#text']);
  return null;
}
