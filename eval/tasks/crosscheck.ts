import { readFileSync } from 'node:fs';
import { briefHolds, claimHolds } from '../../src/crosscheck/index.js';
import { quotedRanges } from '../../src/crosscheck/framing.js';
import { stem, stemmedWords } from '../../src/lexicon/phrases.js';
import type { Article } from '../../src/model/article.js';
import type { StoryCheck } from '../../src/model/check.js';
import { words } from '../../src/reuse/words.js';
import { corpusPath, loadJsonl, round, type EvalTask, type ScoreRow, type TaskResult } from '../common.js';
import { checkGroups, goldDocs, seedRows } from '../gold.js';

interface BiasSpan {
  start: number;
  end: number;
  text: string;
  bias: 'lex' | 'inf';
  quote: 'yes' | 'no';
}
interface BasilRow {
  id: string;
  title: string;
  text: string;
  outlet: string;
  published: string;
  event_id: string;
  bias_spans: BiasSpan[];
}
interface AllSidesRow {
  id: string;
  title: string | null;
  text: string;
  outlet: string | null;
  event_id: string;
  event_date: string;
}
interface AllSidesEvent {
  event_id: string;
  roundup: string[];
}

/**
 * Gold spans of the source text, found again in our cleaned text (cleaning may move offsets:
 * blank lines, cut junk). Each span is searched from where the previous one was found.
 */
function relocate(spans: readonly BiasSpan[], text: string): (BiasSpan & { at: number })[] {
  const out: (BiasSpan & { at: number })[] = [];
  let cursor = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    let at = text.indexOf(s.text, cursor);
    if (at < 0) at = text.indexOf(s.text);
    if (at < 0) continue;
    out.push({ ...s, at });
    cursor = at;
  }
  return out;
}

interface Predicted {
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** Lexicon baseline: every word whose stem (or form) is in the list, quoted or not by our quotation finder. */
function lexiconSpans(a: Article, list: ReadonlySet<string>, byStem: boolean): Predicted[] {
  const q = quotedRanges(a);
  return stemmedWords(a.text)
    .filter((w) => list.has(byStem ? w.stem : w.norm))
    .map((w) => ({ start: w.start, end: w.end, quoted: q.some(([s, e]) => w.start >= s && w.end <= e) }));
}

function scoreSpans(pairs: { pred: readonly Predicted[]; gold: readonly (BiasSpan & { at: number })[] }[], voice: 'own' | 'all') {
  let predicted = 0;
  let correct = 0;
  let gold = 0;
  let found = 0;
  for (const { pred, gold: g0 } of pairs) {
    const p = voice === 'own' ? pred.filter((x) => !x.quoted) : pred;
    const g = (voice === 'own' ? g0.filter((x) => x.quote === 'no') : g0).filter((x) => x.bias === 'lex');
    const hit = (x: Predicted, y: BiasSpan & { at: number }) => x.start < y.at + y.text.length && y.at < x.end;
    predicted += p.length;
    correct += p.filter((x) => g.some((y) => hit(x, y))).length;
    gold += g.length;
    found += g.filter((y) => p.some((x) => hit(x, y))).length;
  }
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? found / gold : 0;
  return { precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), predicted, gold };
}

// ROUGE, our own ~30 lines: the npm packages for it are unmaintained or pull in a tokenizer stack;
// this follows rouge-score's defaults (lower case, alphanumeric tokens, Porter stems, F1).
function tokens(s: string): string[] {
  return words(s).map((w) => stem(w.norm));
}
function rougeN(ref: readonly string[], sys: readonly string[], n: number): number {
  const grams = (t: readonly string[]) => {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= t.length; i++) m.set(t.slice(i, i + n).join(' '), (m.get(t.slice(i, i + n).join(' ')) ?? 0) + 1);
    return m;
  };
  const [r, s] = [grams(ref), grams(sys)];
  let overlap = 0;
  for (const [g, c] of s) overlap += Math.min(c, r.get(g) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const p = total(s) ? overlap / total(s) : 0;
  const rc = total(r) ? overlap / total(r) : 0;
  return p + rc ? (2 * p * rc) / (p + rc) : 0;
}
function rougeL(ref: readonly string[], sys: readonly string[]): number {
  const prev = new Array<number>(sys.length + 1).fill(0);
  for (let i = 1; i <= ref.length; i++) {
    let diag = 0;
    for (let j = 1; j <= sys.length; j++) {
      const up = prev[j]!;
      prev[j] = ref[i - 1] === sys[j - 1] ? diag + 1 : Math.max(prev[j]!, prev[j - 1]!);
      diag = up;
    }
  }
  const lcs = prev[sys.length]!;
  const p = sys.length ? lcs / sys.length : 0;
  const r = ref.length ? lcs / ref.length : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** `npm run eval -- --only crosscheck`: loaded language on BASIL, briefs on AllSides, and whether every brief sentence and claim stands in its spans. */
export const task: EvalTask = {
  name: 'crosscheck',
  needs: ['basil', 'allsides-neus', 'lexicons'],
  async run(dir, { limit = Infinity }) {
    const results: TaskResult[] = [];
    let briefs = 0;
    let briefsHold = 0;
    let claims = 0;
    let claimsHold = 0;
    const verify = (checks: { articles: Article[]; check: StoryCheck }[]) => {
      for (const { articles, check } of checks) {
        const byId = new Map(articles.map((a) => [a.id, a]));
        for (const b of check.brief) {
          briefs++;
          if (briefHolds(b, byId)) briefsHold++;
        }
        for (const c of check.claims) {
          claims++;
          if (claimHolds(c, byId)) claimsHold++;
        }
      }
    };

    // Loaded language against BASIL's lexical-bias spans.
    const basil = await loadJsonl<BasilRow>(corpusPath(dir, 'basil', 'basil.jsonl'), limit);
    const bySource = new Map(basil.map((r) => [`basil#${r.id}`, r]));
    const b = checkGroups(goldDocs('basil', basil), (source) => bySource.get(source)!.event_id);
    verify(b.checks);
    const recasens = new Set(readFileSync(corpusPath(dir, 'lexicons', 'recasens2013-bias-lexicon.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((w) => stem(w.toLowerCase())));
    const strong = new Set(
      readFileSync(corpusPath(dir, 'lexicons', 'mpqa-subjclueslen1-HLTEMNLP05.tff'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('type=strongsubj'))
        .map((l) => /word1=(\S+)/.exec(l)?.[1]?.toLowerCase())
        .filter((w): w is string => !!w),
    );
    const systems: [string, (a: Article, check: StoryCheck) => Predicted[]][] = [
      ['triangulate (loaded.yml, own voice vs quoted)', (a, check) => check.loaded.filter((l) => l.articleId === a.id)],
      ['baseline: Recasens 2013 bias lexicon (stems)', (a) => lexiconSpans(a, recasens, true)],
      ['baseline: MPQA strong subjective clues', (a) => lexiconSpans(a, strong, false)],
    ];
    for (const voice of ['own', 'all'] as const) {
      const rows: ScoreRow[] = systems.map(([system, predict]) => {
        const pairs = b.checks.flatMap(({ articles, check }) => articles.map((a) => ({ pred: predict(a, check), gold: relocate(bySource.get(a.source)!.bias_spans, a.text) })));
        const s = scoreSpans(pairs, voice);
        return { system, metrics: { precision: s.precision, recall: s.recall, f1: s.f1, predicted: s.predicted, gold: s.gold } };
      });
      results.push({
        task: 'loaded language',
        dataset: `BASIL lexical-bias spans, ${voice === 'own' ? "outlet's own voice (gold quote = no; ours: not inside quotation marks)" : 'all, quoted or not'} (${basil.length} articles)`,
        rows,
        notes: ['a predicted span is right when it overlaps a gold lexical-bias span; a gold span is found when a predicted span overlaps it'],
      });
    }

    // Briefs against AllSides' neutral roundups.
    const rows = (await loadJsonl<AllSidesRow>(corpusPath(dir, 'allsides-neus', 'articles.jsonl'), limit)).filter((r) => r.text?.trim());
    const events = new Map((await loadJsonl<AllSidesEvent>(corpusPath(dir, 'allsides-neus', 'events.jsonl'))).map((e) => [e.event_id, e]));
    const eventOf = new Map(rows.map((r) => [`allsides#${r.id}`, r.event_id]));
    const s = checkGroups(goldDocs('allsides', rows), (source) => eventOf.get(source)!);
    verify(s.checks);
    const scores = { ours: [0, 0, 0], lead: [0, 0, 0] };
    let n = 0;
    for (const { key, articles, check } of s.checks) {
      const ref = events.get(key)?.roundup?.[0];
      if (!ref || articles.length < 2) continue;
      n++;
      const R = tokens(ref);
      const ours = tokens(check.brief.filter((x) => x.section === 'summary').map((x) => x.text).join(' '));
      const lead = tokens(articles.map((a) => { const f = a.layers.sentences?.[0]; return f ? a.text.slice(f.start, f.end) : ''; }).join(' '));
      for (const [k, sys] of [['ours', ours], ['lead', lead]] as const) {
        scores[k][0]! += rougeN(R, sys, 1);
        scores[k][1]! += rougeN(R, sys, 2);
        scores[k][2]! += rougeL(R, sys);
      }
    }
    const row = (system: string, x: number[]): ScoreRow => ({ system, metrics: { 'ROUGE-1': round(x[0]! / n), 'ROUGE-2': round(x[1]! / n), 'ROUGE-L': round(x[2]! / n) } });
    results.push({
      task: 'brief',
      dataset: `AllSides roundups, first paragraph (the neutral summary) as reference (${n} stories of 2-3 outlet leads)`,
      rows: [row('triangulate brief (summary sentences)', scores.ours), row('baseline: lead sentence of each article', scores.lead)],
      notes: ['ROUGE F1 with Porter stems; the articles here are leads only (AllSides excerpts), which favours the lead baseline'],
    });

    const seedRun = checkGroups(goldDocs('seeds', seedRows(dir)), () => 'seeds');
    verify(seedRun.checks);
    results.push({
      task: 'citations',
      dataset: `every brief sentence and claim of BASIL (${b.checks.length}), AllSides (${s.checks.length}) and seeds (1) stories`,
      rows: [{ system: 'triangulate', metrics: { 'brief sentences': briefs, 'stand in their spans': round(briefsHold / Math.max(1, briefs), 4), claims, 'text is a cited span': round(claimsHold / Math.max(1, claims), 4) } }],
      notes: ['target 100%: an extracted sentence must be one of its spans; a composed one must quote each of its spans word for word'],
    });
    return results;
  },
};
