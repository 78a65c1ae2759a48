import { fromRecord } from './record.js';
import type { Extracted, MetaHints } from './types.js';
import { InputError } from './types.js';

/**
 * Records of a JSON file (an object, an array, or `{articles: [...]}`) or of a JSON Lines file.
 * Each record's source is `path#<its id field>` or `path#<1-based index/line>`, so results join
 * back to the input. A bad JSON Lines line is one error; the other lines still load.
 */
export function fromJson(text: string, source: string, hints: MetaHints): (Extracted | InputError)[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [InputError.create(source, `malformed JSON: ${(error as Error).message.split('\n')[0]}`)];
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.articles) ? data.articles : [data];
  return list.map((r, i) => one(r, `${source}#${idOf(r) ?? i + 1}`, hints));
}

export function fromJsonLines(text: string, source: string, hints: MetaHints): (Extracted | InputError)[] {
  const out: (Extracted | InputError)[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (error) {
      out.push(InputError.create(`${source}#${i + 1}`, `malformed JSON line: ${(error as Error).message.split('\n')[0]}`));
      return;
    }
    out.push(one(r, `${source}#${idOf(r) ?? i + 1}`, hints));
  });
  return out;
}

function one(record: unknown, source: string, hints: MetaHints): Extracted | InputError {
  const x = fromRecord(record, source, hints);
  return typeof x === 'string' ? InputError.create(source, x) : { ...x, format: source.includes('.jsonl') ? 'jsonl' : 'json' };
}

function idOf(r: unknown): string | null {
  if (!isObject(r)) return null;
  const id = r.id ?? r._id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
