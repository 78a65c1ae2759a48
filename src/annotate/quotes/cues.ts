import { loadLexicon, type LexiconEntry } from '../../lexicon/load.js';

interface SaidEntry extends LexiconEntry {
  readonly forms: readonly string[];
  readonly indirect?: boolean;
}

export interface Cues {
  /** Every form of a reporting verb. */
  readonly direct: ReadonlySet<string>;
  /** The forms that also introduce reported speech without quotation marks. */
  readonly indirect: ReadonlySet<string>;
}

let cached: Cues | undefined;

export function cues(): Cues {
  if (cached) return cached;
  const entries = loadLexicon<SaidEntry>('said-verbs').entries;
  cached = {
    direct: new Set(entries.flatMap((e) => e.forms.map((f) => f.toLowerCase()))),
    indirect: new Set(entries.filter((e) => e.indirect !== false).flatMap((e) => e.forms.map((f) => f.toLowerCase()))),
  };
  return cached;
}
