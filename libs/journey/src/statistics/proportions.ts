/**
 * Conversion rates: the Wilson score interval of one proportion, Newcombe's hybrid score interval
 * of the difference of two, and the pooled two-proportion z-test. Formulas as published (sources
 * beside each), tested against the papers' own tables in proportions.spec.ts.
 */
import { twoSidedCriticalValue, twoSidedPValue } from './normal-distribution';

/** A point estimate with its confidence interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/**
 * Wilson's score interval for `successes` of `trials` (E. B. Wilson, 1927; method 3 of
 * R. G. Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998):
 * unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and keeps its coverage near 0 and 1.
 */
export function wilsonInterval(successes: number, trials: number, confidence: number): Estimate {
  if (!(trials > 0)) throw new RangeError('a rate needs at least one trial');
  const z = twoSidedCriticalValue(confidence);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 or n successes the bound is exactly 0 or 1 in theory; floating point can miss it by 1e-16.
  return {
    value: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The difference p1 − p2 with Newcombe's hybrid score interval (method 10 of R. G. Newcombe,
 * "Interval estimation for the difference between independent proportions: comparison of eleven
 * methods", Stat Med 1998), built from each arm's Wilson interval (l, u):
 *   low  = d − √((p1 − l1)² + (u2 − p2)²),  high = d + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombeDifference(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  confidence: number,
): Estimate {
  const one = wilsonInterval(successes1, trials1, confidence);
  const two = wilsonInterval(successes2, trials2, confidence);
  const d = one.value - two.value;
  return {
    value: d,
    low: d - Math.hypot(one.value - one.low, two.high - two.value),
    high: d + Math.hypot(one.high - one.value, two.value - two.low),
  };
}

export interface ZTest {
  z: number;
  /** Two-sided. */
  pValue: number;
}

/**
 * The two-sided two-proportion z-test with the pooled proportion under H0: p1 = p2:
 *   z = (p1 − p2) / √(p(1 − p)(1/n1 + 1/n2)),  p = (x1 + x2) / (n1 + n2).
 * Equal rates of 0 or 1 (no variance at all) are no evidence of a difference: z 0, p-value 1.
 * Valid when each arm has a handful of conversions and of non-conversions (≥ 5 each, say).
 */
export function twoProportionZTest(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
): ZTest {
  if (!(trials1 > 0 && trials2 > 0)) throw new RangeError('a z-test needs trials in both arms');
  const pooled = (successes1 + successes2) / (trials1 + trials2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trials1 + 1 / trials2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (successes1 / trials1 - successes2 / trials2) / se;
  return { z, pValue: twoSidedPValue(z) };
}
