/**
 * Time budget of one input (reading, cleaning and annotating it), after which it fails with one line
 * and the batch goes on (`--time-budget`). A real article takes milliseconds (the bench: 216 articles
 * a second on one core; the slowest of the 1,906 bench articles well under a second), so 30 s is
 * far beyond any real input and short enough that a hostile one cannot hold a batch or the server.
 */
export const DEFAULT_TIME_BUDGET_MS = 30_000;
