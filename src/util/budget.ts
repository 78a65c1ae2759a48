/**
 * The time budget of each input: an input whose reading, cleaning and annotating take longer than
 * the budget (default 30 s, `--time-budget`) fails with one line and the batch goes on. Work on one
 * input is synchronous JavaScript, which nothing can interrupt from outside, so the budget is
 * checked where the work can stop: between the stages of an article, and every few thousand steps
 * inside the loops of the stages that walk its tokens (`checkDeadline`). The caps on what an input
 * may be (its size, an HTML page's elements and depth) and stages linear in their input keep each
 * step short, so an input overruns its budget by little.
 */

/** Thrown when the input being worked on has used up its time budget. */
export class TimeUp extends Error {
  override readonly name = 'TimeUp';
}

/** The time each input has used, by input (its source as given), against one limit. */
export class TimeBudget {
  private readonly spent = new Map<string, number>();

  constructor(readonly limitMs: number) {
    if (!(limitMs > 0)) throw new RangeError('budget: `limitMs` must be positive');
  }

  /** Count `ms` more against `input`. */
  charge(input: string, ms: number): void {
    this.spent.set(input, (this.spent.get(input) ?? 0) + ms);
  }

  /** The time `input` has used so far, in ms (what a worker thread's budget for it starts from). */
  spentOn(input: string): number {
    return this.spent.get(input) ?? 0;
  }

  /** Has `input` used up its budget? */
  over(input: string): boolean {
    return (this.spent.get(input) ?? 0) > this.limitMs;
  }

  /** The instant (performance.now()) at which `input`'s budget runs out. */
  deadline(input: string): number {
    return performance.now() + this.limitMs - (this.spent.get(input) ?? 0);
  }

  /** Run `fn` as work on `input`: charged to it, and stopped by `checkDeadline` once its budget runs out. */
  run<T>(input: string, fn: () => T): T {
    const start = performance.now();
    const outer = current;
    current = { at: this.deadline(input), steps: 0 };
    try {
      return fn();
    } finally {
      current = outer;
      this.charge(input, performance.now() - start);
    }
  }

  /** The one line an input over its budget fails with. */
  reason(): string {
    return `took longer than ${formatSeconds(this.limitMs)}; skipped (see --time-budget)`;
  }
}

let current: { at: number; steps: number } | null = null;

/** How many calls of `checkDeadline` between two looks at the clock. */
const STEPS_PER_LOOK = 1024;

/**
 * Throw TimeUp when the input being worked on (TimeBudget.run) is past its budget; a no-op outside
 * one. Cheap enough for a loop over tokens: the clock is read once every STEPS_PER_LOOK calls.
 */
export function checkDeadline(): void {
  if (current === null || ++current.steps % STEPS_PER_LOOK !== 0) return;
  if (performance.now() > current.at) throw new TimeUp('time budget used up');
}

/** Check now, whatever the step count (between stages). */
export function checkDeadlineNow(): void {
  if (current !== null && performance.now() > current.at) throw new TimeUp('time budget used up');
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 1 ? 3 : 1).replace(/0+$/, '')} s`;
}
