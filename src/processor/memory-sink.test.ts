import { describe, expect, it } from 'vitest';
import { analyzeExtracted } from '../app/analyze.js';
import { clusterEvents } from '../cluster/index.js';
import { fromText } from '../ingest/text.js';
import type { StoryRecord } from '../model/run.js';
import { toJsonV1 } from '../report/index.js';

/**
 * The memory sink places each chunk in stories as it comes (while the next one is annotated); an
 * article dated from its own text may sort before articles placed already, and then the batch is
 * clustered whole at the end: either way, the stories are those of the whole batch at once.
 */
const json = (run: Awaited<ReturnType<typeof analyzeExtracted>>) => JSON.stringify(toJsonV1(run));
const body = 'The city council closed the Galata bridge on Monday after engineers found cracks in two of its piers, the mayor said. Traffic was sent over the Unkapani bridge.';

describe('MemorySink', () => {
  const docs = [
    fromText(`Council closes the Galata bridge\n${body}`, 'a.txt', { published: '2020-02-25' }),
    fromText(`Galata bridge shut after cracks found\n${body} Repairs will take a month, officials said.`, 'b.txt', { published: '2020-02-26' }),
    fromText(`Bridge closure snarls traffic\n${body} Commuters waited for hours.`, 'c.txt', { published: '2020-02-27' }),
    // Undated: it sorts last as read, and takes its day from its "on Monday" (2020-02-24, before the others) against the reference day.
    fromText('Engineers find cracks in the Galata bridge\nEngineers found cracks in two piers of the Galata bridge on Monday, and the city council closed it, the mayor of Istanbul said. Drivers were told to use the Unkapani bridge instead.', 'd.txt', {}),
    fromText(`Port reopens after the storm\nThe port of Izmir reopened on Tuesday after a storm closed it for three days, the harbour master said.`, 'e.txt', { published: '2020-02-27' }),
  ];

  it('gives the stories of the whole batch, chunk by chunk, also when an article dated from its text sorts before those placed', async () => {
    const options = { crossCheck: false, referenceDate: '2020-02-27' };
    const whole = await analyzeExtracted(docs, options);
    const dated = whole.articles.find((a) => a.source === 'd.txt')!;
    expect(dated.meta.published).toBe('2020-02-24');
    expect(whole.articles).toHaveLength(docs.length);
    const placed = (stories: readonly StoryRecord[]) => stories.map((s) => [s.id, s.articleIds]);
    expect(placed(whole.stories)).toEqual(placed(clusterEvents(whole.articles).stories));
    // The dated-from-text article opens the bridge story: it came last, and sorts first.
    expect(whole.stories.find((s) => s.articleIds.includes(dated.id))!.articleIds[0]).toBe(dated.id);
    for (const chunk of [1, 2]) expect(json(await analyzeExtracted(docs, { ...options, chunk }))).toBe(json(whole));
  });
});
