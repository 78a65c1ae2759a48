import type { Extracted } from '../../src/ingest/types.js';

/**
 * Invented reports for storyline tests (our own writing; the cities are real, every person and
 * place of business is made up): two look-alike shootings in two cities a month apart, the first
 * one's suspect in court two months later, two celebrities entering rehab (undated), and a budget
 * report that copies a passage of a port-strike report filed in another story.
 */
const doc = (id: string, published: string | null, outlet: string, title: string, text: string): Extracted =>
  ({ source: id, format: 'text', title, text, outlet, byline: null, published, url: null, language: 'en', provenance: {} }) as Extracted;

export const shootings: readonly Extracted[] = [
  doc('tucson-a', '2024-03-04', 'Desert Ledger', 'Three killed in shooting at Tucson bowling alley', 'A gunman opened fire at the Copper Lanes bowling alley in Tucson on Sunday night, killing three people and wounding five, police said. Police Chief Ana Ruiz said officers arrested the suspect, Dale Hendry, 34, in the parking lot minutes later. Witnesses said the gunman fired at the lanes without a word.'),
  doc('tucson-b', '2024-03-05', 'Valley Wire', 'Suspect held after Copper Lanes shooting leaves three dead', 'Dale Hendry, 34, was held on Monday after three people were killed at the Copper Lanes bowling alley in Tucson, Police Chief Ana Ruiz told reporters. Five people were wounded. Investigators have not given a motive for the shooting.'),
  // Told in the same words as the Tucson shooting, a month later: only who and where differ.
  doc('dayton-a', '2024-04-08', 'River Courier', 'Four killed in shooting at Dayton bowling alley', 'A gunman opened fire at the Starlight Lanes bowling alley in Dayton on Sunday night, killing four people and wounding two, police said. Police Chief Marla Okafor said officers arrested the suspect, Kevin Marsh, 27, in the parking lot minutes later. Witnesses said the gunman fired at the lanes without a word.'),
  doc('dayton-b', '2024-04-09', 'Lakeside Times', 'Suspect held after Starlight Lanes shooting leaves four dead', 'Kevin Marsh, 27, was held on Monday after four people were killed at the Starlight Lanes bowling alley in Dayton, Police Chief Marla Okafor told reporters. Two people were wounded. Investigators have not given a motive for the shooting.'),
  doc('tucson-c', '2024-05-28', 'Desert Ledger', 'Dale Hendry pleads not guilty in Copper Lanes killings', 'Dale Hendry pleaded not guilty on Tuesday to three counts of murder over the shooting at the Copper Lanes bowling alley in Tucson in March. Prosecutors said they would seek a life sentence. Police Chief Ana Ruiz attended the hearing with families of the victims.'),
];

export const rehabs: readonly Extracted[] = [
  doc('venn-a', null, 'Screen Daily Post', 'Carla Venn enters rehab', 'Actress Carla Venn has entered the Marisol Recovery Center in Malibu for treatment, her publicist Tom Argent confirmed. Venn, star of the series Night Harbor, asked for privacy.'),
  doc('venn-b', null, 'Celebrity Bulletin', 'Night Harbor star checks into Malibu treatment center', 'Carla Venn checked into the Marisol Recovery Center in Malibu, publicist Tom Argent said on Thursday. The Night Harbor actress is expected to stay for a month.'),
  doc('pryce-a', null, 'Screen Daily Post', 'Jonah Pryce enters rehab', 'Singer Jonah Pryce has entered the Stillwater Clinic in Sedona for treatment, his manager Elena Voss confirmed. Pryce cancelled the rest of his Lowlands tour and asked for privacy.'),
  doc('pryce-b', null, 'Celebrity Bulletin', 'Lowlands tour cancelled as Jonah Pryce checks into clinic', 'Jonah Pryce checked into the Stillwater Clinic in Sedona, manager Elena Voss said on Friday. The singer cancelled the Lowlands tour and is expected to stay for six weeks.'),
];

const STRIKE = 'The strike at the port of Maravel, which has halted container traffic for nine days, began when the harbour authority cut the night shift and dockworkers walked out in protest, union leader Petra Ilves said.';

export const copiedAcross: readonly Extracted[] = [
  doc('strike-a', '2024-06-03', 'Harbour Post', 'Maravel dockworkers extend strike', `${STRIKE} The union voted on Monday to extend the walkout for another week. Shipping lines have begun sending vessels to other ports.`),
  doc('strike-b', '2024-06-04', 'Coastline Wire', 'Ships diverted as Maravel port strike goes on', 'Container ships were diverted from Maravel on Tuesday as the dockworkers’ strike went on, union leader Petra Ilves said. The harbour authority said talks would resume on Thursday.'),
  doc('budget-a', '2024-06-04', 'Capital Review', 'Kestrian parliament passes emergency budget', 'The Kestrian parliament passed an emergency budget of 4 billion crowns on Tuesday by 98 votes to 71, finance minister Oren Talvik said. The budget raises pensions and cuts fuel duty.'),
  doc('budget-b', '2024-06-05', 'Daily Blaze', 'Emergency budget clears parliament', `Parliament approved the emergency budget of 4 billion crowns by 98 votes to 71, Oren Talvik said, as pensions rise and fuel duty falls. ${STRIKE} The opposition said the budget did nothing for the port.`),
];
