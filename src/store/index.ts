export { Store, StoreError, MATCH_START, MATCH_END, type SearchHit, type StorySummary, type OpenOptions } from './store.js';
export type { StoreBackend, StoreReader, StoreSearch, StoreWrites, ClusterStore, PlacementBatch } from './backend.js';
export { openStore } from './open.js';
export { openSqlite, sqliteBackend } from './sqlite.js';
export { StoreWriter, type Placed } from './writer.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
export { defaultDbPath } from './location.js';
export { lockForIngest } from './lock.js';
export { listStorylines, resolveStoryline, reuseAcrossOf, storedStoryline, storylineForStory, storylineOf, storylineSummary, type StoredStoryline, type StorylineSummary } from './storylines.js';
