/**
 * Revenue per entry: the mean of a sample known only by its count, sum and sum of squares (what
 * one SQL aggregate returns), with normal-approximation intervals. Assumptions (docs/product.md,
 * Experiments): entries are independent, and the sample mean is close to normal (central limit
 * theorem). Revenue per entry is mostly zeros with a few large orders, so the intervals are
 * trustworthy only with many conversions per arm (some dozens); a winner is never named on revenue.
 */
import { twoSidedCriticalValue } from './normal-distribution';
import type { Estimate } from './proportions';

/** A sample known by its aggregates. */
export interface SampleSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export function sampleMean(sample: SampleSums): number {
  return sample.sum / sample.n;
}

/** The unbiased sample variance, (Σx² − (Σx)²/n) / (n − 1); never below 0 (rounding). */
export function sampleVariance(sample: SampleSums): number {
  return Math.max(0, (sample.sumOfSquares - (sample.sum * sample.sum) / sample.n) / (sample.n - 1));
}

/** mean ± z·s/√n; null below two observations (no variance to estimate). */
export function meanInterval(sample: SampleSums, confidence: number): Estimate | null {
  if (sample.n < 2) return null;
  const mean = sampleMean(sample);
  const half = twoSidedCriticalValue(confidence) * Math.sqrt(sampleVariance(sample) / sample.n);
  return { value: mean, low: mean - half, high: mean + half };
}

/**
 * mean1 − mean2 ± z·√(s1²/n1 + s2²/n2): Welch's unpooled standard error (the arms' variances are
 * not assumed equal) with the normal quantile instead of Student's t, which the arm sizes of an
 * experiment make indistinguishable. Null when either arm has fewer than two observations.
 */
export function welchDifference(one: SampleSums, two: SampleSums, confidence: number): Estimate | null {
  if (one.n < 2 || two.n < 2) return null;
  const d = sampleMean(one) - sampleMean(two);
  const se = Math.sqrt(sampleVariance(one) / one.n + sampleVariance(two) / two.n);
  const half = twoSidedCriticalValue(confidence) * se;
  return { value: d, low: d - half, high: d + half };
}

/** The sums of several samples taken as one. */
export function pooledSums(samples: SampleSums[]): SampleSums {
  return samples.reduce(
    (all, s) => ({ n: all.n + s.n, sum: all.sum + s.sum, sumOfSquares: all.sumOfSquares + s.sumOfSquares }),
    { n: 0, sum: 0, sumOfSquares: 0 },
  );
}
