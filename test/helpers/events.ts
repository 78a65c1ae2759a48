import type { Extracted } from '../../src/ingest/types.js';

/**
 * Three invented events as extracted documents, for story-clustering tests: two fires in one city
 * a month apart and a vote between them (three stories, not one topic), and an undated report of
 * the first fire. Our own writing.
 */
const doc = (id: string, published: string | null, title: string, text: string): Extracted =>
  ({ source: id, format: 'text', title, text, outlet: null, byline: null, published, url: null, language: 'en', provenance: {} }) as Extracted;

export const threeEvents: readonly Extracted[] = [
  doc('fire1-a', '2024-03-05', 'Fire at Duvall Chemicals plant kills four in Maravel', 'An explosion and fire at the Duvall Chemicals plant in Maravel killed four workers on Tuesday, fire chief Lena Orsk said. Nearly 12,000 residents were evacuated from the harbour districts.'),
  doc('fire1-b', '2024-03-06', 'Four dead in Maravel chemical plant blast', 'Four workers died when a blast tore through the Duvall Chemicals plant in Maravel, and 12,000 residents left the harbour districts, Lena Orsk said.'),
  doc('vote-a', '2024-03-06', 'Kestrian parliament passes budget', 'The Kestrian parliament passed the 2024 budget by 112 votes to 80 on Wednesday after a night of debate over pensions and defence spending.'),
  doc('vote-b', '2024-03-07', 'Budget clears parliament after pensions row', 'Parliament approved the budget 112 to 80, ending a row over pensions and defence spending that had split the governing coalition.'),
  doc('fire2-a', '2024-04-20', 'Warehouse fire in Maravel port injures two', 'A fire at a timber warehouse in the port of Maravel injured two firefighters on Saturday. Chief Tomas Vell said the blaze was under control by the evening.'),
  doc('fire2-b', '2024-04-21', 'Maravel timber warehouse blaze brought under control', 'Firefighters brought a blaze at a timber warehouse in the port of Maravel under control, Tomas Vell said, after two firefighters were injured.'),
];

/** A report of the first fire without a date. */
export const undatedFire = doc('fire1-c', null, 'Chemical plant blast in Maravel', 'The Duvall Chemicals plant blast in Maravel killed four workers and forced 12,000 residents of the harbour districts to leave, Lena Orsk said.');
