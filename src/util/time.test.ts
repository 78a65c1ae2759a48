import { describe, expect, it } from 'vitest';
import { progressLine } from '../cli/io.js';
import { humanTime, relative, shortDuration } from './time.js';

describe('times as people read them', () => {
  const now = Date.parse('2026-12-01T09:00:00Z');
  it('humanTime: the minute in UTC and how long ago, no milliseconds', () => {
    expect(humanTime('2026-12-01T08:51:07.123Z', now)).toBe('2026-12-01 08:51 UTC (9 minutes ago)');
    expect(humanTime('2026-12-01T11:00:00.000Z', now)).toBe('2026-12-01 11:00 UTC (in 2 hours)');
    expect(humanTime(null, now)).toBe('never');
    expect(humanTime('2024-03-06', now)).toBe('2024-03-06');
    expect(relative(-20_000)).toBe('just now');
    expect(shortDuration(185_000)).toBe('3 min 5 s');
  });

  it('progressLine: the rate and the time left once it is known', () => {
    expect(progressLine('annotating', 5, 500, 100)).toBe('annotating 5/500');
    expect(progressLine('annotating', 120, 500, 4000)).toBe('annotating 120/500 · 30/s · about 13 s left');
    expect(progressLine('reading', 40, 0, 2000)).toBe('reading 40 · 20/s');
  });
});
