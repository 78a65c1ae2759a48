/**
 * The shape of an HTML page, measured before any parser sees it: how many elements it opens and
 * how deeply they nest. linkedom and Readability take time and memory that grow with both (Readability's
 * conditional cleaning walks every ancestor of every node: a page of 1,000 nested <div>s took 16 s, one
 * of a million small elements 2.9 GB), so a page past the caps (settings.ts) is refused before it is parsed.
 *
 * Our own scan, because parsing is what must not happen first: one pass over the markup, a stack of open
 * tag names with HTML's commonest implied end tags (a <p> or <li> closes the one before it), comments and
 * the raw text of <script>, <style>, <textarea> and <title> skipped, void elements never opened.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'bgsound', 'frame', 'isindex']);
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Elements a sibling of the same name closes: `<p>a<p>b` is two paragraphs, not one inside the other. */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'option', 'tr', 'td', 'th', 'dt', 'dd', 'optgroup', 'rt', 'rp']);

export interface HtmlShape {
  readonly elements: number;
  readonly depth: number;
}

/**
 * Count the elements of an HTML text and their deepest nesting, in one linear pass.
 *
 * @example
 * htmlShape('<html><body><div><p>a<p>b</div></body></html>'); // { elements: 5, depth: 4 }
 */
export function htmlShape(html: string): HtmlShape {
  const stack: string[] = [];
  // How many of each name are open, so an end tag for an element that is not open costs nothing
  // (a scan of the stack for each would be quadratic on a page of stray end tags).
  const open = new Map<string, number>();
  const pop = (n: number) => {
    while (stack.length > n) {
      const name = stack.pop()!;
      open.set(name, open.get(name)! - 1);
    }
  };
  let elements = 0;
  let depth = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)|<!--/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end < 0) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    const close = html.indexOf('>', tag.lastIndex);
    if (close < 0) break;
    tag.lastIndex = close + 1;
    if (m[1]) {
      if (open.get(name)) pop(stack.lastIndexOf(name));
      continue;
    }
    elements++;
    if (VOID.has(name) || html[close - 1] === '/') continue;
    if (RAW.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = close + 1;
      if (!end.exec(html)) break;
      tag.lastIndex = end.lastIndex;
      continue;
    }
    if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1] === name) pop(stack.length - 1);
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > depth) depth = stack.length;
  }
  return { elements, depth };
}
