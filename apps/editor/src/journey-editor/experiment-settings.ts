/**
 * A split's experiment settings as the inspector edits them (docs/product.md, Experiments): the
 * fixed horizon (entries per arm before a winner may be named), the confidence level and the
 * holdout arm. The checks mirror the shared schema and experiment-problems.ts, so the marketer
 * sees as they type what publishing would refuse. Pure.
 */
import {
  EXPERIMENT_CONFIDENCES,
  experimentSettingsSchema,
  type ExperimentConfidence,
} from '@waypoint/journey';
import type { NodeDataOf } from './journey-flow';
import type { SplitArm } from './split-arms';

type SplitData = NodeDataOf<'branch.split'>;
export type ExperimentDraft = NonNullable<SplitData['experiment']>;

export const EXPERIMENT_DEFAULTS = experimentSettingsSchema.parse({});
export const MAX_ENTRIES_PER_ARM = 100_000_000;

export const CONFIDENCE_OPTIONS = EXPERIMENT_CONFIDENCES.map((level) => ({
  value: String(level),
  label: `${Math.round(level * 100)} %`,
}));

export function isConfidence(value: number): value is ExperimentConfidence {
  return (EXPERIMENT_CONFIDENCES as readonly number[]).includes(value);
}

/** Why the horizon cannot be published as typed, or null (empty means the default). */
export function minEntriesProblem(value: number | undefined): string | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || !Number.isInteger(value)) return 'Enter a whole number of entries.';
  if (value < 1) return 'At least 1 entry per arm.';
  if (value > MAX_ENTRIES_PER_ARM) return 'At most 100,000,000 entries per arm.';
  return null;
}

/** Why the holdout cannot be published, or null: it must be an arm, and not the first (the control). */
export function holdoutProblem(holdoutArmId: string | undefined, arms: readonly SplitArm[]): string | null {
  if (holdoutArmId === undefined) return null;
  if (arms[0]?.id === holdoutArmId) return 'The first arm is the control; choose another arm as the holdout.';
  if (!arms.some((arm) => arm.id === holdoutArmId)) return 'The holdout arm is no longer one of the arms.';
  return null;
}

/**
 * The split's data with these experiment settings: a field back at its default is dropped (the
 * schema fills it in), and no settings at all drops `experiment`, as a split never set up.
 */
export function withExperiment(data: SplitData, patch: Partial<ExperimentDraft>): SplitData {
  const merged: ExperimentDraft = { ...data.experiment, ...patch };
  const next: ExperimentDraft = {};
  if (
    merged.minEntriesPerArm !== undefined &&
    merged.minEntriesPerArm !== EXPERIMENT_DEFAULTS.minEntriesPerArm
  )
    next.minEntriesPerArm = merged.minEntriesPerArm;
  if (merged.confidence !== undefined && merged.confidence !== EXPERIMENT_DEFAULTS.confidence)
    next.confidence = merged.confidence;
  if (merged.holdoutArmId !== undefined) next.holdoutArmId = merged.holdoutArmId;
  const { experiment: _old, ...rest } = data;
  return Object.keys(next).length > 0 ? { ...rest, experiment: next } : rest;
}

/** After arms change: a holdout whose arm was removed is dropped with it. */
export function keepHoldoutValid(data: SplitData): SplitData {
  const holdout = data.experiment?.holdoutArmId;
  if (holdout === undefined || data.arms.some((arm) => arm.id === holdout)) return data;
  return withExperiment(data, { holdoutArmId: undefined });
}
