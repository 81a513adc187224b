import { normalCdf, normalQuantile, twoSidedCriticalValue, twoSidedPValue } from './normal-distribution';

// Expected values from Python 3's standard library, computed independently of this code:
//   Φ(x) = 0.5 * math.erfc(-x / math.sqrt(2))     (C library erfc)
//   quantile(p) = statistics.NormalDist().inv_cdf(p)
describe('normal distribution', () => {
  it.each([
    [-10, 7.619853024160593e-24],
    [-8, 6.220960574271819e-16],
    [-7.5, 3.19089167291092e-14],
    [-5, 2.866515718791946e-7],
    [-3, 0.0013498980316300957],
    [-1.96, 0.024997895148220435],
    [-1, 0.15865525393145707],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [2.5, 0.9937903346742238],
    [3, 0.9986501019683699],
    [6, 0.9999999990134123],
  ])('Φ(%p) = %p to 1e-15 absolute and 1e-8 relative', (x, expected) => {
    const got = normalCdf(x);
    expect(Math.abs(got - expected)).toBeLessThan(1e-15);
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-8);
  });

  it('is 0 and 1 far out in the tails', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it.each([
    [1e-20, -9.262340089798405],
    [1e-10, -6.361340902404056],
    [0.0001, -3.71901648545568],
    [0.01, -2.3263478740408408],
    [0.025, -1.9599639845400538],
    [0.05, -1.6448536269514726],
    [0.1, -1.2815515655446008],
    [0.3, -0.5244005127080407],
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.95, 1.6448536269514715],
    [0.975, 1.9599639845400536],
    [0.995, 2.5758293035489],
    [0.9999, 3.7190164854557084],
  ])('quantile(%p) = %p', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });

  it('gives the textbook two-sided critical values and p-values', () => {
    expect(twoSidedCriticalValue(0.9)).toBeCloseTo(1.6448536269514715, 12);
    expect(twoSidedCriticalValue(0.95)).toBeCloseTo(1.9599639845400536, 12);
    expect(twoSidedCriticalValue(0.99)).toBeCloseTo(2.5758293035489, 12);
    // Bonferroni: 95 % over 2 comparisons is each at 97.5 %; 99 % over 3 at 1 − 0.01/3.
    expect(twoSidedCriticalValue(0.975)).toBeCloseTo(2.2414027276049464, 12);
    expect(twoSidedCriticalValue(1 - 0.01 / 3)).toBeCloseTo(2.9351994688666982, 12);
    expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedPValue(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedPValue(0)).toBe(1);
  });
});
