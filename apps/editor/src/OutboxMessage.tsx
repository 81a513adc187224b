// One outbox message as the customer would have received it, plus the request the real provider
// would have been sent. The HTML body is untrusted content rendered by templates, so it is shown
// only inside a fully sandboxed iframe (no scripts, no same-origin access), never in this page's DOM.
import { useQuery } from '@tanstack/react-query';
import type { OutboxMessageDetail } from './api-types';
import { ErrorNotice } from './ErrorNotice';
import { hrefFor } from './hash-route';
import { channelLabel, outboxStatusTone } from './outbox-display';
import { RelativeTime } from './RelativeTime';
import { outboxQueries } from './outbox-queries';
import { StatusPill } from './StatusPill';
import { TestMark } from './test-runs/TestMark';
import { useNow } from './useNow';

// Sandbox mode stores messages under the `sandbox` provider; name the vendor that would send them.
const realProvider: Record<OutboxMessageDetail['channel'], string> = {
  email: 'SendGrid',
  sms: 'Twilio',
  whatsapp: 'Twilio',
};

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

function prettyJson(value: unknown): string {
  if (value === undefined) return '—';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function MessageFields({ message }: { message: OutboxMessageDetail }) {
  const now = useNow();
  return (
    <dl className="fields">
      <div>
        <dt>Channel</dt>
        <dd>{channelLabel(message.channel)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <StatusPill tone={outboxStatusTone(message.status)}>{message.status}</StatusPill>
          {message.test && <TestMark what="test message" />}
        </dd>
      </div>
      <div>
        <dt>Provider</dt>
        <dd>{message.provider}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          {formatDateTime(message.createdAt)}{' '}
          <span className="muted">
            (<RelativeTime time={message.createdAt} now={now} />)
          </span>
        </dd>
      </div>
      <div>
        <dt>From</dt>
        <dd className="mono">{message.from ?? <span className="muted">—</span>}</dd>
      </div>
      <div>
        <dt>To</dt>
        <dd className="mono">{message.to}</dd>
      </div>
      {message.channel === 'email' && (
        <div className="fields__wide">
          <dt>Subject</dt>
          <dd>{message.subject ?? <span className="muted">(no subject)</span>}</dd>
        </div>
      )}
      <div>
        <dt>Customer</dt>
        <dd className="mono">{message.customerId}</dd>
      </div>
      <div>
        <dt>Run</dt>
        <dd className="mono">{message.runId}</dd>
      </div>
      <div>
        <dt>Node</dt>
        <dd className="mono">{message.nodeId}</dd>
      </div>
      <div>
        <dt>Message id</dt>
        <dd className="mono">{message.id}</dd>
      </div>
    </dl>
  );
}

function MessageBody({ message }: { message: OutboxMessageDetail }) {
  const headers = Object.entries(message.headers ?? {});
  return (
    <>
      <section className="section" aria-labelledby="html-body">
        <h2 id="html-body">HTML body</h2>
        {message.bodyHtml === null ? (
          <p className="muted">
            No HTML body{message.channel === 'email' ? '' : ': this channel sends text only'}.
          </p>
        ) : (
          <div className="preview">
            <iframe
              className="preview__frame"
              title={`HTML body of the message to ${message.to}`}
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={message.bodyHtml}
            />
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="text-body">
        <h2 id="text-body">Text body</h2>
        {message.bodyText === null ? (
          <p className="muted">No text body.</p>
        ) : (
          <pre className="code code--wrap">{message.bodyText}</pre>
        )}
      </section>

      <section className="section" aria-labelledby="headers">
        <h2 id="headers">Headers</h2>
        {headers.length === 0 ? (
          <p className="muted">No headers.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">Message headers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {headers.map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row" className="mono nowrap">
                      {name}
                    </th>
                    <td className="mono break">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="provider-request">
        <h2 id="provider-request">Would-be provider request</h2>
        <p className="muted small">
          The request {realProvider[message.channel]} would have received had provider credentials been
          configured.
        </p>
        <pre className="code">{prettyJson(message.providerRequest)}</pre>
      </section>
    </>
  );
}

export function OutboxMessage({ id }: { id: string }) {
  const {
    data: message,
    error,
    isPending: loading,
    isFetching: fetching,
    refetch,
  } = useQuery(outboxQueries.message(id));
  const reload = () => void refetch();

  const title = message
    ? (message.subject ?? `${channelLabel(message.channel)} to ${message.to}`)
    : 'Outbox message';

  return (
    <>
      <p className="back">
        <a href={hrefFor({ page: 'outbox' })}>
          <span aria-hidden="true">← </span>Outbox
        </a>
      </p>
      <header className="page-header">
        <div>
          <h1>{title}</h1>
        </div>
      </header>

      {error && <ErrorNotice what="this message" error={error} onRetry={reload} retrying={fetching} />}

      {loading && (
        <p className="placeholder" role="status">
          Loading message…
        </p>
      )}

      {message && (
        <>
          <MessageFields message={message} />
          <MessageBody message={message} />
        </>
      )}
    </>
  );
}
