import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StoreBackend } from '../store/backend.js';
import { packageRoot } from '../util/paths.js';
import { ApiError } from './errors.js';
import { failure, runTask, type TaskFailure, type TaskName, type TaskOptions, type Tasks } from './tasks.js';
import { printable } from '../util/printable.js';
import { WORKER_START_MS } from './settings.js';

interface Pending {
  readonly id: number;
  readonly name: TaskName;
  readonly args: unknown;
  readonly onStart?: () => void;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: ApiError) => void;
  /** The budget, started when the worker is up: its start (opening the store, loading its index) is not the task's. */
  readonly budget?: { readonly ms: number; readonly what: string };
  timer?: NodeJS.Timeout;
  /** When the budget started (performance.now()), while it runs. */
  since?: number;
}

/**
 * A lane of work off the server's request path: tasks (tasks.ts) run one at a time, in order, in a
 * worker thread with its own connection to the store, so a long ingest or search never holds the
 * main thread, and /api/health and every page keep answering. A task may have a time budget: past
 * it the request is answered 503 and the worker, still busy with it, is ended and replaced
 * (better-sqlite3 cannot interrupt a statement; the thread is let go instead).
 *
 * A store in memory cannot be shared with a thread: its tasks run in place (the tests' stores).
 */
export class Lane {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly store: StoreBackend,
    private readonly options: TaskOptions,
  ) {}

  /** Does this lane use a worker thread (false: tasks run in place)? */
  get threaded(): boolean {
    this.canThread ??= !this.store.inMemory && existsSync(workerFile()) && this.options.fetch === undefined;
    return this.canThread;
  }

  private canThread?: boolean;
  private up = false;

  /** Is the lane's worker up (its store open, its story index loaded)? Tasks sent now wait only for the ones before them. */
  get ready(): boolean {
    return this.threaded && this.up;
  }

  /** Run a task; rejects with an ApiError (503 when `budgetMs` passes first, counted from now, or from when the worker is up). */
  run<K extends TaskName>(name: K, args: Tasks[K]['args'], options: { budgetMs?: number; onStart?: () => void; what?: string } = {}): Promise<Tasks[K]['value']> {
    if (!this.threaded) {
      options.onStart?.();
      return runTask(this.store, name, args, this.options).catch((error: unknown) => {
        throw toApiError(failure(error));
      });
    }
    return new Promise((resolve, reject) => {
      const budget = options.budgetMs === undefined ? undefined : { ms: options.budgetMs, what: options.what ?? name };
      const p: Pending = { id: this.nextId++, name, args, onStart: options.onStart, resolve: resolve as (v: unknown) => void, reject, budget };
      this.queue.push(p);
      this.arm(p);
      this.pump();
    });
  }

  /** Start a task's budget: now if the worker is up, else after WORKER_START_MS more (started again, in full, when it comes up). */
  private arm(p: Pending): void {
    if (!p.budget) return;
    clearTimeout(p.timer);
    p.since = this.up ? performance.now() : undefined;
    p.timer = setTimeout(() => this.expire(p, lateMessage(p)), p.budget.ms + (this.up ? 0 : WORKER_START_MS));
  }

  /** Tasks waiting or running. */
  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** Start the worker now (it loads the lexicons), so the first request does not wait for it. */
  warm(): void {
    if (this.threaded) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new ApiError(503, 'the server is stopping'));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(workerFile(), { workerData: { path: this.store.address, readonly: this.store.readonly, options: { allowPrivateNetwork: this.options.allowPrivateNetwork, canWatch: this.options.canWatch, storyIndex: this.options.storyIndex } } });
    w.unref();
    w.on('message', (m: { id?: number; ok?: boolean; value?: unknown; failure?: TaskFailure; ready?: boolean }) => {
      if (m.ready && this.worker === w) {
        this.up = true;
        for (const p of [...(this.current ? [this.current] : []), ...this.queue]) this.arm(p);
      }
      if (m.id === undefined || this.current?.id !== m.id) return;
      const p = this.current;
      this.current = null;
      clearTimeout(p.timer);
      // An answer that comes once the budget is spent is late, even before its timer's turn comes.
      if (p.budget && p.since !== undefined && performance.now() - p.since >= p.budget.ms) p.reject(new ApiError(503, lateMessage(p)));
      else if (m.ok) p.resolve(m.value);
      else p.reject(toApiError(m.failure!));
      this.pump();
    });
    w.on('error', (error) => this.lost(w, error.message));
    w.on('exit', () => this.lost(w, 'the worker stopped'));
    this.worker = w;
    return w;
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const p = this.queue.shift();
    if (!p) return;
    this.current = p;
    p.onStart?.();
    this.spawn().postMessage({ id: p.id, name: p.name, args: p.args });
  }

  /** A task past its budget: answered 503; if it is running, its worker is let go. */
  private expire(p: Pending, message: string): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (this.current === p) {
      this.current = null;
      const w = this.worker;
      this.worker = null;
      this.up = false;
      void w?.terminate();
    }
    p.reject(new ApiError(503, message));
    this.pump();
  }

  private lost(w: Worker, reason: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.up = false;
    const p = this.current;
    this.current = null;
    if (p) {
      clearTimeout(p.timer);
      p.reject(new ApiError(503, `the task failed: ${reason}`));
    }
    this.pump();
  }
}

/** What a task past its budget answers. */
function lateMessage(p: Pending): string {
  return `${p.budget!.what} took longer than ${p.budget!.ms / 1000} s; try a narrower query`;
}

function toApiError(f: TaskFailure): ApiError {
  if (f.status === 500) {
    process.stderr.write(`triangulate serve: ${printable(f.message.split('\n')[0]!)}\n`);
    return new ApiError(503, 'the task failed; see the server log');
  }
  return new ApiError(f.status as ApiError['status'], f.message);
}

/** The worker's compiled file (dist/), also when this module runs from source under a test runner. */
function workerFile(): string {
  return join(packageRoot(), 'dist', 'src', 'serve', 'worker.js');
}

/** The lane with the fewest tasks waiting or running (the first of them on a tie). */
export function leastBusy(lanes: readonly Lane[]): Lane {
  return lanes.reduce((best, l) => (l.load < best.load ? l : best));
}
