/**
 * Defaults for reading inputs; each can be set on the command line. No eval measures these: they
 * bound the time and memory one input may take, each with its reason.
 */

/** Larger inputs are refused: a news article is rarely over 1 MB of HTML; 10 MB leaves room for feeds and JSON exports. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Per-URL fetch timeout: slow news sites answer within seconds; a hung socket must not stall the batch. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Redirects followed per URL (browsers allow 20; news links rarely need more than 3). */
export const DEFAULT_MAX_REDIRECTS = 5;

/** A feed item with less body text than this carries only a summary: fetch the linked page. No eval has feeds; 400 characters is about two sentences, more than feed summaries give and less than any article. */
export const FEED_SUMMARY_CHARS = 400;

/** Share of control characters above which bytes are binary, not text. No eval has binary inputs, so no figure chose it: text holds no C0 control but tab, CR, LF and FF (which do not count), and a NUL byte alone already means binary; 2% leaves room for a stray control in real text. */
export const BINARY_CONTROL_SHARE = 0.02;
