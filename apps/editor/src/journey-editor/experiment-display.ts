// How an experiment's numbers read in the editor: rates as percentages with their interval,
// differences in percentage points with a sign, p-values to a sensible precision. Pure.
import type { Experiment } from '../api-types';

type Estimate = Experiment['arms'][number]['conversionRate'];

const percent = (fraction: number, digits = 1) => (fraction * 100).toFixed(digits);

/** "13.0 % (11.1–15.2)", or "–" when nobody entered. */
export function formatRate(rate: Estimate): string {
  if (rate.value === null) return '–';
  const interval =
    rate.low === null || rate.high === null ? '' : ` (${percent(rate.low)}–${percent(rate.high)})`;
  return `${percent(rate.value)} %${interval}`;
}

/** "+3.0 pts (0.2 to 5.8)": a difference of two rates, in percentage points. */
export function formatRateDifference(difference: Estimate): string {
  if (difference.value === null) return '–';
  const signed = (fraction: number) => `${fraction > 0 ? '+' : ''}${percent(fraction)}`;
  const interval =
    difference.low === null || difference.high === null
      ? ''
      : ` (${signed(difference.low)} to ${signed(difference.high)})`;
  return `${signed(difference.value)} pts${interval}`;
}

/** "12.40 (9.10–15.70)": revenue per entry in the store's currency units. */
export function formatMoneyEstimate(estimate: Estimate, money: Intl.NumberFormat): string {
  if (estimate.value === null) return '–';
  const interval =
    estimate.low === null || estimate.high === null
      ? ''
      : ` (${money.format(estimate.low)} to ${money.format(estimate.high)})`;
  return `${money.format(estimate.value)}${interval}`;
}

/** "p 0.035", "p 0.42", "p < 0.001", or "–" (three decimals near the thresholds). */
export function formatPValue(pValue: number | null): string {
  if (pValue === null) return '–';
  if (pValue < 0.001) return 'p < 0.001';
  return `p ${pValue < 0.1 ? pValue.toFixed(3) : pValue.toFixed(2)}`;
}
