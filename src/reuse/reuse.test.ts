import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, describeShared, seeds } from '../../test/helpers/shared.js';
import { edits } from './diff.js';
import { fingerprint, overlap, words } from './index.js';
import { shingles } from './shingles.js';
import { fnv, WORD, wordHashes } from './words.js';

const WIRE = `Officials in the port city said on Tuesday that the storm had destroyed at least forty homes along the coast.
Emergency crews worked through the night to restore power to the northern districts, the regional governor told reporters.
"We have never seen water rise this fast," said a fisherman who lost his boat.
The national weather service expects a second storm to reach the coast by the end of the week.`;

/** Deterministic PRNG (mulberry32) so synthetic edits are the same on every run. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('words', () => {
  it('keeps character offsets and folds case, accents and curly apostrophes', () => {
    const text = 'Türkiye’s large-scale S-400 deal';
    const ws = words(text);
    expect(ws.map((w) => text.slice(w.start, w.end))).toEqual(['Türkiye’s', 'large-scale', 'S-400', 'deal']);
    expect(ws[0]!.norm).toBe("turkiye's");
  });

  it('gives each word the normal form of the word alone, also where lower-casing the whole text would not (İ, final sigma)', () => {
    // Each word folded on its own: what the text lowered once must give.
    const alone = (w: string) => {
      const lower = w.toLowerCase().replace(/’/g, "'");
      return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}+/gu, '') : lower;
    };
    const texts = [
      'Officials said on TUESDAY that “forty” homes were lost; Ankara’s envoy disagreed.',
      'Erdoğan met Mitsotakis in ATHENS — Çavuşoğlu’s aides said nothing. Café, naïve, São Paulo.',
      'İstanbul’s mayor İmamoğlu spoke after the İzmir quake; DİYANET was silent.',
      'ΟΔΟΣ ΑΘΗΝΩΝ: Ο ΠΡΟΕΔΡΟΣ ΕΙΠΕ ΟΤΙ ΟΙ ΔΡΟΜΟΙ ΚΛΕΙΣΤΟΙ. Σήμερα.',
    ];
    for (const text of texts) {
      const ws = words(text);
      expect(ws.length).toBeGreaterThan(5);
      for (const w of ws) expect(w.norm, text.slice(w.start, w.end)).toBe(alone(text.slice(w.start, w.end)));
    }
    expect(words('ΟΔΟΣ ΑΘΗΝΩΝ')[0]!.norm).toBe('οδος');
  });

  it('finds the spans the word pattern matches, on texts made of joiners, marks, digits, scripts and astral letters', () => {
    // Pieces a scanner can get wrong: joiners at either end or doubled, combining marks (not word
    // characters), astral letters and digits (two code units), lone surrogates, CJK, Arabic digits.
    const pieces = ['a', 'Z', '7', "'", '’', '-', ' ', '.', 'é', 'e\u0301', 'ß', 'İ', 'Σ', 'ж', '中', '٣', '𝐀', '𝟘', '😀', '\ud800', '\udc00', '\u00a0', '_', '‐', '\n'];
    const next = rng(7);
    const spans = (t: string) => [...t.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
    for (let n = 0; n < 3000; n++) {
      let t = '';
      const len = 1 + Math.floor(next() * 24);
      for (let i = 0; i < len; i++) t += pieces[Math.floor(next() * pieces.length)];
      expect(words(t).map((w) => [w.start, w.end]), JSON.stringify(t)).toEqual(spans(t));
      // The hashes shingles are made of, without the words: those of the words' normal forms.
      expect([...wordHashes(t)], JSON.stringify(t)).toEqual(words(t).map((w) => fnv(w.norm)));
    }
    expect(words(WIRE).map((w) => [w.start, w.end])).toEqual(spans(WIRE));
  });
});

describe('edits', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'b', 'c'], []],
    [['ongoing', 'military'], ['imminent', 'large-scale', 'military'], [{ aStart: 0, aEnd: 1, bStart: 0, bEnd: 2 }]],
    [['from', 'nato', 'to'], ['from', 'us-led', 'nato', 'to'], [{ aStart: 1, aEnd: 1, bStart: 1, bEnd: 2 }]],
    [['x', 'y', 'z'], ['x', 'z'], [{ aStart: 1, aEnd: 2, bStart: 1, bEnd: 1 }]],
  ])('diffs %j against %j', (a, b, expected) => {
    expect(edits(a, b)).toEqual(expected);
  });
});

describe('overlap', () => {
  it('names the words a rewrite changed', () => {
    const rewrite = WIRE.replace('at least forty', 'more than fifty').replace('the regional governor', 'a local official').replace('"We have never seen water rise this fast," said a fisherman who lost his boat.\n', '');
    const o = overlap(fingerprint(WIRE), fingerprint(rewrite))!;
    expect(o.kind).toBe('passage');
    const changes = o.passages.flatMap((p) => p.changes.map((c) => [c.from, c.to]));
    expect(changes).toEqual(expect.arrayContaining([['at least forty', 'more than fifty'], ['the regional governor', 'a local official']]));
    for (const p of o.passages) for (const c of p.changes) {
      expect(WIRE.slice(c.fromStart, c.fromEnd)).toBe(c.from);
      expect(rewrite.slice(c.toStart, c.toEnd)).toBe(c.to);
    }
  });

  it('tells exact copies and near-duplicates from passage reuse', () => {
    expect(overlap(fingerprint(WIRE), fingerprint(WIRE))!.kind).toBe('exact');
    expect(overlap(fingerprint(WIRE), fingerprint(WIRE.replace('Tuesday', 'Wednesday')))!.kind).toBe('near-duplicate');
  });

  it('finds nothing between unrelated texts that share only stock phrases', () => {
    const other = 'The central bank said on Tuesday that it would keep interest rates on hold for the rest of the year, the governor told reporters.';
    expect(overlap(fingerprint(WIRE), fingerprint(other))).toBeNull();
  });
});

describeShared('words on real text', () => {
  it('finds the spans the word pattern matches in the five seed reports, and fingerprints shingle their words', () => {
    for (const { file, text } of seeds()) {
      expect(words(text).map((w) => [w.start, w.end]), file).toEqual([...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]));
      const fp = fingerprint(text);
      expect([...fp.shingles], file).toEqual([...shingles(words(text))]);
      expect(fp.words).toEqual(words(text));
    }
  });
});

describeShared('overlap on real text', () => {
  it('finds the Middle East Eye passage two seeds rewrite, with the changed words', () => {
    const [a, b] = seeds();
    const o = overlap(fingerprint(a!.text), fingerprint(b!.text))!;
    const changes = o.passages.flatMap((p) => p.changes.map((c) => `${c.from} → ${c.to}`));
    expect(changes).toContain('ongoing → imminent large-scale');
    expect(changes).toContain('forces loyal to Damascus → the Syrian army');
    expect(changes).toContain(' → US-led');
    const all = seeds().map((s) => fingerprint(s.text));
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
      if (i === 0 && j === 1) continue;
      expect(overlap(all[i]!, all[j]!), `seeds ${i} and ${j} share no passage`).toBeNull();
    }
  });

  it('recovers known random edits in real articles', () => {
    const lines = readFileSync(join(corpus!, 'polnear', 'polnear.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 40);
    const random = rng(7);
    let planted = 0;
    let found = 0;
    for (const line of lines) {
      const text = (JSON.parse(line) as { text: string }).text;
      const ws = words(text);
      if (ws.length < 120) continue;
      // Replace five well-spaced words with a marker word; each must come back as one change.
      const picks = [0, 1, 2, 3, 4].map((k) => Math.floor(((k + random()) / 5) * (ws.length - 20)) + 10);
      let copy = text;
      for (const i of [...picks].reverse()) copy = copy.slice(0, ws[i]!.start) + 'zzedit' + copy.slice(ws[i]!.end);
      const o = overlap(fingerprint(text), fingerprint(copy))!;
      const changes = o.passages.flatMap((p) => p.changes);
      for (const i of picks) {
        planted++;
        if (changes.some((c) => c.to === 'zzedit' && c.fromStart === ws[i]!.start)) found++;
      }
    }
    expect(planted).toBeGreaterThan(50);
    expect(found / planted).toBeGreaterThan(0.95);
  });
});
