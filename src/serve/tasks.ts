import { ingestLocked } from '../app/ingest.js';
import { checkedStory, type CheckedStory } from '../app/stories.js';
import type { Extracted } from '../ingest/types.js';
import type { StoreBackend } from '../store/backend.js';
import type { Page, StoryFilter, StoryPage } from '../store/browse.js';
import { QueryError } from '../store/query.js';
import type { SearchHit } from '../store/store.js';
import { ApiError } from './errors.js';
import { runIngest, type IngestPlan } from './ingest.js';
import { raw } from './html.js';
import { storyPage, type ClaimFilter } from './pages/story.js';
import type { StorylineSummary } from '../store/storylines.js';
import { storyJson } from './views.js';

/** What the server does off its request path (lanes.ts), by name, with plain data in and out. */
export interface Tasks {
  /** POST /api/ingest: a planned request (serve/ingest.ts). */
  ingest: { args: { plan: IngestPlan }; value: Awaited<ReturnType<typeof runIngest>> };
  /** The feed watcher's new items. */
  docs: { args: { docs: readonly Extracted[] }; value: Awaited<ReturnType<typeof ingestLocked>> };
  /** Full-text search. */
  search: { args: { q: string; limit: number; offset: number }; value: SearchHit[] };
  /** Stories filtered by text (and dates, outlet). */
  stories: { args: { filter: StoryFilter; page: Page }; value: StoryPage };
  /** A story with its cross-check, computed (and kept when the store is free) because none was kept. */
  story: { args: { id: string }; value: CheckedStory | null };
  /** A story page, rendered (views.ts): the story read, its kept check parsed, the page made. Null: no such story. */
  page: { args: { id: string; filter: ClaimFilter; note: string }; value: string | null };
  /** A story as the API's JSON (views.ts). */
  storyJson: { args: { id: string; storyline: StorylineSummary | null }; value: string | null };
}

export type TaskName = keyof Tasks;

/** How a task's failure crosses the thread boundary: the HTTP status to answer and one line. */
export interface TaskFailure {
  readonly status: number;
  readonly message: string;
}

export interface TaskOptions {
  readonly allowPrivateNetwork?: boolean;
  /** The server watches feeds: `{"feed": …, "watch": true}` adds one. */
  readonly canWatch?: boolean;
  readonly fetch?: typeof fetch;
  /** The lane's worker keeps the text-filtered story list's keys in memory (the search lane: StoreSearch.keepStoryIndex). */
  readonly storyIndex?: boolean;
}

/** Run one task on a store (in a worker thread, or in place). */
export async function runTask<K extends TaskName>(store: StoreBackend, name: K, args: Tasks[K]['args'], options: TaskOptions): Promise<Tasks[K]['value']> {
  switch (name) {
    case 'ingest': {
      const { plan } = args as Tasks['ingest']['args'];
      const watch = options.canWatch ? async (urls: readonly string[]) => {
            for (const u of urls) await store.addFeed(u, new Date().toISOString());
          } : undefined;
      return (await runIngest(store, plan, { fetch: options.fetch, allowPrivateNetwork: options.allowPrivateNetwork, watch })) as Tasks[K]['value'];
    }
    case 'docs':
      return (await ingestLocked(store, (args as Tasks['docs']['args']).docs)) as Tasks[K]['value'];
    case 'search': {
      const { q, limit, offset } = args as Tasks['search']['args'];
      return (await store.search(q, { limit, offset })) as Tasks[K]['value'];
    }
    case 'stories': {
      const { filter, page } = args as Tasks['stories']['args'];
      return (await store.findStories(filter, page)) as Tasks[K]['value'];
    }
    case 'story':
      return (await checkedStory(store, (args as Tasks['story']['args']).id, { wait: false })) as Tasks[K]['value'];
    case 'page': {
      const { id, filter, note } = args as Tasks['page']['args'];
      const s = await checkedStory(store, id, { wait: false });
      return (s && storyPage(s, filter, raw(note))) as Tasks[K]['value'];
    }
    case 'storyJson': {
      const { id, storyline } = args as Tasks['storyJson']['args'];
      const s = await checkedStory(store, id, { wait: false });
      return (s && storyJson(s, storyline)) as Tasks[K]['value'];
    }
  }
  throw new Error(`tasks: no task \`${String(name)}\``);
}

/** A task's error as the status and line the API answers with. */
export function failure(error: unknown): TaskFailure {
  if (error instanceof ApiError) return { status: error.status, message: error.message };
  if (error instanceof QueryError) return { status: 400, message: error.message };
  return { status: 500, message: error instanceof Error ? error.message : String(error) };
}
