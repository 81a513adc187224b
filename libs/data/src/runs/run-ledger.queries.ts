/**
 * The run ledger as the worker writes it: a run's plan (pinned version, journey status and trigger
 * event), one step row per node visit (an idempotent upsert, so activity retries are safe), the
 * node the run is on, and its final status.
 */
import type { JourneyDefinition, RunStatus, StepRecord, TestWaits } from '@waypoint/journey';
import type { Query } from '../database';
import { prepared } from '../prepared-statements';
import type { JourneyStatus } from '../entities/journey.entity';

/** A run joined with its journey, its pinned version's definition and its trigger event. */
export interface RunPlanRow {
  id: string;
  journey_id: string;
  journey_version: number;
  customer_id: string;
  entry_key: string;
  journey_status: JourneyStatus;
  definition: JourneyDefinition;
  event_id: string | null;
  event_type: string | null;
  event_properties: Record<string, unknown> | null;
  occurred_at: Date | null;
  /** A test run's shortened waits (null for every other run). */
  test_waits: TestWaits | null;
  /** A test run's sample trigger event (it has no stored one). */
  test_trigger_event: { type: string; properties: Record<string, unknown> } | null;
  started_at: Date;
}

/** One node visit as the workflow reports it (timestamps as ISO strings). */
export type RunStepWrite = StepRecord;

/** A run, node and visit: the key of a step, and of the message or coupon it produced. */
export interface NodeVisitKey {
  runId: string;
  nodeId: string;
  visit: number;
}

export async function findRunPlan(query: Query, runId: string): Promise<RunPlanRow | null> {
  const rows = await query(
    prepared(
      'runs.plan',
      `SELECT r.id, r.journey_id, r.journey_version, r.customer_id, r.entry_key, j.status AS journey_status, v.definition,
              e.id AS event_id, e.type AS event_type, e.properties AS event_properties, e.occurred_at,
              t.waits AS test_waits, t.trigger_event AS test_trigger_event, r.started_at
         FROM runs r
         JOIN journeys j ON j.id = r.journey_id
         JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
         LEFT JOIN events e ON e.id = r.trigger_event_id
         LEFT JOIN test_runs t ON t.run_id = r.id
        WHERE r.id = $1`,
    ),
    [runId],
  );
  return (rows[0] as unknown as RunPlanRow | undefined) ?? null;
}

/**
 * The upsert of a run's steps, given as a JSON array of StepRecords (one multi-row statement):
 * each step is written, or updated when the same visit is reported again (a later outcome, a
 * retried activity). A visit keeps the earliest `entered_at` reported for it: two attempts of one
 * workflow task (a task retried while the first attempt's write was still under way) stamp the
 * same steps at different times, and taking the earlier of each keeps one attempt's stamps, in
 * the order its steps were taken, instead of a mix of both. `run` and `steps` are the statement's parameters; the steps' own `runId` is
 * not read. A visit must appear once in the array (`latestPerVisit`).
 */
function upsertSteps(run: string, steps: string): string {
  return `INSERT INTO run_steps (run_id, node_id, node_type, visit, outcome, entered_at, finished_at,
                              branch, reason, wake_at, message_id, detail)
       SELECT ${run}::uuid, s."nodeId", s."nodeType", s.visit, s.outcome, s."enteredAt", s."finishedAt",
              s.branch, s.reason, s."wakeAt", s."messageId", coalesce(s.detail, '{}')
         FROM jsonb_to_recordset(${steps}::jsonb) AS s("nodeId" text, "nodeType" text, visit int, outcome text,
              "enteredAt" timestamptz, "finishedAt" timestamptz, branch text, reason text, "wakeAt" timestamptz,
              "messageId" uuid, detail jsonb)
            ON CONFLICT (run_id, node_id, visit) DO UPDATE SET
              entered_at = LEAST(run_steps.entered_at, EXCLUDED.entered_at),
              outcome = EXCLUDED.outcome, finished_at = EXCLUDED.finished_at, branch = EXCLUDED.branch,
              reason = EXCLUDED.reason, wake_at = EXCLUDED.wake_at, message_id = EXCLUDED.message_id,
              detail = EXCLUDED.detail`;
}

/**
 * The steps as one statement can upsert them: a visit reported twice in one batch keeps its last
 * report (as two upserts in a row would; one statement cannot update the same row twice).
 */
function latestPerVisit(steps: readonly RunStepWrite[]): RunStepWrite[] {
  const byVisit = new Map<string, RunStepWrite>();
  for (const step of steps) byVisit.set(`${step.visit}:${step.nodeId}`, step);
  return [...byVisit.values()];
}

const RECORD_STEPS = `WITH step AS (${upsertSteps('$1', '$2')})
     UPDATE runs SET current_node_id = $3
      WHERE id = $1 AND status = 'running' AND current_node_id IS DISTINCT FROM $3`;

/**
 * Writes one step (`recordRunStep`) or a batch of one run's steps, in the order taken
 * (`recordRunSteps`), and moves a running run to the last step's node (shown on the run's page; a
 * finished run is left alone). One statement, so one round trip and one commit, and all or nothing.
 */
export async function recordRunSteps(query: Query, steps: readonly RunStepWrite[]): Promise<void> {
  const last = steps.at(-1);
  if (!last) return;
  await query(prepared('runs.record_steps', RECORD_STEPS), [
    last.runId,
    JSON.stringify(latestPerVisit(steps)),
    last.nodeId,
  ]);
}

export async function recordRunStep(query: Query, step: RunStepWrite): Promise<void> {
  await recordRunSteps(query, [step]);
}

/**
 * The finish below, with the run's last steps upserted in the same statement: the failed steps it
 * counts are the run's rows as they were, less the visits written now, plus those.
 */
const FINISH_RUN = `WITH written AS (${upsertSteps('$1', '$4')}
              RETURNING node_id, visit, outcome, reason, entered_at),
     failed AS (
       SELECT node_id, visit, reason, entered_at FROM written WHERE outcome = 'failed'
       UNION ALL
       SELECT s.node_id, s.visit, s.reason, s.entered_at FROM run_steps s
        WHERE s.run_id = $1 AND s.outcome = 'failed'
          AND NOT EXISTS (SELECT 1 FROM written w WHERE w.node_id = s.node_id AND w.visit = s.visit))
     UPDATE runs r
        SET status = CASE WHEN $2::text = 'completed' AND f.n > 0 THEN 'failed' ELSE $2::text END,
            status_reason = CASE WHEN $2::text = 'completed' AND f.n > 0
              THEN f.n || CASE WHEN f.n = 1 THEN ' step failed: ' ELSE ' steps failed, first: ' END || f.first
              ELSE $3 END,
            finished_at = now(), current_node_id = NULL
       FROM (SELECT count(*)::int AS n,
                    (array_agg(node_id || ' (' || coalesce(reason, 'failed') || ')' ORDER BY entered_at, visit))[1] AS first
               FROM failed) f
      WHERE r.id = $1 AND r.status = 'running'`;

/**
 * Ends a run that is still running, writing the steps it had not written yet (a batching run's
 * last ones) in the same statement; a second call (a retried activity) changes nothing. A run that
 * reached its end (`completed`) with a failed step (a send the provider refused, a template that
 * could not render, a coupon the store refused) ends `failed`, its reason counting the failed
 * steps and naming the first, so the run list and the journey's results show it.
 */
export async function finishRunningRun(
  query: Query,
  runId: string,
  status: Exclude<RunStatus, 'running'>,
  reason: string | null,
  steps: readonly RunStepWrite[] = [],
): Promise<void> {
  await query(prepared('runs.finish', FINISH_RUN), [
    runId,
    status,
    reason,
    JSON.stringify(latestPerVisit(steps)),
  ]);
}

/** Whether this visit's step already completed: `action.update_profile` applies its changes once. */
export async function isStepCompleted(query: Query, key: NodeVisitKey): Promise<boolean> {
  const applied = await query(
    `SELECT 1 FROM run_steps WHERE run_id = $1 AND node_id = $2 AND visit = $3 AND outcome = 'completed'`,
    [key.runId, key.nodeId, key.visit],
  );
  return applied.length > 0;
}
