/**
 * Windows-1252 bytes 0x80–0x9F, which differ from ISO-8859-1 (WHATWG Encoding Standard,
 * index-windows-1252). Node's TextDecoder decodes 'windows-1252' as Latin-1 when it is built
 * without full ICU, which turns curly quotes into C1 controls, so we map this range ourselves.
 */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decode Windows-1252 bytes. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    out += String.fromCharCode(...Array.from(part, (b) => (b >= 0x80 && b <= 0x9f ? HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}
