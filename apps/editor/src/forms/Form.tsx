/**
 * The one standalone form of the editor (sign-in, adding a person, creating an API key, a new
 * journey, the reason for a run action, customer search): it holds the values, checks them
 * (`validate`, besides the browser's own `required`/`minLength`), submits once at a time, shows
 * the field's or the API's error, and starts again empty after a success when asked. Fields are
 * the controls of fields.tsx, bound with `form.field(name)`; the buttons (SubmitButton,
 * DialogActions) come after the error, or wherever the layout wants them.
 */
import {
  createContext,
  useContext,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type ReactNode,
} from 'react';

export type FieldErrors<V> = Partial<Record<keyof V, string>>;

export interface FormApi<V> {
  values: V;
  set<K extends keyof V>(name: K, value: V[K]): void;
  /** A field's value, change handler and error, to spread onto a control of fields.tsx. */
  field<K extends keyof V>(name: K): { value: V[K]; onChange: (value: V[K]) => void; error?: string };
  submitting: boolean;
}

const SubmittingContext = createContext(false);

export interface FormProps<V> extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'> {
  initialValues: V;
  /** Problems per field; the form is not submitted while there are any. */
  validate?: (values: V) => FieldErrors<V>;
  /** Sends the values; a rejection's message is shown under the form. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Back to `initialValues` after a successful submit (a form that adds one more of something). */
  resetOnSuccess?: boolean;
  /** Put before the API's message, e.g. "Could not create the journey: ". */
  errorPrefix?: string;
  children: (form: FormApi<V>) => ReactNode;
  /** The buttons, after the fields and the error. */
  actions?: ReactNode;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

export function Form<V extends object>({
  initialValues,
  validate,
  onSubmit,
  resetOnSuccess = false,
  errorPrefix = '',
  children,
  actions,
  ...attributes
}: FormProps<V>) {
  const [values, setValues] = useState(initialValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<V>>({});
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof V>(name: K, value: V[K]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const form: FormApi<V> = {
    values,
    set,
    field: (name) => ({
      value: values[name],
      onChange: (value) => set(name, value),
      error: fieldErrors[name],
    }),
    submitting,
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = validate?.(values) ?? {};
    setFieldErrors(problems);
    if (Object.values(problems).some(Boolean)) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(values);
      if (resetOnSuccess) setValues(initialValues);
    } catch (cause) {
      setError(messageOf(cause));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form {...attributes} onSubmit={(event) => void submit(event)}>
      <SubmittingContext.Provider value={submitting}>
        {children(form)}
        {error && (
          <p className="field__error form__error" role="alert">
            {errorPrefix}
            {error}
          </p>
        )}
        {actions}
      </SubmittingContext.Provider>
    </form>
  );
}

/** The form's submit button: disabled, with `pendingLabel`, while the form is being sent. */
export function SubmitButton({
  label,
  pendingLabel = 'Working…',
  tone = 'primary',
}: {
  label: string;
  pendingLabel?: string;
  tone?: 'primary' | 'danger';
}) {
  const submitting = useContext(SubmittingContext);
  return (
    <button type="submit" className={`button button--${tone}`} disabled={submitting}>
      {submitting ? pendingLabel : label}
    </button>
  );
}

/** A dialog form's buttons: Cancel (not while sending) and the submit button. */
export function DialogActions({
  onCancel,
  ...submit
}: { onCancel: () => void } & Parameters<typeof SubmitButton>[0]) {
  const submitting = useContext(SubmittingContext);
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel} disabled={submitting}>
        Cancel
      </button>
      <SubmitButton {...submit} />
    </div>
  );
}
