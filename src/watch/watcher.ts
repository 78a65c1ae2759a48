import { ingestLocked } from '../app/ingest.js';
import { decode } from '../ingest/decode.js';
import { feedDocuments, itemKey } from '../ingest/document.js';
import { parseFeed } from '../ingest/feed.js';
import { fetchConditional, FetchError, fetchOptions, type FetchOptions } from '../ingest/fetch.js';
import { InputError, type Extracted } from '../ingest/types.js';
import type { StoreBackend } from '../store/backend.js';
import type { FeedRecord, PollOutcome } from '../store/feeds.js';
import { BUSY_RETRY_MS, DEFAULT_EVERY_MS, MAX_BACKOFF_MS } from './settings.js';

export interface WatchOptions {
  /** Poll interval per feed. */
  readonly everyMs?: number;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Let feeds and their items' links reach loopback and private addresses (ingest/address.ts). */
  readonly allowPrivateNetwork?: boolean;
  /** The clock (tests move it). */
  readonly now?: () => Date;
  /** Told after every poll: the feed and what happened. */
  readonly onPoll?: (url: string, outcome: PollOutcome | { readonly busy: true }) => void;
}

/** When a feed may be polled again after `failures` consecutive failures: every × 2^failures, capped; never before Retry-After. */
export function nextPollAfter(now: Date, everyMs: number, failures: number, retryAfterSeconds: number | null = null): Date {
  const backoff = failures > 0 ? Math.min(MAX_BACKOFF_MS, everyMs * 2 ** Math.min(failures, 20)) : everyMs;
  return new Date(now.getTime() + Math.max(backoff, (retryAfterSeconds ?? 0) * 1000));
}

/**
 * Watches RSS/Atom feeds and ingests their new items into a store. Each poll is a conditional
 * request (If-None-Match / If-Modified-Since with the validators of the last answer), so an
 * unchanged feed costs a 304; only items the store has not seen from that feed (by guid, else
 * link) are read, their pages fetched when the item carries only a summary. A failing feed backs
 * off exponentially (and honours Retry-After); its health — last success, last error, items seen,
 * articles added — is kept in the store, where `serve` shows it.
 *
 * Polls run one at a time. Writing takes the store's ingest lock for the (synchronous) ingest
 * only; when another process holds it the poll is retried shortly, without counting a failure.
 */
export class Watcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly busyUntil = new Map<string, number>();
  readonly everyMs: number;
  private readonly net: FetchOptions;
  private readonly now: () => Date;
  private ingest: (docs: readonly Extracted[]) => ReturnType<typeof ingestLocked> = (docs) => ingestLocked(this.store, docs);

  constructor(
    private readonly store: StoreBackend,
    private readonly options: WatchOptions = {},
  ) {
    this.everyMs = options.everyMs ?? DEFAULT_EVERY_MS;
    this.net = fetchOptions(options);
    this.now = options.now ?? (() => new Date());
  }

  /** Store new items with this instead of in place (the server: through its ingest worker, so polls never hold its requests). */
  ingestWith(ingest: (docs: readonly Extracted[]) => ReturnType<typeof ingestLocked>): void {
    this.ingest = ingest;
  }

  /** Watch these feeds too (they are remembered in the store). */
  async add(urls: readonly string[]): Promise<void> {
    const at = this.now().toISOString();
    for (const url of urls) await this.store.addFeed(url, at);
  }

  feeds(): Promise<FeedRecord[]> {
    return this.store.listFeeds();
  }

  /** Poll every feed that is due (all of them with `force`), one after another. */
  async tick(force = false): Promise<Map<string, PollOutcome | { busy: true }>> {
    const results = new Map<string, PollOutcome | { busy: true }>();
    const now = this.now().getTime();
    for (const feed of await this.feeds()) {
      const due = force || ((!feed.nextPoll || Date.parse(feed.nextPoll) <= now) && (this.busyUntil.get(feed.url) ?? 0) <= now);
      if (!due) continue;
      const outcome = await this.poll(feed);
      results.set(feed.url, outcome);
      this.options.onPoll?.(feed.url, outcome);
    }
    return results;
  }

  /** Poll one feed now and record what happened. */
  async poll(feed: FeedRecord): Promise<PollOutcome | { busy: true }> {
    const at = this.now();
    const fail = async (error: string, retryAfter: number | null = null): Promise<PollOutcome> => {
      const outcome: PollOutcome = { ok: false, at: at.toISOString(), error, nextPoll: nextPollAfter(at, this.everyMs, feed.failures + 1, retryAfter).toISOString() };
      await this.store.recordPoll(feed.url, outcome);
      return outcome;
    };
    let got;
    try {
      // A watched feed's own URL is the user's choice (typed on the command line, in their OPML file, or
      // posted to the API, which refuses a feed the address policy refuses); the links in it are judged.
      got = await fetchConditional(feed.url, this.net, { etag: feed.etag, lastModified: feed.lastModified }, { typed: true });
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error), error instanceof FetchError ? error.retryAfter : null);
    }
    const next = nextPollAfter(at, this.everyMs, 0).toISOString();
    if (got.notModified) {
      const outcome: PollOutcome = { ok: true, at: at.toISOString(), notModified: true, newItems: 0, added: 0, nextPoll: next };
      await this.store.recordPoll(feed.url, outcome);
      return outcome;
    }
    const decoded = decode(got.doc.bytes);
    if ('error' in decoded) return fail(decoded.error);
    let parsed;
    try {
      parsed = parseFeed(decoded.text);
    } catch (error) {
      return fail(`malformed feed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160)}`);
    }
    const keyed = parsed.items.map((item) => ({ item, key: itemKey(item) })).filter((x): x is { item: typeof x.item; key: string } => x.key !== null);
    const seen = await this.store.seenItems(feed.url, keyed.map((x) => x.key));
    const fresh = keyed.filter((x) => !seen.has(x.key));
    const docs: Extracted[] = [];
    const problems: string[] = [];
    for await (const d of feedDocuments({ ...parsed, items: fresh.map((x) => x.item) }, { source: feed.url, hints: {} }, this.net)) {
      if (InputError.is(d)) problems.push(InputError.format(d));
      else docs.push(d);
    }
    const result = await this.ingest(docs);
    if ('busy' in result) {
      this.busyUntil.set(feed.url, at.getTime() + BUSY_RETRY_MS);
      return { busy: true };
    }
    for (const e of result.errors) problems.push(InputError.format(e));
    // Items that could not be read count as seen (not retried for ever) and are the feed's last error.
    const problem = problems.length ? `${problems.length} item${problems.length === 1 ? '' : 's'} not read: ${problems[0]}` : null;
    const outcome: PollOutcome = { ok: true, at: at.toISOString(), notModified: false, title: parsed.title, etag: got.etag, lastModified: got.lastModified, newItems: fresh.length, added: result.added, problem, nextPoll: next };
    await this.store.recordPoll(feed.url, outcome, fresh.map((x) => x.key));
    return outcome;
  }

  /** Poll in the background until stop(): each round polls what is due, then sleeps until the next feed is due. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch(() => {})
        .then(async () => {
          const sleep = await this.sleepMs().catch(() => this.everyMs);
          this.running = null;
          if (this.stopped) return;
          this.timer = setTimeout(loop, sleep);
        });
    };
    loop();
  }

  /** Stop polling; resolves when a poll in flight has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Time until the next feed is due (at least a second, at most the interval). */
  private async sleepMs(): Promise<number> {
    const now = this.now().getTime();
    const due = (await this.feeds()).map((f) => Math.max(f.nextPoll ? Date.parse(f.nextPoll) : now, this.busyUntil.get(f.url) ?? 0));
    const next = due.length ? Math.min(...due) : now + this.everyMs;
    return Math.min(this.everyMs, Math.max(1000, next - now));
  }
}

