import { decodeCp1252 } from '../ingest/cp1252.js';

/** How many leading bytes to search for a charset declaration; HTML5 requires it within the first 1024. */
const SNIFF_BYTES = 4096;

const DECLARED = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/**
 * Decode the bytes of an HTML page: a BOM wins, then valid UTF-8, then the charset the page
 * declares in a <meta> tag (old pages in ISO-8859-1 / Windows-1252 / ISO-8859-2 still exist),
 * then Windows-1252, which never fails.
 *
 * @example
 * decodeHtml(new TextEncoder().encode('<p>café</p>')); // '<p>café</p>'
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // Valid UTF-8 is almost never an accident, so it beats a (often wrong) declared charset.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    /* not UTF-8: use the declaration */
  }
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, SNIFF_BYTES));
  const declared = DECLARED.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && !/^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      /* unknown label: fall through */
    }
  }
  return decodeCp1252(bytes);
}
