import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { ingestIntoStore } from '../../app/ingest.js';
import { checkedStory } from '../../app/stories.js';
import type { RunResult } from '../../model/run.js';
import { defaultDbPath, lockForIngest, MATCH_END, MATCH_START, Store, type SearchHit, type StorySummary } from '../../store/index.js';
import { clip } from '../../report/view.js';
import { progress, useColor } from '../io.js';
import { addReportOptions, emitReports, type ReportOptions } from './analyze.js';
import { addInputOptions, exitCode, readingOptions, type InputOptions } from './options.js';

const dbOption = () => new Option('--db <file>', 'the store (SQLite); default: $TRIANGULATE_DB or your data directory').default(undefined, defaultDbPath());
const dbPath = (opts: { db?: string }) => opts.db ?? defaultDbPath();

function positiveInt(value: string): number {
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
    .addOption(new Option('--commit-every <n>', 'articles written per transaction (a killed ingest keeps every commit)').argParser(positiveInt).default(500))
    .option('--no-crosscheck', 'do not cross-check the stories that changed now (the web app and `story` then do it when a story is first read)')
    .option('--json', 'print the summary as JSON')
    .action(async (inputs: string[], opts: InputOptions & { db?: string; commitEvery: number; json?: boolean; crosscheck: boolean }) => {
      const path = dbPath(opts);
      const store = Store.open(path, { create: true });
      const unlock = lockForIngest(path);
      const bar = progress();
      try {
        const s = await ingestIntoStore(store, inputs, { ...readingOptions(opts, bar), commitEvery: opts.commitEvery, crossCheck: opts.crosscheck });
        bar.done();
        const totals = store.counts();
        if (opts.json) {
          const { errors, ...rest } = s;
          process.stdout.write(JSON.stringify({ db: path, ...rest, errors: errors.length, store: totals }, null, 2) + '\n');
        } else {
          process.stdout.write(
            `${s.added} new article${s.added === 1 ? '' : 's'} stored (${s.known} already there), ${s.newStories} new stor${s.newStories === 1 ? 'y' : 'ies'}, ${s.grownStories} grown, ${s.reusePairs} reuse pair${s.reusePairs === 1 ? '' : 's'}\n` +
              `${path}: ${totals.articles} articles, ${totals.stories} stories\n`,
          );
        }
        setExit(exitCode(s.errors.length, s.read, inputs.length));
      } finally {
        bar.done();
        unlock();
        store.close();
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
    .option('--json', 'print JSON ({"stories": [...]})')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .action((opts: { db?: string; limit: number; all?: boolean; json?: boolean; color?: boolean }) => {
      const store = Store.open(dbPath(opts), { readonly: true });
      try {
        const stories = store.listStories({ limit: opts.all ? -1 : opts.limit });
        const totals = store.counts();
        if (opts.json) {
          process.stdout.write(JSON.stringify({ db: store.path, total: totals.stories, stories }, null, 2) + '\n');
          return;
        }
        const c = pc.createColors(useColor(process.stdout, opts.color));
        process.stdout.write(c.bold(`${totals.stories} stories, ${totals.articles} articles in ${store.path}; newest first\n`));
        for (const s of stories) process.stdout.write(storyLines(s, c, Math.min(process.stdout.columns || 100, 120)));
        if (stories.length < totals.stories) process.stdout.write(c.dim(`\n(${totals.stories - stories.length} more; --all or --limit N)\n`));
      } finally {
        store.close();
      }
    });
}

function storyLines(s: StorySummary, c: ReturnType<typeof pc.createColors>, width: number): string {
  const dates = s.firstPublished === s.lastPublished ? (s.firstPublished ?? 'undated') : `${s.firstPublished ?? '?'} – ${s.lastPublished ?? '?'}`;
  const outlets = s.outlets.length ? s.outlets.join(', ') : 'outlet unknown';
  return `\n${c.cyan(s.id)}  ${c.bold(clip(s.title, width - 14))}\n            ${c.dim(clip(`${dates} · ${s.articleCount} article${s.articleCount === 1 ? '' : 's'} · ${outlets}`, width - 12))}\n`;
}

/** `triangulate story <id>`: one stored story, in every report format analyze has. */
export function storyCommand(): Command {
  const cmd = new Command('story')
    .description('report one stored story (its articles, annotations, copy chain and cross-check: claims, conflicts, framing, timeline, brief) in the terminal, JSON, Markdown or HTML')
    .argument('<id>', 'story id as `triangulate stories` prints it (a unique prefix of 4 or more characters will do)')
    .addOption(dbOption());
  addReportOptions(cmd).action(async (id: string, opts: ReportOptions & { db?: string }) => {
    const store = Store.open(dbPath(opts), { readonly: true });
    try {
      // The cross-check kept by ingest when it is current, else computed here (a reader does not write the store).
      const { story, articles, entities } = checkedStory(store, store.resolveStory(id), { save: false })!;
      const run: RunResult = { articles, entities, stories: [story], errors: [] };
      await emitReports(run, opts);
    } finally {
      store.close();
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
    .option('--json', 'print JSON ({"hits": [...]}; matches in snippets between [ and ])')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .action((words: string[], opts: { db?: string; limit: number; json?: boolean; color?: boolean }) => {
      const store = Store.open(dbPath(opts), { readonly: true });
      try {
        const query = words.join(' ');
        const hits = store.search(query, { limit: opts.limit });
        if (opts.json) {
          const plain = hits.map((h) => ({ ...h, snippet: marked(h.snippet.replace(/\s+/g, ' ').trim(), '[', ']') }));
          process.stdout.write(JSON.stringify({ db: store.path, query, hits: plain }, null, 2) + '\n');
          return;
        }
        const color = useColor(process.stdout, opts.color);
        if (hits.length === 0) process.stdout.write(`no article matches ${JSON.stringify(query)}\n`);
        for (const h of hits) process.stdout.write(hitLines(h, color, Math.min(process.stdout.columns || 100, 120)));
      } finally {
        store.close();
      }
    });
}

function hitLines(h: SearchHit, color: boolean, width: number): string {
  const c = pc.createColors(color);
  const head = [h.outlet ?? 'outlet unknown', h.published ?? 'undated', h.title ?? h.source].join(' · ');
  // The snippet comes from the cleaned text (no control characters but the store's two markers).
  const snippet = h.snippet.replace(/\s+/g, ' ').trim();
  return `\n${c.cyan(h.storyId)} ${c.bold(clip(head, width - 12))}\n  ${color ? marked(snippet, '\u001b[1m\u001b[33m', '\u001b[22m\u001b[39m') : marked(snippet, '[', ']')}\n`;
}

/** Replace the store's match markers (control characters never found in article text) with visible ones. */
function marked(snippet: string, open: string, close: string): string {
  return snippet.split(MATCH_START).join(open).split(MATCH_END).join(close);
}
