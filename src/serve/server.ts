import { createAdaptorServer } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { entityLexicons } from '../annotate/entities/lexicons.js';
import { gazetteer } from '../annotate/entities/gazetteer.js';
import { crossCheckLexicons } from '../crosscheck/lexicons.js';
import type { StoreBackend } from '../store/backend.js';
import type { Watcher } from '../watch/watcher.js';
import { createApp } from './app.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface ServerOptions {
  readonly store: StoreBackend;
  readonly port?: number;
  readonly host?: string;
  /** Required for writes when given; generated when the host is not loopback and none is given. */
  readonly token?: string | null;
  readonly watcher?: Watcher | null;
  readonly fetch?: typeof fetch;
  /** Let URLs posted to the API, and the links inside what they fetch, reach loopback and private addresses. */
  readonly allowPrivateNetwork?: boolean;
  /** Time budget of one search, in ms (serve/settings.ts). */
  readonly searchBudgetMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly token: string | null;
  close(): Promise<void>;
}

/**
 * Load what the first pages would otherwise load while users wait (the gazetteer, entity and
 * cross-check lexicons) and run the newest story's page once, here and in each thread that renders
 * story pages, before listening.
 */
async function warmUp(app: ReturnType<typeof createApp>, store: StoreBackend): Promise<void> {
  gazetteer();
  entityLexicons();
  crossCheckLexicons();
  const newest = (await store.listStories({ limit: 1 }))[0];
  await app.request(newest ? `/stories/${newest.id}` : '/', { headers: { host: '127.0.0.1' } });
  if (newest) await app.warmViews(newest.id);
}

/**
 * Listen on `host:port` (127.0.0.1 unless asked otherwise). On loopback the server answers only to
 * loopback host names (a DNS-rebinding guard); on any other host the write endpoints need a token.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  const token = options.token ?? (loopback ? null : randomBytes(18).toString('base64url'));
  const app = createApp({ store: options.store, token, allowedHosts: loopback ? [...LOOPBACK] : null, watcher: options.watcher, fetch: options.fetch, allowPrivateNetwork: options.allowPrivateNetwork, searchBudgetMs: options.searchBudgetMs });
  await warmUp(app, options.store);
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        Object.assign(new Error(error.code === 'EADDRINUSE' ? `port ${options.port} on ${host} is in use; pick another with --port` : error.code === 'EACCES' ? `not allowed to listen on ${host}:${options.port}` : `cannot listen on ${host}:${options.port}: ${error.message}`), {
          code: error.code, // an environment fault (exit 4)
        }),
      ),
    );
    server.listen(options.port ?? 8787, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await app.close();
    },
  };
}
