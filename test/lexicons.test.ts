import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { decodeHtml } from '../src/extract/charset.js';
import { lexiconNames, loadLexicon, type LexiconEntry } from '../src/lexicon/load.js';
import { stem } from '../src/lexicon/phrases.js';
import { corpus, describeShared } from './helpers/shared.js';

/**
 * No lexicon entry may exist for the seeds alone. An entry that matches the text of
 * ../shared/corpus/seeds and nothing anywhere else in ../shared/corpus (the text fields of every
 * JSON Lines file: articles, sentences, snippets) was written for those five reports, not by the
 * rule its file states; it makes the seed tests pass without saying anything about news.
 *
 * The HTML pages of the extraction sets count as text too, their tags, scripts and styles cut
 * (a loose reading: attribute values go, link and button labels stay).
 *
 * Each lexicon is matched the way the code uses it, loosely (a superset of what the code
 * matches, so an entry is flagged only when nothing like it occurs elsewhere): `junk` patterns
 * against each line; the lexicons of phrases (loaded words, actor labels, speaker roles, and the
 * claims work's predicates and cues) by Porter stems unless `exact`; every other lexicon by whole
 * words, case-insensitively, over its term and its `aliases` / `forms`, an all-caps acronym
 * case-sensitively. Not checked: `boilerplate` (class and id words of HTML, which the plain-text
 * seeds have none of).
 * `predicates` and `claim-cues` belong to the claims work: what this finds there is printed for
 * their owner, not failed on.
 */
const STEMMED = new Set(['loaded', 'actor-labels', 'speaker-roles', 'predicates', 'claim-cues']);
const NOT_TEXT = new Set(['boilerplate']);
const OWNED = new Set(['predicates', 'claim-cues']);

/** Words as every lexicon compares them: lower case, accents folded, straight apostrophes, no final "'s", hyphens split. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu)) {
    const w = m[0].toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/'s$/, '');
    out.push(w);
  }
  return out;
}

/** A text as searchable runs of words and of stems, one record per line. */
interface Haystack {
  readonly raw: string;
  readonly lines: readonly string[];
  readonly words: string;
  readonly stems: string;
  readonly wordSet: ReadonlySet<string>;
}

function haystack(texts: readonly string[]): Haystack {
  const words: string[] = [];
  const stems: string[] = [];
  const wordSet = new Set<string>();
  for (const t of texts) {
    const ws = tokens(t);
    for (const w of ws) wordSet.add(w);
    words.push(` ${ws.join(' ')} `);
    stems.push(` ${ws.map(stem).join(' ')} `);
  }
  return { raw: texts.join('\n'), lines: texts.flatMap((t) => t.split('\n')), words: words.join('|'), stems: stems.join('|'), wordSet };
}

function matches(h: Haystack, lexicon: string, e: LexiconEntry): boolean {
  if (lexicon === 'junk') {
    const re = new RegExp(e.term, 'i');
    return h.lines.some((l) => re.test(l.trim()));
  }
  const forms = [e.term, ...((e.aliases as string[] | undefined) ?? []), ...((e.forms as string[] | undefined) ?? [])];
  return forms.some((form) => {
    if (/\p{Lu}{2}/u.test(form) && !/\p{Ll}/u.test(form)) return new RegExp(`(?<![\\p{L}\\p{N}])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(h.raw);
    const ws = tokens(form);
    if (ws.length === 0 || ws.some((w) => !h.wordSet.has(w) && !(STEMMED.has(lexicon) && !e.exact))) return false;
    return STEMMED.has(lexicon) && !e.exact ? h.stems.includes(` ${ws.map(stem).join(' ')} `) : h.words.includes(` ${ws.join(' ')} `);
  });
}

/** The text fields of every JSON Lines record under `dir` (strings and lists of strings at the top level) and the text of every HTML page; seeds and reference word lists left out. */
function corpusTexts(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'seeds' && name !== 'lexicons') walk(path);
      } else if (name.endsWith('.html.gz') || name.endsWith('.html')) {
        const html = decodeHtml(name.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path));
        out.push(...html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, '\n').replace(/&nbsp;|&#160;/g, ' ').replace(/&amp;/g, '&').split(/\n+/).filter((l) => l.trim()));
      } else if (name.endsWith('.jsonl'))
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          for (const v of Object.values(JSON.parse(line) as Record<string, unknown>)) {
            if (typeof v === 'string') out.push(v);
            else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
          }
        }
    }
  };
  walk(dir);
  return out;
}

describeShared('lexicons hold no entry only the seeds need', () => {
  let seeds: Haystack;
  let elsewhere: Haystack;
  beforeAll(() => {
    const dir = join(corpus!, 'seeds');
    seeds = haystack(readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')));
    elsewhere = haystack(corpusTexts(corpus!));
  }, 120_000);

  it.each(lexiconNames().filter((n) => !NOT_TEXT.has(n)))('%s', (name) => {
    const seedOnly = loadLexicon(name)
      .entries.filter((e) => matches(seeds, name, e) && !matches(elsewhere, name, e))
      .map((e) => e.term);
    if (OWNED.has(name)) {
      if (seedOnly.length) console.info(`lexicons: ${name}.yml (the claims work's) has entries matching only the seeds: ${seedOnly.join(', ')}`);
      return;
    }
    expect(seedOnly, `${name}.yml: entries that match the seeds and nothing else in ../shared/corpus`).toEqual([]);
  });
});
