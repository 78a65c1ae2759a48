import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { shortDuration } from '../util/time.js';

/**
 * Write a file atomically: write a temporary file beside it, then rename over the target, so a
 * reader (or a crash half-way) never sees a half-written report. `-` writes to stdout.
 */
export function writeAtomic(file: string, content: string): void {
  if (file === '-') {
    process.stdout.write(content);
    return;
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(stream.isTTY);
}

/**
 * A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a TTY (so
 * logs and pipes stay clean) and throttled to ~10 redraws a second. With a known total it shows
 * the rate and the time left ("annotating 120/500 · 35/s · about 11 s left").
 */
export function progress(enabled = Boolean(process.stderr.isTTY)): { update: (phase: string, done: number, total: number) => void; done: () => void } {
  let last = 0;
  let shown = false;
  let phaseStart = { phase: '', at: 0 };
  return {
    update(phase, done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (phase !== phaseStart.phase) phaseStart = { phase, at: now };
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[K${progressLine(phase, done, total, now - phaseStart.at)}`);
    },
    done() {
      if (enabled && shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** The text of a progress line: phase, count, rate and (with a total) the time left. */
export function progressLine(phase: string, done: number, total: number, elapsedMs: number): string {
  const of = total > 0 ? `${done}/${total}` : String(done);
  if (elapsedMs < 500 || done === 0) return `${phase} ${of}`;
  const rate = done / (elapsedMs / 1000);
  const perSecond = rate >= 10 ? Math.round(rate).toLocaleString('en') : rate.toFixed(1);
  const left = total > done ? ` · about ${shortDuration(((total - done) / rate) * 1000)} left` : '';
  return `${phase} ${of} · ${perSecond}/s${left}`;
}
