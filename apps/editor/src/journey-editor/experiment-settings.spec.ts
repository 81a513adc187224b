import { describe, expect, it } from '@jest/globals';
import { experimentSettingsSchema } from '@waypoint/journey';
import {
  CONFIDENCE_OPTIONS,
  holdoutProblem,
  keepHoldoutValid,
  minEntriesProblem,
  withExperiment,
} from './experiment-settings';

const arms = [
  { id: 'a', name: 'Control', percent: 45 },
  { id: 'b', name: 'Variant B', percent: 45 },
  { id: 'hold', name: 'Holdout', percent: 10 },
];

describe('a split’s experiment settings in the inspector', () => {
  it('store what the marketer sets, in the shape the statistics read', () => {
    let data = withExperiment({ arms }, { minEntriesPerArm: 2500 });
    data = withExperiment(data, { confidence: 0.99 });
    data = withExperiment(data, { holdoutArmId: 'hold' });
    expect(data.experiment).toEqual({ minEntriesPerArm: 2500, confidence: 0.99, holdoutArmId: 'hold' });
    expect(experimentSettingsSchema.parse(data.experiment)).toEqual(data.experiment);
  });

  it('drop settings back at their defaults, and the whole block when none is left', () => {
    const set = withExperiment({ arms }, { minEntriesPerArm: 2500, holdoutArmId: 'hold' });
    const back = withExperiment(withExperiment(set, { minEntriesPerArm: 1000 }), { holdoutArmId: undefined });
    expect(back).toEqual({ arms });
    expect(withExperiment(set, { minEntriesPerArm: undefined }).experiment).toEqual({ holdoutArmId: 'hold' });
  });

  it('offer the levels the schema accepts', () => {
    expect(CONFIDENCE_OPTIONS).toEqual([
      { value: '0.9', label: '90 %' },
      { value: '0.95', label: '95 %' },
      { value: '0.99', label: '99 %' },
    ]);
  });

  it('explain a horizon publishing would refuse', () => {
    expect(minEntriesProblem(undefined)).toBeNull();
    expect(minEntriesProblem(500)).toBeNull();
    expect(minEntriesProblem(0)).toBe('At least 1 entry per arm.');
    expect(minEntriesProblem(12.5)).toBe('Enter a whole number of entries.');
    expect(minEntriesProblem(200_000_000)).toBe('At most 100,000,000 entries per arm.');
    for (const value of [0, 12.5, 200_000_000])
      expect(experimentSettingsSchema.safeParse({ minEntriesPerArm: value }).success).toBe(false);
  });

  it('explain a holdout publishing would refuse: the control, or an arm that is gone', () => {
    expect(holdoutProblem('hold', arms)).toBeNull();
    expect(holdoutProblem('a', arms)).toBe(
      'The first arm is the control; choose another arm as the holdout.',
    );
    expect(holdoutProblem('gone', arms)).toBe('The holdout arm is no longer one of the arms.');
  });

  it('drop the holdout with its arm when the arm is removed', () => {
    const data = withExperiment({ arms }, { holdoutArmId: 'hold', confidence: 0.9 });
    expect(keepHoldoutValid({ ...data, arms: arms.slice(0, 2) })).toEqual({
      arms: arms.slice(0, 2),
      experiment: { confidence: 0.9 },
    });
    expect(keepHoldoutValid(data)).toBe(data);
  });
});
