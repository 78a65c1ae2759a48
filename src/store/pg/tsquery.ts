/**
 * Our search syntax (FTS5's, as users type it on SQLite: words, "a phrase", OR, AND, NOT,
 * prefix*, parentheses, NEAR(...)) as a PostgreSQL tsquery text for `to_tsquery('english', ...)`.
 * Each term is quoted, so nothing a user types is read as tsquery syntax; PostgreSQL stems the
 * terms as it stemmed the texts. Returns null when the query is not valid in our syntax (a stray
 * quote, an operator with nothing on one side, unbalanced parentheses): the caller then searches
 * the words as plain words, as the SQLite engine does. Written here because no library translates
 * FTS5 queries to tsquery.
 *
 * Precedence as in FTS5: NOT binds tightest, then AND (or two terms side by side), then OR; tsquery
 * has the same order for !, & and |, and `a NOT b` is `a & !b`.
 *
 * @example
 * toTsquery('"air patrols" Idlib OR refug*'); // "('air' <-> 'patrols') & 'Idlib' | 'refug':*"
 * toTsquery('a OR'); // null
 */
export function toTsquery(query: string): string | null {
  const tokens = tokenize(query);
  if (!tokens) return null;
  let i = 0;
  const peek = () => tokens[i];
  // or := and (OR and)* ; and := not ((AND)? not)* ; not := unit (NOT unit)* ; unit := term | ( or )
  const parseOr = (): string | null => {
    const parts = [parseAnd()];
    while (peek()?.kind === 'OR') {
      i++;
      parts.push(parseAnd());
    }
    return parts.includes(null) ? null : parts.join(' | ');
  };
  const parseAnd = (): string | null => {
    const parts = [parseNot()];
    for (;;) {
      const t = peek();
      if (t?.kind === 'AND') {
        i++;
        parts.push(parseNot());
      } else if (t && (t.kind === 'term' || t.kind === '(')) parts.push(parseNot());
      else break;
    }
    return parts.includes(null) ? null : parts.join(' & ');
  };
  const parseNot = (): string | null => {
    let left = parseUnit();
    while (left !== null && peek()?.kind === 'NOT') {
      i++;
      const right = parseUnit();
      left = right === null ? null : `${left} & !${right}`;
    }
    return left;
  };
  const parseUnit = (): string | null => {
    const t = tokens[i++];
    if (!t) return null;
    if (t.kind === 'term') return t.text;
    if (t.kind !== '(') return null;
    const inner = parseOr();
    if (inner === null || tokens[i++]?.kind !== ')') return null;
    return `(${inner})`;
  };
  const out = parseOr();
  return out !== null && i === tokens.length ? out : null;
}

type Token = { kind: 'term'; text: string } | { kind: 'OR' | 'AND' | 'NOT' | '(' | ')' };

/** The query as tokens, each phrase or word a quoted tsquery term; null on a stray quote. */
function tokenize(query: string): Token[] | null {
  const tokens: Token[] = [];
  const re = /"([^"]*)"(\*?)|NEAR\s*\(|\(|\)|,\s*\d+\s*(?=\))|,|[^\s"(),]+/gy;
  let rest = query.trim();
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (!rest) return tokens;
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m) return null; // a quote that does not close
    rest = rest.slice(m[0].length);
    const t = m[0];
    if (m[1] !== undefined) {
      const phrase = termOf(m[1], m[2] === '*');
      if (phrase) tokens.push({ kind: 'term', text: phrase });
    } else if (/^NEAR\s*\($/.test(t) || t === '(') tokens.push({ kind: '(' });
    else if (t === ')') tokens.push({ kind: ')' });
    else if (t.startsWith(',')) continue; // NEAR's distance (terms near one another are searched as all of them), or a stray comma
    else if (t === 'OR' || t === 'AND' || t === 'NOT') tokens.push({ kind: t });
    else {
      const word = termOf(t.replace(/\*$/, ''), t.endsWith('*'));
      if (word) tokens.push({ kind: 'term', text: word });
    }
  }
}

/** Words as one tsquery term: a word quoted, a phrase as its words in sequence; null when no word is left. */
function termOf(text: string, prefix: boolean): string | null {
  const words = text.match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu)?.map((w) => w.replace(/['’]/g, '')) ?? [];
  if (words.length === 0) return null;
  const quoted = words.map((w, k) => `'${w}'${prefix && k === words.length - 1 ? ':*' : ''}`);
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' <-> ')})`;
}

/** The words of a query as a plain tsquery (every word), or null when there is none. */
export function plainTsquery(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `'${w}'`).join(' & ') : null;
}
