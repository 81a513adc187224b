/**
 * The results phase (`BENCH_PHASES=results`), on the bench stack (stack.ts): one live journey
 * (trigger → coupon → wait → email → exit) with BENCH_RESULTS_RUNS runs (1,000,000) over the last
 * 30 days seeded with set-based SQL, five steps each (5,000,000), an email per run that reached it
 * (delivered, opened, clicked for shares of them), conversions with revenue for 4 % and test runs
 * for 1 %. Then:
 * - the rollup's own cost (`advanceJourneyResults`, the worker loop's code): built from nothing, then
 *   advanced after a minute's new runs (1,000), then advanced with nothing new;
 * - `GET /v1/journeys/{id}/results` over HTTP, BENCH_RESULTS_REQUESTS (30) sequential requests each
 *   for the default 30 days and for 7 days: p50/p95;
 * - for comparison, the same figures counted live from the engine's tables (no rollup), once.
 * The worker's own rollup loop is off for the phase (RESULTS_ROLLUP_INTERVAL_MS=0) so that only the
 * measured calls count.
 */
import { loadavg } from 'node:os';
import { advanceJourneyResults, journeyResultRows, type Database, type Query } from '@waypoint/data';
import { archiveJourney, couponWaitEmail, publishJourney } from './journeys';
import type { MachineInfo } from './machine';
import type { Monitor } from './monitor';
import type { CpuShares } from './proc';
import type { Stack } from './stack';
import { distribution, type Distribution } from './stats';

export interface ResultsConfig {
  runs: number;
  requests: number;
}

export interface RollupTiming {
  label: string;
  ms: number;
  rows: number;
  cpu: CpuShares;
}

export interface ResultsResults {
  config: ResultsConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  load: number[];
  seed: {
    runs: number;
    steps: number;
    messages: number;
    conversions: number;
    testRuns: number;
    seconds: number;
    tablesMiB: number;
  };
  rollups: RollupTiming[];
  rollupRows: number;
  /** Per range label: the endpoint's latency over HTTP. */
  reads: { label: string; latency: Distribution; cpu: CpuShares }[];
  /** The same figures counted from the engine's tables for 30 days, without the rollup (ms). */
  liveMs: number;
}

/** The journey's runs, steps, messages and conversions, spread evenly over the last 30 days. */
async function seed(stack: Stack, journeyId: string, runs: number): Promise<ResultsResults['seed']> {
  const start = performance.now();
  const db = stack.db;
  await db.query(`SELECT setseed(0.14)`);
  await db.query(
    `INSERT INTO customers (external_id, email, created_at, updated_at)
     SELECT 'results-' || g, 'results-' || g || '@example.com', now() - interval '60 days', now()
       FROM generate_series(1, 100000) g`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_results_customers AS
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM customers WHERE external_id LIKE 'results-%'`,
  );
  // Started in time order (as the engine writes them); a run's last step a day after its start.
  await db.query(
    `INSERT INTO runs (journey_id, journey_version, customer_id, entry_key, workflow_id, status, status_reason, started_at, finished_at, test)
     SELECT $1, 1, c.id, 'bench-results-' || g, 'bench-results-' || g,
            CASE WHEN s.at + interval '1 day' > now() THEN 'running'
                 WHEN g % 20 = 1 THEN 'exited' WHEN g % 50 = 2 THEN 'failed' ELSE 'completed' END,
            CASE WHEN s.at + interval '1 day' > now() THEN NULL
                 WHEN g % 20 = 1 THEN 'exit rule: order.placed' WHEN g % 50 = 2 THEN '1 step failed: email (provider refused)' END,
            s.at, CASE WHEN s.at + interval '1 day' > now() THEN NULL ELSE s.at + interval '1 day' END,
            g % 100 = 0
       FROM generate_series(1, $2::int) g
       CROSS JOIN LATERAL (SELECT now() - interval '30 days' + (g::float8 / $2) * interval '30 days' - interval '1 minute' AS at) s
       JOIN bench_results_customers c ON c.k = g % 100000
      ORDER BY g`,
    [journeyId, runs],
  );
  await db.query(
    `INSERT INTO run_steps (run_id, node_id, node_type, visit, outcome, entered_at, finished_at, wake_at)
     SELECT r.id, n.node_id, n.node_type, 1,
            CASE WHEN r.started_at + n.offs > now() THEN 'waiting' WHEN n.node_id = 'email' AND r.status = 'failed' THEN 'failed' ELSE 'completed' END,
            LEAST(r.started_at + n.offs, now()), CASE WHEN r.started_at + n.offs <= now() THEN r.started_at + n.offs END,
            CASE WHEN n.node_id = 'bench-wait' THEN r.started_at + interval '1 day' END
       FROM runs r
       CROSS JOIN (VALUES ('trigger', 'trigger.event', interval '0'), ('coupon', 'action.coupon', interval '1 second'),
                          ('bench-wait', 'wait.delay', interval '2 seconds'), ('email', 'send.email', interval '1 day'),
                          ('done', 'exit', interval '1 day 1 second')) n (node_id, node_type, offs)
      WHERE r.journey_id = $1
      ORDER BY r.started_at + n.offs`,
    [journeyId],
  );
  await db.query(
    `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, status, provider,
                           sent_at, created_at, delivery_status, delivered_at, opened_at, clicked_at)
     SELECT r.id, 'email', 1, r.customer_id, 'email', 'welcome', 'bench@example.com',
            CASE WHEN r.status = 'failed' THEN 'failed' ELSE 'sent' END, 'sendgrid',
            CASE WHEN r.status <> 'failed' THEN r.started_at + interval '1 day' END, r.started_at + interval '1 day',
            CASE WHEN r.status = 'failed' THEN NULL WHEN x.u < 0.08 THEN 'clicked' WHEN x.u < 0.30 THEN 'opened' WHEN x.u < 0.95 THEN 'delivered' ELSE 'bounced' END,
            CASE WHEN r.status <> 'failed' AND x.u < 0.95 THEN r.started_at + interval '1 day 5 seconds' END,
            CASE WHEN r.status <> 'failed' AND x.u < 0.30 THEN r.started_at + interval '1 day 2 hours' END,
            CASE WHEN r.status <> 'failed' AND x.u < 0.08 THEN r.started_at + interval '1 day 3 hours' END
       FROM runs r CROSS JOIN LATERAL (SELECT random() AS u, r.id AS k) x
      WHERE r.journey_id = $1 AND r.started_at + interval '1 day' <= now()
      ORDER BY r.started_at`,
    [journeyId],
  );
  await db.query(
    `WITH converted AS (
       SELECT r.id AS run_id, r.customer_id, r.started_at + interval '1 day 4 hours' AS at, round((30 + random() * 120)::numeric, 2) AS revenue
         FROM runs r WHERE r.journey_id = $1 AND r.started_at + interval '1 day 4 hours' <= now() AND random() < 0.04
     ), orders AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT 'bench-results-order-' || run_id, 'order.placed', customer_id, 'bench',
              jsonb_build_object('totalPrice', revenue), at FROM converted
       RETURNING id, idempotency_key
     )
     INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, currency, converted_at)
     SELECT c.run_id, $1, o.id, c.revenue, 'EUR', c.at
       FROM converted c JOIN orders o ON o.idempotency_key = 'bench-results-order-' || c.run_id`,
    [journeyId],
  );
  await db.query(`VACUUM ANALYZE customers, runs, run_steps, messages, run_conversions, events`);
  const one = async (sql: string) => Number((await db.query<{ n: string }>(sql, [journeyId])).rows[0].n);
  const figures = {
    runs: await one(`SELECT count(*) AS n FROM runs WHERE journey_id = $1`),
    steps: await one(
      `SELECT count(*) AS n FROM run_steps s JOIN runs r ON r.id = s.run_id WHERE r.journey_id = $1`,
    ),
    messages: await one(
      `SELECT count(*) AS n FROM messages m JOIN runs r ON r.id = m.run_id WHERE r.journey_id = $1`,
    ),
    conversions: await one(`SELECT count(*) AS n FROM run_conversions WHERE journey_id = $1`),
    testRuns: await one(`SELECT count(*) AS n FROM runs WHERE journey_id = $1 AND test`),
  };
  const size = await db.query<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(t))::bigint AS bytes FROM unnest(ARRAY['runs', 'run_steps', 'messages', 'run_conversions']::regclass[]) t`,
  );
  return {
    ...figures,
    seconds: (performance.now() - start) / 1000,
    tablesMiB: Number(size.rows[0].bytes) / 2 ** 20,
  };
}

/** A minute's new runs (1,000, started now), with their first steps. */
async function aMinuteOfRuns(stack: Stack, journeyId: string): Promise<void> {
  await stack.db.query(
    `WITH fresh AS (
       INSERT INTO runs (journey_id, journey_version, customer_id, entry_key, workflow_id, status, started_at)
       SELECT $1, 1, c.id, 'bench-results-new-' || g, 'bench-results-new-' || g, 'running', now() - interval '30 seconds'
         FROM generate_series(1, 1000) g JOIN bench_results_customers c ON c.k = g
       RETURNING id, started_at
     )
     INSERT INTO run_steps (run_id, node_id, node_type, visit, outcome, entered_at, finished_at)
     SELECT id, 'trigger', 'trigger.event', 1, 'completed', started_at, started_at FROM fresh`,
    [journeyId],
  );
}

/** `transaction` over the bench's pool, as libs/data's Database gives the apps. */
function poolDatabase(stack: Stack): Pick<Database, 'transaction'> {
  return {
    transaction: async <T>(work: (query: Query) => Promise<T>): Promise<T> => {
      const client = await stack.db.connect();
      try {
        await client.query('BEGIN');
        const result = await work(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

async function getResults(stack: Stack, journeyId: string, range: string) {
  const headers: Record<string, string> = stack.apiToken ? { authorization: `Bearer ${stack.apiToken}` } : {};
  const res = await fetch(`${stack.apiUrl}/v1/journeys/${journeyId}/results${range}`, { headers });
  const body = (await res.json()) as { data: { timeZone: string; entered: number; to: string } };
  if (res.status !== 200) throw new Error(`GET results answered ${res.status}: ${JSON.stringify(body)}`);
  return body.data;
}

export async function resultsPhase(
  stack: Stack,
  monitor: Monitor,
  cfg: ResultsConfig,
  machine: MachineInfo,
  log: (line: string) => void,
): Promise<ResultsResults> {
  const started = Date.now();
  const load = loadavg();
  const journeyId = await publishJourney(stack, 'Bench: results', couponWaitEmail('1d'));
  // No run may start while the seeded ones stand for it (its trigger is an event nobody sends here).
  await archiveJourney(stack, journeyId);
  log(`(results) seeding ${cfg.runs.toLocaleString('en-US')} runs …`);
  const seeded = await seed(stack, journeyId, cfg.runs);
  log(
    `  ${seeded.runs.toLocaleString('en-US')} runs, ${seeded.steps.toLocaleString('en-US')} steps, ` +
      `${seeded.messages.toLocaleString('en-US')} messages, ${seeded.conversions.toLocaleString('en-US')} conversions in ${seeded.seconds.toFixed(0)} s`,
  );
  const { timeZone } = await getResults(stack, journeyId, '?from=2000-01-01&to=2000-01-01');
  const db = poolDatabase(stack);
  const rollups: RollupTiming[] = [];
  const timed = async (label: string) => {
    const before = monitor.now();
    const t0 = performance.now();
    const outcome = await advanceJourneyResults(db, { timeZone });
    const ms = performance.now() - t0;
    rollups.push({ label, ms, rows: outcome.rows, cpu: monitor.shares(before, monitor.now()) });
    log(`  rollup ${label}: ${ms.toFixed(0)} ms, ${outcome.rows} rows written`);
  };
  await timed('built from nothing (30 days, every journey)');
  await aMinuteOfRuns(stack, journeyId);
  await timed('a minute later (1,000 new runs; the reopened days rewritten)');
  await timed('again with nothing new');
  const rollupRows = Number(
    (await stack.db.query<{ n: string }>(`SELECT count(*) AS n FROM journey_result_days`)).rows[0].n,
  );

  const reads: ResultsResults['reads'] = [];
  const today = (await getResults(stack, journeyId, '')).to;
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
  for (const [label, range] of [
    ['last 30 days (default)', ''],
    ['last 7 days', `?from=${weekAgo}&to=${today}`],
  ] as const) {
    const times: number[] = [];
    const before = monitor.now();
    for (let i = 0; i < cfg.requests; i++) {
      const t0 = performance.now();
      await getResults(stack, journeyId, range);
      times.push(performance.now() - t0);
    }
    const latency = distribution(times);
    reads.push({ label, latency, cpu: monitor.shares(before, monitor.now()) });
    log(`  GET results, ${label}: p50 ${latency.p50.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms`);
  }

  // The same 30 days counted from the engine's tables: a rollup "in another time zone" is unusable.
  const query: Query = async (sql, params) => (await stack.db.query(sql, params as unknown[])).rows;
  const fromDay = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const t0 = performance.now();
  await journeyResultRows(query, {
    journeyId,
    fromDay,
    toDay: today,
    timeZone: timeZone === 'UTC' ? 'Etc/GMT' : 'UTC',
  });
  const liveMs = performance.now() - t0;
  log(`  the same counted live, without the rollup: ${liveMs.toFixed(0)} ms`);
  return {
    config: cfg,
    machine,
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    load,
    seed: seeded,
    rollups,
    rollupRows,
    reads,
    liveMs,
  };
}
