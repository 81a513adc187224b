// The preview panel beside the canvas (docs/product.md, "Preview"): find a customer (or start from
// one of the few offered), preview the draft or a published version for them, and read the path
// step by step: each branch's reason, each send's message or why it would not go, each wait's end
// in the customer's time zone. The canvas draws the same path (usePreview.ts). Nothing is written.
import type { CustomerSummary } from '@waypoint/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useJourneyView } from './JourneyEditorContext';
import { usePreview } from './usePreview';
import { findPreviewCustomers, previewJourney } from './preview-api';
import { stepLines } from './preview-display';
import './preview.css';

const OUTCOME_LABEL: Record<string, string> = {
  completed: 'goes on',
  waiting: 'waits',
  skipped: 'skipped',
  failed: 'fails',
};

export function PreviewPanel({
  journeyId,
  publishedVersion,
  beforePreview,
}: {
  journeyId: string;
  publishedVersion: number | null;
  /** Saves the draft first: the preview reads the draft the server holds. */
  beforePreview: () => Promise<unknown>;
}) {
  const [search, setSearch] = useState('');
  const [version, setVersion] = useState<number | null>(null);
  const [who, setWho] = useState<CustomerSummary | null>(null);
  const result = usePreview((s) => s.result);
  const show = usePreview((s) => s.show);
  const clear = usePreview((s) => s.clear);
  const revealNode = useJourneyView((s) => s.revealNode);
  const term = search.trim().length >= 2 ? search.trim() : '';
  const customers = useQuery({
    queryKey: ['preview-customers', term],
    queryFn: ({ signal }) => findPreviewCustomers(term, signal),
  });
  const run = useMutation({
    mutationFn: async (customer: CustomerSummary) => {
      await beforePreview();
      return previewJourney(journeyId, { customerId: customer.id, ...(version === null ? {} : { version }) });
    },
    onSuccess: show,
  });

  return (
    <aside className="preview-panel" aria-label="Preview for a customer">
      <div className="preview-panel__head">
        <h2>Preview for a customer</h2>
        <button type="button" className="button button--small" onClick={clear}>
          Clear preview
        </button>
      </div>
      <p className="muted">The path they would take if they entered now. Nothing is sent or saved.</p>
      <label className="field">
        <span>Find a customer</span>
        <input
          type="search"
          value={search}
          placeholder="Email, phone or id"
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      {publishedVersion !== null && (
        <label className="field">
          <span>Journey</span>
          <select
            value={version ?? ''}
            onChange={(event) => setVersion(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">Current draft</option>
            {Array.from({ length: publishedVersion }, (_, i) => publishedVersion - i).map((v) => (
              <option key={v} value={v}>
                Version {v}
              </option>
            ))}
          </select>
        </label>
      )}
      {customers.error && <p role="alert">Could not find customers: {customers.error.message}</p>}
      <ul
        className="preview-panel__customers"
        aria-label={term ? 'Customers found' : 'Customers to start from'}
      >
        {(customers.data ?? []).map((customer) => (
          <li key={customer.id}>
            <button
              type="button"
              className="preview-panel__customer"
              aria-pressed={who?.id === customer.id}
              disabled={run.isPending}
              onClick={() => {
                setWho(customer);
                run.mutate(customer);
              }}
            >
              {customerLabel(customer)}
            </button>
          </li>
        ))}
        {customers.data?.length === 0 && <li className="muted">No customer matches.</li>}
      </ul>
      {run.isPending && <p role="status">Previewing…</p>}
      {run.error && <p role="alert">Could not preview: {run.error.message}</p>}
      {result && who?.id === result.customerId && !run.isPending && (
        <section className="preview-panel__path" aria-label="Previewed path">
          <h3>Path for {customerLabel(who)}</h3>
          <p className="muted">
            {result.version === null ? 'Current draft' : `Version ${result.version}`} · their time zone{' '}
            {result.timeZone} ·{' '}
            {result.triggerEvent
              ? `entering on their ${result.triggerEvent.given ? '' : 'latest '}${result.triggerEvent.type}`
              : 'no trigger event'}
          </p>
          <ol>
            {result.steps.map((step) => (
              <li
                key={`${step.nodeId}:${step.visit}`}
                className={`preview-step preview-step--${step.outcome}`}
                data-node={step.nodeId}
              >
                <button type="button" className="preview-step__node" onClick={() => revealNode(step.nodeId)}>
                  {step.nodeId}
                </button>{' '}
                <span className="preview-step__outcome">{OUTCOME_LABEL[step.outcome] ?? step.outcome}</span>
                {step.branch && <span className="preview-step__branch"> → {step.branch}</span>}
                {stepLines(step).map((line, i) => (
                  <p key={i} className={`preview-step__${line.kind}`}>
                    {line.text}
                  </p>
                ))}
                {step.message && (
                  <details>
                    <summary>Message to {step.message.to}</summary>
                    <pre className="preview-step__text">{step.message.text}</pre>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <p className="preview-panel__end">
            {result.end.status === 'completed'
              ? 'The run would end here.'
              : `The run would fail: ${result.end.reason}`}
          </p>
          {result.exitRules.length > 0 && (
            <ul className="muted preview-panel__exits" aria-label="Exit rules">
              {result.exitRules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </aside>
  );
}

function customerLabel(customer: CustomerSummary): string {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return [customer.email ?? customer.phone ?? customer.externalId ?? customer.id, name]
    .filter(Boolean)
    .join(' · ');
}
