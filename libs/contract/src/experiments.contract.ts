/**
 * A journey's experiments (docs/product.md, Experiments): for each `branch.split`, per arm the
 * entries, conversions and revenue with intervals, each variant against the control (the first
 * arm), the winner (only past the marketer's horizon and when the test says so) and a verdict in
 * words, and a holdout's incremental conversions and revenue. Computed by the journey lib's
 * `analyseExperiment`; these schemas are its answer as the API gives it.
 */
import { EXPERIMENT_CONFIDENCES, EXPERIMENT_TEST } from '@waypoint/journey';
import { z } from 'zod';
import { data } from './http';

const count = z.number().int().min(0);

const estimate = (what: string) =>
  z
    .object({
      value: z.number().nullable(),
      low: z.number().nullable(),
      high: z.number().nullable(),
    })
    .describe(`${what}: the estimate and its interval; null when there is nothing to estimate from`);

export const experimentArmSchema = z.object({
  armId: z.string(),
  name: z.string(),
  percent: z.number().describe("The arm's share of entries, as the split is set now"),
  role: z
    .enum(['control', 'variant', 'holdout'])
    .describe('The first arm is the control (unless it is the holdout); variants are compared with it'),
  entered: count.describe('Runs whose first pass through the split took this arm'),
  converted: count.describe('Of those, runs with a goal conversion at or after the split'),
  revenue: z.number().describe("The converted runs' attributed revenue"),
  conversionRate: estimate('converted / entered, Wilson score interval at the experiment confidence'),
  revenuePerEntry: estimate('revenue / entered, normal-approximation interval at the experiment confidence'),
  vsControl: z
    .object({
      rateDifference: estimate(
        "This arm's rate minus the control's, Newcombe hybrid score interval at the comparison confidence",
      ),
      relativeLift: z
        .number()
        .nullable()
        .describe("(rate − control's) / control's; null when the control's is 0"),
      pValue: z.number().nullable().describe('Two-sided pooled two-proportion z-test against the control'),
      significant: z.boolean().describe('pValue below (1 − confidence) / comparisons'),
      revenuePerEntryDifference: estimate(
        "Revenue per entry minus the control's, Welch normal-approximation interval at the comparison confidence",
      ),
    })
    .nullable()
    .describe('Null for the control and the holdout'),
});

export const experimentHoldoutSchema = z.object({
  armId: z.string(),
  treatedEntries: count.describe('Entries of every other arm together'),
  holdoutEntries: count,
  rateDifference: estimate('Treated rate minus holdout rate (Newcombe, experiment confidence)'),
  pValue: z.number().nullable().describe('Two-sided pooled z-test, treated against holdout'),
  incrementalConversions: estimate('(treated rate − holdout rate) × treated entries'),
  incrementalRevenue: estimate('(treated − holdout revenue per entry) × treated entries (Welch interval)'),
});

export const experimentSchema = z.object({
  nodeId: z.string().describe('The branch.split node'),
  test: z.literal(EXPERIMENT_TEST),
  confidence: z.literal(EXPERIMENT_CONFIDENCES).describe("The split's experiment.confidence (default 0.95)"),
  minEntriesPerArm: z
    .number()
    .int()
    .min(1)
    .describe('The horizon: no winner before every compared arm has this many entries (default 1,000)'),
  controlArmId: z.string(),
  comparisons: count.describe('Variants compared with the control: the Bonferroni divisor'),
  comparisonConfidence: z.number().describe('1 − (1 − confidence) / comparisons'),
  horizonReached: z.boolean(),
  winner: z.string().nullable().describe('An arm id, only past the horizon and when significant'),
  verdict: z.string().describe('In words, e.g. "B beats A at 95 % (two-sided z-test)"'),
  arms: z.array(experimentArmSchema),
  holdout: experimentHoldoutSchema.nullable().describe('When experiment.holdoutArmId names an arm'),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const journeyExperimentsSchema = z.object({
  version: z
    .number()
    .int()
    .nullable()
    .describe('The published version whose splits are shown (null: never published, the draft)'),
  experiments: z.array(experimentSchema),
});
export type JourneyExperiments = z.infer<typeof journeyExperimentsSchema>;

export const journeyExperimentsResponse = data(journeyExperimentsSchema).meta({
  title: 'JourneyExperimentsAnswer',
});
