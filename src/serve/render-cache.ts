/**
 * Rendered pages and JSON bodies of stories, keyed by everything they are made from (the story's
 * id and version, the query that shapes the page, the storyline note), least recently used first
 * out once `maxChars` characters are held in all (~2 bytes a character: 32M characters are ~64 MB).
 *
 * A story page costs ~10 ms of CPU to render and the story's JSON about as much to build, on the
 * server's one thread: under concurrent readers every request waits behind the ones in flight,
 * so a page read again must not be made again. A story that grew has a new version, and so a new
 * key; its old pages age out.
 */
export class RenderCache {
  private readonly entries = new Map<string, string>();
  /** Bodies being made: a request for one waits for it instead of making it again. */
  private readonly making = new Map<string, Promise<string>>();
  private chars = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  /**
   * The body kept under `key`, else `make()`'s, kept (unless it alone is over the cap). Requests
   * that come while it is being made share that making: under concurrent readers, a page nobody
   * has asked for yet is asked for by many at once, and each making it would queue them all.
   */
  async get(key: string, make: () => string | Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = (async () => make())();
    this.making.set(key, made);
    try {
      const body = await made;
      this.put(key, body);
      return body;
    } finally {
      this.making.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private put(key: string, body: string): void {
    if (body.length > this.maxChars) return;
    const old = this.entries.get(key);
    if (old !== undefined) this.chars -= old.length;
    this.entries.delete(key);
    this.entries.set(key, body);
    this.chars += body.length;
    while (this.chars > this.maxChars) {
      const [k, v] = this.entries.entries().next().value as [string, string];
      this.entries.delete(k);
      this.chars -= v.length;
    }
  }
}

/** A cache key from its parts (no part can contain the separator: ids, versions, query strings and markup have no NUL). */
export const cacheKey = (...parts: readonly (string | number)[]): string => parts.join('\u0000');
