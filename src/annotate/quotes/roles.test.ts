import { describe, expect, it } from 'vitest';
import { cleanAll } from '../../clean/index.js';
import { annotateArticles } from '../../processor/annotate.js';
import type { Extracted } from '../../ingest/types.js';
import { speakerRoleOf } from './roles.js';

const doc = (text: string): Extracted => ({ source: 'x.txt', format: 'text', title: 'Turkey warns Syria', text, outlet: 'Wire', byline: null, published: '2020-02-28', url: null, language: 'en', provenance: {} });

describe('speakerRoleOf (offices.yml, speaker-roles.yml, appositives)', () => {
  const text = [
    'Turkish President Recep Tayyip Erdogan warned Damascus on Friday to pull back its troops from Idlib before the end of the month.',
    '"We will not allow it," Erdogan said in a speech in Ankara on Friday afternoon.',
    'Fahrettin Altun, communications director at the Turkish presidency, said via Twitter that Russia and Iran would lose all their credibility.',
    'The United Nations said nearly a million Syrians had been displaced by the fighting in Idlib since December.',
    '"It is difficult to find a middle ground," said Aydin Selcen, a former Turkish diplomat who now writes for Medyascope.',
  ].join('\n');
  const [a] = annotateArticles(cleanAll([doc(text)]).articles);

  it('finds the title anywhere the article names the speaker, an appositive after the name, or an office in the name', () => {
    expect(speakerRoleOf(a!, 'Recep Tayyip Erdogan')).toBe('official');
    expect(speakerRoleOf(a!, 'Fahrettin Altun')).toBe('official');
    expect(speakerRoleOf(a!, 'United Nations')).toBe('official');
    expect(speakerRoleOf(a!, 'Aydin Selcen')).toBe('expert');
    expect(speakerRoleOf(a!, 'Nobody Here')).toBeNull();
  });

  it('takes a platform for a channel, not an outlet: "said via Twitter" credits no outlet', () => {
    const twitter = (a!.layers.citedSources ?? []).filter((c) => c.name === 'Twitter');
    expect(twitter.length).toBeGreaterThan(0);
    for (const c of twitter) expect(c.sourceKind).toBe('channel');
  });
});
