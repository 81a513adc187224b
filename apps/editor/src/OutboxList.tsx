// The outbox page: the newest 50 messages the engine stored instead of sending (sandbox mode),
// refreshed every 5 seconds so a journey under test can be watched as it sends.
import { useQuery } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { hrefFor } from './hash-route';
import { channelLabel, messageSummary, outboxStatusTone } from './outbox-display';
import { RelativeTime } from './RelativeTime';
import { outboxQueries } from './outbox-queries';
import { StatusPill } from './StatusPill';
import { TestMark } from './test-runs/TestMark';
import { useNow } from './useNow';

const PAGE_SIZE = 50;
const REFRESH_EVERY_MS = 5_000;

const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** A click anywhere on a row opens the message; the link in the row is the keyboard way in. */
function openRow(href: string) {
  return (event: MouseEvent<HTMLTableRowElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button')) return;
    if (window.getSelection()?.toString()) return; // the user is selecting text, not navigating
    window.location.hash = href;
  };
}

export function OutboxList() {
  const {
    data: messages,
    error,
    isPending: loading,
    isFetching: fetching,
    dataUpdatedAt,
    refetch,
  } = useQuery({ ...outboxQueries.list(PAGE_SIZE), refetchInterval: REFRESH_EVERY_MS });
  const reload = () => void refetch();
  const now = useNow(REFRESH_EVERY_MS);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Outbox</h1>
          <p className="page-header__lead">
            In sandbox mode nothing leaves this machine: every email, SMS and WhatsApp message is stored here,
            rendered, instead of being sent.
          </p>
        </div>
        <div className="page-header__actions">
          <p className="refresh-note">
            {dataUpdatedAt > 0 && <span>Updated {clockFormat.format(dataUpdatedAt)}</span>}
            <span>Refreshes every 5 s</span>
          </p>
          <button type="button" className="button" onClick={reload} disabled={fetching}>
            {fetching && !loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>

      {error && <ErrorNotice what="the outbox" error={error} onRetry={reload} retrying={fetching} />}

      {loading && (
        <p className="placeholder" role="status">
          Loading messages…
        </p>
      )}

      {messages && messages.length === 0 && (
        <div className="empty">
          <p className="empty__title">The outbox is empty</p>
          <p>Messages appear here as soon as a journey sends one.</p>
        </div>
      )}

      {messages && messages.length > 0 && (
        <div className="table-wrap">
          <table className="table table--clickable">
            <caption className="visually-hidden">
              The {messages.length} newest outbox messages, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Subject / first line</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => {
                const href = hrefFor({ page: 'outbox-message', id: message.id });
                const summary = messageSummary(message);
                return (
                  <tr key={message.id} onClick={openRow(href)}>
                    <td className="nowrap">
                      <RelativeTime time={message.createdAt} now={now} />
                    </td>
                    <td>
                      <span className={`channel channel--${message.channel}`}>
                        {channelLabel(message.channel)}
                      </span>
                    </td>
                    <td className="mono">{message.to}</td>
                    <td className="table__primary">
                      <a href={href} className={summary ? undefined : 'muted'}>
                        {summary ?? `${channelLabel(message.channel)} message`}
                      </a>
                    </td>
                    <td>
                      <StatusPill tone={outboxStatusTone(message.status)}>{message.status}</StatusPill>
                      {message.test && <TestMark what="test message" />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
