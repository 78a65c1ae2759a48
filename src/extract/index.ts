import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoDate, isoInstant } from '../ingest/date.js';
import { loadLexicon } from '../lexicon/load.js';
import { blockText } from './blocks.js';
import { readMeta } from './meta.js';
import { htmlShape } from './limits.js';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MIN_BODY_CHARS } from './settings.js';

/** What HTML extraction yields: the body text (one paragraph per line) and metadata. */
export interface HtmlExtraction {
  readonly title: string | null;
  readonly text: string;
  readonly byline: string | null;
  /** ISO date or null. */
  readonly published: string | null;
  /** Publication instant (UTC ISO) when the page gives a time with its zone. */
  readonly publishedAt: string | null;
  readonly siteName: string | null;
  readonly language: string | null;
  readonly url: string | null;
  /** Which extractor supplied each field, e.g. `{ text: 'readability', title: 'json-ld:headline' }`. */
  readonly provenance: Readonly<Record<string, string>>;
}

let furniture: RegExp | undefined;

/** class/id words that mark page furniture inside a body (data/lexicons/en/boilerplate.yml). */
function furnitureRe(): RegExp {
  furniture ??= new RegExp(`(^|[\\s_-])(${loadLexicon('boilerplate').entries.map((e) => e.term.replace(/[-]/g, '[-_]?')).join('|')})`, 'i');
  return furniture;
}

/**
 * Extract the article body and metadata from an HTML page: a cascade, as trafilatura does —
 * Readability finds the body; page furniture inside it (captions, share bars, related links) is
 * dropped by class/id; when Readability under-delivers, the page's <article>/<main> or whole body
 * is read the same way. Metadata comes from JSON-LD and meta tags first, Readability's guesses last.
 *
 * @example
 * extractHtml('<html><head><title>T</title></head><body><article><p>Hello.</p></article></body></html>', null).text; // 'Hello.'
 */
export function extractHtml(html: string, url: string | null): HtmlExtraction {
  checkShape(html);
  const meta = readMeta(parseHTML(html).document as never);
  // Readability mutates the DOM, so it gets its own parse.
  const { document } = parseHTML(html);
  const parsed = new Readability(document as never, { charThreshold: MIN_BODY_CHARS, maxElemsToParse: MAX_HTML_ELEMENTS }).parse();
  const re = furnitureRe();
  const drop = (el: any) => {
    const attr = `${el.getAttribute?.('class') ?? ''} ${el.getAttribute?.('id') ?? ''}`;
    return attr.trim() !== '' && re.test(attr);
  };
  let text = parsed?.content ? blockText(parseHTML(`<html><body>${parsed.content}</body></html>`).document.body, drop) : '';
  let how = 'readability';
  if (text.length < MIN_BODY_CHARS) {
    const { document: whole } = parseHTML(html);
    const root = whole.querySelector('article') ?? whole.querySelector('main') ?? whole.body;
    const fallback = root ? blockText(root, drop) : '';
    if (fallback.length > text.length) {
      text = fallback;
      how = 'fallback:blocks';
    }
  }
  const title = meta.title?.value ?? parsed?.title?.trim() ?? null;
  const provenance: Record<string, string> = { text: how };
  const pick = (field: string, c: { value: string; from: string } | null, fallback: string | null | undefined): string | null => {
    if (c) {
      provenance[field] = c.from;
      return c.value;
    }
    if (fallback) provenance[field] = 'readability';
    return fallback?.trim() || null;
  };
  const siteName = meta.siteName?.value ?? parsed?.siteName?.trim() ?? null;
  const cleanTitle = stripSiteName(pick('title', meta.title, parsed?.title), siteName);
  return {
    title: cleanTitle,
    text: dropLeadingTitle(dropLeadingTitle(text, title), cleanTitle),
    byline: normalizeByline(pick('byline', meta.byline, parsed?.byline)),
    published: pick('published', meta.published, isoDate(parsed?.publishedTime ?? null)),
    publishedAt: meta.publishedAt ?? isoInstant(parsed?.publishedTime ?? null),
    siteName: pick('outlet', meta.siteName, parsed?.siteName),
    language: pick('language', meta.language, parsed?.lang?.slice(0, 2).toLowerCase()),
    url: pick('url', meta.url, url),
    provenance,
  };
}

/** Refuse a page whose size of tree would cost minutes to read (limits.ts): the reason is the input's one line. */
function checkShape(html: string): void {
  const { elements, depth } = htmlShape(html);
  const n = (x: number) => x.toLocaleString('en-US');
  if (elements > MAX_HTML_ELEMENTS) throw new Error(`too many HTML elements (${n(elements)}; the cap is ${n(MAX_HTML_ELEMENTS)})`);
  if (depth > MAX_HTML_DEPTH) throw new Error(`HTML nested too deep (${n(depth)} levels; the cap is ${MAX_HTML_DEPTH})`);
}

/** "Headline - Daily Blaze" / "Headline | Coastline Wire" → "Headline", when the suffix is the site's name. */
export function stripSiteName(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const m = /^(.*\S)\s+[-–—|:·]\s+(.+)$/.exec(title);
  return m && m[2]!.trim().toLowerCase() === siteName.trim().toLowerCase() ? m[1]! : title;
}

/** "By Jonas Petrik, local affairs reporter" → "Jonas Petrik". */
export function normalizeByline(byline: string | null): string | null {
  if (!byline) return null;
  const name = byline.replace(/^\s*by\s+/i, '').split(/\s*[,|]\s*|\s+[-–—]\s+/)[0]!.trim();
  return name || null;
}

/** The body often repeats the headline as its first line; the title lives in metadata instead. */
function dropLeadingTitle(text: string, title: string | null): string {
  if (!title) return text;
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return first.trim() === title.trim() ? text.slice(nl < 0 ? text.length : nl + 1) : text;
}
