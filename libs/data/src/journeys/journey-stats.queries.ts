/**
 * The counts behind a journey's statistics: steps per node by outcome (skips by reason), messages
 * per node by status (and by what the provider reported: delivered, opened, clicked, bounced),
 * runs by status, and conversions with their revenue. Test runs never count (docs/product.md,
 * "Test runs"); they never convert either (no conversion is recorded for them).
 */
import type { RunStatus, StepOutcome } from '@waypoint/journey';
import type { Query } from '../database';
import type { MessageStatus } from '../entities/message.entity';
import { isUuid } from '../ids';

export interface StepCountRow {
  node_id: string;
  outcome: StepOutcome;
  /** Set for skipped steps only. */
  reason: string | null;
  n: number;
}

/** What the provider reported later, counted beside the ledger statuses (the node's funnel). */
export const REPORTED_DELIVERY = ['delivered', 'opened', 'clicked', 'bounced'] as const;

export interface MessageCountRow {
  node_id: string;
  status: MessageStatus | (typeof REPORTED_DELIVERY)[number];
  n: number;
}

export interface RunCountRow {
  status: RunStatus;
  n: number;
}

export interface ConversionTotalsRow {
  n: number;
  /** numeric, as PostgreSQL returns it */
  revenue: string;
}

export async function journeyExists(query: Query, id: string): Promise<boolean> {
  const exists = isUuid(id) ? await query(`SELECT 1 FROM journeys WHERE id = $1`, [id]) : [];
  return exists.length > 0;
}

export async function stepCountsOfJourney(query: Query, journeyId: string): Promise<StepCountRow[]> {
  return (await query(
    `SELECT s.node_id, s.outcome, CASE WHEN s.outcome = 'skipped' THEN s.reason END AS reason, count(*)::int AS n
         FROM run_steps s JOIN runs r ON r.id = s.run_id
        WHERE r.journey_id = $1 AND NOT r.test
        GROUP BY 1, 2, 3`,
    [journeyId],
  )) as unknown as StepCountRow[];
}

export async function messageCountsOfJourney(query: Query, journeyId: string): Promise<MessageCountRow[]> {
  return (await query(
    `SELECT m.node_id, m.status, count(*)::int AS n FROM messages m JOIN runs r ON r.id = m.run_id
        WHERE r.journey_id = $1 AND NOT r.test GROUP BY 1, 2
      UNION ALL
      SELECT m.node_id, m.delivery_status, count(*)::int FROM messages m JOIN runs r ON r.id = m.run_id
        WHERE r.journey_id = $1 AND NOT r.test AND m.delivery_status = ANY($2) GROUP BY 1, 2`,
    [journeyId, REPORTED_DELIVERY],
  )) as unknown as MessageCountRow[];
}

export async function runCountsOfJourney(query: Query, journeyId: string): Promise<RunCountRow[]> {
  return (await query(
    `SELECT status, count(*)::int AS n FROM runs WHERE journey_id = $1 AND NOT test GROUP BY 1`,
    [journeyId],
  )) as unknown as RunCountRow[];
}

export async function conversionTotalsOfJourney(
  query: Query,
  journeyId: string,
): Promise<ConversionTotalsRow> {
  const [totals] = await query(
    `SELECT count(*)::int AS n, coalesce(sum(revenue), 0) AS revenue FROM run_conversions WHERE journey_id = $1`,
    [journeyId],
  );
  return totals as unknown as ConversionTotalsRow;
}
