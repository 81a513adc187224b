// A modal dialog: the native <dialog> gives focus trapping, Escape to cancel and the inert
// background for free. Escape does nothing while `busy` (an action is under way).
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Dialog({
  title,
  wide = false,
  busy = false,
  onCancel,
  children,
}: {
  title: string;
  wide?: boolean;
  busy?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
