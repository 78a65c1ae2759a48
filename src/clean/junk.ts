import { loadLexicon, type LexiconEntry } from '../lexicon/load.js';
import { wordCount } from '../util/words.js';
import { endsLikeSentence } from './lines.js';
import { JUNK_MAX_WORDS } from './settings.js';

interface JunkEntry extends LexiconEntry {
  readonly kind: string;
  readonly maxWords?: number;
  readonly requiresNoEndPunctuation?: boolean;
}

interface JunkRule {
  readonly re: RegExp;
  readonly reason: string;
  readonly maxWords: number;
  readonly noEndPunctuation: boolean;
}

let rules: readonly JunkRule[] | undefined;

function junkRules(): readonly JunkRule[] {
  rules ??= loadLexicon<JunkEntry>('junk').entries.map((e) => ({
    re: new RegExp(e.term, 'iu'),
    reason: `clean/${e.kind}`,
    maxWords: e.maxWords ?? JUNK_MAX_WORDS,
    noEndPunctuation: e.requiresNoEndPunctuation === true,
  }));
  return rules;
}

/**
 * Why a line is junk (a rule id such as `clean/share`), or null when it is article text.
 *
 * @example
 * junkReason('Tweet / Share'); // 'clean/share'
 */
export function junkReason(line: string): string | null {
  const words = wordCount(line);
  for (const r of junkRules()) {
    if (words > r.maxWords) continue;
    if (r.noEndPunctuation && endsLikeSentence(line)) continue;
    if (r.re.test(line)) return r.reason;
  }
  return null;
}
