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
  parseDuration,
  readPath,
  runWorkflowId,
  triggerOf,
  type Condition,
  type JourneyDefinition,
  type JourneyNode,
  type JourneySettings,
  type RunEvent,
} from '@waypoint/journey';
import { segmentResolver } from '@waypoint/customer-value';
import { decideForCustomer } from '@waypoint/data';
import { journeyRun, runEventSignal } from '@waypoint/workflows';
import { DataSource, type EntityManager } from 'typeorm';

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
    await this.attributeConversions(event);
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
    if (!trigger || !triggers(trigger, event)) return;
    if (trigger.type === 'trigger.event' && !(await this.filterHolds(trigger.data.filter, event))) return;
    const entryKey =
      trigger.type === 'trigger.event' && trigger.data.keyPath
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
      if (await this.reentryBlocked(tx, journey, event, entryKey)) return null;
      const created: Array<{ id: string }> = await tx.query(
        `INSERT INTO runs (id, journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id, status)
         SELECT id, $1, $2, $3, $4, $5, 'run-' || id, 'running' FROM (SELECT gen_random_uuid() AS id) AS fresh
         RETURNING id`,
        [journey.id, journey.version, event.customer_id, event.id, entryKey],
      );
      return created[0].id;
    });
    if (runId) await this.startWorkflow(runId, journey.id, event);
  }

  /**
   * Re-entry: `never` once the customer has had any run; `after_exit` while a run with the same
   * entry key is active (a keyed trigger's newer event reaches that run as a signal and refreshes
   * its context instead); `cooldown` also until the cooldown since the last entry has passed.
   */
  private async reentryBlocked(
    tx: EntityManager,
    journey: LiveJourney,
    event: EventRow,
    entryKey: string,
  ): Promise<boolean> {
    const { mode, cooldown } = journey.definition.settings.reentry;
    const since =
      mode === 'cooldown' && cooldown
        ? new Date(event.occurred_at.getTime() - parseDuration(cooldown))
        : null;
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM runs
        WHERE journey_id = $1 AND customer_id = $2
          AND ($3 = 'never'
               OR (status = 'running' AND entry_key = $4)
               OR ($5::timestamptz IS NOT NULL AND started_at > $5::timestamptz))
        LIMIT 1`,
      [journey.id, event.customer_id, mode, entryKey, since],
    );
    return rows.length > 0;
  }

  /** Event-only filters are decided in memory; filters that read the customer are decided in SQL. */
  private async filterHolds(filter: Condition | undefined, event: EventRow): Promise<boolean> {
    if (!filter) return true;
    if (isEventOnly(filter)) return evaluateOnProperties(filter, event.properties);
    const query = (sql: string, params: unknown[]) => this.db.query(sql, params);
    const verdicts = await decideForCustomer(query, event.customer_id, [filter], {
      asOf: event.occurred_at,
      eventProperties: event.properties,
      segment: await segmentResolver(query),
    });
    return verdicts?.[0]?.holds ?? false;
  }

  /** Signal-with-start: the trigger event arrives as the run's first signal (deduplicated by its id). */
  private async startWorkflow(runId: string, journeyId: string, event: EventRow): Promise<void> {
    try {
      await this.temporal.workflow.signalWithStart(journeyRun, {
        workflowId: runWorkflowId(runId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [{ runId }],
        signal: runEventSignal,
        signalArgs: [toRunEvent(event)],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: CUSTOMER_ID, value: event.customer_id },
          { key: JOURNEY_ID, value: journeyId },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  }

  /**
   * A goal event within the window after a run's entry converts that run (the latest one per
   * journey), with the revenue read from the event; each run converts at most once.
   */
  private async attributeConversions(event: EventRow): Promise<void> {
    const candidates: Array<{ id: string; journey_id: string; started_at: Date; goal: Goal }> =
      await this.db.query(
        `SELECT r.id, r.journey_id, r.started_at, v.definition -> 'settings' -> 'goal' AS goal
         FROM runs r JOIN journey_versions v ON v.journey_id = r.journey_id AND v.version = r.journey_version
        WHERE r.customer_id = $1 AND v.definition -> 'settings' -> 'goal' ->> 'event' = $2
          AND r.started_at <= $3 AND r.trigger_event_id IS DISTINCT FROM $4
          AND NOT EXISTS (SELECT 1 FROM run_conversions c WHERE c.run_id = r.id)
        ORDER BY r.started_at DESC`,
        [event.customer_id, event.type, event.occurred_at, event.id],
      );
    const converted = new Set<string>();
    for (const run of candidates) {
      if (converted.has(run.journey_id)) continue;
      if (event.occurred_at.getTime() - run.started_at.getTime() > parseDuration(run.goal.window)) continue;
      if (run.goal.filter && !evaluateOnProperties(run.goal.filter, event.properties)) continue;
      const revenue = Number(readPath(event.properties, run.goal.revenueProperty ?? 'totalPrice'));
      await this.db.query(
        `INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, currency, converted_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id) DO NOTHING`,
        [
          run.id,
          run.journey_id,
          event.id,
          Number.isFinite(revenue) ? revenue : 0,
          readPath(event.properties, 'currency') ?? null,
          event.occurred_at,
        ],
      );
      converted.add(run.journey_id);
    }
  }

  private async signalRunningRuns(event: EventRow): Promise<void> {
    const runs: Array<{ workflow_id: string }> = await this.db.query(
      `SELECT workflow_id FROM runs
        WHERE customer_id = $1 AND status = 'running' AND trigger_event_id IS DISTINCT FROM $2`,
      [event.customer_id, event.id],
    );
    const payload = toRunEvent(event);
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

type Goal = NonNullable<JourneySettings['goal']>;

function toRunEvent(event: EventRow): RunEvent {
  return {
    id: event.id,
    type: event.type,
    properties: event.properties,
    occurredAt: event.occurred_at.toISOString(),
  };
}

/**
 * Which events start which triggers: `trigger.event` by name; `trigger.segment` on
 * `lifecycle.stage_changed` to its stage or `segment.entered` for its segment; `trigger.date` on the
 * daily schedule's `replenishment.due` (for `replenish_at`) or `date.reached` naming its attribute.
 */
function triggers(trigger: JourneyNode, event: EventRow): boolean {
  const p = event.properties;
  switch (trigger.type) {
    case 'trigger.event':
      return trigger.data.event === event.type;
    case 'trigger.segment':
      return trigger.data.stage
        ? event.type === 'lifecycle.stage_changed' && p.to === trigger.data.stage
        : event.type === 'segment.entered' &&
            (p.segmentId === trigger.data.segmentId || p.segmentKey === trigger.data.segmentId);
    case 'trigger.date': {
      const attribute = trigger.data.attribute.replace(/^attributes\./, '');
      return (
        (event.type === 'replenishment.due' && attribute === 'replenish_at') ||
        (event.type === 'date.reached' && p.attribute === attribute)
      );
    }
    default:
      return false;
  }
}
