// "New journey": pick a starting point (an empty canvas or one of the shipped journeys), name it,
// create it as a draft and open its canvas.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createJourney } from './api-client';
import { hrefFor } from './hash-route';
import { JOURNEY_TEMPLATES } from './journey-templates';

export function NewJourneyDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const nameId = useId();
  const [templateKey, setTemplateKey] = useState(JOURNEY_TEMPLATES[0].key);
  const [name, setName] = useState(JOURNEY_TEMPLATES[0].name);
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const template = JOURNEY_TEMPLATES.find((t) => t.key === templateKey) ?? JOURNEY_TEMPLATES[0];
    setBusy(true);
    setError(null);
    try {
      const created = await createJourney(name.trim() || template.name, template.definition);
      window.location.hash = hrefFor({ page: 'journey', id: created.id });
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>New journey</h2>
        <fieldset className="template-choices">
          <legend className="field__label">Start from</legend>
          {JOURNEY_TEMPLATES.map((template) => (
            <label key={template.key} className="template-choice">
              <input
                type="radio"
                name="template"
                value={template.key}
                checked={templateKey === template.key}
                onChange={() => {
                  setTemplateKey(template.key);
                  if (!nameTouched) setName(template.name);
                }}
              />
              <span>
                <span className="template-choice__name">{template.title}</span>
                <span className="template-choice__description">{template.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={nameId}>
            Name
          </label>
          <input
            id={nameId}
            className="input"
            value={name}
            required
            maxLength={200}
            onChange={(event) => {
              setName(event.target.value);
              setNameTouched(true);
            }}
          />
        </div>
        {error && (
          <p className="field__error" role="alert">
            Could not create the journey: {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create journey'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
