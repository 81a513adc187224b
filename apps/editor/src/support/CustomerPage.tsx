// One customer (`#/customers/<id>`): who they are, what they are worth, what they agreed to (and
// when that changed), what they did lately, every message sent to them with its delivery state,
// every journey run, each linking to its run page, the coupons journeys gave them (open, used
// or expired, and what the store did with each), and their survey answers.
import { useQuery } from '@tanstack/react-query';
import { CHANNELS } from '@waypoint/journey';
import type { CustomerPageData } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { channelLabel } from '../outbox-display';
import { StatusPill } from '../StatusPill';
import { TestMark } from '../test-runs/TestMark';
import { couponInStore, couponOffer, couponStateTone } from './coupon-display';
import { CustomerSurveyAnswers } from './CustomerSurveyAnswers';
import { runStatusTone } from './run-display';
import { CUSTOMER_REFRESH_MS, supportQueries } from './support-queries';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? timeFormat.format(new Date(iso)) : '—');
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function CustomerPage({ id }: { id: string }) {
  const page = useQuery({ ...supportQueries.customer(id), refetchInterval: CUSTOMER_REFRESH_MS });
  if (page.error && !page.data)
    return <ErrorNotice what="the customer" error={page.error} onRetry={() => void page.refetch()} />;
  if (!page.data)
    return (
      <p className="placeholder" role="status">
        Loading the customer…
      </p>
    );
  const { profile, value, consent, consentHistory, consentWritebacks, events, messages, runs, coupons } =
    page.data;
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ') || profile.email || profile.id;

  return (
    <>
      <p className="back">
        <a href={hrefFor({ page: 'customers', q: '' })}>← Customers</a>
      </p>
      <header className="page-header">
        <div>
          <h1>
            {name}
            {profile.test && <TestMark what="test profile" />}
          </h1>
          <p className="page-header__lead">
            {profile.email} {profile.phone && <span className="mono">· {profile.phone}</span>}
            {profile.externalId && <> · store id {profile.externalId}</>}
          </p>
        </div>
      </header>

      <div className="customer-grid">
        <section aria-labelledby="profile-heading" className="card">
          <h2 id="profile-heading">Profile and value</h2>
          <dl className="fields">
            <dt>Stage</dt>
            <dd>{profile.lifecycleStage ?? '—'}</dd>
            <dt>Orders</dt>
            <dd>{value.ordersCount}</dd>
            <dt>Total spent (CLTV)</dt>
            <dd>{money.format(value.totalSpent)}</dd>
            <dt>Average order</dt>
            <dd>{value.averageOrderValue === null ? '—' : money.format(value.averageOrderValue)}</dd>
            <dt>Last order</dt>
            <dd>{when(profile.lastOrderAt)}</dd>
            <dt>Loyalty</dt>
            <dd>
              {profile.loyaltyPoints} points{profile.loyaltyTier ? ` · ${profile.loyaltyTier}` : ''}
            </dd>
            <dt>Time zone</dt>
            <dd>{profile.timezone ?? 'store default'}</dd>
            <dt>Customer since</dt>
            <dd>{when(profile.createdAt)}</dd>
          </dl>
        </section>

        <section aria-labelledby="consent-heading" className="card">
          <h2 id="consent-heading">Consent</h2>
          <table className="table table--compact">
            <caption className="visually-hidden">Consent per channel</caption>
            <tbody>
              {CHANNELS.map((channel) => {
                const row = consent.find((c) => c.channel === channel);
                const status = row?.status ?? (channel === 'email' ? 'allowed (no opt-out)' : 'no opt-in');
                return (
                  <tr key={channel} data-channel={channel}>
                    <th scope="row">{channelLabel(channel)}</th>
                    <td>{status}</td>
                    <td className="muted small">
                      {row
                        ? `${row.source}${row.optInLevel ? ` (${row.optInLevel})` : ''}, ${when(row.updatedAt)}`
                        : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {consentHistory.length > 0 && (
            <details>
              <summary>History ({consentHistory.length})</summary>
              <ul className="plain-list small">
                {consentHistory.map((h, index) => (
                  <li key={index}>
                    {when(h.recordedAt)}: {h.channel} {h.status} ({h.source})
                  </li>
                ))}
              </ul>
            </details>
          )}
          {consentWritebacks.length > 0 && (
            <details>
              <summary>Written back to the store ({consentWritebacks.length})</summary>
              <ul className="plain-list small">
                {consentWritebacks.map((w) => (
                  <li key={w.id} data-outcome={w.outcome ?? 'waiting'}>
                    {when(w.occurredAt)}: {w.channel} {w.status} ({w.source}): {writebackState(w)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      </div>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Journey runs</h2>
        {runs.length === 0 && <p className="muted">No journey has run for this customer.</p>}
        {runs.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Journey runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Journey</th>
                  <th scope="col">Status</th>
                  <th scope="col">Why / where</th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <th scope="row" className="table__primary">
                      <a href={hrefFor({ page: 'run', id: run.id })}>
                        {run.journeyName}{' '}
                        <span className="muted">
                          {run.version < 0 ? 'draft snapshot' : `v${run.version}`}
                        </span>
                      </a>
                      {run.test && <TestMark />}
                    </th>
                    <td>
                      <StatusPill tone={runStatusTone(run.status)}>{run.status}</StatusPill>
                    </td>
                    <td>{run.statusReason ?? (run.currentNodeId ? `at ${run.currentNodeId}` : '')}</td>
                    <td>{when(run.startedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="coupons-heading">
        <h2 id="coupons-heading">Coupons</h2>
        {coupons.length === 0 && <p className="muted">No journey gave this customer a coupon.</p>}
        {coupons.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Coupons, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Offer</th>
                  <th scope="col">State</th>
                  <th scope="col">Store</th>
                  <th scope="col">Journey</th>
                  <th scope="col">Issued</th>
                </tr>
              </thead>
              <tbody>
                {coupons.map((c) => {
                  const store = couponInStore(c);
                  return (
                    <tr key={c.code} data-coupon={c.code}>
                      <th scope="row" className="table__primary mono">
                        {c.code}
                      </th>
                      <td>{couponOffer(c, money.format)}</td>
                      <td>
                        <StatusPill tone={couponStateTone(c.state)}>{c.state}</StatusPill>
                        <span className="muted small">
                          {c.state === 'redeemed' &&
                            ` ${when(c.redeemedAt)}${c.redeemedOrderId ? `, order ${c.redeemedOrderId}` : ''}${
                              c.redeemedAmount === null ? '' : `, ${money.format(c.redeemedAmount)} off`
                            }`}
                          {c.state !== 'redeemed' && c.expiresAt && ` until ${when(c.expiresAt)}`}
                        </span>
                      </td>
                      <td>
                        <StatusPill tone={store.tone}>{c.storeStatus}</StatusPill>{' '}
                        <span className="muted small">{store.text}</span>
                      </td>
                      <td>
                        <a href={hrefFor({ page: 'run', id: c.runId })}>{c.journeyName}</a>
                      </td>
                      <td>{when(c.issuedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CustomerSurveyAnswers customerId={profile.id} />

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        {messages.length === 0 && <p className="muted">Nothing was sent to this customer.</p>}
        {messages.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Journey</th>
                  <th scope="col">Subject / to</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>{when(m.createdAt)}</td>
                    <td>{m.channel}</td>
                    <td>
                      <a href={hrefFor({ page: 'run', id: m.runId })}>{m.journeyName}</a>
                      {m.test && <TestMark what="test message" />}
                    </td>
                    <td>{m.subject ?? <span className="mono">{m.to}</span>}</td>
                    <td>
                      {m.status}
                      {m.deliveryStatus && ` · ${m.deliveryStatus}`}
                      {m.error && <span className="muted small"> · {m.error}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Recent events</h2>
        {events.length === 0 && <p className="muted">No events.</p>}
        <ul className="plain-list">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time> <strong>{e.type}</strong>{' '}
              <span className="muted small">({e.source})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Where a consent write-back stands, in words for support. */
function writebackState(w: CustomerPageData['consentWritebacks'][number]): string {
  switch (w.outcome) {
    case 'written':
      return `written ${when(w.doneAt)}`;
    case 'superseded':
      return 'not sent: a later change replaced it';
    case 'given_up':
      return `given up after ${w.attempts} attempts: ${w.lastError ?? 'refused by the store'}`;
    default:
      return w.attempts === 0
        ? 'waiting (no store connected yet, or about to be sent)'
        : `retrying ${when(w.nextAttemptAt)} after ${w.attempts} attempts${w.lastError ? `: ${w.lastError}` : ''}`;
  }
}
