import { readFileSync } from 'node:fs';
import { briefHolds, claimHolds } from '../../src/crosscheck/index.js';
import { quotedRanges } from '../../src/crosscheck/framing.js';
import { stem, stemmedWords } from '../../src/lexicon/phrases.js';
import type { Article } from '../../src/model/article.js';
import type { StoryCheck } from '../../src/model/check.js';
import { words } from '../../src/reuse/words.js';
import { corpusPath, loadJsonl, round, type EvalTask, type Metrics, type ScoreRow, type TaskResult } from '../common.js';
import { partOf, type Part } from '../split.js';
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
  title_bias_spans?: BiasSpan[];
}
interface AllSidesRow {
  id: string;
  title: string | null;
  text: string;
  outlet: string | null;
  event_id: string;
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

type Check = { key: string; articles: Article[]; check: StoryCheck };

const GROUPING = 'each gold event is cross-checked as one story: the grouping is given, so this scores the cross-check alone (the stories eval scores the grouping)';

/** How many brief sentences and claims of these stories stand in the spans they cite. */
function citations(checks: readonly Check[]): Metrics {
  let briefs = 0;
  let briefsHold = 0;
  let claims = 0;
  let claimsHold = 0;
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
  return { 'brief sentences': briefs, 'stand in their spans': round(briefsHold / Math.max(1, briefs), 4), claims, 'text is a cited span': round(claimsHold / Math.max(1, claims), 4) };
}

/**
 * `npm run eval -- --only crosscheck`: loaded language on BASIL (parts by event), briefs on
 * AllSides (parts by story), and whether every brief sentence and claim stands in its spans. Each
 * gold event is cross-checked as one story (the grouping is given, so these figures score the
 * cross-check alone; the stories eval scores the grouping). The articles are read as the CLI
 * reads the files: AllSides' undated leads stay undated.
 */
export const task: EvalTask = {
  name: 'crosscheck',
  needs: ['basil', 'allsides-neus', 'lexicons'],
  async run(dir, { limit = Infinity }) {
    const results: TaskResult[] = [];

    // Loaded language against BASIL's lexical-bias spans.
    const basil = await loadJsonl<BasilRow>(corpusPath(dir, 'basil', 'basil.jsonl'), limit);
    const bySource = new Map(basil.map((r) => [`basil#${r.id}`, r]));
    const b = await checkGroups(goldDocs('basil', basil), (source) => bySource.get(source)!.event_id);
    const basilPart = (c: Check) => partOf('basil', c.key);
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
    const spansOf = (a: Article) => relocate(bySource.get(a.source)!.bias_spans, a.text);
    const lexical = basil.flatMap((r) => r.bias_spans.filter((x) => x.bias === 'lex'));
    const found = b.checks.flatMap(({ articles }) => articles.flatMap((a) => spansOf(a).filter((x) => x.bias === 'lex')));
    const events = (p: Part) => b.checks.filter((c) => basilPart(c) === p);
    const basilSplit = `by event (eval/split.ts): dev ${events('dev').length} events, test ${events('test').length}`;
    for (const voice of ['own', 'all'] as const) {
      const rows: ScoreRow[] = systems.map(([system, predict], k) => {
        const score = (p: Part): Metrics => {
          const s = scoreSpans(events(p).flatMap(({ articles, check }) => articles.map((a) => ({ pred: predict(a, check), gold: spansOf(a) }))), voice);
          return { precision: s.precision, recall: s.recall, f1: s.f1, predicted: s.predicted, gold: s.gold };
        };
        return { system, parts: { dev: score('dev'), test: score('test') }, ...(k === 0 && voice === 'own' ? { gate: ['f1'] } : {}) };
      });
      results.push({
        task: 'loaded language',
        id: `crosscheck/loaded-${voice}`,
        dataset: `BASIL lexical-bias spans, ${voice === 'own' ? "outlet's own voice (gold quote = no; ours: not inside quotation marks)" : 'all, quoted or not'} (${basil.length} articles)`,
        split: basilSplit,
        rows,
        notes: ['a predicted span is right when it overlaps a gold lexical-bias span; a gold span is found when a predicted span overlaps it', GROUPING],
        unscored: [
          { count: lexical.length - found.length, of: lexical.length, what: 'lexical-bias spans', why: 'their words are not in the cleaned text (cut as junk, or spaced otherwise)' },
          { count: basil.reduce((n, r) => n + r.bias_spans.filter((x) => x.bias === 'inf').length, 0), what: 'informational-bias spans', why: 'facts chosen to steer, not loaded words: not what this scores' },
          { count: basil.reduce((n, r) => n + (r.title_bias_spans?.length ?? 0), 0), what: 'headline bias spans', why: 'the headline is metadata, not scored text' },
        ].filter((u) => u.count > 0),
        files: ['basil/basil.jsonl', 'lexicons/recasens2013-bias-lexicon.txt', 'lexicons/mpqa-subjclueslen1-HLTEMNLP05.tff'],
      });
    }

    // Briefs against AllSides' neutral roundups.
    const all = await loadJsonl<AllSidesRow>(corpusPath(dir, 'allsides-neus', 'articles.jsonl'), limit);
    const rows = all.filter((r) => r.text?.trim());
    const events2 = new Map((await loadJsonl<AllSidesEvent>(corpusPath(dir, 'allsides-neus', 'events.jsonl'))).map((e) => [e.event_id, e]));
    const eventOf = new Map(rows.map((r) => [`allsides#${r.id}`, r.event_id]));
    const s = await checkGroups(goldDocs('allsides', rows), (source) => eventOf.get(source)!);
    const lead = (articles: readonly Article[]) => articles.map((a) => { const f = a.layers.sentences?.[0]; return f ? a.text.slice(f.start, f.end) : ''; }).join(' ');
    const rouge = (p: Part) => {
      const scores = { ours: [0, 0, 0], lead: [0, 0, 0] };
      let n = 0;
      for (const { key, articles, check } of s.checks) {
        const ref = events2.get(key)?.roundup?.[0];
        if (!ref || articles.length < 2 || partOf('allsides', key) !== p) continue;
        n++;
        const R = tokens(ref);
        const ours = tokens(check.brief.filter((x) => x.section === 'summary').map((x) => x.text).join(' '));
        for (const [k, sys] of [['ours', ours], ['lead', tokens(lead(articles))]] as const) {
          scores[k][0]! += rougeN(R, sys, 1);
          scores[k][1]! += rougeN(R, sys, 2);
          scores[k][2]! += rougeL(R, sys);
        }
      }
      const m = (x: number[]): Metrics => ({ 'ROUGE-1': round(x[0]! / Math.max(1, n)), 'ROUGE-2': round(x[1]! / Math.max(1, n)), 'ROUGE-L': round(x[2]! / Math.max(1, n)), stories: n });
      return { ours: m(scores.ours), lead: m(scores.lead) };
    };
    const [dev, test] = [rouge('dev'), rouge('test')];
    const briefless = s.checks.filter(({ key, articles }) => !events2.get(key)?.roundup?.[0] || articles.length < 2).length;
    results.push({
      task: 'brief',
      id: 'crosscheck/brief',
      dataset: `AllSides roundups, first paragraph (the neutral summary) as reference (${s.checks.length - briefless} stories of 2-3 outlet leads)`,
      split: 'by story (eval/split.ts)',
      rows: [
        { system: 'triangulate brief (summary sentences)', parts: { dev: dev.ours, test: test.ours }, gate: ['ROUGE-1', 'ROUGE-2', 'ROUGE-L'] },
        { system: 'baseline: lead sentence of each article', parts: { dev: dev.lead, test: test.lead } },
      ],
      notes: ['ROUGE F1 with Porter stems; the articles here are leads only (AllSides excerpts), which favours the lead baseline', GROUPING],
      unscored: [
        { count: all.length - rows.length, of: all.length, what: 'articles', why: 'no text in the corpus file' },
        { count: briefless, of: s.checks.length, what: 'stories', why: 'fewer than two articles read, or no roundup to compare with' },
      ].filter((u) => u.count > 0),
      files: ['allsides-neus/articles.jsonl', 'allsides-neus/events.jsonl'],
    });

    const seedRun = await checkGroups(goldDocs('seeds', seedRows(dir)), () => 'seeds');
    const allChecks = [...b.checks.map((c) => ({ c, p: basilPart(c) })), ...s.checks.map((c) => ({ c, p: partOf('allsides', c.key) })), ...seedRun.checks.map((c) => ({ c, p: 'dev' as Part }))];
    const holds = (p: Part) => citations(allChecks.filter((x) => x.p === p).map((x) => x.c));
    results.push({
      task: 'citations',
      id: 'crosscheck/citations',
      dataset: `every brief sentence and claim of BASIL (${b.checks.length}), AllSides (${s.checks.length}) and seeds (1) stories`,
      split: 'BASIL by event, AllSides by story (eval/split.ts); the seeds in dev',
      rows: [{ system: 'triangulate', parts: { dev: holds('dev'), test: holds('test') }, gate: ['stand in their spans', 'text is a cited span'] }],
      notes: ['target 100%: an extracted sentence must be one of its spans; a composed one must quote each of its spans word for word'],
      unscored: [],
      files: ['basil/basil.jsonl', 'allsides-neus/articles.jsonl', 'seeds/'],
    });
    return results;
  },
};
