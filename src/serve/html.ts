import { esc } from '../report/html.js';
import { httpUrl } from '../util/url.js';

/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * Html: article text, titles, outlet names and query strings can only ever land as text. Our own
 * markup is marked trusted by being written as a template literal (or with `raw` for constants).
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return esc(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup made by our own code (never article text). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** A link target from an article (its URL): only http(s) URLs are links; anything else (javascript:, data:) is not. */
export function safeHref(url: string | null | undefined): string | null {
  const u = httpUrl(url);
  return u && new URL(u).href;
}

/** Query string from parameters, leaving out empty ones (values are encoded, then escaped where used). */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
