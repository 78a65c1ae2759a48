/**
 * A deterministic synthetic news stream for store tests that must run without ../shared: events
 * (a fire, a strike, a flood, a vote…) in invented towns, each reported by several invented outlets
 * over a few days — a wire story, copies of it with a few words changed, and independent rewrites.
 * Our own writing; nothing here is real.
 */
const TOWNS = ['Varno', 'Ostrel', 'Calden', 'Mireth', 'Tolvan', 'Brask', 'Ellory', 'Quenby', 'Harrow Vale', 'Dunmere', 'Petrosk', 'Lindqvist', 'Arvale', 'Corrin', 'Selwick'];
const PEOPLE = ['Anna Petrova', 'Tomas Vell', 'Lena Orsk', 'Marek Jansen', 'Ilse Brandt', 'Omar Haddad', 'Sofia Renn', 'Pavel Dusek', 'Nora Quill', 'Erik Salo', 'Hana Mirek', 'Josef Kral'];
const OUTLETS = ['North Wire', 'Daily Lantern', 'Valley Post', 'Morning Ledger', 'Coast Courier', 'Metro Bulletin'];
const EVENTS = [
  { what: 'fire', head: 'Fire at {town} warehouse injures {n}', s: ['A fire broke out at a timber warehouse in {town} on {day}, injuring {n} workers.', 'Fire chief {person} said the blaze started in a storage hall and spread to the roof.', 'Crews from three stations fought the flames for {h} hours before bringing them under control.', '"We were lucky the wind dropped in the evening," {person} said.', 'Police have opened an inquiry into the cause of the fire.'] },
  { what: 'strike', head: 'Rail workers in {town} strike over pay', s: ['Rail workers in {town} walked out on {day} in a dispute over pay, halting {n} trains.', 'Union leader {person} said members had rejected an offer of a {h} percent rise.', 'Commuters crowded onto buses as the regional operator cancelled most services.', '"We will stay out until the company talks to us seriously," {person} said.', 'The operator said it regretted the disruption and called for mediation.'] },
  { what: 'flood', head: 'Floods force {n} families from homes in {town}', s: ['Heavy rain flooded the lower districts of {town} on {day}, forcing {n} families from their homes.', 'Mayor {person} said the river rose {h} metres overnight and breached a levee.', 'Army engineers laid sandbags along the embankment while boats carried residents to shelters.', '"The water came faster than anyone expected," {person} said.', 'Forecasters warned of more rain in the coming days.'] },
  { what: 'vote', head: '{town} council approves new bridge', s: ['The council of {town} approved a new bridge over the river on {day} by {n} votes.', 'Councillor {person} said the project would cost about {h} million euros.', 'Opponents argued that the money should go to schools and the old tram line instead.', '"This bridge will cut travel times for thousands of commuters," {person} said.', 'Construction is due to start next spring.'] },
  { what: 'crash', head: 'Bus crash near {town} leaves {n} hurt', s: ['A bus carrying tourists overturned near {town} on {day}, injuring {n} passengers.', 'Police spokesman {person} said the driver lost control on an icy bend.', 'Ambulances took the injured to hospitals in the region, {h} of them in serious condition.', '"The road had not been gritted," {person} said.', 'The bus company said it was cooperating with investigators.'] },
];
const EDITS: [RegExp, string][] = [
  [/\bsaid\b/, 'told reporters'],
  [/\bon (\w+day)\b/, 'late on $1'],
  [/\bheavy\b/i, 'torrential'],
  [/\bfought\b/, 'battled'],
  [/\bregion\b/, 'province'],
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface SyntheticArticle {
  readonly id: string;
  /** Gold event the article reports. */
  readonly event: number;
  readonly title: string;
  readonly text: string;
  readonly outlet: string;
  readonly published: string;
  readonly url: string;
}

/** `events` events, each reported by 3–5 articles; about a third of them are copies of the event's first report. */
export function syntheticStream(events: number, seed = 7): SyntheticArticle[] {
  let state = seed >>> 0 || 1;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: SyntheticArticle[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let e = 0; e < events; e++) {
    const kind = EVENTS[e % EVENTS.length]!;
    const town = TOWNS[(e * 7 + Math.floor(e / TOWNS.length)) % TOWNS.length]!;
    const person = pick(PEOPLE);
    const n = 3 + Math.floor(rand() * 400);
    const h = 2 + Math.floor(rand() * 20);
    const day0 = start + Math.floor(e / 3) * 86_400_000 * 4;
    const fill = (s: string, d: number) => s.replaceAll('{town}', town).replaceAll('{person}', person).replaceAll('{n}', String(n)).replaceAll('{h}', String(h)).replaceAll('{day}', DAYS[new Date(d).getUTCDay()]!);
    const reports = 3 + Math.floor(rand() * 3);
    const wire = kind.s.map((s) => fill(s, day0));
    for (let r = 0; r < reports; r++) {
      const day = day0 + (r === 0 ? 0 : Math.floor(rand() * 2) * 86_400_000);
      let body: string[];
      if (r === 0) body = wire;
      else if (r % 3 === 1) body = wire.map((s) => (rand() < 0.4 ? edit(s, pick(EDITS)) : s)); // a copy with a few words changed
      else body = [...wire.slice(1, 3).reverse().map((s) => edit(s, pick(EDITS))), `Residents of ${town} described scenes of confusion after the ${kind.what}.`, wire[0]!];
      const outlet = OUTLETS[(e + r * 2) % OUTLETS.length]!;
      const title = r === 0 ? fill(kind.head, day0) : `${fill(kind.head, day0)}${r % 2 ? '' : ', officials say'}`;
      out.push({ id: `e${e}-r${r}`, event: e, title, text: body.join('\n\n'), outlet, published: new Date(day).toISOString().slice(0, 10), url: `https://${outlet.toLowerCase().replace(/ /g, '-')}.example/${kind.what}-${e}-${r}` });
    }
  }
  return out;
}

function edit(s: string, [re, to]: [RegExp, string]): string {
  return s.replace(re, to);
}

/** The stream as JSON Lines with news-please field names, as a user would export it. */
export function toJsonl(articles: readonly SyntheticArticle[]): string {
  return articles.map((a) => JSON.stringify({ id: a.id, title: a.title, maintext: a.text, source_domain: a.outlet, date_publish: a.published, url: a.url })).join('\n') + '\n';
}
