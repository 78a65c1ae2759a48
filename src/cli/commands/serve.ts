import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { DEFAULT_PORT } from '../../serve/settings.js';
import { feedState, type FeedRecord, type PollOutcome } from '../../store/feeds.js';
import { defaultDbPath } from '../../store/location.js';
import type { StoreBackend } from '../../store/backend.js';
import { formatDuration, parseDuration } from '../../watch/duration.js';
import { DEFAULT_EVERY_MS, MIN_EVERY_MS } from '../../watch/settings.js';
import { httpUrl } from '../../util/url.js';
import { printable } from '../../util/printable.js';
import { useColor } from '../io.js';
import { humanTime } from '../../util/time.js';
import { checkOutputs, examples, writeJson } from './options.js';

const dbOption = () => new Option('--db <file>', 'the store (SQLite); default: $TRIANGULATE_DB or your data directory');

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535; 0 picks a free one)');
  return n;
}

function every(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError('expected a duration such as 15m, 90s or 1h');
  if (ms < MIN_EVERY_MS) throw new InvalidArgumentError(`polling more often than every ${formatDuration(MIN_EVERY_MS)} only burdens the publishers`);
  return ms;
}

/** The feeds named on the command line and in an OPML file. */
async function feedsFrom(urls: readonly string[], opml?: string): Promise<string[]> {
  const all = [...urls];
  if (opml) {
    const { opmlFeeds } = await import('../../watch/opml.js');
    let xml: string;
    try {
      xml = readFileSync(opml, 'utf8');
    } catch (error) {
      throw new Error(`${opml}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      all.push(...opmlFeeds(xml));
    } catch (error) {
      throw new Error(`${opml}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const bad = all.find((u) => !httpUrl(u));
  if (bad) throw new Error(`${bad} is not an http(s) feed URL`);
  return [...new Set(all.map((u) => httpUrl(u)!))];
}

function pollLine(url: string, outcome: PollOutcome | { busy: true }, color: boolean): string {
  const c = pc.createColors(color);
  const name = printable(url);
  if ('busy' in outcome) return `${name}: ${c.yellow('store busy (another ingest is writing); trying again shortly')}\n`;
  if (!outcome.ok) return `${name}: ${c.red(printable(outcome.error))} ${c.dim(`(next try ${humanTime(outcome.nextPoll)})`)}\n`;
  const what = outcome.newItems === 0 ? (outcome.notModified ? 'not modified' : 'no new items') : `${outcome.newItems} new item${outcome.newItems === 1 ? '' : 's'}, ${outcome.added} article${outcome.added === 1 ? '' : 's'} added`;
  return `${name}: ${c.green(what)}${outcome.problem ? ` ${c.yellow(`(${printable(outcome.problem)})`)}` : ''}\n`;
}

function healthLines(feeds: readonly FeedRecord[], color: boolean): string {
  const c = pc.createColors(color);
  if (feeds.length === 0) return 'no feed is watched\n';
  return feeds
    .map((f) => {
      const state = { failing: () => c.red(`failing ×${f.failures}`), ok: () => c.green('ok'), new: () => c.yellow('not polled yet') }[feedState(f)]();
      return `${c.bold(f.title ?? f.url)}${f.title ? c.dim(` ${f.url}`) : ''}\n  ${state} · last success ${humanTime(f.lastSuccess)} · ${f.itemsSeen} items seen · ${f.articlesAdded} articles added${f.lastError ? `\n  last error ${humanTime(f.lastErrorAt)}: ${f.lastError}` : ''}\n`;
    })
    .join('');
}

/**
 * The store for `serve`: read-write, else (a file this user cannot write: another user's store,
 * read-only media) read-only, with a line saying so; the web app then refuses ingests (503).
 */
async function openForServing(path: string, watching: boolean): Promise<StoreBackend> {
  const [{ StoreError }, { openStore }] = await Promise.all([import('../../store/store.js'), import('../../store/open.js')]);
  try {
    return await openStore(path, { create: true });
  } catch (error) {
    if (!(error instanceof StoreError) || !/readonly|read-only|permission|EACCES|EROFS/i.test(error.message)) throw error;
    if (watching) throw new StoreError(`${path} is read-only: it can be served, but feeds cannot be watched into it`, 'environment');
    const store = await openStore(path, { readonly: true });
    process.stderr.write(`${printable(path)}: read-only; serving it without ingest\n`);
    return store;
  }
}

/** `triangulate serve`: the web app and JSON API over a store. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('start the web app and JSON API over the store (http://127.0.0.1:8787/); API documented at /api/openapi.json')
    .addOption(dbOption())
    .addOption(new Option('-p, --port <n>', 'port to listen on').argParser(port).default(DEFAULT_PORT))
    .addOption(new Option('--host <host>', 'address to listen on; anything but loopback makes write endpoints need a token').default('127.0.0.1'))
    .option('--token <token>', 'bearer token the write endpoints require (default: $TRIANGULATE_TOKEN; generated when --host is not loopback)')
    .option('--watch <feeds...>', 'also watch these RSS/Atom feeds and ingest their new items')
    .option('--opml <file>', 'also watch every feed of this OPML file')
    .addOption(new Option('--every <duration>', 'poll each watched feed this often (e.g. 15m, 1h)').argParser(every).default(DEFAULT_EVERY_MS, '15m'))
    .addHelpText(
      'after',
      examples([
        ['triangulate serve', 'the web app over the default store at http://127.0.0.1:8787/'],
        ['triangulate serve --db news.db --port 9000', 'another store, another port'],
        ['triangulate serve --watch https://example.org/rss.xml --every 30m', 'and keep ingesting a feed meanwhile'],
      ]),
    )
    .option('--allow-private-network', 'let URLs posted to the API, feeds and their links reach loopback and private addresses (only for sources you trust)')
    .action(async (opts: { db?: string; port: number; host: string; token?: string; watch?: string[]; opml?: string; every: number; allowPrivateNetwork?: boolean }) => {
      const feeds = await feedsFrom(opts.watch ?? [], opts.opml);
      // The server, the store and the watcher are loaded when a command runs, not for its --help.
      const [{ startServer }, { Watcher }] = await Promise.all([import('../../serve/server.js'), import('../../watch/watcher.js')]);
      const store = await openForServing(opts.db ?? defaultDbPath(), feeds.length > 0 || Boolean(opts.opml));
      const color = useColor(process.stderr);
      const allowPrivateNetwork = Boolean(opts.allowPrivateNetwork);
      const watcher = feeds.length || opts.opml ? new Watcher(store, { everyMs: opts.every, allowPrivateNetwork, onPoll: (url, o) => process.stderr.write(pollLine(url, o, color)) }) : null;
      let server;
      try {
        server = await startServer({ store, port: opts.port, host: opts.host, token: opts.token ?? process.env.TRIANGULATE_TOKEN ?? null, watcher, allowPrivateNetwork });
      } catch (error) {
        await store.close();
        throw error;
      }
      const totals = await store.counts();
      process.stdout.write(`triangulate serving ${store.location} (${totals.stories} stories, ${totals.articles} articles) at ${server.url}\n`);
      if (server.token && !opts.token && !process.env.TRIANGULATE_TOKEN) process.stdout.write(`write endpoints need: Authorization: Bearer ${server.token}\n`);
      if (watcher) {
        await watcher.add(feeds);
        watcher.start();
        process.stdout.write(`watching ${(await store.listFeeds()).length} feed(s) every ${formatDuration(watcher.everyMs)}\n`);
      }
      process.stdout.write('Ctrl-C stops\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await watcher?.stop();
      await server.close();
      await store.close();
    });
}

/** `triangulate watch`: poll feeds and ingest new items into the store. */
export function watchCommand(setExit: (code: number) => void): Command {
  return new Command('watch')
    .description('watch RSS/Atom feeds: poll them (conditional requests, back-off on failures) and ingest new items into the store; feeds are remembered in the store')
    .argument('[feeds...]', 'feed URLs to add to the watched feeds')
    .addOption(dbOption())
    .option('--opml <file>', 'add every feed of this OPML subscription list')
    .addOption(new Option('--every <duration>', 'poll each feed this often (e.g. 15m, 1h)').argParser(every).default(DEFAULT_EVERY_MS, '15m'))
    .option('--once', 'poll every watched feed once, print their health and exit')
    .option('--status', 'print the health of the watched feeds and exit (no polling)')
    .option('--json [file]', 'with --once or --status: write the feeds as JSON to FILE, or to stdout without one')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .addHelpText(
      'after',
      examples([
        ['triangulate watch https://example.org/rss.xml', 'poll a feed every 15 minutes until Ctrl-C'],
        ['triangulate watch --opml subscriptions.opml --every 1h', 'every feed of an OPML list, hourly'],
        ['triangulate watch --once --json health.json', 'one round over the watched feeds; their health as JSON'],
      ]),
    )
    .option('--allow-private-network', 'let the links inside feeds, and redirects, reach loopback and private addresses (only for feeds you trust)')
    .action(async (urls: string[], opts: { db?: string; opml?: string; every: number; once?: boolean; status?: boolean; json?: string | true; color?: boolean; allowPrivateNetwork?: boolean }) => {
      checkOutputs({ json: opts.json });
      const feeds = await feedsFrom(urls, opts.opml);
      const [{ openStore }, { Watcher }] = await Promise.all([import('../../store/open.js'), import('../../watch/watcher.js')]);
      const store = await openStore(opts.db ?? defaultDbPath(), { create: true });
      const color = useColor(process.stdout, opts.color);
      try {
        const watcher = new Watcher(store, { everyMs: opts.every, allowPrivateNetwork: Boolean(opts.allowPrivateNetwork), onPoll: (url, o) => process.stderr.write(pollLine(url, o, useColor(process.stderr, opts.color))) });
        await watcher.add(feeds);
        if ((await watcher.feeds()).length === 0) throw new Error('no feed to watch: give feed URLs or --opml FILE');
        if (opts.status || opts.once) {
          // One round: exit 1 when a feed could not be polled (or an item of it not read), as for any input that failed.
          if (opts.once) {
            const outcomes = await watcher.tick(true);
            if ([...outcomes.values()].some((o) => !('busy' in o) && (!o.ok || o.problem))) setExit(1);
          }
          const health = await watcher.feeds();
          if (opts.json) writeJson(opts.json, { db: store.location, feeds: health });
          else process.stdout.write(healthLines(health, color));
          return;
        }
        process.stderr.write(`watching ${(await watcher.feeds()).length} feed(s) every ${formatDuration(watcher.everyMs)} into ${store.location}; Ctrl-C stops\n`);
        watcher.start();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await watcher.stop();
        process.stdout.write(healthLines(await watcher.feeds(), color));
      } finally {
        await store.close();
      }
    });
}
