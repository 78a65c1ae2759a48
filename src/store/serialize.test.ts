import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedJson } from './serialize.js';

describe('storedJson', () => {
  // Random strings over the ranges that matter: ASCII with quotes and controls, Latin-1, curly quotes, CJK, astral letters, lone surrogates.
  let state = 12345;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pools = [[0x00, 0x7f], [0x80, 0xff], [0x2018, 0x201f], [0x4e00, 0x4e80], [0xd800, 0xdfff], [0xe000, 0xe010], [0xfff0, 0xffff]];
  const text = () => {
    let s = '';
    for (let n = Math.floor(rand() * 40); n > 0; n--) {
      if (rand() < 0.1) s += String.fromCodePoint(0x1f600 + Math.floor(rand() * 50));
      else {
        const [a, b] = pools[Math.floor(rand() * pools.length)]!;
        s += String.fromCharCode(a! + Math.floor(rand() * (b! - a!)));
      }
    }
    return s;
  };

  it('gives the value JSON.stringify gives, in ASCII only', () => {
    for (let i = 0; i < 2000; i++) {
      const value = { [text()]: [text(), { quote: text(), n: i, nested: [text(), null, true] }] };
      const stored = storedJson(value);
      expect(stored).toMatch(/^[\x20-\x7e]*$/);
      expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(value)));
    }
  });

  it('reads back alike through SQLite\u2019s JSON functions', () => {
    const db = new Database(':memory:');
    const value = { title: 'Erdoğan’s “safe zone” — 安全区 😀', status: 'corroborated' };
    const row = db.prepare("SELECT json_extract(?, '$.title') AS t, json_extract(?, '$.status') AS s").get(storedJson(value), storedJson(value)) as { t: string; s: string };
    expect(row).toEqual({ t: value.title, s: value.status });
  });
});
