import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import { ENGLISH_MIN_SHARE, LANGUAGE_MIN_WORDS } from './settings.js';

interface StopEntry extends LexiconEntry {
  readonly lang: string;
}

let byLang: Map<string, Set<string>> | undefined;

function profiles(): Map<string, Set<string>> {
  if (byLang) return byLang;
  byLang = new Map();
  for (const e of loadLexicon<StopEntry>('stopwords').entries) {
    if (!byLang.has(e.lang)) byLang.set(e.lang, new Set());
    byLang.get(e.lang)!.add(e.term);
  }
  return byLang;
}

/**
 * Guess a text's language from its share of each language's function words: `en` when English
 * is likely, another code when that language's words dominate, null when there is too little text.
 *
 * @example
 * guessLanguage('Der Stadtrat hat am Dienstag den Bau einer neuen Brücke beschlossen und die ...'); // 'de'
 */
export function guessLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < LANGUAGE_MIN_WORDS) return null;
  const sample = words.slice(0, 2000);
  let best = 'unknown';
  let bestShare = 0;
  let english = 0;
  for (const [lang, set] of profiles()) {
    const share = sample.filter((w) => set.has(w)).length / sample.length;
    if (lang === 'en') english = share;
    if (share > bestShare) {
      best = lang;
      bestShare = share;
    }
  }
  if (english >= ENGLISH_MIN_SHARE && (best === 'en' || english >= bestShare * 0.8)) return 'en';
  return best;
}

const NAMES: Record<string, string> = { de: 'German', fr: 'French', es: 'Spanish', tr: 'Turkish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch' };

export function languageName(code: string): string {
  return NAMES[code] ?? code;
}
