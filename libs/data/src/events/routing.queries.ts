/**
 * What routing reads and writes (docs/architecture.md, "How a webhook becomes an email", step 3):
 * the outbox (`event_outbox`: a row per event still to route), the live journeys' versions, run starts with their
 * re-entry rule, the customers' running runs and goal conversions. Per batch of events these are
 * a few statements; the SQL text is the measured one (docs/benchmarks.md).
 */
import type { JourneyDefinition, JourneySettings } from '@waypoint/journey';
import type { Query } from '../database';
import { prepared } from '../prepared-statements';

/** An event as routing reads it from the events table. */
export interface RoutedEventRow {
  id: string;
  type: string;
  customer_id: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
  /**
   * An `order.placed` for an order the customer already has (an earlier stored `order.placed` with
   * the same `orderId`: a repeated delivery under another event id, or the same order through the
   * event API): not a new order, so routing neither starts nor ends runs with it.
   */
  repeated_order: boolean;
}

/**
 * The oldest events still waiting in the outbox that were received at least `olderThanMs` ago
 * (younger ones are normally being routed by the process that accepted them).
 */
export async function unroutedEventIds(query: Query, limit: number, olderThanMs = 0): Promise<string[]> {
  const pending = (await query(
    `SELECT event_id FROM event_outbox WHERE received_at < now() - $2::int * interval '1 millisecond'
      ORDER BY received_at LIMIT $1`,
    [limit, olderThanMs],
  )) as unknown as Array<{ event_id: string }>;
  return pending.map((p) => p.event_id);
}

/**
 * The outbox sweep's lock, held until the transaction ends; false when another process holds it
 * (then that one is sweeping, and this one need not). The transaction may stay idle for at most
 * `SWEEP_IDLE_LIMIT` between its statements: a sweeper whose host vanished without closing its
 * connection lets go of the lock then, not when TCP notices.
 */
export async function tryLockRoutingSweep(query: Query): Promise<boolean> {
  const [row] = (await query(
    `SELECT set_config('idle_in_transaction_session_timeout', $1, true),
            pg_try_advisory_xact_lock(hashtext('waypoint/routing-sweep')) AS locked`,
    [SWEEP_IDLE_LIMIT],
  )) as unknown as Array<{ locked: boolean }>;
  return row.locked;
}

const SWEEP_IDLE_LIMIT = '2min';

/**
 * The outbox half of an insert routing must see, as a step of the insert's own statement: queues
 * the rows of the CTE `rows` (which returns `id, received_at`). Every routed insert writes it, so an
 * event and its outbox row commit together; imported history does not.
 */
export function queueForRouting(rows: string): string {
  return `INSERT INTO event_outbox (event_id, received_at) SELECT id, received_at FROM ${rows}`;
}

/** Those of `ids` not routed yet, i.e. still in the outbox (in no particular order). */
export async function unroutedEvents(query: Query, ids: string[]): Promise<RoutedEventRow[]> {
  return (await query(
    `SELECT e.id, e.type, e.customer_id, e.properties, e.occurred_at,
            (e.type = 'order.placed' AND e.properties ? 'orderId' AND EXISTS (
               SELECT 1 FROM events p
                WHERE p.type = 'order.placed' AND p.properties ->> 'orderId' = e.properties ->> 'orderId'
                  AND p.customer_id = e.customer_id AND (p.received_at, p.id) < (e.received_at, e.id))) AS repeated_order
       FROM event_outbox o JOIN events e ON e.id = o.event_id
      WHERE o.event_id = ANY($1::uuid[])`,
    [ids],
  )) as unknown as RoutedEventRow[];
}

/** Routed: their outbox rows go (a delete of narrow rows, the events themselves are not written). */
export async function markEventsRouted(query: Query, ids: string[]): Promise<void> {
  await query(`DELETE FROM event_outbox WHERE event_id = ANY($1::uuid[])`, [ids]);
}

/** Which journeys are live, at which published version (no definitions: a small statement). */
export async function liveJourneyVersions(query: Query): Promise<Array<{ id: string; version: number }>> {
  return (await query(
    `SELECT id, published_version AS version FROM journeys WHERE status = 'live' AND published_version IS NOT NULL`,
    [],
  )) as unknown as Array<{ id: string; version: number }>;
}

/** The definitions of these (journey id, version) pairs. */
export async function journeyVersionDefinitions(
  query: Query,
  versions: Array<{ id: string; version: number }>,
): Promise<Array<{ id: string; version: number; definition: JourneyDefinition }>> {
  return (await query(
    `SELECT v.journey_id AS id, v.version, v.definition
           FROM journey_versions v
           JOIN unnest($1::uuid[], $2::int[]) AS w(journey_id, version)
             ON w.journey_id = v.journey_id AND w.version = v.version`,
    [versions.map((j) => j.id), versions.map((j) => j.version)],
  )) as unknown as Array<{ id: string; version: number; definition: JourneyDefinition }>;
}

/**
 * The customer's stored events of these types whose property at `keyPath` (dotted) is `key` and
 * that happened at `since` or later: an exit rule's event about a keyed run's key (the order of
 * that checkout), read before a run starts and again after (docs/architecture.md, "How a webhook
 * becomes an email", step 3).
 */
export async function storedEventsWithKey(
  query: Query,
  customerId: string,
  types: string[],
  keyPath: string,
  key: string,
  since: Date,
): Promise<RoutedEventRow[]> {
  return (await query(
    `SELECT id, type, customer_id, properties, occurred_at, false AS repeated_order FROM events
      WHERE customer_id = $1 AND type = ANY($2::text[]) AND properties #>> $3::text[] = $4
        AND occurred_at >= $5
      ORDER BY received_at, id`,
    [customerId, types, keyPath.split('.'), key, since],
  )) as unknown as RoutedEventRow[];
}

/** One start decision at a time per journey and customer (inside the start's transaction). */
export async function lockRunDecision(query: Query, journeyId: string, customerId: string): Promise<void> {
  await query(prepared('runs.decision_lock', `SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`), [
    journeyId,
    customerId,
  ]);
}

/** A start decision: a run to start (or one this event started before), with its status. */
export interface RunStartRow {
  id: string;
  status: string;
}

/**
 * Decides and records a start in one statement, inside the start's transaction after
 * `lockRunDecision`: the run this event already started in this journey (routed before, e.g.
 * before a crash), else a new running run (its workflow id is `run-<id>`) unless re-entry keeps
 * the customer out, then null; with `exited`, the new run is recorded as ended already. Re-entry: `never` once they had any run; a running run with the
 * same entry key; or one started after `since` (the cooldown), when given.
 */
export async function startRunUnlessBlocked(
  query: Query,
  run: {
    journeyId: string;
    version: number;
    customerId: string;
    eventId: string;
    entryKey: string;
    mode: string;
    since: Date | null;
    /** Recorded as already exited with this reason (an exit rule's event came first), no workflow. */
    exited?: string | null;
  },
): Promise<RunStartRow | null> {
  const rows = (await query(
    prepared(
      'runs.start_unless_blocked',
      `WITH mine AS (
       SELECT id, status FROM runs WHERE journey_id = $1 AND trigger_event_id = $4
     ), blocked AS (
       SELECT 1 FROM runs
        WHERE journey_id = $1 AND customer_id = $3
          AND ($6 = 'never'
               OR (status = 'running' AND entry_key = $5)
               OR ($7::timestamptz IS NOT NULL AND started_at > $7::timestamptz))
        LIMIT 1
     ), created AS (
       INSERT INTO runs (id, journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id,
                         status, status_reason, finished_at)
       SELECT id, $1, $2, $3, $4, $5, 'run-' || id, CASE WHEN $8::text IS NULL THEN 'running' ELSE 'exited' END,
              $8::text, CASE WHEN $8::text IS NULL THEN NULL ELSE now() END
         FROM (SELECT gen_random_uuid() AS id) AS fresh
        WHERE NOT EXISTS (SELECT 1 FROM mine) AND NOT EXISTS (SELECT 1 FROM blocked)
       RETURNING id, status
     )
     SELECT id, status FROM mine UNION ALL SELECT id, status FROM created`,
    ),
    [
      run.journeyId,
      run.version,
      run.customerId,
      run.eventId,
      run.entryKey,
      run.mode,
      run.since,
      run.exited ?? null,
    ],
  )) as unknown as RunStartRow[];
  return rows[0] ?? null;
}

export interface RunningRunRow {
  customer_id: string;
  workflow_id: string;
  trigger_event_id: string | null;
}

/** The running runs of these customers. */
export async function runningRunsOf(query: Query, customerIds: string[]): Promise<RunningRunRow[]> {
  return (await query(
    `SELECT customer_id, workflow_id, trigger_event_id FROM runs
        WHERE customer_id = ANY($1::uuid[]) AND status = 'running'`,
    [customerIds],
  )) as unknown as RunningRunRow[];
}

/** A run that may convert: its journey has a goal on one of the batch's event types. */
export interface ConversionCandidateRow {
  id: string;
  journey_id: string;
  customer_id: string;
  started_at: Date;
  trigger_event_id: string | null;
  goal: NonNullable<JourneySettings['goal']>;
}

/**
 * Runs of these customers, not converted yet, whose goal is one of these event types; newest first.
 * Test runs never convert: a conversion is revenue attributed to a journey.
 */
export async function conversionCandidates(
  query: Query,
  customerIds: string[],
  eventTypes: string[],
): Promise<ConversionCandidateRow[]> {
  return (await query(
    `SELECT r.id, r.journey_id, r.customer_id, r.started_at, r.trigger_event_id,
            v.definition -> 'settings' -> 'goal' AS goal
       FROM runs r JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
      WHERE r.customer_id = ANY($1::uuid[]) AND NOT r.test
        AND v.definition -> 'settings' -> 'goal' ->> 'event' = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM run_conversions c WHERE c.run_id = r.id)
      ORDER BY r.started_at DESC`,
    [customerIds, eventTypes],
  )) as unknown as ConversionCandidateRow[];
}

/** Records the run's conversion; a run converts at most once. */
export async function insertConversion(
  query: Query,
  conversion: {
    runId: string;
    journeyId: string;
    eventId: string;
    revenue: number;
    currency: unknown;
    convertedAt: Date;
  },
): Promise<void> {
  await query(
    `INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, currency, converted_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id) DO NOTHING`,
    [
      conversion.runId,
      conversion.journeyId,
      conversion.eventId,
      conversion.revenue,
      conversion.currency,
      conversion.convertedAt,
    ],
  );
}
