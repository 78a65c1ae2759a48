import type { Article } from '../../model/article.js';
import { loadLexicon, type LexiconEntry } from '../../lexicon/load.js';
import { PhraseMatcher, stemmedWords, type PhraseEntry } from '../../lexicon/phrases.js';

interface OfficeEntry extends PhraseEntry {
  readonly role: 'official' | 'expert';
}

let matcher: PhraseMatcher<OfficeEntry> | undefined;
let holders: Set<string> | undefined;

/** Names that hold an office by themselves (affiliations.yml: heads of state, leaders, ministries: "Erdogan", "Pentagon"), lower case. */
function officeHolders(): Set<string> {
  holders ??= new Set(
    loadLexicon<LexiconEntry & { relation: string }>('affiliations')
      .entries.filter((e) => /head of (state|government)|leader|ministry/.test(e.relation))
      .map((e) => e.term.toLowerCase()),
  );
  return holders;
}

/** Offices (offices.yml) and the official and expert role words of speaker-roles.yml, as one matcher. */
function offices(): PhraseMatcher<OfficeEntry> {
  if (matcher) return matcher;
  const roles = loadLexicon<LexiconEntry & { role: string }>('speaker-roles').entries.filter((e) => e.role === 'official' || e.role === 'expert') as unknown as OfficeEntry[];
  const titled = loadLexicon<PhraseEntry>('offices').entries.map((e) => ({ ...e, role: 'official' as const }));
  matcher = new PhraseMatcher<OfficeEntry>([...roles, ...titled]);
  return matcher;
}

// How far before a name its title may start, and how long an appositive after it may run.
const TITLE_WORDS = 4;
const APPOSITIVE_WORDS = 10;

/**
 * The role a speaker holds by the words the article gives them anywhere, not only beside one
 * quote: a title before any mention of the name ("Turkish President Recep Tayyip Erdogan",
 * "US Secretary of State Mike Pompeo"), an appositive after it ("Fahrettin Altun, communications
 * director at the Turkish presidency,"), or the name itself when it is an office or a body ("the
 * United Nations", "the Pentagon") or a name that holds an office by itself (affiliations.yml: "Erdogan",
 * "Trump"). "former" makes an expert of an official (a former minister
 * speaks as a commentator). Null when the article says nothing of the kind.
 *
 * @example
 * speakerRoleOf(article, 'Recep Tayyip Erdogan'); // 'official'
 */
export function speakerRoleOf(a: Pick<Article, 'text' | 'layers'>, speaker: string): 'official' | 'expert' | null {
  const lex = offices();
  const judge = (ws: ReturnType<typeof stemmedWords>): 'official' | 'expert' | null => {
    const hits = lex.match(ws);
    if (hits.some((h) => h.entry.term === 'former')) return 'expert';
    if (hits.some((h) => h.entry.role === 'official')) return 'official';
    return hits.some((h) => h.entry.role === 'expert') ? 'expert' : null;
  };
  const own = judge(stemmedWords(speaker));
  if (own) return own;
  const found: ('official' | 'expert')[] = [];
  // The first mentions say it if any do (a title is given where a speaker is introduced): a bound
  // that keeps an article quoting one speaker thousands of times linear.
  for (const [start, end] of mentionsOf(a, speaker).slice(0, MENTIONS_LOOKED_AT)) {
    const before = a.text.slice(Math.max(0, start - 80), start);
    const lead = before.slice(Math.max(0, ...['.', '!', '?', ',', ';', ':', '"', '“', '”', '\n', '('].map((ch) => before.lastIndexOf(ch) + 1)));
    const title = judge(stemmedWords(lead).slice(-TITLE_WORDS));
    if (title) found.push(title);
    const after = a.text.slice(end, end + 160);
    const appositive = /^,\s*([^,.;:\n"“”]+)/.exec(after)?.[1];
    if (appositive) {
      const role = judge(stemmedWords(appositive).slice(0, APPOSITIVE_WORDS));
      if (role) found.push(role);
    }
  }
  if (found.includes('official')) return 'official';
  if (found.includes('expert')) return 'expert';
  // A name that holds an office by itself, unless the article says otherwise ("former President Obama" is an expert above).
  const name = speaker.toLowerCase();
  return officeHolders().has(name) || officeHolders().has(name.split(/\s+/).at(-1)!) ? 'official' : null;
}

/** How many of the article's mentions of a speaker are read for a title or an appositive. */
const MENTIONS_LOOKED_AT = 24;

/** Where the article names the speaker: every entity mention with the ref of the speaker's quotes, else the name (or its last word) as written. */
function mentionsOf(a: Pick<Article, 'text' | 'layers'>, speaker: string): [number, number][] {
  const refs = new Set((a.layers.quotes ?? []).filter((q) => q.speakerName === speaker && q.speakerRef).map((q) => q.speakerRef!));
  const byRef = (a.layers.entities ?? []).filter((e) => refs.has(e.ref)).map((e): [number, number] => [e.start, e.end]);
  if (byRef.length) return byRef;
  const out: [number, number][] = [];
  for (const needle of [speaker, speaker.split(/\s+/).at(-1)!]) {
    if (needle.length < 3) continue;
    for (let i = a.text.indexOf(needle); i >= 0; i = a.text.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
    if (out.length) break;
  }
  return out;
}
