import { describe, expect, it } from 'vitest';
import { Article } from '../../model/article.js';
import { buildPipeline } from '../../pipeline/build.js';
import { runPipeline } from '../../pipeline/run.js';
import { entities, resolveEntityRefs } from '../entities/index.js';
import { sentences } from '../sentences/index.js';
import { quotes } from './index.js';

const pipeline = buildPipeline([sentences(), entities(), resolveEntityRefs(), quotes()]);
const found = (text: string) => {
  const [a] = runPipeline(pipeline, [Article.create({ id: 'a', source: 'a', text })], { referenceDate: null });
  return (a!.layers.quotes ?? []).map((q) => ({ text: text.slice(q.start, q.end), direct: q.direct, speaker: q.speakerName, cue: q.cue ? text.slice(q.cue.start, q.cue.end) : null }));
};

describe('quotes', () => {
  it('closing attribution: `," X said`', () => {
    expect(found('"We will get them operational in the spring," Turkish Defense Minister Hulusi Akar said.')).toContainEqual({ text: '"We will get them operational in the spring,"', direct: true, speaker: 'Hulusi Akar', cue: 'said' });
  });

  it('inverted attribution: `," said X, role`', () => {
    expect(found('"Nobody should doubt our determination," said Omer Celik, spokesman of the party.')[0]).toMatchObject({ speaker: 'Omer Celik', cue: 'said' });
  });

  it('"he added" takes the last speaker', () => {
    const qs = found('"It seems difficult," said analyst Aydin Selcen.\n"There is a narrow window of opportunity," he added.');
    expect(qs.map((q) => q.speaker)).toEqual(['Aydin Selcen', 'Aydin Selcen']);
  });

  it('a quotation over several paragraphs, introduced by "He said:"', () => {
    const qs = found('Mr Erdogan issued a warning.\nHe said: “We are entering the last days for the regime.\n“We are making our final warnings.\n“The offensive is only a matter of time.”');
    const direct = qs.filter((q) => q.direct);
    expect(direct).toHaveLength(1);
    expect(direct[0]!.text).toMatch(/^“We are entering[\s\S]*matter of time\.”$/);
    expect(direct[0]!.speaker).toBe('Recep Tayyip Erdogan');
  });

  it('indirect quotes: an anonymous official, an organisation, according to', () => {
    expect(found('Turkey has asked the US to conduct aerial patrols, a Turkish official told Middle East Eye.')).toContainEqual({ text: 'Turkey has asked the US to conduct aerial patrols', direct: false, speaker: 'Turkish official', cue: 'told' });
    expect(found('The Pentagon said Secretary Mark Esper spoke to his counterpart.')[0]).toMatchObject({ text: 'Secretary Mark Esper spoke to his counterpart', speaker: 'Pentagon' });
    expect(found('According to The Daily Telegraph, Turkey has tried to restore ties with Washington.')[0]).toMatchObject({ text: 'Turkey has tried to restore ties with Washington', speaker: 'The Daily Telegraph', cue: 'According to' });
  });

  it('continues the speaker after "Altun said."', () => {
    const qs = found('"They are pursuing ethnic cleansing in this region," Altun said. "We cannot look the other way!"');
    expect(qs.map((q) => q.speaker)).toEqual(['Altun', 'Altun']);
  });

  it('leaves scare quotes and the writer\'s own opinion alone', () => {
    expect(found('He backed a "safe zone" in the region.')).toEqual([]);
    expect(found('I think the people of Maravel deserve better than this commission.')).toEqual([]);
  });
});
