// The dashboard (`#/dashboard`, marketers' first page in the menu): over the last days, revenue
// per day against what journeys earned, customers and CLTV by lifecycle stage (now), the journeys
// that earned most with revenue per recipient, deliverability per channel (docs/product.md,
// "Dashboard"), and how the surveys were answered (why customers leave). The API works out every
// figure; this page only lays them out.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../api-types';
import { ErrorNotice } from '../ErrorNotice';
import { hrefFor } from '../hash-route';
import { SurveyResultsPanel } from '../surveys/SurveyResultsPanel';
import { formatRate, shortDay } from './dashboard-display';
import { DASHBOARD_PERIODS, dashboardQueries } from './dashboard-queries';
import './dashboard.css';

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat();
const amount = (value: number | null) => (value === null ? '—' : money.format(value));

const STAGE_LABELS: Record<Dashboard['stages'][number]['stage'], string> = {
  lead: 'Lead',
  first_time: 'First-time',
  repeat: 'Repeat',
  loyal: 'Loyal',
  vip: 'VIP',
  at_risk: 'At risk',
  inactive: 'Inactive',
};

const CHANNEL_LABELS: Record<Dashboard['deliverability'][number]['channel'], string> = {
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
};

export function DashboardPage() {
  const [days, setDays] = useState<number>(30);
  const dashboard = useQuery(dashboardQueries.get(days));

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="page-header__lead">
            What the store earned and what journeys earned of it, who the customers are, and how messages
            arrive.
          </p>
        </div>
        <div className="page-header__actions">
          <label>
            Period{' '}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {DASHBOARD_PERIODS.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {dashboard.error && (
        <ErrorNotice
          what="the dashboard"
          error={dashboard.error}
          onRetry={() => void dashboard.refetch()}
          retrying={dashboard.isFetching}
        />
      )}
      {dashboard.isPending && (
        <p className="placeholder" role="status">
          Loading the dashboard…
        </p>
      )}
      {dashboard.data && <DashboardFigures dashboard={dashboard.data} />}
      <SurveyResultsPanel />
    </>
  );
}

function DashboardFigures({ dashboard }: { dashboard: Dashboard }) {
  return (
    <>
      <section className="section" aria-labelledby="dashboard-revenue">
        <h2 id="dashboard-revenue">Revenue</h2>
        <dl className="dashboard-totals" aria-label="Revenue totals">
          <div>
            <dt>All revenue ({dashboard.currency})</dt>
            <dd data-figure="revenue">{money.format(dashboard.revenue)}</dd>
          </div>
          <div>
            <dt>Attributed to journeys ({dashboard.currency})</dt>
            <dd data-figure="attributed">{money.format(dashboard.attributedRevenue)}</dd>
          </div>
          <div>
            <dt>Share from journeys</dt>
            <dd data-figure="share">{formatRate(dashboard.attributedShare)}</dd>
          </div>
        </dl>
        <figure className="dashboard-chart">
          <figcaption className="muted small">
            Revenue per day in {dashboard.timeZone}, the last {dashboard.days} days
          </figcaption>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={dashboard.revenueByDay} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={16} />
              <YAxis tickFormatter={(v: number) => count.format(v)} />
              <Tooltip
                labelFormatter={(day) => shortDay(String(day))}
                formatter={(value) => money.format(Number(value))}
              />
              <Legend />
              <Line
                type="linear"
                dataKey="revenue"
                name="All revenue"
                stroke="#5a6473"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="linear"
                dataKey="attributedRevenue"
                name="From journeys"
                stroke="#3451c7"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      </section>

      <section className="section" aria-labelledby="dashboard-stages">
        <h2 id="dashboard-stages">Customers by lifecycle stage</h2>
        <div className="table-wrap">
          <table className="table" aria-label="Customers by stage">
            <TableHead columns={['Stage', 'Customers', 'CLTV total', 'CLTV average']} />
            <tbody>
              {dashboard.stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">{STAGE_LABELS[s.stage]}</th>
                  <td className="numeric">{count.format(s.customers)}</td>
                  <td className="numeric">{money.format(s.totalSpent)}</td>
                  <td className="numeric">{money.format(s.averageSpent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="dashboard-journeys">
        <h2 id="dashboard-journeys">Top journeys by revenue</h2>
        {dashboard.topJourneys.length === 0 ? (
          <p className="muted">No journey earned revenue in this period.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Top journeys">
              <TableHead
                columns={['Journey', 'Conversions', 'Revenue', 'Recipients', 'Revenue per recipient']}
              />
              <tbody>
                {dashboard.topJourneys.map((j) => (
                  <tr key={j.id}>
                    <th scope="row">
                      <a href={hrefFor({ page: 'journey', id: j.id })}>{j.name}</a>
                    </th>
                    <td className="numeric">{count.format(j.conversions)}</td>
                    <td className="numeric">{money.format(j.revenue)}</td>
                    <td className="numeric">{count.format(j.recipients)}</td>
                    <td className="numeric">{amount(j.revenuePerRecipient)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="dashboard-deliverability">
        <h2 id="dashboard-deliverability">Deliverability</h2>
        <div className="table-wrap">
          <table className="table" aria-label="Deliverability">
            <TableHead
              columns={[
                'Channel',
                'Sent',
                'Delivered',
                'Bounced',
                'Bounce rate',
                'Unsubscribes',
                'Unsubscribe rate',
              ]}
            />
            <tbody>
              {dashboard.deliverability.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{CHANNEL_LABELS[c.channel]}</th>
                  <td className="numeric">{count.format(c.sent)}</td>
                  <td className="numeric">{count.format(c.delivered)}</td>
                  <td className="numeric">{count.format(c.bounced)}</td>
                  <td className="numeric">{formatRate(c.bounceRate)}</td>
                  <td className="numeric">{count.format(c.unsubscribes)}</td>
                  <td className="numeric">{formatRate(c.unsubscribeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** The header row: the first column names the rows, the others are numbers (right-aligned). */
function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={column} scope="col" className={i === 0 ? undefined : 'numeric'}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
