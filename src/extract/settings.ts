/** Below this many characters of body text, Readability under-delivered and the fallback reader runs. */
export const MIN_BODY_CHARS = 200;
