// Duration and offset fields: an amount, a unit and (for offsets) before/after, stored in the
// journey model's notation ("1h", "-3d").
import { useId } from 'react';
import {
  DURATION_UNITS,
  joinDuration,
  joinOffset,
  splitDuration,
  splitOffset,
  type DurationUnit,
} from '../duration-parts';
import { Hint, type BaseProps } from '../../forms/fields';

function UnitSelect({
  id,
  label,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  unit: DurationUnit;
  onChange: (unit: DurationUnit) => void;
}) {
  return (
    <select
      id={id}
      className="input input--unit"
      aria-label={label}
      value={unit}
      onChange={(event) => onChange(event.target.value as DurationUnit)}
    >
      {DURATION_UNITS.map((option) => (
        <option key={option.unit} value={option.unit}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A duration as amount + unit; stored in the model's notation ("1h", "3d"). */
export function DurationField({
  label,
  hint,
  value,
  onChange,
  defaultUnit = 'h',
}: BaseProps & { value: string | undefined; onChange: (value: string) => void; defaultUnit?: DurationUnit }) {
  const id = useId();
  const parts = splitDuration(value, defaultUnit);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="input-group">
        <input
          id={id}
          className="input input--number"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={parts.amount}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(joinDuration({ ...parts, amount: event.target.value }))}
        />
        <UnitSelect
          id={`${id}-unit`}
          label={`${label} (unit)`}
          unit={parts.unit}
          onChange={(unit) => onChange(joinDuration({ ...parts, unit }))}
        />
      </span>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    </div>
  );
}

/** An offset from a date: amount + unit + before/after. Zero means on the date itself. */
export function OffsetField({
  label,
  hint,
  value,
  onChange,
}: BaseProps & { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const id = useId();
  const parts = splitOffset(value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="input-group">
        <input
          id={id}
          className="input input--number"
          type="number"
          min={0}
          step={1}
          value={parts.amount}
          onChange={(event) => onChange(joinOffset({ ...parts, amount: event.target.value }))}
        />
        <UnitSelect
          id={`${id}-unit`}
          label={`${label} (unit)`}
          unit={parts.unit}
          onChange={(unit) => onChange(joinOffset({ ...parts, unit }))}
        />
        <select
          className="input input--unit"
          aria-label={`${label} (before or after)`}
          value={parts.sign}
          onChange={(event) => onChange(joinOffset({ ...parts, sign: event.target.value as '-' | '+' }))}
        >
          <option value="-">before</option>
          <option value="+">after</option>
        </select>
      </span>
      <Hint>{hint ?? 'Leave at 0 for the date itself.'}</Hint>
    </div>
  );
}
