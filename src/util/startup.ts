/**
 * How many times V8 runs a regular expression in its interpreter before it compiles it to machine
 * code (`--regexp-tier-up-ticks`, set by bin/triangulate.js before anything else runs). V8's default
 * is 1: a pattern is compiled on its second run, and compiling chrono-node's date patterns costs
 * about 250 ms, paid by every run, however small. Interpreted, those patterns read short news
 * paragraphs about as fast (400 bench articles' dates: 943 ms after 100 interpreted runs, 956 ms
 * compiled on the second); so they are compiled only once a run has used them 100 times, and `analyze` of one
 * 2.4 KB article went from 1.29 s to 0.87 s of wall time (perf stat -r 5, loaded machine, at
 * the commit that set this).
 */
export const REGEXP_TIER_UP_TICKS = 100;
