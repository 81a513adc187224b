// The journeys page: every journey with its status, published version, customers entered and
// converted, attributed revenue and when it last changed; and "New journey" (from a template).
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { JourneyStats, JourneyStatus, JourneySummary } from './api-types';
import { ErrorNotice } from './ErrorNotice';
import { hrefFor } from './hash-route';
import { journeyQueries } from './journey-queries';
import { NewJourneyDialog } from './NewJourneyDialog';
import { RelativeTime } from './RelativeTime';
import type { StatusTone } from './status-tone';
import { StatusPill } from './StatusPill';
import { useNow } from './useNow';

const statusDisplay: Record<JourneyStatus, { label: string; tone: StatusTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  live: { label: 'Live', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  archived: { label: 'Archived', tone: 'muted' },
};

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface JourneyRow extends JourneySummary {
  /** Undefined for a journey never published (no runs), or when its figures could not be read. */
  stats?: JourneyStats;
}

/**
 * The list, then each published journey's figures side by side (cached per journey, shared with
 * its canvas); the rows show once every figure has answered, and a failed figure is just missing.
 */
function useJourneyRows() {
  const list = useQuery(journeyQueries.list());
  const published = (list.data ?? []).filter((journey) => journey.publishedVersion !== null);
  const figures = useQueries({
    queries: published.map((journey) => journeyQueries.stats(journey.id)),
    combine: (results) => ({
      settled: results.every((result) => !result.isPending),
      byJourney: new Map(published.map((journey, index) => [journey.id, results[index]?.data])),
    }),
  });
  const rows: JourneyRow[] | undefined =
    list.data && figures.settled
      ? list.data.map((journey) => ({ ...journey, stats: figures.byJourney.get(journey.id) }))
      : undefined;
  return {
    rows,
    error: list.error,
    loading: !rows && !list.error,
    fetching: list.isFetching,
    reload: () => void list.refetch(),
  };
}

function Missing({ why }: { why: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{why}</span>
    </>
  );
}

export function JourneyList() {
  const { rows: journeys, error, loading, fetching, reload } = useJourneyRows();
  const [creating, setCreating] = useState(false);
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
        <div className="page-header__actions">
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New journey
          </button>
        </div>
      </header>

      {creating && <NewJourneyDialog onClose={() => setCreating(false)} />}

      {error && <ErrorNotice what="journeys" error={error} onRetry={reload} retrying={fetching} />}

      {loading && (
        <p className="placeholder" role="status">
          Loading journeys…
        </p>
      )}

      {journeys && journeys.length === 0 && (
        <div className="empty">
          <p className="empty__title">No journeys yet</p>
          <p>Start one with “New journey”, from an empty canvas or one of the shipped journeys.</p>
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
                <th scope="col" className="numeric">
                  Entered
                </th>
                <th scope="col" className="numeric">
                  Converted
                </th>
                <th scope="col" className="numeric">
                  Revenue
                </th>
                <th scope="col">Last updated</th>
              </tr>
            </thead>
            <tbody>
              {journeys.map((journey) => {
                // An unknown status from a newer API still shows, just without a colour.
                const status = statusDisplay[journey.status] ?? { label: journey.status, tone: 'neutral' };
                const stats = journey.stats;
                return (
                  <tr key={journey.id}>
                    <th scope="row" className="table__primary">
                      <a href={hrefFor({ page: 'journey', id: journey.id })}>{journey.name}</a>
                    </th>
                    <td>
                      <StatusPill tone={status.tone}>{status.label}</StatusPill>
                    </td>
                    <td className="numeric">
                      {journey.publishedVersion === null ? (
                        <Missing why="Not published" />
                      ) : (
                        `v${journey.publishedVersion}`
                      )}
                    </td>
                    <td className="numeric">{stats ? stats.entered : <Missing why="No figures" />}</td>
                    <td className="numeric">{stats ? stats.conversions : <Missing why="No figures" />}</td>
                    <td className="numeric">
                      {stats ? money.format(stats.revenue) : <Missing why="No figures" />}
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
