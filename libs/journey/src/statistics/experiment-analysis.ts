/**
 * Judging a split as an experiment, from each arm's counts (entered, converted, revenue and its
 * sum of squares): per-arm rates and revenue per entry with intervals, each variant against the
 * control (the first arm), a winner only past the horizon and when the test says so, and the
 * holdout's incremental conversions and revenue. Pure; docs/product.md, Experiments, says why.
 */
import type { ExperimentConfidence, ExperimentSettings } from '../definition.schema';
import { meanInterval, pooledSums, welchDifference, type SampleSums } from './means';
import { newcombeDifference, twoProportionZTest, wilsonInterval, type Estimate } from './proportions';

export const EXPERIMENT_TEST = 'two-sided pooled two-proportion z-test';

/** A point estimate with its interval, all null when there is nothing to estimate from. */
export interface OptionalEstimate {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface ArmCounts {
  armId: string;
  name: string;
  percent: number;
  entered: number;
  converted: number;
  revenue: number;
  /** Σ revenue² over the arm's conversions (for the variance of revenue per entry). */
  revenueSquares: number;
}

export type ArmRole = 'control' | 'variant' | 'holdout';

export interface VersusControl {
  /** This arm's rate minus the control's, Newcombe interval at the comparison confidence. */
  rateDifference: OptionalEstimate;
  /** (rate − control rate) / control rate; null when the control converted nobody. */
  relativeLift: number | null;
  pValue: number | null;
  /** pValue below (1 − confidence) / comparisons. */
  significant: boolean;
  /** Welch normal interval at the comparison confidence. */
  revenuePerEntryDifference: OptionalEstimate;
}

export interface ArmResult extends ArmCounts {
  role: ArmRole;
  conversionRate: OptionalEstimate;
  revenuePerEntry: OptionalEstimate;
  /** Null for the control and the holdout. */
  vsControl: VersusControl | null;
}

export interface HoldoutResult {
  armId: string;
  /** Entries of every other arm, taken together as the treated group. */
  treatedEntries: number;
  holdoutEntries: number;
  /** Treated rate minus holdout rate (Newcombe, at the experiment's confidence). */
  rateDifference: OptionalEstimate;
  pValue: number | null;
  /** (treated rate − holdout rate) × treated entries. */
  incrementalConversions: OptionalEstimate;
  /** (treated − holdout revenue per entry) × treated entries (Welch normal interval). */
  incrementalRevenue: OptionalEstimate;
}

export interface ExperimentAnalysis {
  test: typeof EXPERIMENT_TEST;
  confidence: ExperimentConfidence;
  minEntriesPerArm: number;
  controlArmId: string;
  /** Variants compared with the control (the Bonferroni divisor). */
  comparisons: number;
  /** 1 − (1 − confidence) / comparisons: the level each comparison and its intervals use. */
  comparisonConfidence: number;
  horizonReached: boolean;
  winner: string | null;
  verdict: string;
  arms: ArmResult[];
  holdout: HoldoutResult | null;
}

const NOTHING: OptionalEstimate = { value: null, low: null, high: null };

export function analyseExperiment(
  arms: ArmCounts[],
  settings: Pick<ExperimentSettings, 'minEntriesPerArm' | 'confidence' | 'holdoutArmId'>,
): ExperimentAnalysis {
  const { minEntriesPerArm, confidence } = settings;
  const holdoutId = arms.some((a) => a.armId === settings.holdoutArmId) ? settings.holdoutArmId : undefined;
  const control = arms[0];
  const variants = arms.slice(1).filter((a) => a.armId !== holdoutId);
  const comparisons = variants.length;
  const comparisonConfidence = comparisons > 1 ? 1 - (1 - confidence) / comparisons : confidence;
  const alpha = 1 - comparisonConfidence;

  const results: ArmResult[] = arms.map((arm) => {
    const role: ArmRole = arm.armId === holdoutId ? 'holdout' : arm === control ? 'control' : 'variant';
    return {
      ...arm,
      role,
      conversionRate: arm.entered > 0 ? wilsonInterval(arm.converted, arm.entered, confidence) : NOTHING,
      revenuePerEntry: revenuePerEntry(arm, confidence),
      vsControl: role === 'variant' ? versus(arm, control, comparisonConfidence, alpha) : null,
    };
  });

  const compared = [control, ...variants];
  const fewest = Math.min(...compared.map((a) => a.entered));
  const horizonReached = fewest >= minEntriesPerArm;
  const { winner, verdict } = judge({
    control,
    variants: results.filter((r) => r.role === 'variant'),
    horizonReached,
    fewest,
    minEntriesPerArm,
    confidence,
    comparisons,
  });
  return {
    test: EXPERIMENT_TEST,
    confidence,
    minEntriesPerArm,
    controlArmId: control.armId,
    comparisons,
    comparisonConfidence,
    horizonReached,
    winner,
    verdict,
    arms: results,
    holdout: holdoutId ? holdoutResult(arms, holdoutId, confidence) : null,
  };
}

function sums(arm: ArmCounts): SampleSums {
  return { n: arm.entered, sum: arm.revenue, sumOfSquares: arm.revenueSquares };
}

function revenuePerEntry(arm: ArmCounts, confidence: number): OptionalEstimate {
  if (arm.entered === 0) return NOTHING;
  return meanInterval(sums(arm), confidence) ?? { ...NOTHING, value: arm.revenue / arm.entered };
}

function orNothing(estimate: Estimate | null, value: number | null = null): OptionalEstimate {
  return estimate ?? { ...NOTHING, value };
}

function versus(arm: ArmCounts, control: ArmCounts, level: number, alpha: number): VersusControl {
  if (arm.entered === 0 || control.entered === 0) {
    return {
      rateDifference: NOTHING,
      relativeLift: null,
      pValue: null,
      significant: false,
      revenuePerEntryDifference: NOTHING,
    };
  }
  const rate = arm.converted / arm.entered;
  const controlRate = control.converted / control.entered;
  const { pValue } = twoProportionZTest(arm.converted, arm.entered, control.converted, control.entered);
  return {
    rateDifference: newcombeDifference(arm.converted, arm.entered, control.converted, control.entered, level),
    relativeLift: controlRate > 0 ? (rate - controlRate) / controlRate : null,
    pValue,
    significant: pValue < alpha,
    revenuePerEntryDifference: orNothing(
      welchDifference(sums(arm), sums(control), level),
      arm.revenue / arm.entered - control.revenue / control.entered,
    ),
  };
}

function judge(input: {
  control: ArmCounts;
  variants: ArmResult[];
  horizonReached: boolean;
  fewest: number;
  minEntriesPerArm: number;
  confidence: number;
  comparisons: number;
}): { winner: string | null; verdict: string } {
  const { control, variants, confidence, comparisons } = input;
  if (comparisons === 0) {
    return {
      winner: null,
      verdict: `nothing to compare with ${control.name} but the holdout (see its incremental results)`,
    };
  }
  if (!input.horizonReached) {
    return {
      winner: null,
      verdict: `not enough entries yet: ${count(input.fewest)} of ${count(input.minEntriesPerArm)} per arm`,
    };
  }
  const level = `${percent(confidence)} %`;
  const test =
    comparisons > 1 ? `two-sided z-test, Bonferroni over ${comparisons} comparisons` : 'two-sided z-test';
  const difference = (r: ArmResult) => r.vsControl?.rateDifference.value ?? 0;
  const better = variants.filter((r) => r.vsControl?.significant && difference(r) > 0);
  const worse = variants.filter((r) => r.vsControl?.significant && difference(r) < 0);
  if (better.length === 1) {
    return {
      winner: better[0].armId,
      verdict: `${better[0].name} beats ${control.name} at ${level} (${test})`,
    };
  }
  if (better.length > 1) {
    return {
      winner: null,
      verdict: `${names(better)} each beat ${control.name} at ${level} (${test}); the test does not rank them against each other`,
    };
  }
  if (worse.length === variants.length) {
    return { winner: control.armId, verdict: `${control.name} beats ${names(worse)} at ${level} (${test})` };
  }
  if (worse.length > 0) {
    return {
      winner: null,
      verdict: `no arm beats ${control.name} at ${level}; ${names(worse)} did worse (${test})`,
    };
  }
  return { winner: null, verdict: `no significant difference at ${level} (${test})` };
}

function holdoutResult(arms: ArmCounts[], holdoutId: string, confidence: number): HoldoutResult {
  const holdout = arms.find((a) => a.armId === holdoutId) as ArmCounts;
  const treatedArms = arms.filter((a) => a.armId !== holdoutId);
  const treated = pooledSums(treatedArms.map(sums));
  const converted = treatedArms.reduce((n, a) => n + a.converted, 0);
  const base = { armId: holdoutId, treatedEntries: treated.n, holdoutEntries: holdout.entered };
  if (treated.n === 0 || holdout.entered === 0) {
    return {
      ...base,
      rateDifference: NOTHING,
      pValue: null,
      incrementalConversions: NOTHING,
      incrementalRevenue: NOTHING,
    };
  }
  const rate = newcombeDifference(converted, treated.n, holdout.converted, holdout.entered, confidence);
  const revenue = orNothing(
    welchDifference(treated, sums(holdout), confidence),
    treated.sum / treated.n - holdout.revenue / holdout.entered,
  );
  const times = (e: OptionalEstimate): OptionalEstimate => ({
    value: e.value === null ? null : e.value * treated.n,
    low: e.low === null ? null : e.low * treated.n,
    high: e.high === null ? null : e.high * treated.n,
  });
  return {
    ...base,
    rateDifference: rate,
    pValue: twoProportionZTest(converted, treated.n, holdout.converted, holdout.entered).pValue,
    incrementalConversions: times(rate),
    incrementalRevenue: times(revenue),
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(confidence: number): string {
  return String(Math.round(confidence * 1000) / 10);
}

function names(arms: ArmCounts[]): string {
  const all = arms.map((a) => a.name);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}
