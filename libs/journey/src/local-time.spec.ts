import { fromLocal, nextLocalTime, quietHoursEnd } from './local-time';

describe('local time in a customer time zone', () => {
  it('finds the next 09:00 in Istanbul (UTC+3) on an allowed weekday', () => {
    // Friday 2026-11-27 10:00 in Istanbul = 07:00 UTC.
    const now = new Date('2026-11-27T07:00:00Z');
    expect(nextLocalTime(now, 'Europe/Istanbul', '09:00').toISOString()).toBe('2026-11-28T06:00:00.000Z');
    // Weekdays only (Mon–Fri): Saturday and Sunday are skipped.
    expect(nextLocalTime(now, 'Europe/Istanbul', '09:00', [1, 2, 3, 4, 5]).toISOString()).toBe(
      '2026-11-30T06:00:00.000Z',
    );
    // Later today when it has not passed yet.
    expect(nextLocalTime(now, 'Europe/Istanbul', '18:30').toISOString()).toBe('2026-11-27T15:30:00.000Z');
  });

  it('handles daylight saving: 09:00 New York is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    expect(fromLocal(2026, 1, 15, 9, 0, 'America/New_York').toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(fromLocal(2026, 7, 15, 9, 0, 'America/New_York').toISOString()).toBe('2026-07-15T13:00:00.000Z');
    // Across the March change: from Saturday evening to Sunday 09:00 EDT.
    expect(nextLocalTime(new Date('2026-03-07T23:00:00Z'), 'America/New_York', '09:00').toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
  });

  it('knows quiet hours that wrap midnight and when they end', () => {
    const window = { start: '21:00', end: '08:00' };
    // 22:30 in Istanbul: inside, ends 08:00 next morning.
    expect(quietHoursEnd(new Date('2026-11-27T19:30:00Z'), 'Europe/Istanbul', window)?.toISOString()).toBe(
      '2026-11-28T05:00:00.000Z',
    );
    // 06:00 in Istanbul: inside, ends at 08:00 the same morning.
    expect(quietHoursEnd(new Date('2026-11-27T03:00:00Z'), 'Europe/Istanbul', window)?.toISOString()).toBe(
      '2026-11-27T05:00:00.000Z',
    );
    // 12:00: outside.
    expect(quietHoursEnd(new Date('2026-11-27T09:00:00Z'), 'Europe/Istanbul', window)).toBeNull();
    // A daytime window.
    expect(
      quietHoursEnd(new Date('2026-11-27T09:30:00Z'), 'UTC', { start: '09:00', end: '10:00' })?.toISOString(),
    ).toBe('2026-11-27T10:00:00.000Z');
  });
});
