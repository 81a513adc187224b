import { analyseExperiment, type ArmCounts } from './experiment-analysis';

// Expected p-values and intervals computed independently in python3 from the textbook formulas
// (math.erfc for the normal tail, statistics.NormalDist().inv_cdf for z, statistics.variance on
// the raw revenue values), e.g. B 130/1000 against A 100/1000: z 2.1027, p 0.03549.
function arm(armId: string, entered: number, converted: number, orderValue = 0): ArmCounts {
  return {
    armId,
    name: armId.toUpperCase(),
    percent: 50,
    entered,
    converted,
    revenue: converted * orderValue,
    revenueSquares: converted * orderValue * orderValue,
  };
}

const at95 = { minEntriesPerArm: 1_000, confidence: 0.95 as const };

describe('analyseExperiment', () => {
  it('names B the winner when it beats the control at 95 % past the horizon', () => {
    const result = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 130)], at95);
    expect(result).toMatchObject({
      controlArmId: 'a',
      comparisons: 1,
      comparisonConfidence: 0.95,
      horizonReached: true,
      winner: 'b',
      verdict: 'B beats A at 95 % (two-sided z-test)',
    });
    const b = result.arms[1];
    expect(b.role).toBe('variant');
    expect(b.conversionRate.value).toBeCloseTo(0.13, 12);
    expect(b.conversionRate.low).toBeCloseTo(0.11056377462484193, 10);
    expect(b.conversionRate.high).toBeCloseTo(0.1522680266544689, 10);
    expect(b.vsControl?.pValue).toBeCloseTo(0.03548845046647473, 10);
    expect(b.vsControl?.relativeLift).toBeCloseTo(0.3, 12);
    expect(b.vsControl?.rateDifference.low).toBeCloseTo(0.0020023487152830075, 10);
    expect(b.vsControl?.rateDifference.high).toBeCloseTo(0.05807048502220285, 10);
    expect(result.arms[0]).toMatchObject({ role: 'control', vsControl: null });
  });

  it('names no winner before the horizon, however strong the difference looks', () => {
    const result = analyseExperiment([arm('a', 999, 50), arm('b', 1500, 300)], at95);
    expect(result).toMatchObject({
      horizonReached: false,
      winner: null,
      verdict: 'not enough entries yet: 999 of 1,000 per arm',
    });
    expect(result.arms[1].vsControl?.significant).toBe(true);
  });

  it('needs p below 0.05 / 2 with two variants (Bonferroni), and uses 97.5 % intervals', () => {
    const close = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 130), arm('c', 1000, 100)], at95);
    expect(close).toMatchObject({
      comparisons: 2,
      comparisonConfidence: 0.975,
      winner: null,
      verdict: 'no significant difference at 95 % (two-sided z-test, Bonferroni over 2 comparisons)',
    });
    expect(close.arms[1].vsControl).toMatchObject({ significant: false });

    const clear = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 140), arm('c', 1000, 100)], at95);
    expect(clear).toMatchObject({
      winner: 'b',
      verdict: 'B beats A at 95 % (two-sided z-test, Bonferroni over 2 comparisons)',
    });
    // p 0.005916 < 0.025; its interval is Newcombe's at 97.5 %.
    expect(clear.arms[1].vsControl?.pValue).toBeCloseTo(0.005915851074238009, 10);
    expect(clear.arms[1].vsControl?.rateDifference.low).toBeCloseTo(0.007398172442628165, 10);
    expect(clear.arms[1].vsControl?.rateDifference.high).toBeCloseTo(0.07270397945775456, 10);
  });

  it('holds the test to the chosen level: p 0.035 is no winner at 99 %', () => {
    const result = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 130)], {
      minEntriesPerArm: 1000,
      confidence: 0.99,
    });
    expect(result).toMatchObject({
      winner: null,
      verdict: 'no significant difference at 99 % (two-sided z-test)',
    });
  });

  it('names the control when it beats every variant', () => {
    const result = analyseExperiment([arm('a', 1000, 140), arm('b', 1000, 100)], at95);
    expect(result).toMatchObject({ winner: 'a', verdict: 'A beats B at 95 % (two-sided z-test)' });
  });

  it('names no winner when two variants each beat the control (they are not tested against each other)', () => {
    const result = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 148), arm('c', 1000, 146)], at95);
    expect(result.winner).toBeNull();
    expect(result.verdict).toBe(
      'B and C each beat A at 95 % (two-sided z-test, Bonferroni over 2 comparisons); the test does not rank them against each other',
    );
  });

  it('gives nulls, not NaN, for arms nobody entered', () => {
    const result = analyseExperiment([arm('a', 0, 0), arm('b', 0, 0)], at95);
    expect(result.verdict).toBe('not enough entries yet: 0 of 1,000 per arm');
    expect(result.arms[1]).toMatchObject({
      conversionRate: { value: null, low: null, high: null },
      revenuePerEntry: { value: null, low: null, high: null },
      vsControl: { pValue: null, significant: false, relativeLift: null },
    });
  });

  it("gives a holdout's incremental conversions and revenue with intervals, and leaves it out of the comparisons", () => {
    // Send: 900 entries, 90 orders of 50; holdout: 100 entries, 5 orders of 50.
    const result = analyseExperiment([arm('send', 900, 90, 50), arm('hold', 100, 5, 50)], {
      ...at95,
      holdoutArmId: 'hold',
    });
    expect(result).toMatchObject({ comparisons: 0, winner: null });
    expect(result.verdict).toBe('nothing to compare with SEND but the holdout (see its incremental results)');
    expect(result.arms.map((a) => a.role)).toEqual(['control', 'holdout']);
    const holdout = result.holdout;
    expect(holdout).toMatchObject({ armId: 'hold', treatedEntries: 900, holdoutEntries: 100 });
    expect(holdout?.pValue).toBeCloseTo(0.10572149850826566, 10);
    expect(holdout?.incrementalConversions.value).toBeCloseTo(45, 9);
    expect(holdout?.incrementalConversions.low).toBeCloseTo(-12.871217656974856, 8);
    expect(holdout?.incrementalConversions.high).toBeCloseTo(77.00769829764575, 8);
    expect(holdout?.incrementalRevenue.value).toBeCloseTo(2250, 8);
    expect(holdout?.incrementalRevenue.low).toBeCloseTo(126.06799339252039, 7);
    expect(holdout?.incrementalRevenue.high).toBeCloseTo(4373.93200660748, 7);
  });

  it('compares the variants but not the holdout with the control', () => {
    const result = analyseExperiment([arm('a', 1000, 100), arm('b', 1000, 130), arm('h', 200, 10)], {
      ...at95,
      holdoutArmId: 'h',
    });
    expect(result).toMatchObject({
      comparisons: 1,
      winner: 'b',
      verdict: 'B beats A at 95 % (two-sided z-test)',
    });
    expect(result.arms[2]).toMatchObject({ role: 'holdout', vsControl: null });
    expect(result.holdout?.treatedEntries).toBe(2000);
  });
});
