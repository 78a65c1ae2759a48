import { entityTable } from '../annotate/entities/index.js';
import { crossCheckStoryline } from '../crosscheck/storyline.js';
import type { StorylineCheck } from '../model/run.js';
import type { LineWork } from './sink.js';

/**
 * The check across a storyline's events, on whichever thread runs it: its refs named by the
 * entity table of its own articles (as the store's storyline page names them), so it does not
 * depend on the other storylines of the run.
 *
 * @example
 * const check = lineStage({ line, stories: line's events, articles: their articles, across }); // check.changes…
 */
export function lineStage(work: LineWork): StorylineCheck {
  return crossCheckStoryline(work.line, work.stories, work.articles, entityTable(work.articles), work.across);
}
