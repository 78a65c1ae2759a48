/**
 * A test hook: `TRIANGULATE_TEST_STOP=<point>:<n>` makes the process stop itself (SIGSTOP) the
 * n-th time it passes `point` (`commit`: after a store commit; `checks`: after a batch of kept
 * cross-checks), after saying so on stderr. A test then kills it with SIGKILL at exactly that
 * point, with no race against the clock (test/hostile/resume.test.ts, test/e2e/store.test.ts).
 * Without the variable this is one comparison.
 */
const wanted = process.env.TRIANGULATE_TEST_STOP ?? '';
const passed = new Map<string, number>();

export function testStop(point: string): void {
  if (!wanted) return;
  const n = (passed.get(point) ?? 0) + 1;
  passed.set(point, n);
  if (wanted !== `${point}:${n}`) return;
  process.stderr.write(`triangulate: stopped at ${point}:${n} (TRIANGULATE_TEST_STOP)\n`);
  process.kill(process.pid, 'SIGSTOP');
}
