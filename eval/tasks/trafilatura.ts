import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../../src/extract/charset.js';

/**
 * Shingle scoring of the article-extraction benchmark (scrapinghub/article-extraction-benchmark,
 * evaluate.py, re-implemented from the method described in ../shared/corpus/extraction-benchmark/README.md):
 * tokens are `\w+` runs, 4-token shingles are counted as multisets, and each page's tp/fp/fn are
 * normalised by their sum so every page weighs the same.
 *
 * @example
 * shingleCounts('a b c d e', 'a b c d'); // { tp: 0.5, fp: 0, fn: 0.5 }
 */
export function shingleCounts(gold: string, predicted: string): { tp: number; fp: number; fn: number } {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, n] of p) {
    const m = g.get(k) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [k, m] of g) fn += Math.max(0, m - (p.get(k) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

const WORD = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  // Texts shorter than n tokens still give one shingle, as the benchmark's own scorer does.
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    if (key) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Per-page counts → the benchmark's P/R/F1: means of per-page precision and recall, F1 of the means. */
export function shingleScore(pages: readonly { tp: number; fp: number; fn: number }[]): { precision: number; recall: number; f1: number } {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const { tp, fp, fn } of pages) {
    if (tp + fp > 0) ps.push(tp / (tp + fp));
    else if (fn === 0) ps.push(1);
    if (tp + fn > 0) rs.push(tp / (tp + fn));
    else if (fp === 0) rs.push(1);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Read a gzip-compressed page of the shared corpus and decode it by its declared charset. */
export function readPage(file: string): string {
  return decodeHtml(gunzipSync(readFileSync(file)));
}

/** Snippet counts as trafilatura's tests/eval_common.py defines them (re-implemented). */
export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Count `with` snippets found (TP) or missed (FN) and `without` snippets found (FP) or absent (TN)
 * in one extracted text, after collapsing whitespace on both sides.
 *
 * @example
 * snippetCounts('A body.', ['body'], ['menu']); // { tp: 1, fn: 0, fp: 0, tn: 1 }
 */
export function snippetCounts(text: string, withSnippets: readonly string[], withoutSnippets: readonly string[]): SnippetCounts {
  const t = squash(text);
  const c: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of withSnippets) t.includes(squash(s)) ? c.tp++ : c.fn++;
  for (const s of withoutSnippets) t.includes(squash(s)) ? c.fp++ : c.tn++;
  return c;
}
