import { InvalidArgumentError } from 'commander';
import type { RunResult } from '../../model/run.js';

/** `--reference-date`: a real calendar day in ISO form. */
export function parseIsoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a calendar day as YYYY-MM-DD');
  return value;
}

/** `--max-bytes`: a byte count with an optional KB/MB/GB suffix (powers of 1024). */
export function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500000, 512KB or 10MB');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * scale);
}

/**
 * Exit codes: 0 when every input was read, 1 when some inputs failed (and the rest were analysed),
 * 2 for usage errors (set by the CLI parser), 3 when no article could be read at all.
 */
export function exitCodeFor(run: RunResult, inputCount: number): number {
  if (run.errors.length === 0) return 0;
  if (run.articles.length === 0 && inputCount > 0) return 3;
  return 1;
}
