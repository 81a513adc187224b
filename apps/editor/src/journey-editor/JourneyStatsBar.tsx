// The journey's live figures above the canvas: customers entered, runs in progress, runs failed, conversions
// and the revenue attributed to them. Polled every few seconds while the journey is published;
// each step's card reads its own counts from the same cached answer (useNodeStats.ts).
import { useQuery } from '@tanstack/react-query';
import { journeyQueries, STATS_REFRESH_MS } from '../journey-queries';

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function JourneyStatsBar({ journeyId }: { journeyId: string }) {
  const { data, error, dataUpdatedAt } = useQuery({
    ...journeyQueries.stats(journeyId),
    refetchInterval: STATS_REFRESH_MS,
  });

  if (!data) {
    return (
      <p className="stats-bar stats-bar--empty" role="status">
        {error ? `Could not load the journey’s figures: ${error.message}` : 'Loading figures…'}
      </p>
    );
  }
  const running = data.runs.running ?? 0;
  // Runs that ended with a failed step (a send refused, a template that did not render) end `failed`.
  const failed = data.runs.failed ?? 0;
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
        <dt>Failed</dt>
        <dd data-stat="failed" className={failed > 0 ? 'stats-bar__failed' : undefined}>
          {failed}
        </dd>
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
          {dataUpdatedAt ? `Updated ${clock.format(dataUpdatedAt)}` : ''}
          {error ? ' · refresh failed' : ''}
        </dd>
      </div>
    </dl>
  );
}
