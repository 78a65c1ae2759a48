const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape untrusted text for HTML (and SVG) element content and quoted attribute values.
 *
 * @example
 * esc('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function esc(s: string): string {
  // Most text has nothing to escape: a test is cheaper than a replace that finds nothing.
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (ch) => ESC[ch]!) : s;
}

const SPECIAL = /[&<>"']/;
