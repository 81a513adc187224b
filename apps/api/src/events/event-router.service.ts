/**
 * Routes accepted events, at least once and idempotently: (a) starts a run in every live journey
 * whose trigger matches, (b) signals the customer's running runs. `events.routed_at` is the
 * outbox: an event is marked routed only after both, and a periodic sweep routes whatever an
 * API crash or a Temporal outage left behind.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  evaluateOnProperties,
  isEventOnly,
  readPath,
  runWorkflowId,
  triggerOf,
  type Condition,
  type JourneyDefinition,
  type RunEvent,
} from '@waypoint/journey';
import { decideForCustomer } from '@waypoint/data';
import { journeyRun, runEventSignal } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

const CUSTOMER_ID = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
const JOURNEY_ID = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);

interface EventRow {
  id: string;
  type: string;
  customer_id: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
}

interface LiveJourney {
  id: string;
  version: number;
  definition: JourneyDefinition;
}

@Injectable()
export class EventRouter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventRouter.name);
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.env.ROUTING_SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  /** Routes right after the HTTP answer; a failure leaves the event to the sweep. */
  routeSoon(eventId: string): void {
    setImmediate(() => {
      this.route(eventId).catch((error: unknown) =>
        this.logger.warn(
          `event ${eventId} not routed yet (the sweep will retry): ${(error as Error).message}`,
        ),
      );
    });
  }

  /** Routes every event still waiting in the outbox, oldest first. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let routed = 0;
    try {
      const pending: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM events WHERE routed_at IS NULL ORDER BY received_at LIMIT 200`,
      );
      for (const { id } of pending) {
        await this.route(id);
        routed++;
      }
    } catch (error) {
      this.logger.warn(`routing sweep stopped early: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    return routed;
  }

  async route(eventId: string): Promise<void> {
    const rows: EventRow[] = await this.db.query(
      `SELECT id, type, customer_id, properties, occurred_at FROM events WHERE id = $1 AND routed_at IS NULL`,
      [eventId],
    );
    const event = rows[0];
    if (!event) return;
    for (const journey of await this.liveJourneys()) {
      await this.startRunIfTriggered(journey, event);
    }
    await this.signalRunningRuns(event);
    await this.db.query(`UPDATE events SET routed_at = now() WHERE id = $1`, [event.id]);
  }

  private async liveJourneys(): Promise<LiveJourney[]> {
    return this.db.query(
      `SELECT j.id, v.version, v.definition
         FROM journeys j JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.published_version
        WHERE j.status = 'live'`,
    );
  }

  private async startRunIfTriggered(journey: LiveJourney, event: EventRow): Promise<void> {
    const trigger = triggerOf(journey.definition);
    if (trigger?.type !== 'trigger.event' || trigger.data.event !== event.type) return;
    if (!(await this.filterHolds(trigger.data.filter, event))) return;
    const entryKey = trigger.data.keyPath
      ? String(readPath(event.properties, trigger.data.keyPath) ?? '')
      : '';

    const runId = await this.db.transaction(async (tx) => {
      // One decision at a time per journey and customer, so re-entry rules hold under concurrency.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [
        journey.id,
        event.customer_id,
      ]);
      const mine: Array<{ id: string; status: string }> = await tx.query(
        `SELECT id, status FROM runs WHERE journey_id = $1 AND trigger_event_id = $2`,
        [journey.id, event.id],
      );
      // Routed before (a retry after a crash): make sure its workflow exists, start nothing new.
      if (mine[0]) return mine[0].status === 'running' ? mine[0].id : null;

      const mode = journey.definition.settings.reentry.mode;
      const blocking: Array<{ id: string }> = await tx.query(
        `SELECT id FROM runs WHERE journey_id = $1 AND customer_id = $2 AND ($3 = 'never' OR status = 'running') LIMIT 1`,
        [journey.id, event.customer_id, mode],
      );
      if (blocking[0]) return null;

      const created: Array<{ id: string }> = await tx.query(
        `INSERT INTO runs (id, journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id, status)
         SELECT id, $1, $2, $3, $4, $5, 'run-' || id, 'running' FROM (SELECT gen_random_uuid() AS id) AS fresh
         RETURNING id`,
        [journey.id, journey.version, event.customer_id, event.id, entryKey],
      );
      return created[0].id;
    });
    if (runId) await this.startWorkflow(runId, journey.id, event.customer_id);
  }

  /** Event-only filters are decided in memory; filters that read the customer are decided in SQL. */
  private async filterHolds(filter: Condition | undefined, event: EventRow): Promise<boolean> {
    if (!filter) return true;
    if (isEventOnly(filter)) return evaluateOnProperties(filter, event.properties);
    const verdicts = await decideForCustomer(
      (sql, params) => this.db.query(sql, params),
      event.customer_id,
      [filter],
      {
        asOf: event.occurred_at,
        eventProperties: event.properties,
      },
    );
    return verdicts?.[0]?.holds ?? false;
  }

  private async startWorkflow(runId: string, journeyId: string, customerId: string): Promise<void> {
    try {
      await this.temporal.workflow.start(journeyRun, {
        workflowId: runWorkflowId(runId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [{ runId }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: CUSTOMER_ID, value: customerId },
          { key: JOURNEY_ID, value: journeyId },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  }

  private async signalRunningRuns(event: EventRow): Promise<void> {
    const runs: Array<{ workflow_id: string }> = await this.db.query(
      `SELECT workflow_id FROM runs
        WHERE customer_id = $1 AND status = 'running' AND trigger_event_id IS DISTINCT FROM $2`,
      [event.customer_id, event.id],
    );
    const payload: RunEvent = {
      id: event.id,
      type: event.type,
      properties: event.properties,
      occurredAt: event.occurred_at.toISOString(),
    };
    for (const run of runs) {
      try {
        await this.temporal.workflow.getHandle(run.workflow_id).signal(runEventSignal, payload);
      } catch (error) {
        // The run finished between the query and the signal: nothing left to tell it.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
  }
}
