import { describe, expect, it } from '@jest/globals';
import { formatRelativeTime } from './relative-time';

const now = new Date('2025-06-15T12:00:00.000Z');
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
const after = (ms: number) => new Date(now.getTime() + ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds, and for slight clock skew into the future', () => {
    expect(formatRelativeTime(before(0), now)).toBe('just now');
    expect(formatRelativeTime(before(44 * SECOND), now)).toBe('just now');
    expect(formatRelativeTime(after(10 * SECOND), now)).toBe('just now');
  });

  it('counts minutes under an hour, never "0 min"', () => {
    expect(formatRelativeTime(before(46 * SECOND), now)).toBe('1 min ago');
    expect(formatRelativeTime(before(5 * MINUTE), now)).toBe('5 min ago');
    expect(formatRelativeTime(before(59 * MINUTE), now)).toBe('59 min ago');
  });

  it('counts hours under a day', () => {
    expect(formatRelativeTime(before(HOUR), now)).toBe('1 h ago');
    expect(formatRelativeTime(before(3 * HOUR + 10 * MINUTE), now)).toBe('3 h ago');
  });

  it('says "yesterday" and then counts days up to four weeks', () => {
    expect(formatRelativeTime(before(DAY), now)).toBe('yesterday');
    expect(formatRelativeTime(before(4 * DAY), now)).toBe('4 days ago');
    expect(formatRelativeTime(before(27 * DAY), now)).toBe('27 days ago');
  });

  it('falls back to a calendar date for anything older', () => {
    expect(formatRelativeTime('2025-03-12T09:30:00.000Z', now)).toBe('12 Mar 2025');
  });

  it('describes future times (e.g. a scheduled wake-up) with "in"', () => {
    expect(formatRelativeTime(after(5 * MINUTE), now)).toBe('in 5 min');
    expect(formatRelativeTime(after(2 * HOUR), now)).toBe('in 2 h');
    expect(formatRelativeTime(after(DAY), now)).toBe('tomorrow');
  });

  it('accepts Date objects as well as ISO strings', () => {
    expect(formatRelativeTime(new Date(now.getTime() - 5 * MINUTE), now)).toBe('5 min ago');
  });

  it('shows a dash instead of "NaN" for an unreadable time', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});
