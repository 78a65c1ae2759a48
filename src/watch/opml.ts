import { XMLParser } from 'fast-xml-parser';
import { httpUrl } from '../util/url.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/**
 * The feed URLs of an OPML subscription list (every outline with an xmlUrl, at any depth, in
 * document order, without repeats). Throws with a short reason when the file is not OPML.
 *
 * @example
 * opmlFeeds('<opml><body><outline xmlUrl="https://example.org/rss"/></body></opml>'); // ['https://example.org/rss']
 */
export function opmlFeeds(xml: string): string[] {
  const doc = parser.parse(xml, true) as { opml?: { body?: unknown } };
  if (!doc.opml) throw new Error('not an OPML file');
  const urls: string[] = [];
  const walk = (node: unknown): void => {
    for (const o of Array.isArray(node) ? node : node ? [node] : []) {
      if (typeof o !== 'object' || o === null) continue;
      const url = httpUrl((o as Record<string, unknown>)['@xmlUrl']);
      if (url && !urls.includes(url)) urls.push(url);
      walk((o as Record<string, unknown>).outline);
    }
  };
  walk((doc.opml.body as Record<string, unknown> | undefined)?.outline);
  return urls;
}
