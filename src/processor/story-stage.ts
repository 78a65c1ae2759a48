import { entityTable } from '../annotate/entities/index.js';
import { storyReuse } from '../cluster/reuse.js';
import { crossCheckStories } from '../crosscheck/index.js';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';

/**
 * The story stage, on whichever thread runs it: the story's copy chain when its sink did not trace
 * it while placing (a store does), then, with `crossCheck`, its cross-check, naming each ref by the
 * entity table of the story's own articles (as `triangulate story` and the web app read it), so a
 * story's claims and brief do not depend on the other stories of the run.
 *
 * @example
 * const checked = storyStage(story, articles, true); // checked.check.claims…
 */
export function storyStage(story: StoryRecord, articles: readonly Article[], crossCheck: boolean): StoryRecord {
  const traced = story.reuse ? story : storyReuse([story], articles)[0]!;
  return crossCheck ? crossCheckStories([traced], articles, entityTable(articles))[0]! : traced;
}
