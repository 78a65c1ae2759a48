import type { InputFormat } from './types.js';

/**
 * Which reader a document needs, from its content first (names and content types lie: feeds are
 * served as text/html, exports named .txt hold JSON), then its name.
 *
 * @example
 * detectFormat('<rss version="2.0">…', 'feed.xml', null); // 'feed'
 */
export function detectFormat(text: string, name: string, contentType: string | null): InputFormat {
  const head = text.slice(0, 4096).trimStart();
  const lower = name.toLowerCase();
  if (/\.(jsonl|ndjson)$/.test(lower)) return 'jsonl';
  if (head.startsWith('{') || head.startsWith('[')) {
    if (lower.endsWith('.json') || contentType?.includes('json')) return 'json';
    return isJsonLines(text) ? 'jsonl' : 'json';
  }
  if (head.startsWith('<')) {
    if (isFeed(head)) return 'feed';
    if (/^<(!doctype html|html|head|body|article|div|p|meta|title)[\s>]/i.test(head) || /\.x?html?$/.test(lower)) return 'html';
    if (head.startsWith('<?xml') && /\.(xml|rss|atom)$/.test(lower)) return 'feed';
  }
  if (/\.x?html?$/.test(lower) || contentType?.includes('html')) return 'html';
  return 'text';
}

/** Several lines, each a JSON object on its own: JSON Lines, not one JSON document. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n', 3).filter((l) => l.trim());
  return lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{') && l.trimEnd().endsWith('}'));
}

/** Does this text look like an RSS or Atom document? (Checked before parsing as HTML.) */
export function isFeed(text: string): boolean {
  const head = text.slice(0, 2000);
  return /<rss[\s>]/i.test(head) || /<feed[\s>][^]*?xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/i.test(head) || /<rdf:RDF[\s>]/i.test(head);
}
