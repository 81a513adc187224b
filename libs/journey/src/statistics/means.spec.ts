import { meanInterval, pooledSums, sampleVariance, welchDifference } from './means';

// Two arms of ten entries each, revenue per entry: A = eight zeros, 50, 120; B = seven zeros, 40,
// 80, 100. Expected values from Python 3's standard library on the raw values (independent of the
// sums used here): statistics.mean/variance, NormalDist().inv_cdf(0.975 or 0.995).
const a = { n: 10, sum: 170, sumOfSquares: 16_900 };
const b = { n: 10, sum: 220, sumOfSquares: 18_000 };

describe('revenue per entry', () => {
  it('takes the sample variance from the sums', () => {
    expect(sampleVariance(a)).toBeCloseTo(1556.6666666666667, 9);
  });

  it('gives mean ± z·s/√n at the chosen confidence', () => {
    expect(meanInterval(a, 0.95)).toEqual({
      value: 17,
      low: expect.closeTo(-7.4537745502554, 9),
      high: expect.closeTo(41.4537745502554, 9),
    });
    expect(meanInterval(a, 0.99)).toEqual({
      value: 17,
      low: expect.closeTo(-15.137707409816414, 9),
      high: expect.closeTo(49.137707409816414, 9),
    });
    expect(meanInterval({ n: 1, sum: 30, sumOfSquares: 900 }, 0.95)).toBeNull();
  });

  it("gives the difference of two means with Welch's unpooled standard error", () => {
    expect(welchDifference(b, a, 0.95)).toEqual({
      value: 5,
      low: expect.closeTo(-29.05427631137932, 9),
      high: expect.closeTo(39.05427631137932, 9),
    });
    expect(welchDifference(b, { n: 1, sum: 0, sumOfSquares: 0 }, 0.95)).toBeNull();
  });

  it('never reports a negative variance from rounding', () => {
    const same = { n: 3, sum: 0.3, sumOfSquares: 0.03 };
    expect(sampleVariance(same)).toBeGreaterThanOrEqual(0);
  });

  it('pools several arms into one sample', () => {
    expect(pooledSums([a, b])).toEqual({ n: 20, sum: 390, sumOfSquares: 34_900 });
  });
});
