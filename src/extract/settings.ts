/** Below this many characters of body text, Readability under-delivered and the fallback reader runs. Extraction eval, development parts (commit 043ee4c), F1 on the benchmark's 88 pages / trafilatura-eval's 500: 100 → 0.940 / 0.899; 200 → 0.962 / 0.898; 400 → 0.962 / 0.897. */
export const MIN_BODY_CHARS = 200;
