import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { StoreError } from './migrations.js';
import { alive } from '../util/process.js';

/**
 * One ingest at a time per store: the clustering state an ingest loads at its start would be stale
 * if another ingest committed meanwhile. A lock file beside the database holds the writer's pid; a
 * lock left by a process that no longer runs (a killed ingest) is taken over. Readers need no lock.
 *
 * @returns a function that releases the lock
 */
export function lockForIngest(dbPath: string): () => void {
  if (dbPath === ':memory:') return () => {};
  const file = `${dbPath}.ingest-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`cannot lock ${dbPath} for ingest: ${(error as Error).message}`, 'environment');
      const pid = Number(safeRead(file));
      if (pid && pid !== process.pid && alive(pid)) throw new StoreError(`another ingest (pid ${pid}) is writing ${dbPath}; wait for it to finish`, 'environment');
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new StoreError(`cannot lock ${dbPath} for ingest`, 'environment');
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

