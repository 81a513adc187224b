/**
 * The store dashboard's figures (docs/product.md, "Dashboard"): a handful of grouped queries over
 * one period `[from, to]`, each one pass over an indexed range.
 *
 * What scales and what would not: the stage table reads `customers` grouped by the indexed
 * `lifecycle_stage` (one pass; fine to a few million customers). Orders read `events` of type
 * `order.placed` in the period through the BRIN index on `occurred_at`, each cancellation looked
 * up through `events_customer_type_idx`. Attributed revenue and top journeys read `run_conversions`
 * (no index on `converted_at`: a scan, but one row per converted run, a small share of runs).
 * Recipients per journey go from `runs` (by journey) to `messages` (by run) for each of the ten
 * top journeys, and deliverability scans `messages` by `sent_at` (no index): at 1,000,000 runs
 * (several million messages) these two are what would need a rollup per day, journey and channel,
 * kept as messages are sent and delivery events arrive, instead of reading messages.
 * Test profiles (customers marked `test`) and test runs never count (docs/product.md, "Test runs"):
 * their orders and customers are left out, their runs never convert, their messages are `test`.
 */
import type { Query } from '../database';
import { countedOrdersSql } from '../orders/counted-orders';

/** The period and the time zone its days are counted in. */
export interface DashboardPeriod {
  from: Date;
  to: Date;
  /** IANA time zone the days are cut in (the store's). */
  timeZone: string;
}

export interface RevenueDayRow {
  /** `YYYY-MM-DD` in the period's time zone. */
  day: string;
  revenue: number;
  attributedRevenue: number;
  conversions: number;
}

/**
 * Revenue per day: every order placed (one per customer and order id, cancelled ones left out, as
 * the customer metrics count them) against the revenue of conversions attributed to journey runs.
 * Every day of the period has a row, zero when nothing happened.
 */
export async function revenueByDay(query: Query, period: DashboardPeriod): Promise<RevenueDayRow[]> {
  const rows = await query(
    `WITH days AS (
       SELECT generate_series(($1::timestamptz AT TIME ZONE $3)::date, ($2::timestamptz AT TIME ZONE $3)::date, interval '1 day')::date AS day
     ), orders AS (
       ${countedOrdersSql('e.occurred_at >= $1 AND e.occurred_at <= $2')}
     ), order_days AS (
       SELECT (occurred_at AT TIME ZONE $3)::date AS day, sum(total) AS revenue FROM orders GROUP BY 1
     ), conversion_days AS (
       SELECT (converted_at AT TIME ZONE $3)::date AS day, sum(revenue) AS revenue, count(*) AS conversions
         FROM run_conversions WHERE converted_at >= $1 AND converted_at <= $2 GROUP BY 1
     )
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(o.revenue, 0)::float AS revenue,
            COALESCE(c.revenue, 0)::float AS attributed, COALESCE(c.conversions, 0)::int AS conversions
       FROM days d LEFT JOIN order_days o ON o.day = d.day LEFT JOIN conversion_days c ON c.day = d.day
      ORDER BY d.day`,
    [period.from.toISOString(), period.to.toISOString(), period.timeZone],
  );
  return rows.map((r) => ({
    day: r.day as string,
    revenue: r.revenue as number,
    attributedRevenue: r.attributed as number,
    conversions: r.conversions as number,
  }));
}

export interface StageValueRow {
  stage: string;
  customers: number;
  totalSpent: number;
  averageSpent: number;
}

/** Customers and their historic spend (CLTV) per lifecycle stage, now; stages with nobody are absent. */
export async function customersByStage(query: Query): Promise<StageValueRow[]> {
  const rows = await query(
    `SELECT lifecycle_stage AS stage, count(*)::int AS customers,
            COALESCE(sum(total_spent), 0)::float AS total, COALESCE(avg(total_spent), 0)::float AS average
       FROM customers WHERE NOT test GROUP BY lifecycle_stage`,
    [],
  );
  return rows.map((r) => ({
    stage: r.stage as string,
    customers: r.customers as number,
    totalSpent: r.total as number,
    averageSpent: r.average as number,
  }));
}

export interface JourneyRevenueRow {
  journeyId: string;
  name: string;
  conversions: number;
  revenue: number;
  /** Distinct customers the journey sent a message to in the period. */
  recipients: number;
}

/**
 * The journeys with the most revenue attributed in the period (conversions in it), with the
 * distinct customers each sent a message to in the same period (test sends never count).
 */
export async function topJourneysByRevenue(
  query: Query,
  period: DashboardPeriod,
  limit: number,
): Promise<JourneyRevenueRow[]> {
  const rows = await query(
    `WITH top AS (
       SELECT journey_id, count(*)::int AS conversions, sum(revenue)::float AS revenue
         FROM run_conversions WHERE converted_at >= $1 AND converted_at <= $2
        GROUP BY journey_id ORDER BY sum(revenue) DESC, count(*) DESC, journey_id LIMIT $3
     )
     SELECT t.journey_id AS "journeyId", j.name, t.conversions, t.revenue,
            (SELECT count(DISTINCT m.customer_id)::int FROM messages m JOIN runs r ON r.id = m.run_id
              WHERE r.journey_id = t.journey_id AND NOT m.test AND m.status IN ('sent', 'sandboxed')
                AND m.sent_at >= $1 AND m.sent_at <= $2) AS recipients
       FROM top t JOIN journeys j ON j.id = t.journey_id
      ORDER BY t.revenue DESC, t.conversions DESC, t.journey_id`,
    [period.from.toISOString(), period.to.toISOString(), limit],
  );
  return rows as unknown as JourneyRevenueRow[];
}

export interface ChannelDeliverabilityRow {
  channel: string;
  sent: number;
  delivered: number;
  bounced: number;
  unsubscribes: number;
}

/**
 * Per channel in the period: messages handed to a provider (or the sandbox), those reported
 * delivered (or later: opened, clicked), those that failed after the handover (`bounced_at` keeps
 * every failure the provider reported: bounced, dropped, failed, undelivered), and the customers
 * whose consent on the channel was withdrawn (consent history, any source: unsubscribe link,
 * STOP, provider suppression, the store). Channels with neither sends nor unsubscribes are absent.
 */
export async function deliverabilityByChannel(
  query: Query,
  period: DashboardPeriod,
): Promise<ChannelDeliverabilityRow[]> {
  const rows = await query(
    `WITH sent AS (
       SELECT channel, count(*)::int AS sent,
              count(*) FILTER (WHERE delivered_at IS NOT NULL OR delivery_status IN ('delivered', 'opened', 'clicked'))::int AS delivered,
              count(*) FILTER (WHERE bounced_at IS NOT NULL)::int AS bounced
         FROM messages
        WHERE NOT test AND status IN ('sent', 'sandboxed') AND sent_at >= $1 AND sent_at <= $2
        GROUP BY channel
     ), unsubscribed AS (
       SELECT channel, count(DISTINCT customer_id)::int AS unsubscribes
         FROM consent_history
        WHERE status = 'opted_out' AND recorded_at >= $1 AND recorded_at <= $2
        GROUP BY channel
     )
     SELECT COALESCE(s.channel, u.channel) AS channel, COALESCE(s.sent, 0) AS sent,
            COALESCE(s.delivered, 0) AS delivered, COALESCE(s.bounced, 0) AS bounced,
            COALESCE(u.unsubscribes, 0) AS unsubscribes
       FROM sent s FULL JOIN unsubscribed u ON u.channel = s.channel`,
    [period.from.toISOString(), period.to.toISOString()],
  );
  return rows as unknown as ChannelDeliverabilityRow[];
}

/** The last `days` calendar days in `timeZone`, today included: from the start of the first to `now`. */
export async function dashboardPeriod(
  query: Query,
  days: number,
  timeZone: string,
  now: Date,
): Promise<DashboardPeriod> {
  const [row] = await query(
    `SELECT (date_trunc('day', $1::timestamptz AT TIME ZONE $2) - make_interval(days => $3::int - 1)) AT TIME ZONE $2 AS "from"`,
    [now.toISOString(), timeZone, days],
  );
  return { from: row.from as Date, to: now, timeZone };
}
