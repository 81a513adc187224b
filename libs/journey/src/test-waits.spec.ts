import { describeTestWaits, shortenedWake } from './test-waits';

const FROM = '2026-01-01T00:00:00.000Z';

describe('shortenedWake', () => {
  it('cuts a one-hour wait to the fixed seconds', () => {
    expect(shortenedWake(FROM, '2026-01-01T01:00:00.000Z', { mode: 'fixed', seconds: 10 })).toBe(
      '2026-01-01T00:00:10.000Z',
    );
  });

  it('keeps a wait already shorter than the fixed seconds', () => {
    expect(shortenedWake(FROM, '2026-01-01T00:00:04.000Z', { mode: 'fixed', seconds: 10 })).toBe(
      '2026-01-01T00:00:04.000Z',
    );
  });

  it('divides a wait by the factor', () => {
    expect(shortenedWake(FROM, '2026-01-01T01:00:00.000Z', { mode: 'factor', factor: 360 })).toBe(
      '2026-01-01T00:00:10.000Z',
    );
  });

  it('leaves a wake-up already past as it is', () => {
    expect(shortenedWake(FROM, '2025-12-31T23:00:00.000Z', { mode: 'factor', factor: 2 })).toBe(
      '2025-12-31T23:00:00.000Z',
    );
  });
});

describe('describeTestWaits', () => {
  it('says what the shortening is', () => {
    expect(describeTestWaits({ mode: 'fixed', seconds: 10 })).toBe('every wait at most 10 s');
    expect(describeTestWaits({ mode: 'factor', factor: 60 })).toBe('every wait divided by 60');
  });
});
