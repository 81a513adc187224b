// The editor's form controls, for the inspector's live forms and the standalone ones (Form.tsx)
// alike. Every control has a visible label tied to it (`htmlFor`/`id`), so keyboard and
// screen-reader users reach and understand each field, and tests find it by label; an error is
// tied to its control the same way (`aria-describedby`, `aria-invalid`).
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

/** What a control says about itself to assistive technology: its hint and its error, if any. */
function described(id: string, hint: ReactNode, error: string | null | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
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
  autoFocus,
  error,
  addon,
}: BaseProps & {
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Offered in a dropdown while typing; any other text is accepted too. */
  suggestions?: ReadonlyArray<{ value: string; label?: string }>;
  type?: 'text' | 'url' | 'time' | 'email' | 'password' | 'search';
  required?: boolean;
  autoComplete?: string;
  minLength?: number;
  maxLength?: number;
  autoFocus?: boolean;
  error?: string;
  /** Shown right of the box, e.g. the search form's button. */
  addon?: ReactNode;
}) {
  const id = useId();
  const input = (
    <input
      id={id}
      className="input"
      type={type}
      value={value ?? ''}
      placeholder={placeholder}
      required={required}
      minLength={minLength}
      maxLength={maxLength}
      autoFocus={autoFocus}
      list={suggestions ? `${id}-list` : undefined}
      {...described(id, hint, error)}
      autoComplete={autoComplete}
      onChange={(event) => onChange(event.target.value)}
    />
  );
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {addon ? (
        <div className="input-group">
          {input}
          {addon}
        </div>
      ) : (
        input
      )}
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
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  value,
  onChange,
  rows = 4,
  code = true,
  maxLength,
  required,
  error,
}: BaseProps & {
  value: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
  /** Monospaced, for templates and JSON; prose (a reason) is not. */
  code?: boolean;
  maxLength?: number;
  /** Marked required for assistive technology; the form checks it (and says so) itself. */
  required?: boolean;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={code ? 'input input--code' : 'input'}
        rows={rows}
        maxLength={maxLength}
        value={value ?? ''}
        aria-required={required || undefined}
        {...described(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
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
          {...described(id, hint, error)}
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

/**
 * One choice among a few described options, as radio buttons in a fieldset (the new-journey
 * dialog's starting points).
 */
export function ChoiceField<V extends string>({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; title: string; description?: string }>;
  onChange: (value: V) => void;
  /** The radio group's name (one per form). */
  name: string;
}) {
  return (
    <fieldset className="template-choices">
      <legend className="field__label">{label}</legend>
      {options.map((option) => (
        <label key={option.value} className="template-choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            <span className="template-choice__name">{option.title}</span>
            {option.description && <span className="template-choice__description">{option.description}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
