/** Limits of the web app and its API. No eval measures these: each is a limit of the server, with its reason (bench/api.ts times the pages under them). */

/** Largest request body (POST /api/ingest): the ingest cap for one input (10 MB) would let one request hold the server for long; 5 MB fits any article or feed. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Most items one page of a list endpoint returns. */
export const MAX_PAGE_SIZE = 100;

/** Port when --port is not given. */
export const DEFAULT_PORT = 8787;
