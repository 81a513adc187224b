// Builds a condition from pickers: rules (customer attribute, event property, "has done event",
// segment) joined by "all" or "any". Conditions nested deeper than one group, and anything the
// pickers cannot express, are edited as JSON, checked against the shared schema before they apply.
import {
  COMPARISON_OPS,
  COUNT_OPS,
  conditionSchema,
  type ComparisonOp,
  type Condition,
} from '@waypoint/journey';
import { useId, useState } from 'react';
import { CANONICAL_EVENTS, CUSTOMER_ATTRIBUTES, EVENT_PROPERTIES } from '../catalog';
import {
  blankRule,
  formatValueText,
  fromRuleGroup,
  needsValue,
  OPERATOR_LABELS,
  parseValueText,
  RULE_KIND_LABELS,
  ruleKind,
  toRuleGroup,
  withOperator,
  type LeafCondition,
  type RuleGroup,
  type RuleKind,
} from '../condition-rules';
import { messageCondition, messageRuleOfCondition, type SendStep } from '../message-rules';
import { DurationField } from './duration-fields';
import { MessageRuleFields } from './MessageRuleFields';
import { FieldError, Hint, NumberField, SelectField, TextField } from '../../forms/fields';

const COUNT_LABELS = {
  eq: 'exactly',
  neq: 'not exactly',
  gt: 'more than',
  gte: 'at least',
  lt: 'fewer than',
  lte: 'at most',
};

export function ConditionBuilder({
  label,
  value,
  onChange,
  kinds = ['attribute', 'property', 'did', 'segment'],
  emptyText = 'No condition: always true.',
  messages = [],
}: {
  label: string;
  value: Condition | undefined;
  onChange: (value: Condition | undefined) => void;
  /** Which rules fit here: filters decided when an event arrives read only its properties. */
  kinds?: RuleKind[];
  emptyText?: string;
  /** The journey's send steps, for the "clicked" / "opened" rules. */
  messages?: readonly SendStep[];
}) {
  const group = toRuleGroup(value);
  const [asJson, setAsJson] = useState(group === null);
  const legendId = useId();

  function update(next: RuleGroup) {
    onChange(fromRuleGroup(next));
  }

  return (
    <fieldset className="condition" aria-labelledby={legendId}>
      <legend id={legendId} className="field__label">
        {label}
      </legend>
      {asJson || group === null ? (
        <ConditionJson value={value} onChange={onChange} label={`${label} (JSON)`} />
      ) : (
        <>
          {group.rules.length === 0 && <p className="muted small">{emptyText}</p>}
          {group.rules.length > 1 && (
            <SelectField
              label="Match"
              value={group.match}
              options={[
                { value: 'all', label: 'all of these rules' },
                { value: 'any', label: 'any of these rules' },
              ]}
              onChange={(match) => update({ ...group, match })}
            />
          )}
          <ol className="condition__rules">
            {group.rules.map((rule, index) => (
              <li key={index} className="condition__rule">
                <RuleEditor
                  index={index}
                  rule={rule}
                  kinds={kinds}
                  messages={messages}
                  onChange={(next) =>
                    update({ ...group, rules: group.rules.map((r, i) => (i === index ? next : r)) })
                  }
                />
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => update({ ...group, rules: group.rules.filter((_, i) => i !== index) })}
                >
                  Remove rule {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--small"
            onClick={() => update({ ...group, rules: [...group.rules, blankRule(kinds[0])] })}
          >
            Add rule
          </button>
        </>
      )}
      {group !== null && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => setAsJson(!asJson)}
        >
          {asJson ? 'Edit with pickers' : 'Edit as JSON'}
        </button>
      )}
    </fieldset>
  );
}

function RuleEditor({
  index,
  rule,
  kinds,
  messages,
  onChange,
}: {
  index: number;
  rule: LeafCondition;
  kinds: RuleKind[];
  messages: readonly SendStep[];
  onChange: (rule: LeafCondition) => void;
}) {
  const kind = ruleKind(rule);
  const n = index + 1;
  const messageRule = 'did' in rule ? messageRuleOfCondition(rule) : null;
  return (
    <div className="condition__rule-fields">
      {kinds.length > 1 && (
        <SelectField
          label={`Rule ${n}: kind`}
          value={kind}
          options={kinds.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }))}
          onChange={(next) => onChange(blankRule(next))}
        />
      )}
      {'attribute' in rule && (
        <>
          <TextField
            label={`Rule ${n}: attribute`}
            value={rule.attribute}
            suggestions={CUSTOMER_ATTRIBUTES.map((a) => ({ value: a.path, label: a.label }))}
            placeholder="e.g. ordersCount"
            onChange={(attribute) => onChange({ ...rule, attribute })}
          />
          <Comparison n={n} rule={rule} onChange={onChange} />
        </>
      )}
      {'property' in rule && (
        <>
          <TextField
            label={`Rule ${n}: event property`}
            value={rule.property}
            suggestions={EVENT_PROPERTIES.map((p) => ({ value: p.path, label: p.label }))}
            placeholder="e.g. totalPrice"
            onChange={(property) => onChange({ ...rule, property })}
          />
          <Comparison n={n} rule={rule} onChange={onChange} />
        </>
      )}
      {messageRule && (
        <MessageRuleFields
          label={`Rule ${n}`}
          rule={messageRule}
          messages={messages}
          onChange={(next) => onChange(messageCondition(next))}
        />
      )}
      {'did' in rule && !messageRule && (
        <>
          <TextField
            label={`Rule ${n}: event`}
            value={rule.did}
            suggestions={CANONICAL_EVENTS.map((e) => ({ value: e }))}
            onChange={(did) => onChange({ ...rule, did })}
          />
          <SelectField
            label={`Rule ${n}: how many times`}
            value={rule.count?.op ?? 'gte'}
            options={COUNT_OPS.map((op) => ({ value: op, label: COUNT_LABELS[op] }))}
            onChange={(op) => onChange({ ...rule, count: { op, value: rule.count?.value ?? 1 } })}
          />
          <NumberField
            label={`Rule ${n}: times`}
            min={0}
            step={1}
            value={rule.count?.value ?? 1}
            onChange={(value) =>
              onChange({ ...rule, count: { op: rule.count?.op ?? 'gte', value: value ?? 0 } })
            }
          />
          <DurationField
            label={`Rule ${n}: within the last`}
            defaultUnit="d"
            value={rule.within}
            hint="Leave empty for ever."
            onChange={(within) => onChange({ ...rule, within: /^\d+/.test(within) ? within : undefined })}
          />
        </>
      )}
      {'segment' in rule && (
        <TextField
          label={`Rule ${n}: segment`}
          value={rule.segment}
          onChange={(segment) => onChange({ ...rule, segment })}
        />
      )}
    </div>
  );
}

function Comparison({
  n,
  rule,
  onChange,
}: {
  n: number;
  rule: Extract<LeafCondition, { op: ComparisonOp }>;
  onChange: (rule: LeafCondition) => void;
}) {
  return (
    <>
      <SelectField
        label={`Rule ${n}: comparison`}
        value={rule.op}
        options={COMPARISON_OPS.map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))}
        onChange={(op) => onChange(withOperator(rule, op))}
      />
      {needsValue(rule.op) && (
        <TextField
          label={`Rule ${n}: value`}
          value={formatValueText(rule.value)}
          hint={rule.op === 'in' ? 'Separate values with commas.' : undefined}
          onChange={(text) => onChange({ ...rule, value: parseValueText(text, rule.op) })}
        />
      )}
    </>
  );
}

function ConditionJson({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Condition | undefined;
  onChange: (value: Condition | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value ? JSON.stringify(value, null, 2) : '');
  const [error, setError] = useState<string | null>(null);

  function apply(next: string) {
    if (next.trim() === '') {
      setError(null);
      onChange(undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      setError('This is not valid JSON yet.');
      return;
    }
    const checked = conditionSchema.safeParse(parsed);
    if (!checked.success) {
      setError(`Not a condition: ${checked.error.issues[0]?.message ?? 'unknown shape'}`);
      return;
    }
    setError(null);
    onChange(checked.data);
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="input input--code"
        rows={6}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setText(event.target.value);
          apply(event.target.value);
        }}
      />
      <Hint id={`${id}-hint`}>
        The condition language: {'{"all": [...]}'}, {'{"any": [...]}'}, {'{"not": ...}'}, attribute, property,
        did and segment rules.
      </Hint>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}
