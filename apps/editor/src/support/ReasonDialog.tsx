// Asks staff why before an action on a customer's run (cancel, continue now): the reason is
// required, goes to the audit log, and the action's error is shown here when the API refuses it.
import { useId, useState } from 'react';
import { ConfirmDialog } from '../journey-editor/ConfirmDialog';

export function ReasonDialog({
  title,
  explanation,
  confirmLabel,
  tone,
  onSubmit,
  onClose,
}: {
  title: string;
  explanation: string;
  confirmLabel: string;
  tone?: 'default' | 'danger';
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const fieldId = useId();
  const errorId = useId();

  const confirm = () => {
    if (reason.trim() === '') {
      setError('Say why; it is written to the audit log.');
      return;
    }
    setBusy(true);
    setError(undefined);
    onSubmit(reason.trim()).then(onClose, (cause: unknown) => {
      setBusy(false);
      setError(cause instanceof Error ? cause.message : String(cause));
    });
  };

  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      tone={tone}
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{explanation}</p>
      <div className="field">
        <label className="field__label" htmlFor={fieldId}>
          Reason (for the audit log)
        </label>
        <textarea
          id={fieldId}
          className="input"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      {error && (
        <p className="field__error" role="alert" id={errorId}>
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
