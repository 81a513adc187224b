/**
 * Segment membership (`segment_members`) and the `segment.entered` / `segment.exited` events that
 * record its changes, always written by the same statement (docs/architecture.md, "Segments in
 * real time"): for one customer right after routing stored something about them, and for every
 * customer in the daily sweep. A membership row is inserted with ON CONFLICT DO NOTHING and
 * deleted with RETURNING, so two evaluations at once enter or leave once; each event has an
 * idempotency key, so a retried evaluation writes nothing twice. The events get their routing
 * outbox rows (`event_outbox`) in the same statement.
 */
import { EVENT, type Condition } from '@waypoint/journey';
import { compileCustomerFilter, ConditionCompiler, type ConditionContext } from '../conditions/condition-sql';
import type { Query } from '../database';
import { queueForRouting } from '../events/routing.queries';

export const SEGMENT_EVENT_SOURCE = 'waypoint:segments';

export interface SegmentToEvaluate {
  id: string;
  key: string | null;
  condition: Condition;
}

/**
 * Decides `segments` for one customer in one statement, enters or removes them, and writes the
 * `segment.entered` / `segment.exited` events (keyed by `cause`, the event or change that led
 * here, so the same cause evaluated again writes nothing); returns the new events' ids, to route.
 */
export async function reevaluateCustomerSegments(
  query: Query,
  customerId: string,
  segments: SegmentToEvaluate[],
  context: ConditionContext,
  cause: string,
): Promise<string[]> {
  if (segments.length === 0) return [];
  const compiler = new ConditionCompiler(context);
  const customer = compiler.param(customerId);
  const rows = segments.map(
    (s) =>
      `(${compiler.param(s.id)}::uuid, ${compiler.param(s.key)}::text, COALESCE(${compiler.compile(s.condition)}, false))`,
  );
  const asOf = compiler.param(context.asOf);
  const key = compiler.param(`segment:${cause}:${customerId}`);
  const inserted = await query(
    `WITH verdict AS (
       SELECT v.segment_id, v.segment_key, v.holds
         FROM customers c CROSS JOIN LATERAL (VALUES ${rows.join(', ')}) AS v(segment_id, segment_key, holds)
        WHERE c.id = ${customer}::uuid
     ), entered AS (
       INSERT INTO segment_members (segment_id, customer_id, entered_at)
       SELECT v.segment_id, ${customer}::uuid, now() FROM verdict v WHERE v.holds
       ON CONFLICT DO NOTHING RETURNING segment_id
     ), exited AS (
       DELETE FROM segment_members m USING verdict v
        WHERE m.segment_id = v.segment_id AND m.customer_id = ${customer}::uuid AND NOT v.holds
       RETURNING m.segment_id
     ), changes AS (
       SELECT '${EVENT.segmentEntered}' AS type, segment_id FROM entered
       UNION ALL SELECT '${EVENT.segmentExited}', segment_id FROM exited
     ), written AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT ${key} || ':' || ch.type || ':' || ch.segment_id, ch.type, ${customer}::uuid, '${SEGMENT_EVENT_SOURCE}',
              jsonb_build_object('segmentId', ch.segment_id, 'segmentKey', v.segment_key), ${asOf}
         FROM changes ch JOIN verdict v ON v.segment_id = ch.segment_id
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, received_at
     ), outbox AS (
       ${queueForRouting('written')}
     )
     SELECT id FROM written`,
    compiler.params,
  );
  return inserted.map((r) => r.id as string);
}

/**
 * The daily sweep for one segment, over every customer: those who match and are not members enter
 * (one statement: the members' INSERT … RETURNING feeds the events' INSERT … SELECT), then members
 * who no longer match leave (likewise, DELETE … RETURNING). Keys carry `asOf`, so a sweep repeated
 * for the same moment writes no event twice. Existing members are skipped by ON CONFLICT (one
 * primary-key probe each), not by an anti-join on segment_members: planned while the table was
 * small, that join became a scan of the growing table for every row inserted (found at 1M customers).
 */
export async function sweepSegment(
  query: Query,
  segment: SegmentToEvaluate,
  context: ConditionContext,
): Promise<{ entered: number; exited: number }> {
  const filter = compileCustomerFilter(segment.condition, context);
  const n = filter.params.length;
  const [sid, key, asOf, stamp] = [`$${n + 1}::uuid`, `$${n + 2}::text`, `$${n + 3}`, `$${n + 4}`];
  const params = [...filter.params, segment.id, segment.key, context.asOf, context.asOf.toISOString()];
  // The changed rows (`change`: a data-modifying statement returning customer_id) and their events.
  const withEvents = (change: string, type: string, prefix: string) =>
    `WITH changed AS (${change}), written AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT '${prefix}:' || ${sid} || ':' || customer_id || ':' || ${stamp}, '${type}', customer_id,
              '${SEGMENT_EVENT_SOURCE}', jsonb_build_object('segmentId', ${sid}, 'segmentKey', ${key}), ${asOf}
         FROM changed
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, received_at
     ), outbox AS (
       ${queueForRouting('written')}
     ) SELECT (SELECT count(*) FROM changed)::int AS n`;
  const [entered] = await query(
    withEvents(
      `INSERT INTO segment_members (segment_id, customer_id, entered_at)
       SELECT ${sid}, c.id, now() FROM customers c WHERE ${filter.where}
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      EVENT.segmentEntered,
      'segment',
    ),
    params,
  );
  const [exited] = await query(
    withEvents(
      `DELETE FROM segment_members m WHERE m.segment_id = ${sid}
          AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id AND ${filter.where})
       RETURNING customer_id`,
      EVENT.segmentExited,
      'segment-exit',
    ),
    params,
  );
  return { entered: entered.n as number, exited: exited.n as number };
}

/** Every saved segment with its condition and when it was last created or edited. */
export async function segmentsWithConditions(
  query: Query,
): Promise<Array<SegmentToEvaluate & { updatedAt: Date }>> {
  return (await query(
    `SELECT id, key, condition, updated_at AS "updatedAt" FROM segments ORDER BY id`,
    [],
  )) as unknown as Array<SegmentToEvaluate & { updatedAt: Date }>;
}
