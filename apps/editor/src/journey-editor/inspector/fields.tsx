// The inspector's form controls. Every control has a visible label tied to it (`htmlFor`/`id`), so
// keyboard and screen-reader users reach and understand each field, and tests find it by label.
import { useEffect, useId, useState, type ReactNode } from 'react';

export function Hint({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="field__hint" id={id}>
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="field__error" id={id} role="alert">
      {children}
    </p>
  );
}

export interface BaseProps {
  label: string;
  hint?: ReactNode;
}

export function TextField({
  label,
  hint,
  value,
  onChange,
  placeholder,
  suggestions,
  type = 'text',
  required,
  autoComplete = 'off',
  minLength,
  maxLength,
}: BaseProps & {
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Offered in a dropdown while typing; any other text is accepted too. */
  suggestions?: ReadonlyArray<{ value: string; label?: string }>;
  type?: 'text' | 'url' | 'time' | 'email' | 'password';
  required?: boolean;
  autoComplete?: string;
  minLength?: number;
  maxLength?: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type={type}
        value={value ?? ''}
        placeholder={placeholder}
        required={required}
        minLength={minLength}
        maxLength={maxLength}
        list={suggestions ? `${id}-list` : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.target.value)}
      />
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </datalist>
      )}
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  value,
  onChange,
  rows = 4,
}: BaseProps & { value: string | undefined; onChange: (value: string) => void; rows?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="input input--code"
        rows={rows}
        value={value ?? ''}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    </div>
  );
}

/**
 * A number box that lets the marketer clear it and type again: the text is kept locally and only
 * numbers are passed on; an outside change (undo) replaces the text.
 */
export function NumberField({
  label,
  hint,
  value,
  onChange,
  min,
  max,
  step,
  suffix,
  error,
}: BaseProps & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  error?: string | null;
}) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((current) =>
      current.trim() !== '' && Number(current) === value ? current : value === undefined ? '' : String(value),
    );
  }, [value]);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
          inputMode="decimal"
          value={text}
          min={min}
          max={max}
          step={step}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            setText(event.target.value);
            const raw = event.target.value.trim();
            if (raw === '') onChange(undefined);
            else if (Number.isFinite(Number(raw))) onChange(Number(raw));
          }}
        />
        {suffix && <span className="input-group__suffix">{suffix}</span>}
      </span>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

export function SelectField<V extends string>({
  label,
  hint,
  value,
  options,
  onChange,
}: BaseProps & {
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    </div>
  );
}

export function CheckboxField({
  label,
  hint,
  checked,
  onChange,
}: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    </div>
  );
}

/** Comma-separated tags ⇄ a list. */
export function TagsField({
  label,
  hint,
  value,
  onChange,
}: BaseProps & { value: string[] | undefined; onChange: (value: string[] | undefined) => void }) {
  const id = useId();
  const [text, setText] = useState((value ?? []).join(', '));
  useEffect(() => {
    setText((current) => (sameTags(parseTags(current), value ?? []) ? current : (value ?? []).join(', ')));
  }, [value]);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
          const tags = parseTags(event.target.value);
          onChange(tags.length > 0 ? tags : undefined);
        }}
      />
      <Hint id={`${id}-hint`}>{hint ?? 'Separate tags with commas.'}</Hint>
    </div>
  );
}

function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function sameTags(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
