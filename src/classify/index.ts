import type { Article, ArticleClass } from '../model/article.js';
import { CLASSIFY } from './settings.js';

const FIRST_PERSON = /\b(?:I|we|we've|we're|we'll|let's|let’s|our|us|my|me|we haven't|we haven’t)\b/g;
const RHETORICAL = /\?(?=\s|$)/g;
const VERDICT = /\b(?:it is certain that|certainly|undoubtedly|clearly|obviously|of course|in fact)\b/gi;

/**
 * News, opinion/analysis or unknown, with the signals that decided it. Opinion: an opinion URL or
 * label, a question as headline, the writer's own first person and questions outside quotations,
 * hedging and verdicts in its own voice, few attributions. News: a byline or dateline, attributed
 * statements, a publication date. Each signal scores one (two for a URL or label); a kind needs
 * `CLASSIFY.minScore` and more than the other, else the article stays unknown.
 */
export function classifyArticle(article: Article): ArticleClass {
  const text = article.text;
  const quotes = (article.layers.quotes ?? []).filter((q) => q.direct);
  let own = '';
  let at = 0;
  for (const q of quotes) {
    own += text.slice(at, q.start) + ' ';
    at = Math.max(at, q.end);
  }
  own += text.slice(at);
  const words = Math.max(1, (own.match(/\S+/g) ?? []).length);
  const perK = (n: number) => (n * 1000) / words;
  const opinion: string[] = [];
  const news: string[] = [];
  const url = article.meta.url ?? article.source;
  if (CLASSIFY.urlOpinion.test(url)) opinion.push('url-opinion', 'url-opinion');
  if (CLASSIFY.labelOpinion.test(article.meta.title ?? '')) opinion.push('label-opinion', 'label-opinion');
  if ((article.meta.title ?? '').trim().endsWith('?')) opinion.push('title-question');
  const firstPerson = (own.match(FIRST_PERSON) ?? []).length;
  if (perK(firstPerson) >= CLASSIFY.firstPersonPerKWords) opinion.push('first-person');
  const questions = (own.match(RHETORICAL) ?? []).length;
  if (questions >= 2) opinion.push('rhetorical-questions');
  const hedges = (article.layers.hedges ?? []).filter((h) => !quotes.some((q) => q.start <= h.start && h.end <= q.end)).length;
  if (perK(hedges) >= CLASSIFY.hedgesPerKWords) opinion.push('hedging');
  if ((own.match(VERDICT) ?? []).length >= 2) opinion.push('verdicts');
  const attributions = (article.layers.quotes ?? []).length;
  if (perK(attributions) >= CLASSIFY.attributionsPerKWords) news.push('attributed-statements');
  else if (attributions === 0) opinion.push('no-attribution');
  if (article.meta.byline) news.push('byline');
  if (article.meta.dateline) news.push('dateline');
  if (article.meta.published) news.push('dated');
  if ((article.layers.citedSources ?? []).length >= 3) news.push('cites-sources');
  const o = opinion.length;
  const n = news.length;
  const kind = o >= CLASSIFY.minScore && o > n ? 'opinion' : n >= CLASSIFY.minScore && n > o ? 'news' : 'unknown';
  const signals = [...new Set(kind === 'opinion' ? opinion : kind === 'news' ? news : [...opinion, ...news])];
  return { kind, signals };
}
