/**
 * Generated hostile inputs: each shape is a text (or page) built to make one stage do as much work
 * per byte as it can, grown to a size in bytes. Seeded, so a run is repeatable. The bench
 * (`npm run bench`) times each per 100 KB beside a normal article; test/hostile/linear.test.ts checks that four
 * times the input costs at most about five times the time.
 */

/** A small seeded generator (mulberry32): the same seed gives the same inputs on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PEOPLE = ['Maria Lopez', 'John Okafor', 'Ahmet Yilmaz', 'Sarah Chen', 'David Miller', 'Elena Petrova', 'Omar Haddad', 'Lucy Grant'];
const ROLES = ['the minister', 'a spokesman', 'the mayor', 'an official', 'the governor'];
const PLACES = ['Ankara', 'Lagos', 'Boston', 'Kyiv', 'Madrid', 'Idlib', 'Chicago', 'Paris'];
const ORGS = ['the United Nations', 'Reuters', 'the World Bank', 'Acme Holdings Inc.', 'the Red Cross'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** One sentence of ordinary news prose. */
function newsSentence(r: () => number): string {
  return pick(r, [
    () => `${pick(r, PEOPLE)}, ${pick(r, ROLES)}, said on ${pick(r, DAYS)} that the talks in ${pick(r, PLACES)} would resume next week.`,
    () => `"We will not accept this decision," ${pick(r, PEOPLE)} told reporters in ${pick(r, PLACES)}.`,
    () => `About ${Math.floor(r() * 900 + 100)} people were evacuated after the floods, according to ${pick(r, ORGS)}.`,
    () => `The council approved a budget of $${Math.floor(r() * 90 + 10)} million for the new bridge, officials said.`,
    () => `Critics say the plan may be delayed until ${pick(r, MONTHS)} ${Math.floor(r() * 10 + 2015)}.`,
    () => `${pick(r, ORGS)} reported that prices rose by ${Math.floor(r() * 9 + 1)} percent in ${pick(r, MONTHS)}.`,
  ])();
}

/** The shapes: each builds roughly `bytes` of text from sentences of its kind, a paragraph every few sentences. */
const SENTENCES: Record<string, (r: () => number) => string> = {
  /** A normal article: the peer every other shape is compared with. */
  article: newsSentence,
  /** Dates in every phrase ("on Monday, March 3, 2020, ... the end of February"). */
  dates: (r) => `On ${pick(r, DAYS)}, ${pick(r, MONTHS)} ${Math.floor(r() * 28 + 1)}, ${Math.floor(r() * 30 + 1995)}, and again at the end of ${pick(r, MONTHS)} and last ${pick(r, MONTHS)}, ${Math.floor(r() * 9 + 2)} days later, it rained.`,
  /** Direct and indirect quotes, speakers named and pronouns. */
  quotes: (r) => `"${pick(r, ['We', 'They', 'I'])} will ${pick(r, ['fight', 'wait', 'talk', 'leave'])}," ${pick(r, PEOPLE)} said. "${pick(r, ['No', 'Yes', 'Never'])}," he added, according to ${pick(r, ORGS)}.`,
  /** Capitalised names everywhere: people, places, organisations, titles. */
  names: (r) => `${pick(r, ['President', 'Gov.', 'Mr', 'Dr.'])} ${pick(r, PEOPLE)} of ${pick(r, PLACES)} met ${pick(r, PEOPLE)}, ${pick(r, ORGS)} and ${pick(r, PLACES)} Airlines in ${pick(r, PLACES)}.`,
  /** Figures in every phrase. */
  numbers: (r) => `${Math.floor(r() * 9000 + 10)} soldiers, nearly ${Math.floor(r() * 90 + 2)} million Syrians, two batteries of missiles, ${Math.floor(r() * 99)}% and $${Math.floor(r() * 500)} billion.`,
};

export const TEXT_SHAPES = Object.keys(SENTENCES);

/** A text of one shape of at least `bytes` characters. */
export function textShape(shape: string, bytes: number, seed = 1): string {
  const make = SENTENCES[shape];
  if (!make) throw new Error(`no shape ${shape}`);
  const r = rng(seed);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = Array.from({ length: 3 }, () => make(r)).join(' ');
    paragraphs.push(p);
    size += p.length + 1;
  }
  return paragraphs.join('\n');
}

/** A title line, then one paragraph with no line break at all: every sentence of the article shape run together. */
export function longParagraph(bytes: number, seed = 1): string {
  return `Council closes the old bridge\n${textShape('article', bytes, seed).replace(/\n/g, ' ')}`;
}

/** HTML shapes: `nested` (divs inside divs around two paragraphs), `tiny` (many small elements), `paragraphs` (a long normal page). */
export function htmlShape(shape: 'nested' | 'tiny' | 'paragraphs', bytes: number, seed = 1): string {
  const e = 'The minister said on Tuesday that the government would review the decision.';
  if (shape === 'nested') {
    const n = Math.ceil(bytes / 11);
    return `<html><body>${'<div>'.repeat(n)}<p>${e}</p><p>${e}</p>${'</div>'.repeat(n)}</body></html>`;
  }
  if (shape === 'tiny') return `<html><body><p>${e}</p>${'<b>x</b>'.repeat(Math.ceil(bytes / 8))}</body></html>`;
  const body = textShape('article', bytes, seed)
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<html><head><title>A long page</title></head><body><article><h1>A long page</h1>${body}</article></body></html>`;
}
