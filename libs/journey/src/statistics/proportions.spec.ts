import { newcombeDifference, twoProportionZTest, wilsonInterval } from './proportions';

describe('Wilson interval of a conversion rate', () => {
  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (score, no continuity
  // correction), 95 %.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%p of %p: %p to %p (Newcombe 1998, Table I)', (x, n, low, high) => {
    const rate = wilsonInterval(x, n, 0.95);
    expect(rate.value).toBeCloseTo(x / n, 12);
    expect(rate.low).toBeCloseTo(low, 4);
    expect(rate.high).toBeCloseTo(high, 4);
  });

  it('is wider at 99 % and narrower at 90 % than at 95 %', () => {
    const at = (c: number) => wilsonInterval(81, 263, c);
    expect(at(0.99).low).toBeLessThan(at(0.95).low);
    expect(at(0.99).high).toBeGreaterThan(at(0.95).high);
    expect(at(0.9).low).toBeGreaterThan(at(0.95).low);
    expect(at(0.9).high).toBeLessThan(at(0.95).high);
  });

  it('stays inside [0, 1] and needs at least one trial', () => {
    expect(wilsonInterval(20, 20, 0.95)).toMatchObject({ value: 1, high: 1 });
    expect(wilsonInterval(20, 20, 0.95).low).toBeCloseTo(1 - 0.1611, 4);
    for (const n of [1, 7, 13, 263]) {
      expect(wilsonInterval(n, n, 0.95).high).toBe(1);
      expect(wilsonInterval(0, n, 0.95).low).toBe(0);
    }
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(RangeError);
  });
});

describe('Newcombe interval of a difference of two rates', () => {
  // R. G. Newcombe, "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 10
  // (score, no continuity correction), 95 %.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%p/%p − %p/%p: %p to %p (Newcombe 1998, Table II)', (x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x1, n1, x2, n2, 0.95);
    expect(d.value).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is the mirror image when the arms are swapped', () => {
    const ab = newcombeDifference(56, 70, 48, 80, 0.95);
    const ba = newcombeDifference(48, 80, 56, 70, 0.95);
    expect(ba.value).toBeCloseTo(-ab.value, 12);
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
  });
});

describe('pooled two-proportion z-test', () => {
  it('matches the mammogram example of OpenIntro Statistics (4th ed., section 6.2.3)', () => {
    // 500 deaths of 44,925 screened against 505 of 44,910 not: pooled p 0.0112, Z ≈ −0.17, and
    // the book's p-value 0.8650 is read from a table at Z rounded to −0.17; unrounded, Z = −0.1639
    // and p = 0.8698 (python3: 2 * 0.5 * math.erfc(0.1639329561578003 / math.sqrt(2))).
    const test = twoProportionZTest(500, 44_925, 505, 44_910);
    expect(test.z).toBeCloseTo(-0.1639329561578003, 10);
    expect(test.pValue).toBeCloseTo(0.8697839227860011, 10);
  });

  it('finds 56/70 against 48/80 significant at 1 % (z 2.6502, p 0.0080)', () => {
    // Computed by hand from the formula: p = 104/150, se = √(p(1−p)(1/70 + 1/80)) = 0.07547.
    const test = twoProportionZTest(56, 70, 48, 80);
    expect(test.z).toBeCloseTo(2.6501719512585336, 10);
    expect(test.pValue).toBeCloseTo(0.008045081368196568, 10);
  });

  it('is symmetric, and says nothing when neither arm varies', () => {
    expect(twoProportionZTest(48, 80, 56, 70).z).toBeCloseTo(-2.6501719512585336, 10);
    expect(twoProportionZTest(0, 100, 0, 120)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 30, 30)).toEqual({ z: 0, pValue: 1 });
    expect(() => twoProportionZTest(0, 0, 1, 10)).toThrow(RangeError);
  });
});
