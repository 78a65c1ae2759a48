export { toJsonV1, validateJsonV1, type JsonV1, type JsonArticle } from './json.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';
export { renderMarkdown, mdEscape } from './markdown.js';
export { renderHtml, esc, highlight } from './html.js';
