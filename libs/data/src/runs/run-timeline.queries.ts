/**
 * A run's timeline as support reads it: the run with its journey's name, and every step in the
 * order it was entered, with the message the step sent (and that message's delivery) beside it.
 */
import type { Channel, RunStatus, StepOutcome } from '@waypoint/journey';
import type { Query } from '../database';
import { isUuid } from '../ids';

export interface RunRow {
  id: string;
  journey_id: string;
  journey_name: string;
  journey_version: number;
  customer_id: string;
  status: RunStatus;
  status_reason: string | null;
  current_node_id: string | null;
  workflow_id: string;
  started_at: Date;
  finished_at: Date | null;
  /** A test run (docs/product.md, "Test runs"). */
  test: boolean;
}

/** A step joined with its message: the `m_` columns are null when the step sent none. */
export interface RunStepRow {
  run_id: string;
  node_id: string;
  node_type: string;
  visit: number;
  outcome: StepOutcome;
  entered_at: Date;
  finished_at: Date | null;
  branch: string | null;
  reason: string | null;
  wake_at: Date | null;
  message_id: string | null;
  m_channel: Channel | null;
  m_to: string | null;
  m_subject: string | null;
  m_status: string | null;
  m_provider: string | null;
  m_sent_at: Date | null;
  m_delivery_status: string | null;
  m_delivered_at: Date | null;
  m_opened_at: Date | null;
  m_clicked_at: Date | null;
  m_bounced_at: Date | null;
  m_delivery_error: string | null;
  m_locale?: string | null;
}

const RUN_COLUMNS = `r.id, r.journey_id, j.name AS journey_name, r.journey_version, r.customer_id, r.status,
  r.status_reason, r.current_node_id, r.workflow_id, r.started_at, r.finished_at, r.test`;

/** A customer's runs, newest first (at most 200). */
export async function runsOfCustomer(query: Query, customerId: string): Promise<RunRow[]> {
  return (await query(
    `SELECT ${RUN_COLUMNS} FROM runs r JOIN journeys j ON j.id = r.journey_id
        WHERE r.customer_id = $1 ORDER BY r.started_at DESC LIMIT 200`,
    [customerId],
  )) as unknown as RunRow[];
}

/** Null when there is no such run (or the id is not a UUID, so it cannot be one). */
export async function findRun(query: Query, runId: string): Promise<RunRow | null> {
  if (!isUuid(runId)) return null;
  const runs = await query(
    `SELECT ${RUN_COLUMNS} FROM runs r JOIN journeys j ON j.id = r.journey_id WHERE r.id = $1`,
    [runId],
  );
  return (runs[0] as unknown as RunRow | undefined) ?? null;
}

/** The steps of these runs, by run, each run's in the order they were entered. */
export async function stepsOfRuns(query: Query, runIds: string[]): Promise<Map<string, RunStepRow[]>> {
  const byRun = new Map<string, RunStepRow[]>();
  if (runIds.length === 0) return byRun;
  const rows = (await query(
    `SELECT s.run_id, s.node_id, s.node_type, s.visit, s.outcome, s.entered_at, s.finished_at, s.branch, s.reason,
              s.wake_at, s.message_id, m.channel AS m_channel, m.to_address AS m_to, m.subject AS m_subject,
              m.status AS m_status, m.provider AS m_provider, m.sent_at AS m_sent_at,
              m.delivery_status AS m_delivery_status, m.delivered_at AS m_delivered_at, m.opened_at AS m_opened_at,
              m.clicked_at AS m_clicked_at, m.bounced_at AS m_bounced_at, m.delivery_error AS m_delivery_error,
              m.locale AS m_locale
         FROM run_steps s LEFT JOIN messages m ON m.id = s.message_id
        WHERE s.run_id = ANY($1::uuid[])
        ORDER BY s.entered_at, s.visit`,
    [runIds],
  )) as unknown as RunStepRow[];
  for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
  return byRun;
}
