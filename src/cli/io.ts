import { lstatSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { shortDuration } from '../util/time.js';
import { alive } from '../util/process.js';

/** Temporary files being written now: removed if the write fails, and before a signal ends the process. */
const pending = new Set<string>();

/**
 * Write a report file so that no reader (and no crash half-way) sees it half-written, and so that
 * what the name points to is what gets written:
 * - a regular file (or a new name) is written to a temporary file beside it, then renamed over
 *   it, keeping its permissions; a temporary file left by a writer that was killed is removed;
 * - a symbolic link writes its target (the link stays a link);
 * - a character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written
 *   directly: renaming over it would replace the device with a file;
 * - `-` writes to stdout.
 */
export function writeAtomic(file: string, content: string): void {
  if (file === '-') {
    process.stdout.write(content);
    return;
  }
  const target = linkTarget(file);
  const info = statOf(target);
  if (info && !info.isFile() && !info.isDirectory()) {
    writeFileSync(target, content);
    return;
  }
  const dir = dirname(target);
  removeStaleTemps(dir, basename(target));
  const tmp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  pending.add(tmp);
  try {
    writeFileSync(tmp, content, info ? { mode: info.mode & 0o7777 } : {});
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/** Where a name finally points: itself, or the end of its chain of symbolic links (which may not exist yet). */
function linkTarget(file: string): string {
  let path = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(path);
    } catch {
      return path;
    }
    if (!link.isSymbolicLink()) return path;
    try {
      return realpathSync(path);
    } catch {
      path = resolve(dirname(path), readlinkSync(path)); // a link to a file not written yet
    }
  }
  throw Object.assign(new Error(`${file}: too many levels of symbolic links`), { code: 'ELOOP' });
}

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** `.name.<pid>.tmp` files beside `name` whose writer no longer runs (killed with SIGKILL mid-write). */
function removeStaleTemps(dir: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const e of entries) {
    if (!e.startsWith(prefix) || !e.endsWith('.tmp')) continue;
    const pid = Number(e.slice(prefix.length, -4));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) rmSync(join(dir, e), { force: true });
  }
}


const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Run `write` (which writes report files) so that a signal cannot end the process half-way through
 * a file: a signal that comes meanwhile is held, the files are finished or their temporary files
 * removed, and then the signal is raised again (the process ends as it would have).
 */
export async function holdingSignals(write: () => void): Promise<void> {
  const caught: NodeJS.Signals[] = [];
  const hold = (s: NodeJS.Signals) => void caught.push(s);
  for (const s of SIGNALS) process.on(s, hold);
  try {
    write();
  } finally {
    for (const f of pending) rmSync(f, { force: true });
    // A signal that came during the (synchronous) writes is delivered once the loop polls again:
    // a turn or two (a short timer lets the poll phase read libuv's signal pipe).
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 10));
    for (const s of SIGNALS) process.off(s, hold);
  }
  if (caught.length) process.kill(process.pid, caught[0]);
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
