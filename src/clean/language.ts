import { francAll } from 'franc-min';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import { ENGLISH_MIN_SHARE, FRANC_ENGLISH_RATIO, FRANC_SAMPLE_CHARS, LANGUAGE_MIN_LETTERS, LANGUAGE_MIN_WORDS } from './settings.js';

interface StopEntry extends LexiconEntry {
  readonly lang: string;
}

let english: Set<string> | undefined;

function englishWords(): Set<string> {
  english ??= new Set(loadLexicon<StopEntry>('stopwords').entries.filter((e) => e.lang === 'en').map((e) => e.term));
  return english;
}

/**
 * A text's language: `en` when it is English, another language's ISO 639-3 code when it is not,
 * null when there is too little text to tell. English news is told at once by its share of English
 * function words (our list, stopwords.yml); only a text that fails that test is given to franc-min
 * (trigram profiles of 82 languages, offline), whose verdict names the language — a text franc
 * finds nearly as English as anything else stays English. franc alone costs ~2 ms a text, ten
 * times the share test, and would refuse a few short English texts (an ECB+ headline in capitals
 * was "Spanish"); this way none of BASIL's, AllSides' and ECB+'s 2,015 texts is refused (settings.ts).
 *
 * @example
 * guessLanguage('Der Stadtrat hat am Dienstag den Bau einer neuen Brücke beschlossen und die ...'); // 'deu'
 */
export function guessLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const letters = words.reduce((n, w) => n + w.length, 0);
  // Scripts without spaces (Chinese, Japanese) have few "words" but many letters.
  if (words.length < LANGUAGE_MIN_WORDS && letters < LANGUAGE_MIN_LETTERS) return null;
  const sample = words.slice(0, 2000);
  const en = englishWords();
  if (sample.filter((w) => en.has(w)).length / sample.length >= ENGLISH_MIN_SHARE) return 'en';
  const scores = francAll(text.slice(0, FRANC_SAMPLE_CHARS), { minLength: 10 });
  const top = scores[0]?.[0] ?? 'und';
  if (top === 'und') return null;
  if (top === 'eng') return 'en';
  const eng = scores.find(([lang]) => lang === 'eng')?.[1] ?? 0;
  return eng >= FRANC_ENGLISH_RATIO ? 'en' : top;
}

let names: Intl.DisplayNames | undefined;

/** A language code's English name ("swe" → "Swedish", "cmn" → "Chinese"), or the code. */
export function languageName(code: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
  try {
    const name = names.of(code);
    return name && name !== 'root' ? name : code;
  } catch {
    return code;
  }
}
