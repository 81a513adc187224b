/**
 * The run's record in PostgreSQL: its plan (pinned version and trigger event), one step row per
 * node visit, and its final status. Every write is an idempotent upsert, so activity retries are safe.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import type { JourneyDefinition } from '@waypoint/journey';
import type { FinishRunInput, RunPlan, StepRecord } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

interface PlanRow {
  id: string;
  journey_id: string;
  journey_version: number;
  customer_id: string;
  entry_key: string;
  journey_status: string;
  definition: JourneyDefinition;
  event_id: string | null;
  event_type: string | null;
  event_properties: Record<string, unknown> | null;
  occurred_at: Date | null;
}

@Injectable()
export class RunLedgerActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async loadRunPlan(runId: string): Promise<RunPlan> {
    const rows: PlanRow[] = await this.db.query(
      `SELECT r.id, r.journey_id, r.journey_version, r.customer_id, r.entry_key, j.status AS journey_status, v.definition,
              e.id AS event_id, e.type AS event_type, e.properties AS event_properties, e.occurred_at
         FROM runs r
         JOIN journeys j ON j.id = r.journey_id
         JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
         LEFT JOIN events e ON e.id = r.trigger_event_id
        WHERE r.id = $1`,
      [runId],
    );
    const row = rows[0];
    if (!row) throw ApplicationFailure.nonRetryable(`run ${runId} does not exist`, 'RunNotFound');
    return {
      runId: row.id,
      journeyId: row.journey_id,
      journeyVersion: row.journey_version,
      customerId: row.customer_id,
      entryKey: row.entry_key,
      journeyPaused: row.journey_status === 'paused',
      definition: row.definition,
      triggerEvent: row.event_id
        ? {
            id: row.event_id,
            type: row.event_type ?? '',
            properties: row.event_properties ?? {},
            occurredAt: (row.occurred_at ?? new Date(0)).toISOString(),
          }
        : null,
    };
  }

  async recordStep(step: StepRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO run_steps (run_id, node_id, node_type, visit, outcome, entered_at, finished_at,
                                branch, reason, wake_at, message_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (run_id, node_id, visit) DO UPDATE SET
           outcome = EXCLUDED.outcome, finished_at = EXCLUDED.finished_at, branch = EXCLUDED.branch,
           reason = EXCLUDED.reason, wake_at = EXCLUDED.wake_at, message_id = EXCLUDED.message_id,
           detail = EXCLUDED.detail`,
        [
          step.runId,
          step.nodeId,
          step.nodeType,
          step.visit,
          step.outcome,
          step.enteredAt,
          step.finishedAt,
          step.branch ?? null,
          step.reason ?? null,
          step.wakeAt ?? null,
          step.messageId ?? null,
          step.detail ?? {},
        ],
      );
      await tx.query(`UPDATE runs SET current_node_id = $2 WHERE id = $1 AND status = 'running'`, [
        step.runId,
        step.nodeId,
      ]);
    });
  }

  async finishRun(input: FinishRunInput): Promise<void> {
    await this.db.query(
      `UPDATE runs SET status = $2, status_reason = $3, finished_at = now(), current_node_id = NULL
        WHERE id = $1 AND status = 'running'`,
      [input.runId, input.status, input.reason],
    );
  }
}
