import { toJsonV1 } from '../report/json.js';
import type { StorylineSummary } from '../store/storylines.js';
import type { CheckedStory } from './book.js';

/** GET /api/stories/:id: the story as JSON v1 (its articles, entities and check), with its dates, outlets and storyline. */
export function storyJson(s: CheckedStory, storyline: StorylineSummary | null): string {
  const doc = toJsonV1({ articles: s.articles, entities: s.entities, stories: [s.story], errors: [] });
  return JSON.stringify({ version: doc.version, story: { ...doc.stories[0]!, firstPublished: s.meta.firstPublished, lastPublished: s.meta.lastPublished, outlets: s.meta.outlets }, storyline, articles: doc.articles, entities: doc.entities });
}
