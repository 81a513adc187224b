// What the canvas's steps count: the live totals (the journey's stats, kept fresh by the stats
// bar) or the results of a date range (docs/product.md, "Results"), as counts or rates. The
// choice and the range are the results page's (results-view.ts), so both show the same dates.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { JourneyResults, ResultsNode } from '../api-types';
import { hrefFor } from '../hash-route';
import { lastDays, nodeFigures, type NodeFigure } from '../results/results-display';
import { resultsQueries } from '../results/results-queries';
import { useResultsView } from '../results/results-view';
import '../results/results.css';
import { useLiveStatsJourney } from './JourneyEditorContext';

const EMPTY: Omit<ResultsNode, 'nodeId'> = {
  entered: 0,
  failed: 0,
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  converted: 0,
  revenue: 0,
  deliveryRate: null,
  openRate: null,
  clickRate: null,
  conversionRate: null,
};

/**
 * A step's figures for the chosen range, or undefined when the canvas shows live totals (or has
 * no live journey). Re-renders only when this step's figures change.
 */
export function useRangeFigures(nodeId: string, type: string): NodeFigure[] | undefined {
  const journeyId = useLiveStatsJourney();
  const onCanvas = useResultsView((s) => s.onCanvas);
  const range = useResultsView((s) => s.range);
  const mode = useResultsView((s) => s.mode);
  const select = useCallback(
    (results: JourneyResults) => results.nodes.find((n) => n.nodeId === nodeId) ?? { nodeId, ...EMPTY },
    [nodeId],
  );
  const { data } = useQuery({
    ...resultsQueries.get(journeyId ?? '', range),
    enabled: journeyId !== null && onCanvas,
    select,
  });
  if (journeyId === null || !onCanvas || !data) return undefined;
  return nodeFigures(data, mode, type.startsWith('send.'));
}

/** Above the canvas: live totals or a range's figures, the range, and counts or rates. */
export function CanvasFiguresControls({ journeyId }: { journeyId: string }) {
  const onCanvas = useResultsView((s) => s.onCanvas);
  const setOnCanvas = useResultsView((s) => s.setOnCanvas);
  const range = useResultsView((s) => s.range);
  const setRange = useResultsView((s) => s.setRange);
  const mode = useResultsView((s) => s.mode);
  const setMode = useResultsView((s) => s.setMode);
  const results = useQuery({ ...resultsQueries.get(journeyId, range), enabled: onCanvas });
  const [days, setDays] = useState(30);
  return (
    <div className="canvas-figures" role="group" aria-label="Step figures">
      <label>
        Steps show{' '}
        <select
          value={onCanvas ? 'range' : 'live'}
          onChange={(e) => setOnCanvas(e.target.value === 'range')}
          aria-label="Step figures"
        >
          <option value="live">live totals</option>
          <option value="range">a date range</option>
        </select>
      </label>
      {onCanvas && (
        <>
          <label>
            <select
              value={days}
              aria-label="Range"
              onChange={(e) => {
                const n = Number(e.target.value);
                setDays(n);
                // The last N days up to the range's end (today's, by default).
                if (results.data) setRange(lastDays(results.data.to, n));
              }}
            >
              {[7, 30, 90].map((n) => (
                <option key={n} value={n}>
                  last {n} days
                </option>
              ))}
            </select>
          </label>
          {results.data && (
            <span className="muted small" data-range={`${results.data.from}/${results.data.to}`}>
              {results.data.from} – {results.data.to}
            </span>
          )}
          {(['counts', 'rates'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="canvas-figures-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
              />{' '}
              {m === 'counts' ? 'Counts' : 'Rates'}
            </label>
          ))}
          <a href={hrefFor({ page: 'journey-results', id: journeyId })}>Charts</a>
        </>
      )}
    </div>
  );
}
