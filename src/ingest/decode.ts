import { decodeCp1252 } from './cp1252.js';
import { BINARY_CONTROL_SHARE } from './settings.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode input bytes to text: UTF-8 (BOM stripped), UTF-16 LE/BE when a BOM says so, else
 * Windows-1252 when the bytes are not valid UTF-8 (the usual encoding of old news pages and
 * Word exports). Returns an error string for binary data.
 *
 * @example
 * decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69])); // { text: 'Hi' }
 */
export function decode(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (looksBinary(bytes)) return { error: 'binary file, not text' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body) };
  } catch {
    return { text: decodeCp1252(body) };
  }
}

/** NUL bytes or many C0 controls (other than tab, CR, LF, FF) in the first 8 KB mean binary data. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls++;
  }
  return n > 0 && controls / n > BINARY_CONTROL_SHARE;
}
