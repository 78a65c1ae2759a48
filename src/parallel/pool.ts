import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../util/paths.js';
import { IN_FLIGHT_PER_WORKER, IN_FLIGHT_WHILE_ASIDE } from './settings.js';
import type { Task } from './tasks.js';

/** A task as a thread of the pool receives it (tasks.ts): its kind and its data, cloned across to a worker. */
export type TaskMessage = Task;

interface Job {
  readonly id: number;
  /** The task, or how to make it for the thread it goes to (it may name what that thread holds instead of sending it). */
  readonly message: TaskMessage | ((worker: number) => TaskMessage);
  readonly transfer: readonly ArrayBuffer[];
  readonly resolve: (value: { value: unknown; worker: number }) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  readonly inFlight: Map<number, Job>;
  /** Tasks that must run on this thread (it holds their article between phases). */
  readonly pinned: Job[];
}

/**
 * A fixed set of worker threads (worker.ts) running tasks. Our own few lines rather than piscina or
 * tinypool, because the annotate pipeline needs two things they do not give: a task can be sent to
 * the worker of its choice (an article's later phases run where its earlier ones ran, so its tokens
 * — the bulk of it — stay there instead of crossing threads twice), and a context is told to every
 * worker once (the run's repeated lines, its entity table) instead of cloned into each task. Tasks
 * that may run anywhere go to the first worker with room, so a long article does not hold up the
 * others; each worker has at most IN_FLIGHT_PER_WORKER tasks at a time, so it is never idle while
 * the main thread reads a result.
 *
 * The pool starts `size` workers; the main thread only hands out tasks and runs the steps decided
 * across the batch. (It once ran a share of the tasks itself: a story's cross-check can take
 * seconds, and while the main thread ran one, the workers waited for their next task and the
 * serial steps waited too.)
 *
 * A worker that dies (it ran out of memory, say) fails the tasks it had, with its reason, and a new
 * one takes its place for the tasks to come.
 *
 * @example
 * const pool = new WorkerPool(2);
 * const { value } = await pool.run({ kind: 'clean', doc });
 * await pool.close();
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly contexts: TaskMessage[] = [];
  private nextId = 1;
  private closed = false;
  /** Tasks a worker may hold at a time: IN_FLIGHT_PER_WORKER, more while this thread runs a long step of its own (`aside`). */
  private room = IN_FLIGHT_PER_WORKER;
  /** How many times each slot's worker was started (a new one, after one died, holds nothing yet). */
  private readonly starts: number[] = [];

  constructor(
    readonly size: number,
    private readonly file = workerFile(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('pool: `size` must be a whole number of threads, 1 or more');
    // The workers start at once and warm up while the main thread cleans and reads.
    for (let i = 0; i < size; i++) this.slots.push({ worker: this.spawn(i), inFlight: new Map(), pinned: [] });
  }

  /** Which start of worker `index` runs now (see `run`'s message maker: what an earlier one held is gone). */
  started(index: number): number {
    return this.starts[index] ?? 0;
  }

  /** Can worker threads run here (their compiled file exists)? A checkout not built yet runs everything in place. */
  static available(): boolean {
    return existsSync(workerFile());
  }

  /**
   * Run a task: on worker `worker` when given (it holds what the task needs), else on the first with
   * room. The task may be a function of the worker it goes to, called when it is sent: it can name
   * what that worker holds rather than send it, and still go to whichever has room first. Resolves
   * with the task's value and the worker that ran it; rejects with the task's error.
   */
  run<T>(message: TaskMessage | ((worker: number) => TaskMessage), options: { worker?: number; transfer?: readonly ArrayBuffer[] } = {}): Promise<{ value: T; worker: number }> {
    if (this.closed) return Promise.reject(new Error('pool: closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, message, transfer: options.transfer ?? [], resolve: resolve as Job['resolve'], reject };
      if (options.worker === undefined) this.queue.push(job);
      else this.slots[options.worker]!.pinned.push(job);
      this.pump();
    });
  }

  /**
   * Run a long step on this thread (a corpus stage) while the workers go on: each is
   * first sent up to IN_FLIGHT_WHILE_ASIDE of the tasks waiting, as this thread cannot hand out more
   * until the step returns.
   */
  aside<T>(step: () => T): T {
    this.room = IN_FLIGHT_WHILE_ASIDE;
    this.pump();
    try {
      return step();
    } finally {
      this.room = IN_FLIGHT_PER_WORKER;
    }
  }

  /** Tell every worker a context (a task whose value is not needed); workers that replace a dead one are told it too. */
  tell(message: TaskMessage): void {
    this.contexts.push(message);
    for (const slot of this.slots) slot.worker.postMessage({ id: 0, message });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('pool: closed');
    for (const job of this.queue.splice(0)) job.reject(error);
    await Promise.all(
      this.slots.map((slot) => {
        for (const job of [...slot.pinned.splice(0), ...slot.inFlight.values()]) job.reject(error);
        slot.inFlight.clear();
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(index: number): Worker {
    this.starts[index] = (this.starts[index] ?? 0) + 1;
    const worker = new Worker(this.file);
    worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const slot = this.slots[index];
      const job = slot?.inFlight.get(m.id);
      if (!slot || !job) return;
      slot.inFlight.delete(m.id);
      if (m.ok) job.resolve({ value: m.value, worker: index });
      else job.reject(new Error(m.error ?? 'the task failed'));
      this.pump();
    });
    worker.on('error', (error) => this.lost(index, worker, error.message));
    worker.on('exit', (code) => this.lost(index, worker, `it exited with code ${code}`));
    for (const message of this.contexts) worker.postMessage({ id: 0, message });
    return worker;
  }

  /** A worker died: its tasks fail, and a new worker takes its place. */
  private lost(index: number, worker: Worker, reason: string): void {
    const slot = this.slots[index];
    if (this.closed || !slot || slot.worker !== worker) return;
    const error = new Error(`a worker thread stopped: ${reason}`);
    for (const job of [...slot.inFlight.values(), ...slot.pinned.splice(0)]) job.reject(error);
    slot.inFlight.clear();
    slot.worker = this.spawn(index);
    this.pump();
  }

  private pump(): void {
    this.slots.forEach((slot, index) => {
      while (slot.inFlight.size < this.room) {
        const job = slot.pinned.shift() ?? this.queue.shift();
        if (!job) break;
        slot.inFlight.set(job.id, job);
        const message = typeof job.message === 'function' ? job.message(index) : job.message;
        slot.worker.postMessage({ id: job.id, message }, [...job.transfer]);
      }
    });
  }
}

/** The worker's compiled file (dist/), also when this module runs from source under a test runner. */
function workerFile(): string {
  return join(packageRoot(), 'dist', 'src', 'parallel', 'worker.js');
}
