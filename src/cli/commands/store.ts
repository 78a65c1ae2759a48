import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import type { RunResult } from '../../model/run.js';
import { defaultDbPath } from '../../store/location.js';
import type { SearchHit, StorySummary } from '../../store/store.js';
import { clip } from '../../report/view.js';
import { fileLabel } from '../../util/names.js';
import { progress, useColor } from '../io.js';
import { addReportOptions, emitReports, type ReportOptions } from './analyze.js';
import { addInputOptions, checkOutputs, examples, exitCode, parseIsoDay, readingOptions, undatedWarning, writeJson, type InputOptions } from './options.js';
import type { StoryFilter, StorySort } from '../../store/browse.js';
import { CLAIM_STATUSES } from '../../model/check.js';
import { plural } from '../../report/check-view.js';

export const dbOption = () => new Option('--db <file|url>', 'the store: a SQLite file, or a postgres://… URL (docs/store.md); default: $TRIANGULATE_DB or your data directory').default(undefined, defaultDbPath());
const dbPath = (opts: { db?: string }) => opts.db ?? defaultDbPath();

/**
 * The orders `stories --sort` takes: the keys of store/browse.ts's STORY_SORTS, written out here so
 * that `--help` does not load the store (a test keeps the two lists equal).
 */
export const STORY_SORT_NAMES: readonly StorySort[] = ['newest', 'oldest', 'articles'];

/** The store and its modules, loaded when a command runs, not for its --help. */
export const storeModule = async () => ({ ...(await import('../../store/store.js')), ...(await import('../../store/open.js')) });

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** `triangulate ingest <inputs...>`: read, annotate and store articles; place each in a story and trace its copies. */
export function ingestCommand(setExit: (code: number) => void): Command {
  const cmd = new Command('ingest')
    .description('add articles to the store: each joins a story (or starts one) and its copied text is traced; ingesting an article twice changes nothing')
    .argument('<inputs...>', 'paths, directories (recursive), http(s) URLs or feeds; - reads stdin')
    .addOption(dbOption());
  return addInputOptions(cmd)
    .addOption(new Option('--commit-every <n>', 'articles written per transaction, at most: each chunk of 500 articles (the unit workers share) commits on its own too (a killed ingest keeps every commit)').argParser(positiveInt).default(500))
    .option('--no-crosscheck', 'do not cross-check the stories that changed now (the web app and `story` then do it when a story is first read)')
    .option('--json [file]', 'write the summary as JSON to FILE, or to stdout without one')
    .addHelpText(
      'after',
      examples([
        ['triangulate ingest reports/', 'add a folder to the default store'],
        ['triangulate ingest https://example.org/feed.xml --db news.db', 'every item of a feed, into news.db'],
        ['triangulate ingest export.jsonl --manifest outlets.csv --json summary.json', 'metadata from a manifest; the summary as JSON'],
      ]),
    )
    .action(async (inputs: string[], opts: InputOptions & { db?: string; commitEvery: number; json?: string | true; crosscheck: boolean }) => {
      checkOutputs({ json: opts.json });
      const path = dbPath(opts);
      const [{ openStore }, { ingestIntoStore }] = await Promise.all([storeModule(), import('../../app/ingest.js')]);
      const store = await openStore(path, { create: true });
      let unlock: () => Promise<void>;
      try {
        unlock = await store.ingestLock();
      } catch (error) {
        await store.close();
        throw error;
      }
      const bar = progress();
      try {
        const s = await ingestIntoStore(store, inputs, { ...readingOptions(opts, bar), commitEvery: opts.commitEvery, crossCheck: opts.crosscheck });
        bar.done();
        const warning = undatedWarning(s.undated ?? 0, s.added);
        if (warning) process.stderr.write(`triangulate: warning: ${warning}\n`);
        const totals = await store.counts();
        if (opts.json) {
          const { errors, ...rest } = s;
          writeJson(opts.json, { db: store.location, ...rest, errors: errors.length, store: totals });
        } else {
          process.stdout.write(
            `${plural(s.added, 'new article')} stored (${s.known} already there), ${plural(s.newStories, 'new story', 'new stories')}, ${s.grownStories} grown, ${plural(s.reusePairs, 'reuse pair')}\n` +
              `${store.location}: ${plural(totals.articles, 'article')}, ${plural(totals.stories, 'story', 'stories')}\n`,
          );
        }
        setExit(exitCode(s.errors.length, s.read, inputs.length));
      } finally {
        bar.done();
        await unlock();
        await store.close();
      }
    });
}

/** `triangulate stories`: the stored stories, newest first. */
export function storiesCommand(): Command {
  return new Command('stories')
    .description('list the stories in the store, newest first, with their outlets, article counts and dates')
    .addOption(dbOption())
    .addOption(new Option('-n, --limit <n>', 'show at most this many').argParser(positiveInt).default(20))
    .option('--all', 'show every story')
    .option('--outlet <name>', 'stories with an article from this outlet')
    .addOption(new Option('--kind <kind>', 'stories with an article of this kind').choices(['news', 'opinion', 'unknown']))
    .addOption(new Option('--verdict <status>', 'stories with a claim of this verdict (as kept by ingest)').choices(Object.keys(CLAIM_STATUSES)))
    .option('--from <YYYY-MM-DD>', 'stories with an article published on or after this day', parseIsoDay)
    .option('--to <YYYY-MM-DD>', 'stories with an article published on or before this day', parseIsoDay)
    .addOption(new Option('--sort <order>', 'newest (default), oldest, or articles (most first)').choices(STORY_SORT_NAMES))
    .option('--json [file]', 'write JSON ({"stories": [...]}) to FILE, or to stdout without one')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .addHelpText(
      'after',
      examples([
        ['triangulate stories', 'the 20 newest stories'],
        ['triangulate stories --all --json stories.json', 'every story, as JSON in a file'],
        ['triangulate stories --verdict contested --outlet "Daily Blaze" --sort articles', 'the stories with a contested claim that Daily Blaze covered, biggest first'],
      ]),
    )
    .action(async (opts: { db?: string; limit: number; all?: boolean; json?: string | true; color?: boolean } & StoryFilter) => {
      checkOutputs({ json: opts.json });
      const { openStore } = await storeModule();
      const store = await openStore(dbPath(opts), { readonly: true });
      try {
        const filter: StoryFilter = { outlet: opts.outlet, kind: opts.kind, verdict: opts.verdict, from: opts.from, to: opts.to, sort: opts.sort };
        const found = await store.findStories(filter, { limit: opts.all ? -1 : opts.limit, offset: 0 });
        const stories = found.stories;
        const filtered = Boolean(filter.outlet || filter.kind || filter.verdict || filter.from || filter.to);
        const totals = filtered ? { ...(await store.counts()), stories: found.total } : await store.counts();
        if (opts.json) {
          writeJson(opts.json, { db: store.location, total: totals.stories, stories });
          return;
        }
        const c = pc.createColors(useColor(process.stdout, opts.color));
        const order = opts.sort === 'oldest' ? 'oldest first' : opts.sort === 'articles' ? 'most articles first' : 'newest first';
        process.stdout.write(c.bold(filtered ? `${plural(totals.stories, 'story', 'stories')} match in ${store.location}; ${order}\n` : `${plural(totals.stories, 'story', 'stories')}, ${plural(totals.articles, 'article')} in ${store.location}; ${order}\n`));
        for (const s of stories) process.stdout.write(storyLines(s, c, Math.min(process.stdout.columns || 100, 120)));
        if (stories.length < totals.stories) process.stdout.write(c.dim(`\n(${totals.stories - stories.length} more; --all or --limit N)\n`));
      } finally {
        await store.close();
      }
    });
}

function storyLines(s: StorySummary, c: ReturnType<typeof pc.createColors>, width: number): string {
  const dates = s.firstPublished === s.lastPublished ? (s.firstPublished ?? 'undated') : `${s.firstPublished ?? '?'} – ${s.lastPublished ?? '?'}`;
  const outlets = s.outlets.length ? s.outlets.join(', ') : 'no outlet named';
  return `\n${c.cyan(s.id)}  ${c.bold(clip(s.title, width - 14))}\n            ${c.dim(clip(`${dates} · ${plural(s.articleCount, 'article')} · ${outlets}`, width - 12))}\n`;
}

/** `triangulate story <id>`: one stored story, in every report format analyze has. */
export function storyCommand(): Command {
  const cmd = new Command('story')
    .description('report one stored story (its articles, annotations, copy chain and cross-check: claims, conflicts, framing, timeline, brief) in the terminal, JSON, Markdown or HTML')
    .argument('<id>', 'story id as `triangulate stories` prints it (a unique prefix of 4 or more characters will do)')
    .addOption(dbOption());
  addReportOptions(cmd)
    .addHelpText(
      'after',
      examples([
        ['triangulate story 3f2a', 'the story whose id starts with 3f2a, in the terminal'],
        ['triangulate story 3f2a --html story.html --csv story-csv/', 'as one HTML page with its charts, and as CSV tables'],
        ['triangulate story 3f2a --all --json', 'every claim; the JSON report on stdout'],
      ]),
    )
    .action(async (id: string, opts: ReportOptions & { db?: string }) => {
    checkOutputs(opts);
    const [{ openStore }, { checkedStory }] = await Promise.all([storeModule(), import('../../app/stories.js')]);
    const store = await openStore(dbPath(opts), { readonly: true });
    try {
      // The cross-check kept by ingest when it is current, else computed here (a reader does not write the store).
      const { story, articles, entities } = (await checkedStory(store, await store.resolveStory(id), { save: false }))!;
      const line = await store.storylineForStory(story.id);
      const run: RunResult = { articles, entities, stories: [story], ...(line ? { storylines: [line] } : {}), errors: [] };
      await emitReports(run, opts);
    } finally {
      await store.close();
    }
  });
  return cmd;
}

/** `triangulate search <query>`: full-text search with snippets. */
export function searchCommand(): Command {
  return new Command('search')
    .description('full-text search over the stored articles (stemmed; "a phrase", OR, NOT and prefix* work), best match first')
    .argument('<query...>', 'words to look for')
    .addOption(dbOption())
    .addOption(new Option('-n, --limit <n>', 'show at most this many hits').argParser(positiveInt).default(20))
    .option('--json [file]', 'write JSON ({"hits": [...]}; matches in snippets between [ and ]) to FILE, or to stdout without one')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .addHelpText(
      'after',
      examples([
        ['triangulate search chlorine', 'articles that say chlorine (or chlorinated: words are stemmed)'],
        ['triangulate search \'"no-fly zone" OR patriot*\' -n 5', 'a phrase or a prefix, the five best'],
      ]),
    )
    .action(async (words: string[], opts: { db?: string; limit: number; json?: string | true; color?: boolean }) => {
      checkOutputs({ json: opts.json });
      const { openStore, MATCH_START, MATCH_END } = await storeModule();
      const marked = markers(MATCH_START, MATCH_END);
      const store = await openStore(dbPath(opts), { readonly: true });
      try {
        const query = words.join(' ');
        const hits = await store.search(query, { limit: opts.limit });
        if (opts.json) {
          const plain = hits.map((h) => ({ ...h, snippet: marked(h.snippet.replace(/\s+/g, ' ').trim(), '[', ']') }));
          writeJson(opts.json, { db: store.location, query, hits: plain });
          return;
        }
        const color = useColor(process.stdout, opts.color);
        if (hits.length === 0) process.stdout.write(`no article matches ${JSON.stringify(query)}\n`);
        for (const h of hits) process.stdout.write(hitLines(h, color, Math.min(process.stdout.columns || 100, 120), marked));
      } finally {
        await store.close();
      }
    });
}

function hitLines(h: SearchHit, color: boolean, width: number, marked: Marked): string {
  const c = pc.createColors(color);
  const head = [h.outlet ?? fileLabel(h.source, h.title), h.published ?? 'undated', h.title ?? h.source].join(' · ');
  // The snippet comes from the cleaned text (no control characters but the store's two markers).
  const snippet = h.snippet.replace(/\s+/g, ' ').trim();
  return `\n${c.cyan(h.storyId)} ${c.bold(clip(head, width - 12))}\n  ${color ? marked(snippet, '\u001b[1m\u001b[33m', '\u001b[22m\u001b[39m') : marked(snippet, '[', ']')}\n`;
}

type Marked = (snippet: string, open: string, close: string) => string;

/** Replace the store's match markers (control characters never found in article text) with visible ones. */
function markers(start: string, end: string): Marked {
  return (snippet, open, close) => snippet.split(start).join(open).split(end).join(close);
}
