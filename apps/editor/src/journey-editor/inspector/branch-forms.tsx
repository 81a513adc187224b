// Inspector forms for branches: named conditions tried in order (then "else"), and A/B splits
// whose percentages must add up to 100. Output ids stay fixed once made, so renaming a condition
// or an arm never disconnects it.
import { describeDuration } from '@waypoint/journey';
import { useId } from 'react';
import {
  CONFIDENCE_OPTIONS,
  EXPERIMENT_DEFAULTS,
  holdoutProblem,
  isConfidence,
  keepHoldoutValid,
  MAX_ENTRIES_PER_ARM,
  minEntriesProblem,
  withExperiment,
} from '../experiment-settings';
import { useJourneyDocument } from '../JourneyEditorContext';
import { addArm, evenSplit, splitProblem, splitTotal } from '../split-arms';
import { ConditionBuilder } from './ConditionBuilder';
import { useSendSteps } from './useSendSteps';
import { FieldError, NumberField, SelectField, TextField } from '../../forms/fields';
import type { NodeFormProps } from './form-props';

function newConditionId(taken: ReadonlySet<string>): string {
  if (!taken.has('yes')) return 'yes';
  for (let n = 2; ; n++) if (!taken.has(`condition-${n}`)) return `condition-${n}`;
}

export function BranchConditionForm({ data, onChange }: NodeFormProps<'branch.condition'>) {
  const messages = useSendSteps();
  const conditions = data.conditions ?? [];
  const replace = (next: typeof conditions, field: string) => onChange({ ...data, conditions: next }, field);
  return (
    <>
      <p className="muted small">
        Conditions are tried in order; the first that holds picks the output. Otherwise the run takes “else”.
      </p>
      <ol className="stack-list">
        {conditions.map((condition, index) => (
          <li key={condition.id} className="stack-list__item">
            <TextField
              label={`Condition ${index + 1}: name`}
              value={condition.name}
              hint={`Output “${condition.id}”.`}
              onChange={(name) =>
                replace(
                  conditions.map((c, i) => (i === index ? { ...c, name } : c)),
                  `name:${condition.id}`,
                )
              }
            />
            <ConditionBuilder
              label={`Condition ${index + 1}: holds when`}
              value={condition.when}
              kinds={['attribute', 'property', 'did', 'segment', 'clicked', 'opened']}
              messages={messages}
              emptyText="Add a rule: a condition without rules cannot be published."
              onChange={(when) =>
                replace(
                  conditions.map((c, i) =>
                    i === index ? { ...c, when: when ?? { all: [] } } : c,
                  ) as typeof conditions,
                  `when:${condition.id}`,
                )
              }
            />
            <div className="button-row">
              <button
                type="button"
                className="button button--small button--quiet"
                disabled={index === 0}
                onClick={() => {
                  const next = [...conditions];
                  [next[index - 1], next[index]] = [next[index], next[index - 1]];
                  replace(next, 'order');
                }}
              >
                Move up
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                disabled={conditions.length <= 1}
                onClick={() =>
                  replace(
                    conditions.filter((_, i) => i !== index),
                    'remove',
                  )
                }
              >
                Remove condition {index + 1}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          const id = newConditionId(new Set([...conditions.map((c) => c.id), 'else']));
          replace(
            [
              ...conditions,
              {
                id,
                name: id === 'yes' ? 'Yes' : `Condition ${conditions.length + 1}`,
                when: { did: 'order.placed' },
              },
            ],
            'add',
          );
        }}
      >
        Add condition
      </button>
    </>
  );
}

export function BranchSplitForm({ data, onChange }: NodeFormProps<'branch.split'>) {
  const arms = data.arms ?? [];
  const problem = splitProblem(arms);
  const replace = (next: typeof arms, field: string) =>
    onChange(keepHoldoutValid({ ...data, arms: next }), field);
  return (
    <>
      <p className="muted small">
        Each customer is assigned one arm at random by these shares. The first arm is the control. A holdout
        is an arm that leads straight to the exit.
      </p>
      <ol className="stack-list">
        {arms.map((arm, index) => (
          <li key={arm.id} className="stack-list__item stack-list__item--row">
            <TextField
              label={`Arm ${index + 1}: name`}
              value={arm.name}
              onChange={(name) =>
                replace(
                  arms.map((a, i) => (i === index ? { ...a, name } : a)),
                  `name:${arm.id}`,
                )
              }
            />
            <NumberField
              label={`Arm ${index + 1}: share`}
              suffix="%"
              min={0}
              max={100}
              step={1}
              value={arm.percent}
              onChange={(percent) =>
                replace(
                  arms.map((a, i) => (i === index ? { ...a, percent: percent ?? 0 } : a)),
                  `percent:${arm.id}`,
                )
              }
            />
            <button
              type="button"
              className="button button--small button--quiet"
              disabled={arms.length <= 2}
              onClick={() =>
                replace(
                  arms.filter((_, i) => i !== index),
                  'remove',
                )
              }
            >
              Remove arm {index + 1}
            </button>
          </li>
        ))}
      </ol>
      <p className={problem ? 'split-total split-total--invalid' : 'split-total'} aria-live="polite">
        Total: {splitTotal(arms)} %
      </p>
      {problem && <FieldError>{problem}</FieldError>}
      <div className="button-row">
        <button type="button" className="button button--small" onClick={() => replace(addArm(arms), 'add')}>
          Add arm
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => replace(evenSplit(arms), 'even')}
        >
          Split evenly
        </button>
      </div>
      <ExperimentFields data={data} onChange={onChange} />
    </>
  );
}

/** How the split is judged as an experiment: the goal it counts, the horizon, the level, the holdout. */
function ExperimentFields({ data, onChange }: Omit<NodeFormProps<'branch.split'>, 'nodeId'>) {
  const goal = useJourneyDocument((s) => s.settings.goal);
  const arms = data.arms ?? [];
  const experiment = data.experiment ?? {};
  const minEntries = experiment.minEntriesPerArm;
  const holdout = experiment.holdoutArmId;
  const legendId = useId();
  return (
    <fieldset className="experiment-settings" aria-labelledby={legendId}>
      <legend id={legendId} className="field__label">
        Experiment
      </legend>
      <p className="muted small">
        {goal?.event
          ? `An arm converts when its customer does ${goal.event} within ${
              goal.window ? describeDuration(goal.window) : '…'
            } (the journey’s goal). `
          : 'This journey has no goal, so no arm can convert: set one in the journey settings. '}
        The first arm, “{arms[0]?.name ?? '…'}”, is the control each other arm is compared with (two-sided
        z-test).
      </p>
      <NumberField
        label="Entries per arm before naming a winner"
        min={1}
        max={MAX_ENTRIES_PER_ARM}
        step={1}
        value={minEntries}
        hint={`Decide it before looking: no winner is named earlier, so checking often cannot pick one by chance. Empty: ${EXPERIMENT_DEFAULTS.minEntriesPerArm.toLocaleString('en')}.`}
        error={minEntriesProblem(minEntries)}
        onChange={(value) =>
          onChange(withExperiment(data, { minEntriesPerArm: value }), 'experiment-horizon')
        }
      />
      <SelectField
        label="Confidence level"
        value={String(experiment.confidence ?? EXPERIMENT_DEFAULTS.confidence)}
        options={CONFIDENCE_OPTIONS}
        onChange={(value) => {
          const level = Number(value);
          if (isConfidence(level))
            onChange(withExperiment(data, { confidence: level }), 'experiment-confidence');
        }}
      />
      <SelectField
        label="Holdout arm"
        value={holdout ?? ''}
        options={[
          { value: '', label: 'No holdout' },
          ...arms.slice(1).map((arm) => ({ value: arm.id, label: arm.name || arm.id })),
          ...(holdout !== undefined && !arms.slice(1).some((arm) => arm.id === holdout)
            ? [{ value: holdout, label: `${holdout} (not a possible holdout)` }]
            : []),
        ]}
        hint="Customers in the holdout get nothing (it must lead to the exit without a send), to measure what the journey adds."
        onChange={(value) =>
          onChange(
            withExperiment(data, { holdoutArmId: value === '' ? undefined : value }),
            'experiment-holdout',
          )
        }
      />
      {holdoutProblem(holdout, arms) && <FieldError>{holdoutProblem(holdout, arms)}</FieldError>}
    </fieldset>
  );
}
