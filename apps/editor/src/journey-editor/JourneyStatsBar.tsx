// The journey's live figures above the canvas: customers entered, runs in progress, conversions
// and the revenue attributed to them. Polled every few seconds while the journey is published.
import { useEffect } from 'react';
import { getJourneyStats } from '../api-client';
import { useApi } from '../useApi';
import { useJourneyStore } from './JourneyStoreContext';

export const STATS_REFRESH_MS = 3_000;

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fetches the stats into the store (where each node reads its own counts) and shows the totals. */
export function JourneyStatsBar({ journeyId }: { journeyId: string }) {
  const setStats = useJourneyStore((s) => s.setStats);
  const { data, error, updatedAt } = useApi(
    `stats:${journeyId}`,
    (signal) => getJourneyStats(journeyId, signal),
    {
      refreshEveryMs: STATS_REFRESH_MS,
    },
  );

  useEffect(() => {
    if (data) setStats(data);
  }, [data, setStats]);
  useEffect(() => () => setStats(null), [setStats]);

  if (!data) {
    return (
      <p className="stats-bar stats-bar--empty" role="status">
        {error ? `Could not load the journey’s figures: ${error.message}` : 'Loading figures…'}
      </p>
    );
  }
  const running = data.runs.running ?? 0;
  const rate = data.entered > 0 ? Math.round((data.conversions / data.entered) * 1000) / 10 : 0;
  return (
    <dl className="stats-bar" aria-label="Journey figures">
      <div>
        <dt>Entered</dt>
        <dd data-stat="entered">{data.entered}</dd>
      </div>
      <div>
        <dt>In progress</dt>
        <dd data-stat="running">{running}</dd>
      </div>
      <div>
        <dt>Converted</dt>
        <dd data-stat="conversions">
          {data.conversions} <span className="muted">({rate} %)</span>
        </dd>
      </div>
      <div>
        <dt>Attributed revenue</dt>
        <dd data-stat="revenue">{money.format(data.revenue)}</dd>
      </div>
      <div className="stats-bar__updated">
        <dt className="visually-hidden">Updated</dt>
        <dd>
          {updatedAt ? `Updated ${clock.format(updatedAt)}` : ''}
          {error ? ' · refresh failed' : ''}
        </dd>
      </div>
    </dl>
  );
}
