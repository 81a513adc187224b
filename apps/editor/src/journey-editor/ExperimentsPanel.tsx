// Each A/B split of a published journey as an experiment, under the figures bar: per arm the
// entries, conversions, rate and revenue per entry with their intervals, each variant against the
// control, and the verdict (a winner only past the horizon the split sets). docs/product.md,
// Experiments, says how the numbers are made.
import { useQuery } from '@tanstack/react-query';
import type { Experiment } from '../api-types';
import { journeyQueries } from '../journey-queries';
import { formatMoneyEstimate, formatPValue, formatRate, formatRateDifference } from './experiment-display';

/** Experiments move slowly and their query reads every split step: a calmer pace than the figures. */
const EXPERIMENTS_REFRESH_MS = 30_000;

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function ExperimentsPanel({ journeyId }: { journeyId: string }) {
  const { data, error } = useQuery({
    ...journeyQueries.experiments(journeyId),
    refetchInterval: EXPERIMENTS_REFRESH_MS,
  });
  if (error) return <p className="muted">Could not load the experiments: {error.message}</p>;
  if (!data || data.experiments.length === 0) return null;
  return (
    <section className="experiments" aria-label="Experiments">
      {data.experiments.map((experiment) => (
        <ExperimentTable key={experiment.nodeId} experiment={experiment} />
      ))}
    </section>
  );
}

function ExperimentTable({ experiment }: { experiment: Experiment }) {
  const winner = experiment.arms.find((arm) => arm.armId === experiment.winner);
  return (
    <details className="experiments__split" data-split={experiment.nodeId}>
      <summary>
        Split <code>{experiment.nodeId}</code>:{' '}
        <strong data-testid="experiment-verdict">{experiment.verdict}</strong>
        {winner ? <span className="muted"> · winner {winner.name}</span> : null}
      </summary>
      <div className="table-wrap">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Entered</th>
              <th scope="col">Converted</th>
              <th scope="col">Rate ({experiment.confidence * 100} % interval)</th>
              <th scope="col">Revenue per entry</th>
              <th scope="col">Against the control</th>
            </tr>
          </thead>
          <tbody>
            {experiment.arms.map((arm) => (
              <tr key={arm.armId} data-arm={arm.armId}>
                <th scope="row">
                  {arm.name}{' '}
                  <span className="muted">
                    ({arm.role}, {arm.percent} %)
                  </span>
                </th>
                <td>{arm.entered}</td>
                <td>{arm.converted}</td>
                <td>{formatRate(arm.conversionRate)}</td>
                <td>{formatMoneyEstimate(arm.revenuePerEntry, money)}</td>
                <td>
                  {arm.vsControl
                    ? `${formatRateDifference(arm.vsControl.rateDifference)}, ${formatPValue(arm.vsControl.pValue)}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {experiment.test}
        {experiment.comparisons > 1 ? `, Bonferroni over ${experiment.comparisons} comparisons` : ''}; no
        winner before {experiment.minEntriesPerArm} entries per compared arm.
        {experiment.holdout ? <HoldoutLine holdout={experiment.holdout} /> : null}
      </p>
    </details>
  );
}

function HoldoutLine({ holdout }: { holdout: NonNullable<Experiment['holdout']> }) {
  const conversions = holdout.incrementalConversions;
  const round = (n: number | null) => (n === null ? '–' : Math.round(n).toString());
  return (
    <span>
      {' '}
      Against the holdout: {round(conversions.value)} incremental conversions ({round(conversions.low)} to{' '}
      {round(conversions.high)}), {formatMoneyEstimate(holdout.incrementalRevenue, money)} incremental
      revenue, {formatPValue(holdout.pValue)}.
    </span>
  );
}
