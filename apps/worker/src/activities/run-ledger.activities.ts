/**
 * The run's record in PostgreSQL: its plan (pinned version and trigger event), one step row per
 * node visit (one at a time, a batch of them, or the last ones with the finish), and its final
 * status. Every write is an idempotent upsert, so activity retries are safe.
 * The plan carries the store's default quiet hours for the channels its journey leaves unset, as
 * they are when the run (or its continuation) begins: the answer is recorded in the run's history.
 */
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, finishRunningRun, findRunPlan, recordRunStep, recordRunSteps } from '@waypoint/data';
import type { FinishRunInput, RunPlan, StepRecord } from '@waypoint/workflows';
import { withStoreQuietHours } from '@waypoint/run-decisions';

@Injectable()
export class RunLedgerActivities {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async loadRunPlan(runId: string): Promise<RunPlan> {
    const row = await findRunPlan(this.db.query, runId);
    if (!row) throw ApplicationFailure.nonRetryable(`run ${runId} does not exist`, 'RunNotFound');
    return {
      runId: row.id,
      journeyId: row.journey_id,
      journeyVersion: row.journey_version,
      customerId: row.customer_id,
      entryKey: row.entry_key,
      journeyPaused: row.journey_status === 'paused',
      definition: withStoreQuietHours(row.definition, (await this.profiles.current()).quietHours),
      triggerEvent: row.event_id
        ? {
            id: row.event_id,
            type: row.event_type ?? '',
            properties: row.event_properties ?? {},
            occurredAt: (row.occurred_at ?? new Date(0)).toISOString(),
          }
        : row.test_trigger_event
          ? {
              // A test run's sample event is not stored: its id only has to be one no real event has.
              id: `test-${row.id}`,
              type: row.test_trigger_event.type,
              properties: row.test_trigger_event.properties,
              occurredAt: row.started_at.toISOString(),
            }
          : null,
      // Only test runs carry it, so every other plan (and every recorded history) is as before.
      ...(row.test_waits ? { testWaits: row.test_waits } : {}),
    };
  }

  async recordStep(step: StepRecord): Promise<void> {
    await recordRunStep(this.db.query, step);
  }

  async recordSteps(steps: StepRecord[]): Promise<void> {
    await recordRunSteps(this.db.query, steps);
  }

  async finishRun(input: FinishRunInput): Promise<void> {
    await finishRunningRun(this.db.query, input.runId, input.status, input.reason, input.steps);
  }
}
