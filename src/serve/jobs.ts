import { randomBytes } from 'node:crypto';
import type { IngestPlan, IngestReply } from './ingest.js';
import { replyBody, replyStatus } from './ingest.js';
import type { Lane } from './lanes.js';
import { MAX_KEPT_JOBS } from './settings.js';

/** One POST /api/ingest as a job: its state, and when done the answer the request would have had. */
export interface IngestJob {
  readonly id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  readonly submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The HTTP status of the outcome (201, 200, 422; or the error's status). */
  status: number | null;
  /** The reply (done) or `{error: {status, message}}` (failed). */
  result: object | null;
  /** Resolves when the job is done or failed. */
  readonly settled: Promise<void>;
}

/**
 * The ingest jobs of a server: each POST /api/ingest is queued on the ingest lane (lanes.ts: a
 * worker thread, one job at a time, so the server answers other requests meanwhile) and can be
 * followed at GET /api/ingest/{id}. The last MAX_KEPT_JOBS jobs are remembered.
 */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();

  constructor(private readonly lane: Lane) {}

  submit(plan: IngestPlan): IngestJob {
    let settle!: () => void;
    const job: IngestJob = { id: randomBytes(8).toString('hex'), state: 'queued', submittedAt: new Date().toISOString(), startedAt: null, finishedAt: null, status: null, result: null, settled: new Promise<void>((r) => (settle = r)) };
    this.jobs.set(job.id, job);
    while (this.jobs.size > MAX_KEPT_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    const onStart = () => {
      job.state = 'running';
      job.startedAt = new Date().toISOString();
    };
    this.lane.run('ingest', { plan }, { onStart }).then(
      (reply: IngestReply) => {
        job.state = 'done';
        job.status = replyStatus(reply);
        job.result = replyBody(reply);
      },
      (error: { status: number; message: string }) => {
        job.state = 'failed';
        job.status = error.status;
        job.result = { error: { status: error.status, message: error.message } };
      },
    ).finally(() => {
      job.finishedAt = new Date().toISOString();
      settle();
    });
    return job;
  }

  get(id: string): IngestJob | null {
    return this.jobs.get(id) ?? null;
  }

  /** Wait up to `ms` for a job to settle; true when it has. */
  async wait(job: IngestJob, ms: number): Promise<boolean> {
    if (job.finishedAt) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const done = await Promise.race([job.settled.then(() => true as const), timeout]);
    clearTimeout(timer);
    return done;
  }
}

/** A job as GET /api/ingest/{id} shows it. */
export function jobJson(job: IngestJob): object {
  return { id: job.id, state: job.state, submittedAt: job.submittedAt, startedAt: job.startedAt, finishedAt: job.finishedAt, status: job.status, result: job.result, url: `/api/ingest/${job.id}` };
}
