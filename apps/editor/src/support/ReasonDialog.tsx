// Asks staff why before an action on a customer's run (cancel, continue now): the reason is
// required, goes to the audit log, and the action's error is shown here when the API refuses it.
import { Dialog } from '../Dialog';
import { TextAreaField } from '../forms/fields';
import { DialogActions, Form } from '../forms/Form';

const REASON_LENGTH = 500;

export function ReasonDialog({
  title,
  explanation,
  confirmLabel,
  tone = 'default',
  busy,
  onSubmit,
  onClose,
}: {
  title: string;
  explanation: string;
  confirmLabel: string;
  tone?: 'default' | 'danger';
  /** The action is under way (Escape does not close the dialog meanwhile). */
  busy: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} busy={busy} onCancel={onClose}>
      <Form
        initialValues={{ reason: '' }}
        validate={({ reason }) =>
          reason.trim() === '' ? { reason: 'Say why; it is written to the audit log.' } : {}
        }
        onSubmit={async ({ reason }) => {
          await onSubmit(reason.trim());
          onClose();
        }}
        actions={
          <DialogActions
            onCancel={onClose}
            label={confirmLabel}
            tone={tone === 'danger' ? 'danger' : 'primary'}
          />
        }
      >
        {(form) => (
          <>
            <div className="dialog__body">
              <p>{explanation}</p>
            </div>
            <TextAreaField
              label="Reason (for the audit log)"
              rows={3}
              code={false}
              required
              maxLength={REASON_LENGTH}
              {...form.field('reason')}
            />
          </>
        )}
      </Form>
    </Dialog>
  );
}
