// Finding a customer (`#/customers?q=…`): by email (or its beginning), phone number as typed, or
// the store's customer id. The query lives in the URL so a search can be shared and reloaded.
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '../ErrorNotice';
import { TextField } from '../forms/fields';
import { Form, SubmitButton } from '../forms/Form';
import { hrefFor } from '../hash-route';
import { supportQueries } from './support-queries';

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function CustomerSearchPage({ q }: { q: string }) {
  const ready = q.trim().length >= 2;
  const results = useQuery({ ...supportQueries.customerSearch(q), enabled: ready });

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
      {/* Keyed by the query: going back in history shows that search's text again. */}
      <Form
        key={q}
        className="search-form"
        role="search"
        initialValues={{ text: q }}
        onSubmit={async ({ text }) => {
          window.location.hash = hrefFor({ page: 'customers', q: text.trim() });
        }}
      >
        {(form) => (
          <TextField
            label="Email, phone or customer id"
            type="search"
            autoFocus
            autoComplete="off"
            placeholder="ada@example.com, +1 415 555 0100, 7001"
            {...form.field('text')}
            addon={<SubmitButton label="Search" pendingLabel="Search" />}
          />
        )}
      </Form>

      {results.error && (
        <ErrorNotice what="customers" error={results.error} onRetry={() => void results.refetch()} />
      )}
      {ready && results.isPending && (
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
