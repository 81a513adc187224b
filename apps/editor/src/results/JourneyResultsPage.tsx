// A journey's results (`#/journeys/<id>/results`, docs/product.md "Results"): for a date range,
// entries per day, conversions and revenue over time, exits by reason, revenue per recipient, and
// each node's figures as counts or rates. The API works out every figure; this page lays them out.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { JourneyResults } from '../api-types';
import { formatRate, shortDay } from '../dashboard/dashboard-display';
import '../dashboard/dashboard.css';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { journeyQueries } from '../journey-queries';
import { exitLabel, lastDays, nodeFigures, type NodeFigureMode } from './results-display';
import { resultsQueries, type ResultsRange } from './results-queries';
import { useResultsView } from './results-view';
import './results.css';

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat();
const amount = (value: number | null) => (value === null ? '—' : money.format(value));

/** The presets offered, in days up to today. */
const PRESETS = [7, 30, 90] as const;

export function JourneyResultsPage({ id }: { id: string }) {
  // Shared with the canvas (results-view.ts); a null range is the API's default (the last 30 days).
  const range = useResultsView((s) => s.range);
  const setRange = useResultsView((s) => s.setRange);
  const mode = useResultsView((s) => s.mode);
  const setMode = useResultsView((s) => s.setMode);
  const results = useQuery(resultsQueries.get(id, range));
  const journey = useQuery(journeyQueries.detail(id));
  const nodeTypes = new Map((journey.data?.draft.nodes ?? []).map((n) => [n.id, n.type]));

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Results{journey.data ? `: ${journey.data.name}` : ''}</h1>
          <p className="page-header__lead">
            What the journey’s runs did, day by day in the store’s time zone; test runs never count.{' '}
            <a href={hrefFor({ page: 'journey', id })}>Open the canvas</a>
          </p>
        </div>
        {results.data && <RangePicker results={results.data} onChange={setRange} />}
      </header>
      {results.error && (
        <ErrorNotice
          what="the results"
          error={results.error}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      )}
      {results.isPending && (
        <p className="placeholder" role="status">
          Loading the results…
        </p>
      )}
      {results.data && (
        <ResultsFigures results={results.data} mode={mode} onMode={setMode} nodeTypes={nodeTypes} />
      )}
    </>
  );
}

function RangePicker({
  results,
  onChange,
}: {
  results: JourneyResults;
  onChange: (r: ResultsRange) => void;
}) {
  const [from, setFrom] = useState(results.from);
  const [to, setTo] = useState(results.to);
  const invalid = !from || !to || from > to;
  return (
    <form
      className="page-header__actions results-range"
      aria-label="Date range"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onChange({ from, to });
      }}
    >
      <label>
        From <input type="date" name="from" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        To <input type="date" name="to" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={invalid}>
        Show
      </button>
      <span className="results-range__presets">
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              // The last N days up to the shown range's end (today's, by default).
              const r = lastDays(results.to, days);
              setFrom(r.from);
              setTo(r.to);
              onChange(r);
            }}
          >
            Last {days} days
          </button>
        ))}
      </span>
    </form>
  );
}

function ResultsFigures({
  results,
  mode,
  onMode,
  nodeTypes,
}: {
  results: JourneyResults;
  mode: NodeFigureMode;
  onMode: (mode: NodeFigureMode) => void;
  nodeTypes: Map<string, string>;
}) {
  return (
    <>
      <dl className="dashboard-totals" aria-label="Results totals">
        <div>
          <dt>Entered</dt>
          <dd data-figure="entered">{count.format(results.entered)}</dd>
        </div>
        <div>
          <dt>Conversions</dt>
          <dd data-figure="conversions">
            {count.format(results.conversions)}{' '}
            <span className="muted small">({formatRate(results.conversionRate)})</span>
          </dd>
        </div>
        <div>
          <dt>Revenue ({results.currency})</dt>
          <dd data-figure="revenue">{money.format(results.revenue)}</dd>
        </div>
        <div>
          <dt>Revenue per recipient</dt>
          <dd data-figure="revenue-per-recipient">{amount(results.revenuePerRecipient)}</dd>
        </div>
        <div>
          <dt>Runs failed</dt>
          <dd data-figure="failed">{count.format(results.failed)}</dd>
        </div>
      </dl>
      <p className="muted small">
        {shortDay(results.from)} – {shortDay(results.to)} in {results.timeZone}
        {results.rolledUpTo ? '' : ' · counted live'}
      </p>

      <section className="section" aria-labelledby="results-entries">
        <h2 id="results-entries">Entries per day</h2>
        <figure className="dashboard-chart" data-chart="entries">
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={results.days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={16} />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => count.format(v)} />
              <Tooltip labelFormatter={(day) => shortDay(String(day))} />
              <Bar dataKey="entered" name="Entered" fill="#3451c7" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </section>

      <section className="section" aria-labelledby="results-conversions">
        <h2 id="results-conversions">Conversions and revenue</h2>
        <figure className="dashboard-chart" data-chart="conversions">
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={results.days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={16} />
              <YAxis yAxisId="n" allowDecimals={false} />
              <YAxis yAxisId="revenue" orientation="right" tickFormatter={(v: number) => count.format(v)} />
              <Tooltip labelFormatter={(day) => shortDay(String(day))} />
              <Legend />
              <Bar
                yAxisId="n"
                dataKey="conversions"
                name="Conversions"
                fill="#7a8ad8"
                isAnimationActive={false}
              />
              <Line
                yAxisId="revenue"
                type="linear"
                dataKey="revenue"
                name={`Revenue (${results.currency})`}
                stroke="#1d7a46"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
      </section>

      <section className="section" aria-labelledby="results-exits">
        <h2 id="results-exits">Exits by reason</h2>
        {results.exits.length === 0 ? (
          <p className="muted">No run ended in this range.</p>
        ) : (
          <div className="results-exits">
            <figure className="dashboard-chart" data-chart="exits">
              <ResponsiveContainer width="100%" height={Math.max(120, results.exits.length * 40)}>
                <BarChart
                  data={results.exits.map((e) => ({ label: exitLabel(e), runs: e.runs }))}
                  layout="vertical"
                  margin={{ top: 8, right: 16, bottom: 0, left: 16 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={220} />
                  <Tooltip />
                  <Bar dataKey="runs" name="Runs" fill="#5a6473" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <table className="table" aria-label="Exits">
              <tbody>
                {results.exits.map((e) => (
                  <tr key={`${e.status}:${e.reason ?? ''}`}>
                    <th scope="row">{exitLabel(e)}</th>
                    <td className="numeric">{count.format(e.runs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="results-nodes">
        <h2 id="results-nodes">Per step</h2>
        <fieldset className="results-mode">
          <legend className="visually-hidden">Show</legend>
          {(['counts', 'rates'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="results-mode" checked={mode === m} onChange={() => onMode(m)} />{' '}
              {m === 'counts' ? 'Counts' : 'Rates'}
            </label>
          ))}
        </fieldset>
        {results.nodes.length === 0 ? (
          <p className="muted">No step was entered in this range.</p>
        ) : (
          <ul className="results-nodes" aria-label="Steps">
            {inJourneyOrder(results.nodes, nodeTypes).map((node) => (
              <li key={node.nodeId} data-node={node.nodeId}>
                <strong>{node.nodeId}</strong>{' '}
                <span className="muted small">{nodeTypes.get(node.nodeId)}</span>
                <dl>
                  {nodeFigures(node, mode, (nodeTypes.get(node.nodeId) ?? '').startsWith('send.')).map(
                    (f) => (
                      <div key={f.key} data-step-figure={f.key}>
                        <dt>{f.label}</dt>
                        <dd>{f.text}</dd>
                      </div>
                    ),
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** Steps in the journey's own order (the draft's), steps no longer in it last. */
function inJourneyOrder(nodes: JourneyResults['nodes'], nodeTypes: Map<string, string>) {
  const order = [...nodeTypes.keys()];
  const at = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...nodes].sort((a, b) => at(a.nodeId) - at(b.nodeId));
}
