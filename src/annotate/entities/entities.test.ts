import { describe, expect, it } from 'vitest';
import { Article } from '../../model/article.js';
import { sentences } from '../sentences/index.js';
import { findEntities } from './find.js';
import { damerau1 } from './gazetteer.js';
import { entities, entityTable, lookupName, nameRegistry, resolveEntityRefs } from './index.js';

const ctx = { referenceDate: null };
const found0 = (texts: readonly string[]) => texts.map((text, i) => entities().run(sentences().run(Article.create({ id: `a${i}`, source: `t${i}`, text }), ctx), ctx));
const annotate = (...texts: string[]) => resolveEntityRefs().run(found0(texts), ctx);
const found = (a: Article) => (a.layers.entities ?? []).map((e) => [a.text.slice(e.start, e.end), e.type, e.ref]);

describe('entities', () => {
  it.each([
    ['Turkish Defense Minister Hulusi Akar said so.', ['Hulusi Akar', 'person', 'person:hulusi-akar']],
    ['The request was made during US Special Envoy James Jeffrey\'s visit.', ['James Jeffrey', 'person', 'person:james-jeffrey']],
    ['It came, said Omer Celik, spokesman of the party.', ['Omer Celik', 'person', 'person:omer-celik']],
    ['said former senior Turkish diplomat Aydin Selcen, who is now an analyst.', ['Aydin Selcen', 'person', 'person:aydin-selcen']],
    ['Jane Roe, a researcher at the institute, disagreed.', ['Jane Roe', 'person', 'person:jane-roe']],
    ['He spoke to Medyascope, an online news channel.', ['Medyascope', 'organization', 'organization:medyascope']],
    ['Fighters of the Uyghur Warriors held the line.', ['Uyghur Warriors', 'group', 'group:uyghur-warriors']],
    ['Rebels recaptured the town of Kafr Nabl on Thursday.', ['Kafr Nabl', 'place', 'place:kafr-nabl']],
    ['Erdogan vowed to send troops to Afganistan.', ['Afganistan', 'place', 'place:afghanistan']],
    ['Ankara was waiting for a response from Nato.', ['Nato', 'organization', 'organization:nato']],
    ['Turkiye had remained silent.', ['Turkiye', 'place', 'place:turkey']],
    ['the official told AFP on condition of anonymity.', ['AFP', 'organization', 'organization:agence-france-presse']],
    ['Russia’s Defence Ministry said militants were supported.', ['Defence Ministry', 'organization', 'organization:defence-ministry']],
    ['Officials in the U.S. agreed.', ['U.S.', 'place', 'place:united-states']],
    ['The contract went to the U.S. Air Force on Friday.', ['U.S. Air Force', 'organization', 'organization:u-s-air-force']],
    ['Singapore Airlines ordered ten jets.', ['Singapore Airlines', 'organization', 'organization:singapore-airlines']],
    ['The plant of General Motors in the town closed.', ['General Motors', 'organization', 'organization:general-motors']],
    ['"We will appeal," Boeing said.', ['Boeing', 'organization', 'organization:boeing']],
    ['Fahrettin Altun, communications director at the presidency, spoke.', ['Fahrettin Altun', 'person', 'person:fahrettin-altun']],
    ['Pirates were seen in the Gulf of Aden.', ['Gulf of Aden', 'place', 'place:gulf-of-aden']],
    ['Officials said Gov. Gavin Newsom of Calden signed the bill after a week of debate.', ['Gavin Newsom', 'person', 'person:gavin-newsom']],
    ['The shop opened in San Francisco last year.', ['San Francisco', 'place', 'place:san-francisco']],
  ])('%s', (text, expected) => {
    expect(found(annotate(text)[0]!)).toContainEqual(expected);
  });

  it.each([
    ['The lawsuit said so. In Congress, Rep. Edward Markey objected to the plan of the agency.', ['Edward Markey']],
    ['At a packed news conference at the State House, Mr. Cowan said he would stay.', ['Cowan']],
  ])('takes a title after a comma for the next name, not an appositive role: %s', (text, names) => {
    expect(found(annotate(text)[0]!).map((e) => e[0])).toEqual(names);
  });

  it('yields no junk from a Title Case headline', () => {
    // A city ("Idlib") is a place only where it stands alone, never inside a run of capitalised words.
    const [a] = annotate('Turkey Requests US Jets Patrol Near Idlib To Halt Russian Air Power');
    expect(found(a!).map((e) => e[0])).toEqual(['Turkey', 'US']);
  });

  it.each([
    ['California Gov. Jerry Brown spoke in Texas on Monday.', ['California', 'Jerry Brown', 'Texas']],
    ['Yesterday, Mayor Rahm Emanuel said it.', ['Rahm Emanuel']],
    ['The firm, based in Calif., sells in Europe and Asia.', ['Calif.', 'Europe', 'Asia']],
  ])('reads a sentence dense with names as a sentence, not a Title Case headline: %s', (text, names) => {
    expect(found(annotate(text)[0]!).map((e) => e[0])).toEqual(names);
  });

  it('gives a state its ref however it is written, and takes no state for a name it opens', () => {
    const [a] = annotate('Officials in Calif. agreed. California will pay. Virginia Woolf wrote it. He moved to Virginia in May.');
    const places = found(a!).filter((e) => e[1] === 'place');
    expect(places).toEqual([
      ['Calif.', 'place', 'place:california'],
      ['California', 'place', 'place:california'],
      ['Virginia', 'place', 'place:virginia'],
    ]);
  });

  it.each([
    ['Drugmaker Pfizer said on Monday that sales rose.', [['Pfizer', 'organization']]],
    ['Sales rose, drugmaker Pfizer said.', [['Pfizer', 'organization']]],
    ['Irish low cost airline, Ryanair, announced a deal.', [['Ryanair', 'organization']]],
    ['The militia Hezbollah fired rockets.', [['Hezbollah', 'group']]],
    ['The company President Tim Cook spoke.', [['Tim Cook', 'person']]],
  ])('takes the name after a descriptor for an organisation or a group: %s', (text, expected) => {
    expect(found(annotate(text)[0]!).map((e) => [e[0], e[1]])).toEqual(expected);
  });

  it('takes no capitalised word that opens a name for a descriptor', () => {
    const names = found(annotate('Union Pacific said so, and Bank Leumi fell.')[0]!).map((e) => e[0]);
    expect(names).not.toContain('Pacific');
    expect(names).not.toContain('Leumi');
  });

  it('finds a company a descriptor typed again where it stands alone', () => {
    const [a] = annotate('Irish low cost airline, Ryanair, announced a deal. At present Ryanair has 91 aircraft.');
    expect(found(a!).map((e) => e[0])).toEqual(['Ryanair', 'Ryanair']);
  });

  it('leaves unknown capitalised words without evidence alone', () => {
    const [a] = annotate('Encouraged by this silence, Peace Monitoring Points were besieged.');
    expect(found(a!)).toEqual([]);
  });

  it('gives every form of a name one ref across articles', () => {
    const arts = annotate('Turkish President Recep Tayyip Erdogan spoke.', 'Mr Erdogan warned Nato.', 'Erdogan and NATO met.', 'Turkiye and Turkey are one place.');
    const refs = arts.flatMap((a) => found(a));
    expect(new Set(refs.filter((r) => /Erdogan/.test(String(r[0]))).map((r) => r[2]))).toEqual(new Set(['person:recep-tayyip-erdogan']));
    expect(new Set(refs.filter((r) => /nato/i.test(String(r[0]))).map((r) => r[2]))).toEqual(new Set(['organization:nato']));
    expect(new Set(refs.filter((r) => /Turk/.test(String(r[0]))).map((r) => r[2]))).toEqual(new Set(['place:turkey']));
  });

  it('joins a surname to the full name given earlier in the run', () => {
    const arts = annotate('Fahrettin Altun, communications director at the presidency, spoke.', '"We cannot look away," Altun said. Later Altun left.');
    expect(found(arts[1]!).filter((e) => e[0] === 'Altun').map((e) => e[2])).toEqual(['person:fahrettin-altun', 'person:fahrettin-altun']);
    const table = entityTable(arts);
    expect(table.find((r) => r.ref === 'person:fahrettin-altun')).toMatchObject({ name: 'Fahrettin Altun', type: 'person', aliases: ['Altun'] });
  });

  it('resolves an article against the ones before it, never the ones after: a later article changes nothing', () => {
    const texts = ['"We cannot look away," Altun said. Shares of Kestrel Robotics fell.', 'Fahrettin Altun, communications director at the presidency, spoke. Kestrel Robotics Inc. said so.', 'Altun and Kestrel Robotics met.'];
    const all = annotate(...texts);
    expect(found(all[0]!)).toEqual(found(annotate(texts[0]!)[0]!));
    expect(found(all[0]!).map((e) => e[2])).not.toContain('person:fahrettin-altun');
    expect(found(all[1]!)).toEqual(found(annotate(texts[0]!, texts[1]!)[1]!));
    expect(found(all[2]!)).toEqual(expect.arrayContaining([['Altun', 'person', 'person:fahrettin-altun'], ['Kestrel Robotics', 'organization', 'organization:kestrel-robotics-inc']]));
  });

  it('carries the memory of names from one run to the next, and forgets the oldest past its bound', () => {
    const names = nameRegistry(1);
    const [a] = resolveEntityRefs(names).run(found0(['Fahrettin Altun, communications director at the presidency, spoke.']), ctx);
    const [b] = resolveEntityRefs(names).run(found0(['"We cannot look away," Altun said.']), ctx);
    expect(found(b!)).toContainEqual(['Altun', 'person', 'person:fahrettin-altun']);
    // The memory holds one article now (b): a's full name is forgotten.
    const [c] = resolveEntityRefs(names).run(found0(['Later Altun left the room, and Altun said no more.']), ctx);
    expect(found(c!).map((e) => e[2])).not.toContain('person:fahrettin-altun');
    // What the memory took from `a` is what a fresh memory given `a` resolved takes: a store reading its last article back.
    const again = nameRegistry(1);
    again.add(a!);
    expect(found(resolveEntityRefs(again).run(found0(['"We cannot look away," Altun said.']), ctx)[0]!)).toEqual(found(b!));
  });

  it('takes no given name alone for the surname of someone else in the run', () => {
    const arts = annotate('Mary John, a spokeswoman for the firm, spoke at length to the press.', 'John Smith, a spokesman for the bank, told the reporters so.', 'The man known as John left the city after the long storm.');
    expect(arts.flatMap((a) => found(a)).filter((e) => e[0] === 'John')).toEqual([]);
  });

  it('finds a name again where it stands without evidence: in other articles, without its legal form, by the acronym its article gives', () => {
    const arts = annotate('Kestrel Robotics Inc. said sales rose. Orders for Kestrel Robotics doubled.', 'Shares of Kestrel Robotics fell. The Maravel Port Authority (MPA) closed a berth, and MPA staff left.', 'MPA staff in the other town stayed. An American official said so.');
    const got = arts.map((a) => found(a));
    expect(got[0]).toContainEqual(['Kestrel Robotics', 'organization', 'organization:kestrel-robotics-inc']);
    expect(got[1]).toContainEqual(['Kestrel Robotics', 'organization', 'organization:kestrel-robotics-inc']);
    expect(got[1]).toContainEqual(['MPA', 'organization', 'organization:maravel-port-authority']);
    // An acronym holds in its own article only; a nationality is never a name.
    expect(got[2]).toEqual([]);
  });

  it('ends a name before a weekday, so no weekday becomes a surname', () => {
    const [a, b] = annotate('She held a press conference with Guatemalan President Alejandro Giammattei Monday in the capital.', 'The court ruled on Monday. Monday was quiet.');
    expect(found(a!)).toContainEqual(['Alejandro Giammattei', 'person', 'person:alejandro-giammattei']);
    expect(found(b!)).toEqual([]);
  });

  it('ends a name before its possessive, however the tokeniser splits it', () => {
    const text = "It said that former President Donald Trump's tax returns and Mr Erdogan’s letters must be handed to the committee of the house.";
    const a = sentences().run(Article.create({ id: 'p', source: 'p', text }), ctx);
    const tokens = a.layers.tokens!;
    // As wink-nlp tokenises some texts: the possessive kept on the name, one token.
    const joined = tokens.flatMap((t, i) => (/^['’]s$/.test(text.slice(t.start, t.end)) ? [] : /^['’]s$/.test(text.slice(tokens[i + 1]?.start, tokens[i + 1]?.end)) ? [{ ...t, end: tokens[i + 1]!.end }] : [t]));
    for (const toks of [tokens, joined]) expect(findEntities(text, toks, a.layers.sentences!).map((e) => text.slice(e.start, e.end))).toEqual(['Donald Trump', 'Erdogan']);
  });

  it('spans index the text exactly', () => {
    for (const a of annotate('Turkish President Recep Tayyip Erdogan told Middle East Eye about Hayat al-Tahrir al-Sham.'))
      for (const e of a.layers.entities ?? []) expect(a.text.slice(e.start, e.end)).toMatch(/^\S(.*\S)?$/);
  });

  it('looks names up as written', () => {
    expect(lookupName('AFP')?.name).toBe('Agence France-Presse');
    expect(lookupName('the Pentagon')?.ref).toBe('organization:pentagon');
    expect(lookupName('us')).toBeNull();
    expect([damerau1('idlib', 'ildib'), damerau1('idlib', 'idlb'), damerau1('idlib', 'adlab')]).toEqual([true, true, false]);
  });
});
