import { entityTable } from '../../src/annotate/entities/index.js';
import { cleanAll } from '../../src/clean/index.js';
import { crossCheck } from '../../src/crosscheck/index.js';
import type { Extracted } from '../../src/ingest/types.js';
import type { Article } from '../../src/model/article.js';
import type { ClaimRecord, StoryCheck } from '../../src/model/check.js';
import { annotateArticles } from '../../src/processor/annotate.js';

/** A synthetic article, run through the real pipeline (clean, annotate) like any input. */
export function doc(id: string, outlet: string, published: string | null, text: string, title = `${outlet} report ${id}`): Extracted {
  return { source: `${id}.txt`, format: 'text', title, text, outlet, byline: null, published, url: null, language: 'en', provenance: {} } as Extracted;
}

/** Clean and annotate the documents, and cross-check them as one story, its refs named by their own entity table as the story stage names them (the rules are under test, not the clustering). */
export function checkOf(docs: Extracted[]): { check: StoryCheck; articles: Article[] } {
  const articles = annotateArticles(cleanAll(docs).articles);
  return { check: crossCheck(articles, [], entityTable(articles)), articles };
}

/** The text of a claim mention. */
export function said(articles: readonly Article[], m: { articleId: string; start: number; end: number }): string {
  return articles.find((a) => a.id === m.articleId)!.text.slice(m.start, m.end);
}

/** The claim with a mention containing `words`. */
export function claimWith(check: StoryCheck, words: string, articles: readonly Article[]): ClaimRecord {
  const c = check.claims.find((x) => x.mentions.some((m) => said(articles, m).includes(words)));
  if (!c) throw new Error(`no claim mentions "${words}"`);
  return c;
}

/** Are the two passages one claim? */
export function oneClaim(check: StoryCheck, articles: readonly Article[], x: string, y: string): boolean {
  return check.claims.some((c) => c.mentions.some((m) => said(articles, m).includes(x)) && c.mentions.some((m) => said(articles, m).includes(y)));
}
