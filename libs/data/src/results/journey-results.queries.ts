/**
 * Journey results (docs/architecture.md, "Journey results"): what runs did per journey, day (in the
 * store's time zone), node and metric, counted set-based from the engine's own tables.
 *
 * One statement (`FACTS`) counts the facts whose time falls in `[from, to)`; it serves both sides:
 * - the rollup (`advanceJourneyResults`), run by a small periodic job, rewrites whole days of
 *   `journey_result_days` from a few days before the last watermark up to the new one, in one
 *   transaction under an advisory lock: running it twice counts once, and facts recorded late
 *   (a provider callback, a step finishing, a commit after the job ran) are caught as long as they
 *   fall within the reopened days;
 * - reads (`journeyResultRows`) take the rollup's days before the watermark and count the tail
 *   after it live, for one journey (a minute or so of facts, found through the time indexes).
 * Runs marked `test` and test sends never count.
 */
import type { Database, Query } from '../database';
import { isUuid } from '../ids';

/** Days before the last watermark's day that every rollup rewrites (provider callbacks retry for up to 72 h). */
export const RESULTS_REOPEN_DAYS = 3;
/** The newest facts the rollup leaves to the read-time tail (in-flight transactions commit within it). */
export const RESULTS_SETTLE_MS = 10_000;

/** The metrics of the rollup: journey-wide (node '') or per node. */
export const RESULT_METRICS = [
  'entered',
  'recipients',
  'converted',
  'exit:completed',
  'exit:exited',
  'exit:cancelled',
  'exit:failed',
  'node:entered',
  'node:failed',
  'node:sent',
  'node:delivered',
  'node:opened',
  'node:clicked',
  'node:converted',
] as const;
export type ResultMetric = (typeof RESULT_METRICS)[number];

export interface ResultRow {
  /** `YYYY-MM-DD` in the rollup's time zone. */
  day: string;
  metric: ResultMetric;
  /** '' for the journey as a whole. */
  nodeId: string;
  /** The exit reason of `exit:exited` (e.g. `exit rule: order.placed`), '' otherwise. */
  reason: string;
  n: number;
  revenue: number;
}

/**
 * Counts every fact with its time in [$1, $2) per journey, day in time zone $3, metric, node and
 * reason. `journeyFilter` is a fixed fragment (never input) that narrows runs `r` to one journey ($4).
 * - entered: runs by start; recipients: runs by the day of their first message handed over;
 * - exits: finished runs by end, per status (and reason for `exited`);
 * - converted: conversions by time, with revenue; per node, those of runs that entered the node before;
 * - per node: steps entered (each visit) and failed, by entry; messages sent (by hand-over),
 *   delivered (first of delivered/opened/clicked), opened (email: first of opened/clicked), clicked.
 */
function factsSql(journeyFilter: string): string {
  return `
    WITH run_entries AS (
      SELECT r.journey_id, (r.started_at AT TIME ZONE $3)::date AS day, 'entered' AS metric, '' AS node_id, '' AS reason,
             count(*)::int AS n, 0::numeric AS revenue
        FROM runs r WHERE r.started_at >= $1 AND r.started_at < $2 AND NOT r.test ${journeyFilter}
       GROUP BY 1, 2
    ), run_exits AS (
      SELECT r.journey_id, (r.finished_at AT TIME ZONE $3)::date AS day, 'exit:' || r.status AS metric, '' AS node_id,
             CASE WHEN r.status = 'exited' THEN coalesce(r.status_reason, '') ELSE '' END AS reason,
             count(*)::int AS n, 0::numeric AS revenue
        FROM runs r WHERE r.finished_at >= $1 AND r.finished_at < $2 AND r.status <> 'running' AND NOT r.test ${journeyFilter}
       GROUP BY 1, 2, 3, 5
    ), first_sends AS (
      SELECT m.run_id, min(m.sent_at) AS first_at FROM messages m
       WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.status IN ('sent', 'sandboxed') AND NOT m.test
       GROUP BY 1
    ), recipients AS (
      SELECT r.journey_id, (f.first_at AT TIME ZONE $3)::date AS day, 'recipients' AS metric, '' AS node_id, '' AS reason,
             count(*)::int AS n, 0::numeric AS revenue
        FROM first_sends f JOIN runs r ON r.id = f.run_id
       WHERE NOT r.test ${journeyFilter}
         AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.run_id = f.run_id AND p.sent_at < f.first_at
                           AND p.status IN ('sent', 'sandboxed') AND NOT p.test)
       GROUP BY 1, 2
    ), conversions AS (
      SELECT c.run_id, c.journey_id, c.converted_at, c.revenue FROM run_conversions c JOIN runs r ON r.id = c.run_id
       WHERE c.converted_at >= $1 AND c.converted_at < $2 AND NOT r.test ${journeyFilter}
    ), run_conversions_by_day AS (
      SELECT c.journey_id, (c.converted_at AT TIME ZONE $3)::date AS day, 'converted' AS metric, '' AS node_id, '' AS reason,
             count(*)::int AS n, sum(c.revenue) AS revenue
        FROM conversions c GROUP BY 1, 2
    ), node_conversions AS (
      SELECT c.journey_id, (c.converted_at AT TIME ZONE $3)::date AS day, 'node:converted' AS metric, s.node_id, '' AS reason,
             count(*)::int AS n, sum(c.revenue) AS revenue
        FROM conversions c
        JOIN LATERAL (SELECT DISTINCT st.node_id FROM run_steps st
                       WHERE st.run_id = c.run_id AND st.entered_at <= c.converted_at) s ON true
       GROUP BY 1, 2, 4
    ), step_days AS (
      SELECT r.journey_id, (s.entered_at AT TIME ZONE $3)::date AS day, s.node_id,
             count(*)::int AS entered, count(*) FILTER (WHERE s.outcome = 'failed')::int AS failed
        FROM run_steps s JOIN runs r ON r.id = s.run_id
       WHERE s.entered_at >= $1 AND s.entered_at < $2 AND NOT r.test ${journeyFilter}
       GROUP BY 1, 2, 3
    ), steps AS (
      SELECT d.journey_id, d.day, m.metric, d.node_id, '' AS reason, m.n, 0::numeric AS revenue
        FROM step_days d, LATERAL (VALUES ('node:entered', d.entered), ('node:failed', d.failed)) m (metric, n)
       WHERE m.n > 0
    ), message_facts AS (
      SELECT r.journey_id, m.node_id, f.metric, f.at
        FROM messages m JOIN runs r ON r.id = m.run_id,
             LATERAL (VALUES
               ('node:sent', CASE WHEN m.status IN ('sent', 'sandboxed') THEN m.sent_at END),
               ('node:delivered', LEAST(m.delivered_at, m.opened_at, m.clicked_at)),
               ('node:opened', CASE WHEN m.channel = 'email' THEN LEAST(m.opened_at, m.clicked_at) ELSE m.opened_at END),
               ('node:clicked', m.clicked_at)) f (metric, at)
       WHERE (m.sent_at >= $1 AND m.sent_at < $2 OR m.delivered_at >= $1 AND m.delivered_at < $2
              OR m.opened_at >= $1 AND m.opened_at < $2 OR m.clicked_at >= $1 AND m.clicked_at < $2)
         AND NOT m.test AND NOT r.test ${journeyFilter}
    ), messages_by_day AS (
      SELECT journey_id, (at AT TIME ZONE $3)::date AS day, metric, node_id, '' AS reason, count(*)::int AS n, 0::numeric AS revenue
        FROM message_facts WHERE at >= $1 AND at < $2 GROUP BY 1, 2, 3, 4
    )
    SELECT * FROM run_entries UNION ALL SELECT * FROM run_exits UNION ALL SELECT * FROM recipients
    UNION ALL SELECT * FROM run_conversions_by_day UNION ALL SELECT * FROM node_conversions
    UNION ALL SELECT * FROM steps UNION ALL SELECT * FROM messages_by_day`;
}

const ALL_JOURNEYS = factsSql('');
const ONE_JOURNEY = factsSql('AND r.journey_id = $4');

export interface ResultsWatermark {
  rolledUpTo: Date;
  timeZone: string;
}

export async function resultsWatermark(query: Query): Promise<ResultsWatermark | null> {
  const [row] = await query(`SELECT rolled_up_to, time_zone FROM journey_result_watermark WHERE id = 1`, []);
  return row ? { rolledUpTo: row.rolled_up_to as Date, timeZone: row.time_zone as string } : null;
}

export interface RollupOutcome {
  /** Where counting started: the first reopened day, or null when everything was (re)built. */
  from: Date | null;
  rolledUpTo: Date;
  /** Rollup rows written. */
  rows: number;
  /** False when another process held the rollup (it ran nothing). */
  ran: boolean;
}

/**
 * Advances the rollup to `now - settle`: rewrites every day from {@link RESULTS_REOPEN_DAYS} before
 * the last watermark's day, or everything when there is none yet or the time zone changed (days
 * are cut in `timeZone`). One transaction; a concurrent call (another replica) returns `ran: false`.
 */
export async function advanceJourneyResults(
  db: Pick<Database, 'transaction'>,
  options: { timeZone: string; now?: Date; settleMs?: number; rebuild?: boolean },
): Promise<RollupOutcome> {
  const now = options.now ?? new Date();
  const target = new Date(now.getTime() - (options.settleMs ?? RESULTS_SETTLE_MS));
  return db.transaction(async (q) => {
    const [lock] = await q(`SELECT pg_try_advisory_xact_lock(hashtext('journey_result_days')) AS got`, []);
    if (!lock.got) return { from: null, rolledUpTo: target, rows: 0, ran: false };
    const previous = await resultsWatermark(q);
    const rebuild = options.rebuild || !previous || previous.timeZone !== options.timeZone;
    const upTo = !rebuild && previous.rolledUpTo > target ? previous.rolledUpTo : target;
    let from: Date | null = null;
    if (rebuild) {
      await q(`DELETE FROM journey_result_days`, []);
    } else {
      const [start] = await q(
        `SELECT (date_trunc('day', $1::timestamptz AT TIME ZONE $2) - make_interval(days => $3::int)) AT TIME ZONE $2 AS start`,
        [previous.rolledUpTo.toISOString(), options.timeZone, RESULTS_REOPEN_DAYS],
      );
      from = start.start as Date;
      await q(`DELETE FROM journey_result_days WHERE day >= ($1::timestamptz AT TIME ZONE $2)::date`, [
        from.toISOString(),
        options.timeZone,
      ]);
    }
    const inserted = await q(
      `INSERT INTO journey_result_days (journey_id, day, metric, node_id, reason, n, revenue)
       SELECT journey_id, day, metric, node_id, reason, n, revenue FROM (${ALL_JOURNEYS}) facts
       RETURNING 1`,
      [from ? from.toISOString() : '-infinity', upTo.toISOString(), options.timeZone],
    );
    await q(
      `INSERT INTO journey_result_watermark (id, rolled_up_to, time_zone) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET rolled_up_to = $1, time_zone = $2, updated_at = now()`,
      [upTo.toISOString(), options.timeZone],
    );
    return { from, rolledUpTo: upTo, rows: inserted.length, ran: true };
  });
}

/** A journey's period: `[from, to)` as instants, its days `YYYY-MM-DD` in `timeZone`. */
export interface ResultsPeriod {
  journeyId: string;
  fromDay: string;
  toDay: string;
  timeZone: string;
}

/**
 * A journey's result rows for the days `fromDay`–`toDay` (inclusive, in the period's time zone):
 * the rollup's rows before its watermark plus the facts after it counted live. When the rollup
 * was cut in another time zone (or never ran), everything is counted live.
 */
export async function journeyResultRows(
  query: Query,
  period: ResultsPeriod,
): Promise<{ rows: ResultRow[]; rolledUpTo: Date | null }> {
  if (!isUuid(period.journeyId)) return { rows: [], rolledUpTo: null };
  const watermark = await resultsWatermark(query);
  const usable = watermark && watermark.timeZone === period.timeZone ? watermark.rolledUpTo : null;
  const [bounds] = await query(
    `SELECT $1::date::timestamp AT TIME ZONE $3 AS start, ($2::date + 1)::timestamp AT TIME ZONE $3 AS "end"`,
    [period.fromDay, period.toDay, period.timeZone],
  );
  const start = bounds.start as Date;
  const end = bounds.end as Date;
  const rolled = usable
    ? await query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, node_id, reason, n, revenue::float AS revenue
           FROM journey_result_days WHERE journey_id = $1 AND day >= $2::date AND day <= $3::date`,
        [period.journeyId, period.fromDay, period.toDay],
      )
    : [];
  const tailStart = usable && usable > start ? usable : start;
  const tail =
    tailStart < end
      ? await query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, node_id, reason, n, revenue::float AS revenue
             FROM (${ONE_JOURNEY}) facts`,
          [tailStart.toISOString(), end.toISOString(), period.timeZone, period.journeyId],
        )
      : [];
  return {
    rows: [...rolled, ...tail].map((r) => ({
      day: r.day as string,
      metric: r.metric as ResultMetric,
      nodeId: r.node_id as string,
      reason: r.reason as string,
      n: Number(r.n),
      revenue: Number(r.revenue),
    })),
    rolledUpTo: usable,
  };
}
