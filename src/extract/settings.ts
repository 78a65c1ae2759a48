/** Below this many characters of body text, Readability under-delivered and the fallback reader runs. Extraction eval, development parts (commit 043ee4c), F1 on the benchmark's 88 pages / trafilatura-eval's 500: 100 → 0.940 / 0.899; 200 → 0.962 / 0.898; 400 → 0.962 / 0.897. */
export const MIN_BODY_CHARS = 200;

/**
 * Pages with more elements than this are refused before they are parsed (and Readability is told the
 * same cap as its `maxElemsToParse`). Of the 1,171 real pages of the extraction benchmark and the
 * trafilatura evaluation set, the largest opens 10,106 elements (median 698, 99th percentile 2,837;
 * `npm run bench`, bench/hostile.ts, at commit ac3f1e5): five times that leaves room for long live blogs while a
 * page costs seconds, not minutes (a million elements took 2.9 GB and over 200 s).
 */
export const MAX_HTML_ELEMENTS = 50_000;

/**
 * Pages nested deeper than this are refused before they are parsed: Readability's conditional cleaning
 * is superlinear in the depth (1,000 nested <div>s, 11 KB, took 16 s). The same 1,171 pages nest at
 * most 51 deep (median 17, 99th percentile 31).
 */
export const MAX_HTML_DEPTH = 128;
