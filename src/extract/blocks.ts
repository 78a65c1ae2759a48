/** Block elements whose text becomes one line each; inline text inside them is joined with spaces. */
const BLOCK = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT', 'TD', 'TH', 'FIGCAPTION', 'CAPTION', 'DIV', 'SECTION', 'ARTICLE', 'TR', 'UL', 'OL', 'TABLE', 'FIGURE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'DL']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'FORM', 'INPUT', 'SELECT', 'TEXTAREA', 'FIGCAPTION', 'NAV']);

/**
 * The text of an element as one line per block (paragraph, heading, list item), in document order:
 * the shape the rest of triangulate expects (a line break ends a paragraph).
 *
 * @example
 * blockText(parseHTML('<div><p>One.</p><h2>Two</h2></div>').document.body); // 'One.\nTwo'
 */
export function blockText(root: any, drop: (el: any) => boolean): string {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: any) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) current += n.textContent;
      else if (n.nodeType === 1) {
        const tag = String(n.tagName).toUpperCase();
        if (SKIP.has(tag) || drop(n)) continue;
        if (tag === 'BR') {
          flush();
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(n);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return lines.join('\n');
}
