// Inspector forms for the waits: a delay, until a local time (or a date), or for an event.
import { useId } from 'react';
import { DATE_ATTRIBUTES, WEEKDAYS } from '../catalog';
import { messageRuleOfWait, waitForMessage, type MessageAction } from '../message-rules';
import { ConditionBuilder } from './ConditionBuilder';
import { DurationField, OffsetField } from './duration-fields';
import { MessageRuleFields } from './MessageRuleFields';
import { useSendSteps } from './useSendSteps';
import { CheckboxField, SelectField, TextField } from '../../forms/fields';
import type { NodeFormProps } from './form-props';
import { eventSuggestions } from './trigger-forms';

export function WaitDelayForm({ data, onChange }: NodeFormProps<'wait.delay'>) {
  return (
    <DurationField
      label="Wait for"
      value={data.duration}
      onChange={(duration) => onChange({ duration }, 'duration')}
    />
  );
}

export function WaitUntilForm({ data, onChange }: NodeFormProps<'wait.until'>) {
  const mode = data.attribute !== undefined ? 'date' : 'time';
  const weekdays = data.weekdays ?? [0, 1, 2, 3, 4, 5, 6];
  const legendId = useId();
  return (
    <>
      <SelectField
        label="Wait until"
        value={mode}
        options={[
          { value: 'time', label: 'a time of day (customer’s time zone)' },
          { value: 'date', label: 'a date attribute' },
        ]}
        onChange={(next) =>
          onChange(
            next === 'time'
              ? { timeOfDay: '09:00', weekdays: [1, 2, 3, 4, 5] }
              : { attribute: 'attributes.replenish_at' },
            'mode',
          )
        }
      />
      {mode === 'time' ? (
        <>
          <TextField
            label="Time of day"
            type="time"
            value={data.timeOfDay}
            onChange={(timeOfDay) => onChange({ ...data, timeOfDay }, 'timeOfDay')}
          />
          <fieldset className="weekdays" aria-labelledby={legendId}>
            <legend id={legendId} className="field__label">
              On
            </legend>
            {WEEKDAYS.map((day, index) => (
              <label key={day} className="weekdays__day">
                <input
                  type="checkbox"
                  checked={weekdays.includes(index)}
                  onChange={(event) => {
                    const next = event.target.checked
                      ? [...weekdays, index].sort((a, b) => a - b)
                      : weekdays.filter((d) => d !== index);
                    onChange({ ...data, weekdays: next.length === 7 ? undefined : next }, 'weekdays');
                  }}
                />
                {day}
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        <>
          <TextField
            label="Date attribute"
            value={data.attribute}
            suggestions={DATE_ATTRIBUTES.map((a) => ({ value: a.path, label: a.label }))}
            onChange={(attribute) => onChange({ ...data, attribute }, 'attribute')}
          />
          <OffsetField
            label="Offset"
            value={data.offset}
            onChange={(offset) => onChange({ ...data, offset }, 'offset')}
          />
        </>
      )}
    </>
  );
}

type WaitFor = MessageAction | 'event';

export function WaitEventForm({ data, onChange }: NodeFormProps<'wait.event'>) {
  const messages = useSendSteps();
  const rule = messageRuleOfWait(data);
  const waitFor: WaitFor = rule?.action ?? 'event';
  return (
    <>
      <SelectField<WaitFor>
        label="Wait until the customer"
        value={waitFor}
        options={[
          { value: 'clicked', label: 'clicks a link in this journey’s message' },
          { value: 'opened', label: 'opens this journey’s message' },
          { value: 'event', label: 'does another event' },
        ]}
        onChange={(next) =>
          onChange(
            next === 'event'
              ? { event: '', timeout: data.timeout }
              : waitForMessage({ action: next, nodeId: messages[0]?.id ?? null, urlContains: '' }, data),
            'wait-for',
          )
        }
      />
      {rule ? (
        <MessageRuleFields
          label=""
          rule={rule}
          messages={messages}
          onChange={(next) => onChange(waitForMessage(next, data), 'message-rule')}
        />
      ) : (
        <>
          <TextField
            label="Event"
            value={data.event}
            suggestions={eventSuggestions}
            hint="If it arrives in time the run takes the “event” output."
            onChange={(event) => onChange({ ...data, event }, 'event')}
          />
          <ConditionBuilder
            label="Only when"
            kinds={['property']}
            value={data.filter}
            emptyText="Any such event counts."
            onChange={(filter) => onChange({ ...data, filter }, 'filter')}
          />
          <CheckboxField
            label="Only for this run’s key"
            checked={data.sameKey === true}
            hint="With a keyed trigger (e.g. by order id): only the event about the same order counts."
            onChange={(sameKey) => onChange({ ...data, sameKey: sameKey || undefined }, 'sameKey')}
          />
        </>
      )}
      <DurationField
        label="Give up after"
        defaultUnit="d"
        value={data.timeout}
        hint="Then the run takes the “timeout” output."
        onChange={(timeout) => onChange({ ...data, timeout }, 'timeout')}
      />
    </>
  );
}
