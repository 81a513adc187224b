// The journeys page: every journey with its status, published version and when it last changed.
import { listJourneys } from './api-client';
import type { JourneyStatus } from './api-types';
import { ErrorNotice } from './ErrorNotice';
import { RelativeTime } from './RelativeTime';
import type { StatusTone } from './status-tone';
import { StatusPill } from './StatusPill';
import { useApi } from './useApi';
import { useNow } from './useNow';

const statusDisplay: Record<JourneyStatus, { label: string; tone: StatusTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  live: { label: 'Live', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  archived: { label: 'Archived', tone: 'muted' },
};

export function JourneyList() {
  const { data: journeys, error, loading, fetching, reload } = useApi('journeys', listJourneys);
  const now = useNow();

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Journeys</h1>
          <p className="page-header__lead">
            Each journey runs once per customer, on the version that was live when they entered.
          </p>
        </div>
      </header>

      {error && <ErrorNotice what="journeys" error={error} onRetry={reload} retrying={fetching} />}

      {loading && (
        <p className="placeholder" role="status">
          Loading journeys…
        </p>
      )}

      {journeys && journeys.length === 0 && (
        <div className="empty">
          <p className="empty__title">No journeys yet</p>
          <p>Journeys created through the API, or loaded from the examples, appear here.</p>
        </div>
      )}

      {journeys && journeys.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              {journeys.length} {journeys.length === 1 ? 'journey' : 'journeys'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Published</th>
                <th scope="col">Last updated</th>
              </tr>
            </thead>
            <tbody>
              {journeys.map((journey) => {
                // An unknown status from a newer API still shows, just without a colour.
                const status = statusDisplay[journey.status] ?? { label: journey.status, tone: 'neutral' };
                return (
                  <tr key={journey.id}>
                    <th scope="row" className="table__primary">
                      {journey.name}
                    </th>
                    <td>
                      <StatusPill tone={status.tone}>{status.label}</StatusPill>
                    </td>
                    <td className="numeric">
                      {journey.publishedVersion === null ? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">Not published</span>
                        </>
                      ) : (
                        `v${journey.publishedVersion}`
                      )}
                    </td>
                    <td>
                      <RelativeTime time={journey.updatedAt} now={now} />
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
