import { describe, expect, it } from 'vitest';
import { resolveEntityRefs } from '../annotate/entities/index.js';
import { fromText } from '../ingest/text.js';
import type { Article } from '../model/article.js';
import type { StoryRecord } from '../model/run.js';
import { applyDelta } from './delta.js';
import { taskRunner, withoutTokens, type PhaseResult } from './tasks.js';

/**
 * A thread keeps the articles it annotated last (`keep`), and a story task may then name them by
 * id: the story stage gives what it gives them sent whole; an id the thread does not keep is an
 * error, not a story without it.
 */
describe('taskRunner', () => {
  it('runs the story stage on the articles it keeps, named by id, as on the articles sent', () => {
    const run = taskRunner();
    run({ kind: 'context', ctx: { referenceDate: null } });
    const texts = ['Council closes the bridge\nThe city council closed the Galata bridge on Monday after engineers found cracks, the mayor said.', 'Galata bridge shut\nThe Galata bridge was closed on Monday after engineers found cracks in its piers, the mayor of Istanbul said.'];
    const annotated = texts.map((t, i) => {
      const cleaned = run({ kind: 'clean', doc: fromText(t, `${i}.txt`, { published: '2020-02-24' }), spentMs: 0, limitMs: null }).value as { cleaned: { article: Article } };
      const a = cleaned.cleaned.article;
      const p0 = run({ kind: 'phase', phase: 0, id: a.id, article: a, last: false, spentMs: 0, limitMs: null }).value as PhaseResult & { dropped: false };
      return applyDelta(a, p0.delta);
    });
    const resolved = [...resolveEntityRefs().run(annotated, { referenceDate: null })];
    const done = resolved.map((a) => {
      const p2 = run({ kind: 'phase', phase: 2, id: a.id, delta: { fields: {}, layers: { entities: a.layers.entities }, tokens: null }, last: true, keep: true, spentMs: 0, limitMs: null }).value as PhaseResult & { dropped: false };
      return applyDelta(a, p2.delta);
    });
    const story: StoryRecord = { id: 's', title: 'Council closes the bridge', articleIds: done.map((a) => a.id) };
    const byId = run({ kind: 'story', story, crossCheck: true, articles: done.map((a) => a.id) }).value as StoryRecord;
    const sent = taskRunner()({ kind: 'story', story, crossCheck: true, articles: done.map(withoutTokens) }).value as StoryRecord;
    expect(byId.check!.claims.length).toBeGreaterThan(0);
    expect(JSON.stringify(byId)).toBe(JSON.stringify(sent));
    expect(() => run({ kind: 'story', story, crossCheck: true, articles: ['nope'] })).toThrow(/not kept/);
  });
});
