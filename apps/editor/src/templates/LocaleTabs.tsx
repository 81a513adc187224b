/**
 * The locale variants as tabs, with "Add locale" (empty, or a copy of another locale to translate)
 * and "Delete" for the open one (confirmed; a variant never saved just goes).
 */
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { Dialog } from '../Dialog';
import { SelectField, TextField } from '../forms/fields';
import { DialogActions, Form } from '../forms/Form';
import { isUnsaved, localeProblem, normaliseLocale, type VariantDraft } from './locale-variants';

export function LocaleTabs({
  drafts,
  active,
  onSelect,
  onAdd,
  onDelete,
  mayDelete,
  deleting,
}: {
  drafts: readonly VariantDraft[];
  active: string | undefined;
  onSelect: (locale: string) => void;
  onAdd: (locale: string, copyFrom: string | undefined) => void;
  onDelete: (locale: string) => Promise<unknown>;
  mayDelete: (draft: VariantDraft) => boolean;
  deleting: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const activeDraft = drafts.find((d) => d.locale === active);

  return (
    <div className="locale-tabs">
      <div role="tablist" aria-label="Locales" className="locale-tabs__list">
        {drafts.map((draft) => (
          <button
            key={draft.locale}
            type="button"
            role="tab"
            className="locale-tabs__tab"
            aria-selected={draft.locale === active}
            onClick={() => onSelect(draft.locale)}
          >
            {draft.locale}
            {isUnsaved(draft) && (
              <span className="locale-tabs__unsaved" title="Not saved">
                {' '}
                •<span className="visually-hidden"> (not saved)</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="button-row">
        <button type="button" className="button button--small" onClick={() => setAdding(true)}>
          Add locale
        </button>
        {activeDraft && mayDelete(activeDraft) && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setConfirming(true)}
          >
            Delete {activeDraft.locale}
          </button>
        )}
      </div>
      {adding && (
        <AddLocaleDialog
          drafts={drafts}
          onCancel={() => setAdding(false)}
          onAdd={(locale, copyFrom) => {
            setAdding(false);
            onAdd(locale, copyFrom);
          }}
        />
      )}
      {confirming && activeDraft && (
        <ConfirmDialog
          title={`Delete the ${activeDraft.locale} variant?`}
          confirmLabel={`Delete ${activeDraft.locale}`}
          tone="danger"
          busy={deleting}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void onDelete(activeDraft.locale).finally(() => setConfirming(false))}
        >
          <p>
            {activeDraft.saved === null
              ? 'It was never saved: what you typed goes.'
              : `Customers with the ${activeDraft.locale} locale get the store's default locale instead (or another variant) from the next version on. Journeys published with an earlier version keep it.`}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function AddLocaleDialog({
  drafts,
  onCancel,
  onAdd,
}: {
  drafts: readonly VariantDraft[];
  onCancel: () => void;
  onAdd: (locale: string, copyFrom: string | undefined) => void;
}) {
  const EMPTY = '';
  return (
    <Dialog title="Add a locale" onCancel={onCancel}>
      <Form<{ locale: string; from: string }>
        initialValues={{ locale: '', from: drafts[0]?.locale ?? EMPTY }}
        validate={(values) => ({ locale: localeProblem(drafts, normaliseLocale(values.locale)) })}
        onSubmit={async (values) => onAdd(normaliseLocale(values.locale), values.from || undefined)}
        actions={<DialogActions onCancel={onCancel} label="Add locale" />}
      >
        {(form) => (
          <>
            <TextField
              label="Locale"
              required
              autoFocus
              maxLength={35}
              placeholder="en"
              hint='A language, optionally with a region: "tr", "en", "en-US".'
              {...form.field('locale')}
            />
            <SelectField<string>
              label="Start from"
              options={[
                ...drafts.map((d) => ({ value: d.locale, label: `A copy of ${d.locale}` })),
                { value: EMPTY, label: 'Empty' },
              ]}
              {...form.field('from')}
            />
          </>
        )}
      </Form>
    </Dialog>
  );
}
