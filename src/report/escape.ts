const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape untrusted text for HTML (and SVG) element content and quoted attribute values.
 *
 * @example
 * esc('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESC[ch]!);
}
