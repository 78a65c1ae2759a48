import { describe, expect, it } from 'vitest';
import { segment } from './index.js';
import { findParagraphs } from './paragraphs.js';
import { subheads } from './subheads.js';

const slices = (text: string) => segment(text).sentences.map((s) => text.slice(s.start, s.end));

describe('segment(text)', () => {
  it('ends a paragraph at every line break, and never merges sentences across one', () => {
    const text = 'Fighting escalates\nTurkey deployed troops. Russia objected.';
    const { paragraphs } = segment(text);
    expect(paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(['Fighting escalates', 'Turkey deployed troops. Russia objected.']);
    expect(slices(text)).toEqual(['Fighting escalates', 'Turkey deployed troops.', 'Russia objected.']);
  });

  it.each([
    ['title abbreviation', 'Mr. Erdogan spoke on Thursday. He was angry.', ['Mr. Erdogan spoke on Thursday.', 'He was angry.']],
    ['numbered list marker joins its item', '1. First, the HTS is weak.', ['1. First, the HTS is weak.']],
    ['closing quote stays with its sentence', '“We are making our final warnings.” Then he left.', ['“We are making our final warnings.”', 'Then he left.']],
    ['U.S. inside a sentence', 'The U.S. Defense Department said Esper spoke.', ['The U.S. Defense Department said Esper spoke.']],
  ])('%s', (_name, text, expected) => {
    expect(slices(text)).toEqual(expected);
  });

  it('gives token spans that slice back to the token text, even around contractions and curly quotes', () => {
    const text = "  It's not just Patriots — “we can't wait,” he said.\nTurkiye’s army didn't move.";
    const { tokens } = segment(text);
    expect(tokens.length).toBeGreaterThan(15);
    for (const t of tokens) {
      const surface = text.slice(t.start, t.end);
      expect(surface.trim()).toBe(surface);
      expect(surface.length).toBeGreaterThan(0);
    }
    expect(tokens.map((t) => text.slice(t.start, t.end))).toContain('Patriots');
  });
});

describe('subheads', () => {
  const text = [
    'Turkey called on the international community Friday to impose a no-fly zone in Syria.',
    'NATO talks',
    'Meanwhile, ambassadors from NATO countries are holding emergency talks at the request of Turkey, a member of the alliance.',
    'The new report details',
    'Turkey has asked the US to conduct aerial patrols in its airspace bordering the Syrian province of Idlib, an official said.',
    'Short line',
    'Too short after.',
  ].join('\n\n');

  it('keeps a short title-like line between paragraphs as a heading with no sentence in it', () => {
    const seg = segment(text);
    const heads = seg.paragraphs.filter((p) => p.heading).map((p) => text.slice(p.start, p.end));
    expect(heads).toEqual(['NATO talks']);
    for (const s of seg.sentences) expect(text.slice(s.start, s.end)).not.toBe('NATO talks');
    // Its words are still tokens (names in a subhead are found).
    expect(seg.tokens.some((t) => text.slice(t.start, t.end) === 'NATO' && t.start === text.indexOf('NATO talks'))).toBe(true);
  });

  it('is no heading when it ends with a reporting verb, or when no prose follows', () => {
    const ps = findParagraphs(text);
    const found = [...subheads(text, ps)].map((i) => text.slice(ps[i]!.start, ps[i]!.end));
    expect(found).not.toContain('The new report details');
    expect(found).not.toContain('Short line');
  });
});
