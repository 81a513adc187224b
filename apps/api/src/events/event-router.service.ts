/**
 * Routes accepted events, at least once and idempotently: (a) starts a run in every live journey
 * whose trigger matches, (b) signals the customer's running runs. `event_outbox` is the outbox
 * (a row per event still to route, written with the event): an event's row is deleted only after
 * both, and a periodic sweep routes whatever an API crash or a Temporal outage left behind. Events
 * are routed in batches (whatever queued up while the previous batch was routed, passes at most
 * every PASS_INTERVAL_MS), so the reads and the outbox delete are per batch.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import {
  EVENT,
  evaluateOnProperties,
  isEventOnly,
  parseDuration,
  readPath,
  runWorkflowId,
  type Condition,
  type JourneyDefinition,
  type JourneyNode,
  type RunEvent,
} from '@waypoint/journey';
import { segmentResolver } from '@waypoint/customer-value';
import {
  Database,
  decideForCustomer,
  lockRunDecision,
  markEventsRouted,
  runningRunsOf,
  startRunUnlessBlocked,
  storedEventsWithKey,
  tryLockRoutingSweep,
  unroutedEventIds,
  unroutedEvents,
  type Query,
  type RunningRunRow,
} from '@waypoint/data';
import { journeyRunV3, runEventSignal } from '@waypoint/workflows';
import { DependencyOutages, unavailableDependency } from '../errors/dependency-outage';
import { RealtimeSegments } from '../segments/realtime-segments.service';
import { attributeConversions, type RoutedEvent } from './goal-conversions';
import { LiveJourneys, type LiveJourney } from './live-journeys.query';

export const CUSTOMER_ID = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const JOURNEY_ID = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);

type EventRow = RoutedEvent;

/** How many queued events one routing pass takes. */
const BATCH_SIZE = 500;
/**
 * Passes start at most this often (unless a full batch is waiting): a pass costs about six
 * statements whatever its size, so under load the events of this interval share one pass, and an
 * event is routed at most this much later. After a quiet interval an event is routed at once.
 */
const PASS_INTERVAL_MS = 25;
/** Past this many queued ids a process stops queueing: the outbox keeps the rest for the sweep. */
const QUEUE_LIMIT = 50_000;
/**
 * Customers routed side by side within a batch (each customer's events stay in order). Most of a
 * start is waiting on Temporal (signal-with-start), not on PostgreSQL, so this is above the pool
 * size: 8 gave 72 runs started/s on the 2-core bench machine, 32 gave 132–139/s, 64 no more.
 */
const CUSTOMER_CONCURRENCY = 32;
/**
 * The sweep leaves events younger than this to the process that accepted them (it routes them
 * right after its answer), so a sweep in another replica does not route them a second time.
 */
const SWEEP_MIN_AGE_MS = 1_000;

@Injectable()
export class EventRouter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventRouter.name);
  private readonly liveJourneys: LiveJourneys;
  private readonly queue = new Set<string>();
  /** Events a pass of this process is routing now: neither the sweep nor the queue takes them too. */
  private readonly routing = new Set<string>();
  private draining = false;
  /** When this process's last queued pass started (ms since the epoch). */
  private lastPassAt = 0;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly db: Database,
    // The Temporal client as apps/api/src/temporal/temporal-client.provider.ts provides it.
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly segments: RealtimeSegments,
    private readonly outages: DependencyOutages,
  ) {
    this.liveJourneys = new LiveJourneys(db.query);
  }

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.env.ROUTING_SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  /**
   * Routes soon after the HTTP answer. Events queue up while a pass is running, or for the rest of
   * PASS_INTERVAL_MS after the previous pass began, and the next pass takes them together, so under
   * load routing costs a few statements per batch rather than per event. A failure, a crash or a
   * full queue leaves the event to the sweep.
   */
  routeSoon(eventId: string): void {
    if (this.queue.size >= QUEUE_LIMIT) return;
    this.queue.add(eventId);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.size > 0) {
        const wait = this.lastPassAt + PASS_INTERVAL_MS - Date.now();
        if (wait > 0 && this.queue.size < BATCH_SIZE)
          await new Promise((resolve) => setTimeout(resolve, wait));
        this.lastPassAt = Date.now();
        const ids: string[] = [];
        for (const id of this.queue) {
          this.queue.delete(id);
          // The sweep of this process is routing it right now.
          if (this.routing.has(id)) continue;
          ids.push(id);
          if (ids.length === BATCH_SIZE) break;
        }
        if (ids.length === 0) continue;
        try {
          const routed = await this.routeBatch(ids);
          const left = ids.length - routed;
          if (left > 0) this.logger.warn(`${left} events not routed yet (the sweep will retry)`);
        } catch (error) {
          this.notRoutedYet(`${ids.length} events not routed yet (the sweep will retry)`, error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Routes every event still waiting in the outbox, oldest first, that no pass of this process is
   * routing. One replica sweeps at a time (an advisory lock held for the sweep); a sweep that
   * finds nothing to do is one statement and takes no lock.
   */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let routed = 0;
    try {
      let pending = await unroutedEventIds(this.db.query, BATCH_SIZE, SWEEP_MIN_AGE_MS);
      if (this.notMine(pending).length === 0) return 0;
      await this.db.transaction(async (query) => {
        if (!(await tryLockRoutingSweep(query))) return;
        for (;;) {
          const ids = this.notMine(pending);
          const done = ids.length > 0 ? await this.routeBatch(ids) : 0;
          routed += done;
          // A short page is the end of the outbox; a page that routed nothing (Temporal down) waits
          // for the next interval.
          if (pending.length < BATCH_SIZE || done === 0) break;
          pending = await unroutedEventIds(query, BATCH_SIZE, SWEEP_MIN_AGE_MS);
        }
      });
    } catch (error) {
      this.notRoutedYet('routing sweep stopped early', error);
    } finally {
      this.sweeping = false;
    }
    return routed;
  }

  /**
   * Routing that failed stays in the outbox for the sweep. PostgreSQL or Temporal being down is
   * logged once per outage (dependency-outage.ts), not once per event and pass; anything else is
   * a warning each time.
   */
  private notRoutedYet(what: string, error: unknown): void {
    const dependency = unavailableDependency(error);
    if (dependency) this.outages.refused(dependency, error, 'background');
    else this.logger.warn(`${what}: ${(error as Error).message}`);
  }

  /** Those of `ids` this process has neither queued nor is routing (those it routes itself). */
  private notMine(ids: string[]): string[] {
    return ids.filter((id) => !this.queue.has(id) && !this.routing.has(id));
  }

  async route(eventId: string): Promise<void> {
    await this.routeBatch([eventId]);
  }

  /**
   * Routes some events (in the given order; those already routed are skipped) and marks routed
   * those for which every step succeeded; returns how many. Per batch: one read of the events,
   * one of the live journeys, one of the customers' running runs, one of conversion candidates
   * and one `DELETE` from the outbox; starting a run stays one transaction per (journey, event),
   * and only events that match a trigger need one.
   */
  async routeBatch(ids: string[]): Promise<number> {
    const mine = ids.filter((id) => !this.routing.has(id));
    for (const id of mine) this.routing.add(id);
    try {
      return await this.routeUnrouted(ids);
    } finally {
      for (const id of mine) this.routing.delete(id);
    }
  }

  private async routeUnrouted(ids: string[]): Promise<number> {
    const rows: EventRow[] = await unroutedEvents(this.db.query, ids);
    if (rows.length === 0) return 0;
    const order = new Map(ids.map((id, i) => [id, i]));
    const events = rows.sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number));
    const position = new Map(events.map((e, i) => [e.id, i]));
    const failed = new Set<string>();
    const attempt = async (event: EventRow, step: () => Promise<void>) => {
      if (failed.has(event.id)) return;
      try {
        await step();
      } catch (error) {
        failed.add(event.id);
        this.notRoutedYet(`event ${event.id} not routed yet`, error);
      }
    };
    const byCustomer = groupByCustomer(events);

    const journeys = await this.liveJourneys.current();
    // A repeat of a known order is stored (and counted once) but is not a new order: it neither
    // starts runs, nor reaches running ones (it would end the run its own first delivery started),
    // nor converts.
    await inParallel(byCustomer, CUSTOMER_CONCURRENCY, async (own) => {
      for (const event of own) {
        if (event.repeated_order) continue;
        for (const journey of journeys) await attempt(event, () => this.startRunIfTriggered(journey, event));
      }
    });

    // After the starts: a run started by an earlier event of this batch hears the later ones.
    const runs = await this.runningRuns(events);
    const payloads = new Map(events.map((e) => [e.id, toRunEvent(e)]));
    await inParallel(byCustomer, CUSTOMER_CONCURRENCY, async (own) => {
      for (const event of own) {
        if (event.repeated_order) continue;
        const targets = (runs.get(event.customer_id) ?? []).filter((r) =>
          later(position, event.id, r.trigger_event_id),
        );
        await attempt(event, () => this.signal(targets, payloads.get(event.id) as RunEvent));
      }
    });

    // Segments in real time: their entries and exits are events routed next.
    await this.segments.afterEvents(byCustomer, attempt, (id) => this.routeSoon(id));

    await attributeConversions(
      this.db.query,
      events.filter((e) => !e.repeated_order),
      (eventId, trigger) => later(position, eventId, trigger),
      attempt,
    );

    const routed = events.filter((e) => !failed.has(e.id)).map((e) => e.id);
    if (routed.length > 0) await markEventsRouted(this.db.query, routed);
    return routed.length;
  }

  private async startRunIfTriggered(journey: LiveJourney, event: EventRow): Promise<void> {
    const trigger = journey.trigger;
    if (!trigger || !triggers(trigger, event)) return;
    if (trigger.type === 'trigger.event' && !(await this.filterHolds(trigger.data.filter, event))) return;
    const entryKey =
      trigger.type === 'trigger.event' && trigger.data.keyPath
        ? String(readPath(event.properties, trigger.data.keyPath) ?? '')
        : '';

    const keyedExits = entryKey === '' ? null : keyedExitRules(journey.definition, trigger);

    const run = await this.db.transaction(async (query) => {
      // One decision at a time per journey and customer, so re-entry rules hold under concurrency:
      // the lock comes first, in a statement of its own, so the decision's snapshot sees the
      // runs the previous holder committed.
      await lockRunDecision(query, journey.id, event.customer_id);
      // An exit rule's event about this key stored already (the order came before its checkout):
      // the run is recorded as ended at once, and no workflow starts.
      const first = keyedExits && (await this.storedExit(query, keyedExits, event, entryKey));
      return startRunUnlessBlocked(query, {
        journeyId: journey.id,
        version: journey.version,
        customerId: event.customer_id,
        eventId: event.id,
        entryKey,
        ...this.reentry(journey, event),
        exited: first ? `exit rule: ${first.type} (stored before the run started)` : null,
      });
    });
    // A new run, or one this event started before (routed again after a crash): its workflow is
    // started, or found started.
    if (run?.status !== 'running') return;
    await this.startWorkflow(run.id, journey.id, event);
    if (!keyedExits) return;
    // Read again now that the run is committed: an exit event stored meanwhile was routed before
    // it could see the run (or is routed after and signals it too: the run counts it once).
    const meanwhile = await this.storedExit(this.db.query, keyedExits, event, entryKey);
    if (meanwhile) await this.signal([{ workflow_id: runWorkflowId(run.id) }], toRunEvent(meanwhile));
  }

  /** The first stored event, other than `event`, that one of the keyed exit rules takes for this key. */
  private async storedExit(
    query: Query,
    exits: KeyedExits,
    event: EventRow,
    entryKey: string,
  ): Promise<EventRow | undefined> {
    const types = [...new Set(exits.rules.map((r) => r.event))];
    // An exit event that happened long before the trigger is about an earlier time with that key (a
    // product added to a cart last month, then viewed again today), not this run's.
    const since = new Date(event.occurred_at.getTime() - EXIT_BEFORE_TRIGGER_MS);
    const stored = await storedEventsWithKey(query, event.customer_id, types, exits.keyPath, entryKey, since);
    return stored.find(
      (e) =>
        e.id !== event.id &&
        exits.rules.some(
          (r) => r.event === e.type && (!r.filter || evaluateOnProperties(r.filter, e.properties)),
        ),
    );
  }

  /**
   * Re-entry: `never` once the customer has had any run; `after_exit` while a run with the same
   * entry key is active (a keyed trigger's newer event reaches that run as a signal and refreshes
   * its context instead); `cooldown` also until the cooldown since the last entry has passed.
   */
  private reentry(journey: LiveJourney, event: EventRow): { mode: string; since: Date | null } {
    const { mode, cooldown } = journey.definition.settings.reentry;
    const since =
      mode === 'cooldown' && cooldown
        ? new Date(event.occurred_at.getTime() - parseDuration(cooldown))
        : null;
    return { mode, since };
  }

  /** Event-only filters are decided in memory; filters that read the customer are decided in SQL. */
  private async filterHolds(filter: Condition | undefined, event: EventRow): Promise<boolean> {
    if (!filter) return true;
    if (isEventOnly(filter)) return evaluateOnProperties(filter, event.properties);
    const query = this.db.query;
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
      await this.temporal.workflow.signalWithStart(journeyRunV3, {
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

  /** Each customer's running runs, for the batch's customers. */
  private async runningRuns(events: EventRow[]): Promise<Map<string, RunningRun[]>> {
    const rows = await runningRunsOf(this.db.query, [...new Set(events.map((e) => e.customer_id))]);
    const byCustomer = new Map<string, RunningRun[]>();
    for (const r of rows) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
    return byCustomer;
  }

  private async signal(runs: Array<Pick<RunningRun, 'workflow_id'>>, payload: RunEvent): Promise<void> {
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

type RunningRun = RunningRunRow;

/**
 * Whether a run hears an event: never its own trigger, and when its trigger is in the same
 * batch only the events after it, as if the batch had been routed one event at a time.
 */
function later(position: Map<string, number>, eventId: string, triggerEventId: string | null): boolean {
  if (triggerEventId === eventId) return false;
  const trigger = triggerEventId === null ? undefined : position.get(triggerEventId);
  return trigger === undefined || (position.get(eventId) as number) > trigger;
}

/**
 * How long before its trigger an exit rule's event with the same key may have happened and still
 * end the run at its start: deliveries arrive out of order by seconds or minutes (an order before
 * its checkout), so a day is ample; older ones are about an earlier time with that key.
 */
const EXIT_BEFORE_TRIGGER_MS = 24 * 3_600_000;

interface KeyedExits {
  keyPath: string;
  rules: JourneyDefinition['settings']['exitOn'];
}

/**
 * A keyed trigger's exit rules that an event stored before the run can already have met: events
 * naming the run's key at the trigger's `keyPath` (with or without `sameKey`: an event about the
 * key is about this run), other than the trigger's own and refreshing events. Null when none.
 */
function keyedExitRules(definition: JourneyDefinition, trigger: JourneyNode): KeyedExits | null {
  if (trigger.type !== 'trigger.event' || !trigger.data.keyPath) return null;
  const own = [trigger.data.event, ...(trigger.data.refreshOn ?? [])];
  const rules = definition.settings.exitOn.filter((r) => !own.includes(r.event));
  return rules.length > 0 ? { keyPath: trigger.data.keyPath, rules } : null;
}

function groupByCustomer(events: EventRow[]): EventRow[][] {
  const groups = new Map<string, EventRow[]>();
  for (const e of events) groups.set(e.customer_id, [...(groups.get(e.customer_id) ?? []), e]);
  return [...groups.values()];
}

/** Runs `work` over the items with at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

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
        ? event.type === EVENT.lifecycleStageChanged && p.to === trigger.data.stage
        : event.type === EVENT.segmentEntered &&
            (p.segmentId === trigger.data.segmentId || p.segmentKey === trigger.data.segmentId);
    case 'trigger.date': {
      const attribute = trigger.data.attribute.replace(/^attributes\./, '');
      return (
        (event.type === EVENT.replenishmentDue && attribute === 'replenish_at') ||
        (event.type === 'date.reached' && p.attribute === attribute)
      );
    }
    default:
      return false;
  }
}
