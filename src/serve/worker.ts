import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.js';
import { printable } from '../util/printable.js';
import { failure, runTask, type TaskName, type TaskOptions } from './tasks.js';

/**
 * A worker thread of the server (lanes.ts): its own connection to the store's file, running one
 * task at a time as the main thread sends them, so the main thread keeps answering requests.
 */
const { path, readonly, options } = workerData as { path: string; readonly: boolean; options: TaskOptions };
const store = await openStore(path, { readonly });
// Loaded before the first task is taken (messages wait in the port until the listener below).
if (options.storyIndex)
  await store.keepStoryIndex().catch((error: unknown) => {
    // Lists are then made by SQL, as before the index: slower on a large store, the same answers.
    process.stderr.write(`triangulate serve: the story index could not be loaded (${printable(error instanceof Error ? error.message.split('\n')[0]! : String(error))}); story lists are read from the store instead\n`);
  });
parentPort!.on('message', async (m: { id: number; name: TaskName; args: never }) => {
  try {
    const value = await runTask(store, m.name, m.args, options);
    parentPort!.postMessage({ id: m.id, ok: true, value });
  } catch (error) {
    parentPort!.postMessage({ id: m.id, ok: false, failure: failure(error) });
  }
});
parentPort!.postMessage({ ready: true });
