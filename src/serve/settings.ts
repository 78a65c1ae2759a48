/** Limits of the web app and its API. No eval measures these: each is a limit of the server, with its reason (bench/api.ts times the pages under them). */

/** Largest request body (POST /api/ingest): the ingest cap for one input (10 MB) would let one request hold the server for long; 5 MB fits any article or feed. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Most items one page of a list endpoint returns. */
export const MAX_PAGE_SIZE = 100;

/** Port when --port is not given. */
export const DEFAULT_PORT = 8787;

/** Ingest jobs remembered for GET /api/ingest/{id} (the oldest forgotten first). */
export const MAX_KEPT_JOBS = 200;

/**
 * How long POST /api/ingest waits for its job before answering 202 with the job's URL (`?wait=`
 * seconds changes it): a few articles are stored well within it, so a client gets the outcome at once.
 */
export const DEFAULT_INGEST_WAIT_S = 10;

/**
 * Time budget of one search (or story list filtered by text): past it the answer is 503 and the
 * search is abandoned. A query within the limits of store/query.ts takes well under a second on a
 * store of 1,243 articles (sixteen `the` 706 ms, the worst seen).
 */
export const SEARCH_BUDGET_MS = 3000;

/** Stories an outlet's profile reads (its most recent ones). */
export const OUTLET_STORIES = 30;

/**
 * Time budget of cross-checking one story on view (a story whose check was not kept: a store ingested
 * with --no-crosscheck), in the server's check worker: 5.0 ms a story on average in the API bench,
 * far more for stories of many long articles; past this the page answers 503 and can be asked again.
 */
export const STORY_CHECK_BUDGET_MS = 30_000;

/**
 * How long a lane's new worker may take to come up (open its store; the search worker also loads its
 * story index, ~0.5 s at 100k articles by hand, in proportion beyond) before the tasks waiting on it
 * start their own budgets anyway: a task's budget is its own work's, not the worker's start, but a
 * worker that never comes up (a database that does not answer) must not hold its requests forever.
 */
export const WORKER_START_MS = 60_000;
