// Inspector forms for the three triggers: an event, entering a segment or lifecycle stage, a date.
import { LIFECYCLE_STAGES } from '@waypoint/journey';
import { CANONICAL_EVENTS, DATE_ATTRIBUTES, EVENT_PROPERTIES } from '../catalog';
import { ConditionBuilder } from './ConditionBuilder';
import { OffsetField } from './duration-fields';
import { SelectField, TagsField, TextField } from '../../forms/fields';
import type { NodeFormProps } from './form-props';

export const eventSuggestions = CANONICAL_EVENTS.map((event) => ({ value: event }));

export function TriggerEventForm({ data, onChange }: NodeFormProps<'trigger.event'>) {
  return (
    <>
      <TextField
        label="Event"
        value={data.event}
        suggestions={eventSuggestions}
        placeholder="e.g. checkout.started"
        hint="The storefront event that starts this journey for a customer."
        onChange={(event) => onChange({ ...data, event }, 'event')}
      />
      <ConditionBuilder
        label="Only when"
        value={data.filter}
        emptyText="Every such event starts the journey."
        onChange={(filter) => onChange({ ...data, filter }, 'filter')}
      />
      <TextField
        label="Entry key (optional)"
        value={data.keyPath}
        suggestions={EVENT_PROPERTIES.map((p) => ({ value: p.path, label: p.label }))}
        placeholder="e.g. checkoutToken"
        hint="While a run with the same key is active, a new event refreshes it (the latest cart) instead of starting another."
        onChange={(keyPath) =>
          onChange({ ...data, keyPath: keyPath.trim() === '' ? undefined : keyPath }, 'keyPath')
        }
      />
      <TagsField
        label="Also refreshed by"
        value={data.refreshOn}
        hint="Other events with the same key that refresh the run, e.g. checkout.updated. Separate with commas."
        onChange={(refreshOn) => onChange({ ...data, refreshOn }, 'refreshOn')}
      />
    </>
  );
}

export function TriggerSegmentForm({ data, onChange }: NodeFormProps<'trigger.segment'>) {
  const mode = data.segmentId !== undefined ? 'segment' : 'stage';
  return (
    <>
      <SelectField
        label="Starts when the customer enters"
        value={mode}
        options={[
          { value: 'stage', label: 'a lifecycle stage' },
          { value: 'segment', label: 'a saved segment' },
        ]}
        onChange={(next) =>
          onChange(
            next === 'stage' ? { stage: data.stage ?? 'inactive' } : { segmentId: data.segmentId ?? '' },
            'mode',
          )
        }
      />
      {mode === 'stage' ? (
        <SelectField
          label="Lifecycle stage"
          value={data.stage ?? 'inactive'}
          options={LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: stage.replace('_', ' ') }))}
          onChange={(stage) => onChange({ stage }, 'stage')}
        />
      ) : (
        <TextField
          label="Segment"
          value={data.segmentId}
          onChange={(segmentId) => onChange({ segmentId }, 'segmentId')}
        />
      )}
    </>
  );
}

export function TriggerDateForm({ data, onChange }: NodeFormProps<'trigger.date'>) {
  return (
    <>
      <TextField
        label="Date attribute"
        value={data.attribute}
        suggestions={DATE_ATTRIBUTES.map((a) => ({ value: a.path, label: a.label }))}
        placeholder="e.g. attributes.birthday"
        onChange={(attribute) => onChange({ ...data, attribute }, 'attribute')}
      />
      <OffsetField
        label="Offset"
        value={data.offset}
        onChange={(offset) => onChange({ ...data, offset }, 'offset')}
      />
    </>
  );
}
