import { describe, expect, it } from '@jest/globals';
import { formatMoneyEstimate, formatPValue, formatRate, formatRateDifference } from './experiment-display';

const none = { value: null, low: null, high: null };
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('experiment display', () => {
  it('shows a rate as a percentage with its interval', () => {
    expect(formatRate({ value: 0.13, low: 0.11056, high: 0.15227 })).toBe('13.0 % (11.1–15.2)');
    expect(formatRate({ value: 1, low: 0.75, high: 1 })).toBe('100.0 % (75.0–100.0)');
    expect(formatRate(none)).toBe('–');
  });

  it('shows a difference in signed percentage points', () => {
    expect(formatRateDifference({ value: 0.03, low: 0.002, high: 0.05807 })).toBe('+3.0 pts (+0.2 to +5.8)');
    expect(formatRateDifference({ value: -0.04, low: -0.0727, high: -0.0074 })).toBe(
      '-4.0 pts (-7.3 to -0.7)',
    );
    expect(formatRateDifference(none)).toBe('–');
  });

  it('shows revenue per entry with its interval, or only the value when there is none', () => {
    expect(formatMoneyEstimate({ value: 17, low: -7.4538, high: 41.4538 }, money)).toBe(
      '17.00 (-7.45 to 41.45)',
    );
    expect(formatMoneyEstimate({ value: 30, low: null, high: null }, money)).toBe('30.00');
    expect(formatMoneyEstimate(none, money)).toBe('–');
  });

  it('shows p-values to a sensible precision', () => {
    expect(formatPValue(0.0354)).toBe('p 0.035');
    expect(formatPValue(0.4213)).toBe('p 0.42');
    expect(formatPValue(0.0059)).toBe('p 0.006');
    expect(formatPValue(0.0000001)).toBe('p < 0.001');
    expect(formatPValue(null)).toBe('–');
  });
});
