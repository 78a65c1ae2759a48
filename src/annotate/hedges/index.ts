import { Article } from '../../model/article.js';
import type { Hedge, Token } from '../../model/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import { loadLexicon, type LexiconEntry } from '../../lexicon/load.js';
import { checkDeadline } from '../../util/budget.js';

interface HedgeEntry extends LexiconEntry {
  readonly lowercase?: boolean;
}

let phrases: { map: Map<string, HedgeEntry>; longest: Map<string, number> } | undefined;
function lexicon() {
  if (phrases) return phrases;
  const map = new Map<string, HedgeEntry>();
  // First word → the most words of a phrase it opens: most tokens open none, and are passed at once.
  const longest = new Map<string, number>();
  for (const e of loadLexicon<HedgeEntry>('hedges').entries) {
    const key = e.term.toLowerCase();
    map.set(key, e);
    const words = key.split(' ');
    longest.set(words[0]!, Math.max(longest.get(words[0]!) ?? 0, words.length));
  }
  phrases = { map, longest };
  return phrases;
}

/**
 * Hedges: longest match of the hedge lexicon on whole tokens. Phrases are matched on the token
 * sequence, so "it seems" is one hedge and "seems" inside it is not counted twice.
 */
export function findHedges(text: string, tokens: readonly Token[]): Hedge[] {
  const { map, longest } = lexicon();
  const low = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const out: Hedge[] = [];
  for (let i = 0; i < tokens.length; i++) {
    checkDeadline();
    const max = longest.get(low[i]!);
    if (max === undefined) continue;
    for (let n = Math.min(max, tokens.length - i); n >= 1; n--) {
      const e = map.get(n === 1 ? low[i]! : low.slice(i, i + n).join(' '));
      if (!e) continue;
      if (e.lowercase && text.slice(tokens[i]!.start, tokens[i]!.end) !== low[i]) continue;
      out.push({ kind: 'hedge', start: tokens[i]!.start, end: tokens[i + n - 1]!.end });
      i += n - 1;
      break;
    }
  }
  return out;
}

export function hedges(): Stage<'hedges'> {
  return Object.freeze({
    name: 'hedges',
    needs: ['sentences'] as const,
    provides: 'hedges',
    run(article: Article): Article {
      return Article.withLayer(article, 'hedges', findHedges(article.text, article.layers.tokens ?? []));
    },
  });
}
