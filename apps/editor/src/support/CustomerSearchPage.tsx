// Finding a customer (`#/customers?q=…`): by email (or its beginning), phone number as typed, or
// the store's customer id. The query lives in the URL so a search can be shared and reloaded.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { useApi } from '../useApi';
import { searchCustomers, type CustomerSummary } from './support-api';

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function CustomerSearchPage({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const fieldId = useId();
  useEffect(() => setText(q), [q]);
  const ready = q.trim().length >= 2;
  const results = useApi<CustomerSummary[] | undefined>(`customers:${q}`, (signal) =>
    ready ? searchCustomers(q, signal) : Promise.resolve(undefined),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = hrefFor({ page: 'customers', q: text.trim() });
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Customers</h1>
          <p className="page-header__lead">
            Find a customer to see every journey run, message and consent change.
          </p>
        </div>
      </header>
      <form className="search-form" role="search" onSubmit={submit}>
        <label className="field__label" htmlFor={fieldId}>
          Email, phone or customer id
        </label>
        <div className="input-group">
          <input
            id={fieldId}
            className="input"
            type="search"
            value={text}
            autoFocus
            onChange={(event) => setText(event.target.value)}
            placeholder="ada@example.com, +1 415 555 0100, 7001"
          />
          <button type="submit" className="button button--primary">
            Search
          </button>
        </div>
      </form>

      {results.error && <ErrorNotice what="customers" error={results.error} onRetry={results.reload} />}
      {ready && results.loading && (
        <p className="placeholder" role="status">
          Searching…
        </p>
      )}
      {results.data && results.data.length === 0 && (
        <p className="empty" role="status">
          No customer matches “{q}”.
        </p>
      )}
      {results.data && results.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Customers matching {q}</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Stage</th>
                <th scope="col" className="numeric">
                  Orders
                </th>
                <th scope="col" className="numeric">
                  Spent
                </th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="table__primary">
                    <a href={hrefFor({ page: 'customer', id: c.id })}>
                      {[c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId || c.id}
                    </a>
                    {c.externalId && <span className="muted small"> #{c.externalId}</span>}
                  </th>
                  <td>{c.email}</td>
                  <td className="mono">{c.phone}</td>
                  <td>{c.lifecycleStage}</td>
                  <td className="numeric">{c.ordersCount}</td>
                  <td className="numeric">{money.format(c.totalSpent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
