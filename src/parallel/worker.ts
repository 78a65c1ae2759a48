import { parentPort } from 'node:worker_threads';
import { taskRunner, warmUp, type Task } from './tasks.js';

/**
 * A worker thread of the pool (pool.ts): it runs the tasks the main thread sends (tasks.ts) and
 * answers each. It loads and warms the pipeline before its first task (warmUp).
 */
warmUp();
const run = taskRunner();

parentPort!.on('message', ({ id, message }: { id: number; message: Task }) => {
  try {
    const { value, transfer } = run(message);
    if (id !== 0) parentPort!.postMessage({ id, ok: true, value }, transfer ?? []);
  } catch (error) {
    // One task failed (a bug, not a bad input: stages turn their errors into messages): the main
    // thread reports it as one line for that input and goes on.
    if (id !== 0) parentPort!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
