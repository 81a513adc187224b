/**
 * The live preview's controls and answer: what the API renders for the text being edited (asked
 * PREVIEW_DEBOUNCE_MS after the typing stops), with sample data or a chosen customer, in the
 * locale being edited or as the customer would get it (the saved variant their locale picks).
 * `useTemplatePreview` also hands the page the refusal, which the editor marks in the text.
 */
import { useQuery } from '@tanstack/react-query';
import type { Channel } from '@waypoint/journey';
import { useMemo, useState } from 'react';
import type { PreviewTemplateRequest } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { SelectField, TextField } from '../forms/fields';
import { mayOpen } from '../session/role-access';
import { useSession } from '../session/SessionContext';
import { supportQueries } from '../support/support-queries';
import { PREVIEW_DEBOUNCE_MS, useDebouncedValue } from './debounce';
import { templateProblem, type TemplateProblem } from './template-problem';
import { TemplatePreview } from './TemplatePreview';
import { templatePageQueries } from './templates-queries';

export type PreviewVariant = 'editing' | 'customer';

export interface PreviewChoice {
  /** A customer (our id or the store's), or '' for sample data. */
  customerId: string;
  variant: PreviewVariant;
}

export function useTemplatePreview(
  channel: Channel,
  name: string,
  editing: { locale: string; source: string } | undefined,
  choice: PreviewChoice,
) {
  const settled = useDebouncedValue(editing, PREVIEW_DEBOUNCE_MS);
  const body: PreviewTemplateRequest | undefined =
    choice.variant === 'customer'
      ? { channel, name, customerId: choice.customerId || undefined }
      : settled && settled.source.trim() !== ''
        ? {
            channel,
            source: settled.source,
            locale: settled.locale,
            customerId: choice.customerId || undefined,
          }
        : undefined;
  const preview = useQuery({
    ...templatePageQueries.preview(body ?? { channel }),
    enabled: body !== undefined,
  });
  // One object per refusal, so the editor re-marks the text only when the answer changes.
  const problem: TemplateProblem | null = useMemo(
    () => (choice.variant === 'editing' && preview.error ? templateProblem(preview.error) : null),
    [choice.variant, preview.error],
  );
  return {
    preview,
    problem,
    waiting: (choice.variant === 'editing' && settled !== editing) || preview.isFetching,
  };
}

export function PreviewPanel({
  choice,
  onChoice,
  editingLocale,
  saved,
  preview,
  problem,
  waiting,
}: {
  choice: PreviewChoice;
  onChoice: (choice: PreviewChoice) => void;
  editingLocale: string | undefined;
  /** The template exists in the API (so "as the customer gets it" can be rendered). */
  saved: boolean;
} & ReturnType<typeof useTemplatePreview>) {
  const [customer, setCustomer] = useState(choice.customerId);
  const rendered = preview.data;
  const renderedLocale = rendered && 'locale' in rendered ? rendered.locale : null;

  return (
    <section className="template-panel" aria-labelledby="template-preview-heading">
      <h2 id="template-preview-heading">Preview</h2>
      <form
        className="template-preview__controls"
        onSubmit={(event) => {
          event.preventDefault();
          onChoice({ ...choice, customerId: customer.trim() });
        }}
      >
        <CustomerField value={customer} onChange={setCustomer} />
        <div className="button-row">
          <button type="submit" className="button">
            Preview for this customer
          </button>
          {choice.customerId && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setCustomer('');
                onChoice({ ...choice, customerId: '' });
              }}
            >
              Use sample data
            </button>
          )}
        </div>
        <SelectField<PreviewVariant>
          label="Locale"
          value={choice.variant}
          options={[
            { value: 'editing', label: `${editingLocale ?? '—'}, as being edited` },
            ...(saved ? [{ value: 'customer' as const, label: "The customer's locale, as saved" }] : []),
          ]}
          onChange={(variant) => onChoice({ ...choice, variant })}
          hint={
            choice.variant === 'customer'
              ? "The saved variant the customer's locale picks (else the store's default locale)."
              : undefined
          }
        />
      </form>
      <p className="muted small" role="status">
        {waiting
          ? 'Rendering…'
          : rendered
            ? `${choice.customerId ? `For customer ${choice.customerId}` : 'With sample data'}${
                renderedLocale ? `, variant ${renderedLocale}` : ''
              }.`
            : ''}
      </p>
      {preview.error && !problem && <ErrorNotice what="the preview" error={preview.error} />}
      {problem && (
        <p className="muted">The preview waits until the template renders (see under the editor).</p>
      )}
      {rendered && !problem && <TemplatePreview rendered={rendered} stale={waiting} />}
    </section>
  );
}

/** The customer box; people who may search customers (support's API) get suggestions as they type. */
function CustomerField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { user } = useSession();
  const maySearch = mayOpen(user.role, 'customers');
  const q = useDebouncedValue(value.trim(), PREVIEW_DEBOUNCE_MS);
  const search = useQuery({ ...supportQueries.customerSearch(q), enabled: maySearch && q.length >= 2 });
  const suggestions = useMemo(
    () =>
      maySearch
        ? (search.data ?? []).map((c) => ({
            value: c.externalId ?? c.id,
            label: [c.email, [c.firstName, c.lastName].filter(Boolean).join(' ')].filter(Boolean).join(' · '),
          }))
        : undefined,
    [maySearch, search.data],
  );
  return (
    <TextField
      label="Customer"
      type="search"
      value={value}
      onChange={onChange}
      suggestions={suggestions}
      hint={
        maySearch
          ? 'Search by email, phone or id; empty for sample data.'
          : "The customer's id (ours or the store's); empty for sample data."
      }
    />
  );
}
