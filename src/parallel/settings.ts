/**
 * Tunables of the worker threads (`--jobs`).
 */

/**
 * Tasks sent to one worker before it answers: enough that it has work while the main thread reads
 * its answers, runs a few steps of its own between them (placing a slice of articles in stories) or
 * waits for a core on a busy machine; few enough that at the end of a phase no worker is left with
 * a long queue while another has none. (Two, before the main thread stopped running tasks itself;
 * eight measured by hand, not by a project command, on bench.jsonl --no-crosscheck, two runs each
 * under load ~5: 24.7 and 26.7 s against 29.8 and 26.8 s; with the cross-check the same CPU time
 * either way, 54 s over all threads.)
 */
export const IN_FLIGHT_PER_WORKER = 8;

/**
 * Tasks sent to one worker before the main thread runs a long step of its own (WorkerPool.aside):
 * enough for the workers to go on through a chunk's corpus stage (~0.2 s for 500 articles) while
 * annotating the next (~5 ms an article on a phase), not so many that one worker is left with a
 * long queue when the other runs dry.
 */
export const IN_FLIGHT_WHILE_ASIDE = 48;

/**
 * A batch gets one worker thread per this many documents, at most `--jobs`; a batch this small or
 * smaller runs on the main thread. A worker costs its start (modules, model and lexicons: ~0.4 s of
 * CPU) and the clone of each article; below this, one thread is as fast.
 */
export const MIN_DOCS_PER_WORKER = 100;
