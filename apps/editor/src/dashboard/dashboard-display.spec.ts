import { describe, expect, it } from '@jest/globals';
import { formatRate, shortDay } from './dashboard-display';

describe('dashboard display', () => {
  it('reads rates as percentages with one decimal, and a dash when there is nothing to divide by', () => {
    expect(formatRate(0.125)).toBe('12.5 %');
    expect(formatRate(1 / 3)).toBe('33.3 %');
    expect(formatRate(0)).toBe('0.0 %');
    expect(formatRate(null)).toBe('—');
  });

  it('reads a day as its calendar date whatever the time zone', () => {
    expect(shortDay('2026-12-06')).toBe('6 Dec');
    expect(shortDay('2026-01-31')).toBe('31 Jan');
  });
});
