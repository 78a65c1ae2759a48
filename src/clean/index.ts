import { createHash } from 'node:crypto';
import type { Extracted } from '../ingest/types.js';
import { InputError } from '../ingest/types.js';
import { Article } from '../model/article.js';
import { TimeUp, type TimeBudget } from '../util/budget.js';
import { cleanText } from './clean.js';
import { guessLanguage, languageName } from './language.js';
import { repeatedLines } from './repeated.js';

export { cleanText } from './clean.js';
export { repeatedLines } from './repeated.js';
export { junkReason } from './junk.js';

/**
 * Clean a batch of extracted documents into Articles: junk cut out (every removed span kept with
 * its reason), title/byline/dateline moved into metadata, non-English and empty texts refused, and
 * the same article given twice kept once. After this the text never changes. With a budget, a
 * document whose input has used up its time is refused (util/budget.ts).
 *
 * The id is the first 12 hex digits of sha256(url + "\n" + text): stable across runs and machines.
 *
 * @example
 * const { articles, errors } = cleanAll(docs);
 */
export function cleanAll(docs: readonly Extracted[], budget?: TimeBudget): { articles: Article[]; errors: InputError[] } {
  const repeated = repeatedLines(docs);
  return keepOnce(docs.map((doc) => cleanDocument(doc, repeated, budget)));
}

/** What cleaning one document gives: its article (not yet checked against the batch for a twin), or the one line it fails with. */
export type Cleaned = { readonly article: Article } | { readonly error: InputError };

/**
 * Clean one document, with the lines repeated across its outlet's articles in the batch
 * (`repeatedLines`, the corpus step of cleaning): any thread can do this, one document at a time.
 */
export function cleanDocument(original: Extracted, repeated: ReadonlyMap<string, ReadonlySet<string>>, budget?: TimeBudget): Cleaned {
  // No-break and figure spaces become plain spaces (same length, so nothing shifts): a name
  // written "Middle\u00a0East Eye" must be found, searched and compared like any other.
  // Control characters (an escape sequence in a hostile page would drive the user's terminal)
  // become spaces too.
  const doc = { ...original, text: spaces(original.text), title: original.title && spaces(original.title), outlet: original.outlet && spaces(original.outlet), byline: original.byline && spaces(original.byline) };
  const clean = () => {
    const c = cleanText(doc, (doc.outlet && repeated.get(doc.outlet)) || new Set());
    return { c, lang: c.text.trim() ? guessLanguage(`${c.title ?? ''}\n${c.text}`) : null };
  };
  let done: ReturnType<typeof clean> | null = null;
  try {
    done = budget ? budget.run(doc.source, clean) : clean();
  } catch (error) {
    if (!(error instanceof TimeUp)) throw error;
  }
  if (!done || budget?.over(doc.source)) return { error: InputError.create(doc.source, budget!.reason()) };
  const { c, lang } = done;
  if (!c.text.trim()) {
    // Text in another language or script can be cut whole as junk: say what it is instead.
    const raw = guessLanguage(doc.text);
    return { error: InputError.create(doc.source, raw !== null && raw !== 'en' ? notEnglish(raw) : 'no article text after cleaning') };
  }
  if (lang !== null && lang !== 'en') return { error: InputError.create(doc.source, notEnglish(lang)) };
  const id = createHash('sha256').update(`${doc.url ?? ''}\n${c.text}`).digest('hex').slice(0, 12);
  return {
    article: Article.create({
      id,
      source: doc.source,
      text: c.text,
      rawText: doc.text,
      removed: c.removed,
      meta: {
        title: c.title,
        outlet: doc.outlet,
        byline: doc.byline ?? c.byline,
        published: doc.published ?? c.published,
        publishedAt: doc.publishedAt ?? null,
        url: doc.url,
        language: lang ?? doc.language ?? 'en',
        dateline: c.dateline,
        ...(doc.group ? { group: doc.group } : {}),
        provenance: { ...c.provenance, ...doc.provenance },
      },
    }),
  };
}

/** The articles of cleaned documents, in order, each kept once: a later document with the same id (same URL and text) fails with a line naming the first. */
export function keepOnce(outcomes: readonly Cleaned[]): { articles: Article[]; errors: InputError[] } {
  const articles: Article[] = [];
  const errors: InputError[] = [];
  const seen = new Map<string, string>();
  for (const o of outcomes) {
    if ('error' in o) {
      errors.push(o.error);
      continue;
    }
    const first = seen.get(o.article.id);
    if (first !== undefined) {
      errors.push(InputError.create(o.article.source, `same article as ${first}; read once`));
      continue;
    }
    seen.set(o.article.id, o.article.source);
    articles.push(o.article);
  }
  return { articles, errors };
}

function notEnglish(lang: string): string {
  return `not English (looks like ${languageName(lang)}); only English is supported`;
}

const ODD_SPACES = /[\u00a0\u2007\u202f\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** No-break spaces and control characters (not tab, newline or CR) as plain spaces: same length, nothing shifts. */
function spaces(s: string): string {
  return s.replace(ODD_SPACES, ' ');
}
