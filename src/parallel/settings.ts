/**
 * Tunables of the worker threads (`--jobs`).
 */

/** Tasks sent to one worker before it answers: two, so that it has the next one while the main thread reads its last result. */
export const IN_FLIGHT_PER_WORKER = 2;

/**
 * A batch gets one worker thread per this many documents, at most `--jobs`; a batch this small or
 * smaller runs on the main thread. A worker costs its start (modules, model and lexicons: ~0.4 s of
 * CPU) and the clone of each article; below this, one thread is as fast.
 */
export const MIN_DOCS_PER_WORKER = 100;
