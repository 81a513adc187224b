/**
 * One customer's run through one pinned journey version. Walks the graph node by node: waits are
 * Temporal timers raced against the run being stopped, side effects are activities, every node
 * visit becomes a step. The customer's events arrive as signals: exit rules end the run at once
 * (even mid-wait), `wait.event` listens for them, and a keyed trigger's newer event refreshes the
 * run's context (the latest cart). Long-lived runs continue-as-new, carrying their state.
 */
import {
  condition,
  defineQuery,
  deprecatePatch,
  patched,
  defineSignal,
  makeContinueAsNewFunc,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
// Values from the zod-free entry only (see libs/journey/src/engine.ts): the index would put the
// schemas into the module cache of every run the worker starts or replays.
import type { Channel, JourneyNode, MessageCategory, NodeOfType, RunEvent } from '@waypoint/journey';
import {
  DEFAULT_QUIET_HOURS,
  describeDuration,
  describeTestWaits,
  enteredStampAfter,
  evaluateOnProperties,
  findNode,
  matchesWaitEvent,
  nextNodeId,
  parseDuration,
  readPath,
  shortenedWake,
  triggerOf,
} from '@waypoint/journey/engine';
import type {
  IssuedCoupon,
  JourneyActivities,
  QuietHoursAnswer,
  RunPlan,
  SendOutcome,
  StepRecord,
} from './journey-activities';
import { SEND_PRIORITY, sendTaskQueue, type SendActivityName } from './send-lanes';
import { pickArm, splitBucket, splitReason } from './split-bucket';

export interface JourneyRunInput {
  runId: string;
  /** Set when the run continues as new: where it was and what it knew. */
  carried?: CarriedState;
}

export interface CarriedState {
  nodeId: string;
  visits: Record<string, number>;
  seenEvents: string[];
  coupon: IssuedCoupon | null;
  event: RunEvent | null;
  paused: boolean;
  stopped: JourneyRunResult | null;
}

export interface JourneyRunResult {
  status: 'completed' | 'exited' | 'cancelled' | 'failed';
  reason: string | null;
}

export interface RunState {
  currentNodeId: string | null;
  waitingUntil: string | null;
  paused: boolean;
  stopped: JourneyRunResult | null;
}

export const cancelRunSignal = defineSignal<[{ reason: string }]>('cancelRun');
export const runEventSignal = defineSignal<[RunEvent]>('runEvent');
export const setPausedSignal = defineSignal<[{ paused: boolean }]>('setPaused');
/** Support's "continue now": ends the current `wait.delay` / `wait.until` early (not quiet hours). */
export const continueWaitSignal = defineSignal<[ContinueWaitRequest]>('continueWait');

/** Which wait to end: the node and its visit (a loop may come back to the same wait). */
export interface ContinueWaitRequest {
  nodeId: string;
  visit: number;
  reason: string;
  by: string;
}
export const runStateQuery = defineQuery<RunState>('runState');

/** The node types this version of the workflow executes; publishing refuses any other. */
export const SUPPORTED_NODE_TYPES: readonly string[] = [
  'trigger.event',
  'trigger.segment',
  'trigger.date',
  'wait.delay',
  'wait.until',
  'wait.event',
  'branch.condition',
  'branch.split',
  'send.email',
  'send.sms',
  'send.whatsapp',
  'action.coupon',
  'action.update_profile',
  'action.webhook',
  'exit',
];

const SEEN_EVENTS_KEPT = 500;

const LEDGER_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

/** The activities that only read or upsert our own database, keyed by run, node and visit. */
type LedgerActivities = Pick<
  JourneyActivities,
  | 'loadRunPlan'
  | 'recordStep'
  | 'recordSteps'
  | 'finishRun'
  | 'issueCoupon'
  | 'quietHours'
  | 'resolveWaitUntil'
  | 'decideBranch'
>;

const ledger = proxyActivities<JourneyActivities>(LEDGER_OPTIONS);

// The same activities run locally, inside the workflow task: no schedule/start/complete round trip
// through the server and no extra workflow task for each, which was most of a run's cost (a
// one-message run went from 8 activities and 9 workflow tasks to 1 activity and 2 tasks). Safe
// because each is idempotent: a worker that dies before the task completes re-runs them (the
// upserts and the coupon keyed by run, node and visit give the same rows and the same code).
// Provider calls and profile updates stay normal activities: their results must be durable the
// moment they happen, and a send is always a command the task has to complete to schedule.
const localLedger = proxyLocalActivities<LedgerActivities>(LEDGER_OPTIONS);

type SendActivities = Pick<JourneyActivities, SendActivityName>;

// Sends time out sooner so a worker that died mid-send is noticed quickly; the ledger row written
// before the provider call keeps the retry from sending twice. No schedule-to-start limit: a send
// may wait in its channel's queue behind a paced backlog for as long as the backlog lasts.
const SEND_OPTIONS = {
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;

/** A send on its channel's rate-limited queue, at its category's priority (send-lanes.ts). */
function sendLane(channel: Channel, category: MessageCategory): SendActivities {
  return proxyActivities<SendActivities>({
    ...SEND_OPTIONS,
    taskQueue: sendTaskQueue(workflowInfo().taskQueue, channel),
    priority: { priorityKey: SEND_PRIORITY[category] },
  });
}

// Outgoing webhooks: a receiver that stays down for ~15 minutes is recorded as failed, not retried forever.
const webhooks = proxyActivities<Pick<JourneyActivities, 'callWebhook'>>({
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 6,
  },
});

/**
 * The changes made to the run: those made to `journeyRun` under `patched()`, and those a newer
 * type was born with (`BORN_WITH_V3`), which no older type ever takes.
 */
type PatchId =
  | 'transactional-skips-quiet-hours'
  | 'quiet-hours-recheck-after-pause'
  | 'local-ledger-activities'
  | 'coupon-store-outcome'
  | 'send-lanes'
  | 'batched-steps';

/**
 * How a workflow type takes the changes made to the run (docs/architecture.md, "Workflow changes
 * and retiring a patch"). Both types walk the same code; only this differs between them.
 */
interface Versioning {
  /** Whether this run takes the change. */
  has(patch: PatchId): boolean;
  /** A change every run takes now, acknowledged where a marker for it may be in the history. */
  retiring(patch: PatchId): void;
}

/**
 * Changes only `journeyRunV3` takes, never under `patched()`: an older type answers no without
 * asking, so its runs write no marker for them and replay their recorded histories unchanged.
 */
const BORN_WITH_V3: ReadonlySet<PatchId> = new Set<PatchId>(['batched-steps']);

/** `journeyRun`: asks `patched()`, so runs begun before a change replay the branch they took. */
const PATCHED: Versioning = {
  has: (patch) => !BORN_WITH_V3.has(patch) && patched(patch),
  retiring: deprecatePatch,
};

/** The changes `journeyRunV2` was born with: no marker, no search-attribute upsert. */
const BUILT_INTO_V2: ReadonlySet<PatchId> = new Set<PatchId>([
  'transactional-skips-quiet-hours',
  'quiet-hours-recheck-after-pause',
  'local-ledger-activities',
  'coupon-store-outcome',
  'send-lanes',
]);

/**
 * `journeyRunV2`: the changes it was born with taken, those of V3 never; any later one is
 * `patched()` on it too.
 */
const V2: Versioning = {
  has: (patch) => BUILT_INTO_V2.has(patch) || (!BORN_WITH_V3.has(patch) && patched(patch)),
  retiring: (patch) => {
    if (!BUILT_INTO_V2.has(patch)) deprecatePatch(patch);
  },
};

/** The changes `journeyRunV3` was born with: V2's and its own, again without a marker. */
const BUILT_INTO_V3: ReadonlySet<PatchId> = new Set<PatchId>([...BUILT_INTO_V2, ...BORN_WITH_V3]);

/** `journeyRunV3`: the changes it was born with taken; any later one is `patched()` on it too. */
const V3: Versioning = {
  has: (patch) => BUILT_INTO_V3.has(patch) || patched(patch),
  retiring: (patch) => {
    if (!BUILT_INTO_V3.has(patch)) deprecatePatch(patch);
  },
};

/**
 * The workflow type runs started before `journeyRunV2` run as; no new run starts as it, and it is
 * deleted once none of them is open (docs/architecture.md, "Workflow changes and retiring a patch").
 */
export async function journeyRun(input: JourneyRunInput): Promise<JourneyRunResult> {
  return walkRun(input, PATCHED);
}

/**
 * The workflow type runs started before `journeyRunV3` run as: `journeyRun` with all its patches
 * applied, each step written as it is taken. No new run starts as it.
 */
export async function journeyRunV2(input: JourneyRunInput): Promise<JourneyRunResult> {
  return walkRun(input, V2);
}

/** The workflow type every run starts as: `journeyRunV2` with its steps written in batches. */
export async function journeyRunV3(input: JourneyRunInput): Promise<JourneyRunResult> {
  return walkRun(input, V3);
}

async function walkRun(input: JourneyRunInput, versioning: Versioning): Promise<JourneyRunResult> {
  // Runs started since this patch record steps and read the database through local activities;
  // runs started before it replay with the activities they scheduled. Decided once, at the start,
  // for the whole run: one begun on remote activities keeps them when it wakes on a newer worker.
  const db: LedgerActivities = versioning.has('local-ledger-activities') ? localLedger : ledger;
  const plan = await db.loadRunPlan(input.runId);
  const run = new RunWalker(plan, db, versioning, input.carried);
  setHandler(cancelRunSignal, ({ reason }) => run.stop({ status: 'cancelled', reason }));
  setHandler(runEventSignal, (event) => run.onEvent(event));
  setHandler(setPausedSignal, ({ paused }) => run.setPaused(paused));
  setHandler(continueWaitSignal, (request) => run.continueWait(request));
  setHandler(runStateQuery, () => run.state());
  const result = await run.walk();
  // A batching run's steps not written yet go with its finish, in the same statement.
  const steps = run.takePendingSteps();
  await db.finishRun({
    runId: plan.runId,
    status: result.status,
    reason: result.reason,
    ...(steps ? { steps } : {}),
  });
  return result;
}

type Outcome = { kind: 'exit' } | { kind: 'next'; handle: string };
const next = (handle = 'next'): Outcome => ({ kind: 'next', handle });

class RunWalker {
  private currentNodeId: string | null = null;
  private waitingUntil: string | null = null;
  private stopped: JourneyRunResult | null;
  private paused: boolean;
  private readonly visits: Map<string, number>;
  private readonly seenEvents: string[];
  private readonly seen: Set<string>;
  /** Events received while the run lives, for `wait.event`; reset on continue-as-new. */
  private readonly inbox: RunEvent[] = [];
  private coupon: IssuedCoupon | null;
  private event: RunEvent | null;
  private readonly startNodeId: string | undefined;
  /** The delay/until node whose wait support may end early, while the run waits in it. */
  private skippableWait: { nodeId: string; visit: number } | null = null;
  private continued: ContinueWaitRequest | null = null;
  /**
   * `batched-steps`: the steps taken but not written yet, in order; null when each step is written
   * as it is taken (runs of the older types).
   */
  private readonly pendingSteps: StepRecord[] | null;
  /** `batched-steps`: the visit last stamped by `enteredStamp`, and its stamp. */
  private lastEntered: { visit: string; micros: number; stamp: string } | null = null;

  constructor(
    private readonly plan: RunPlan,
    private readonly db: LedgerActivities,
    private readonly versioning: Versioning,
    carried?: CarriedState,
  ) {
    this.visits = new Map(Object.entries(carried?.visits ?? {}));
    this.seenEvents = carried?.seenEvents ?? (plan.triggerEvent ? [plan.triggerEvent.id] : []);
    this.seen = new Set(this.seenEvents);
    this.coupon = carried?.coupon ?? null;
    this.event = carried?.event ?? plan.triggerEvent;
    this.paused = carried?.paused ?? plan.journeyPaused;
    this.stopped = carried?.stopped ?? null;
    this.startNodeId = carried?.nodeId ?? triggerOf(plan.definition)?.id;
    this.pendingSteps = versioning.has('batched-steps') ? [] : null;
  }

  state(): RunState {
    return {
      currentNodeId: this.currentNodeId,
      waitingUntil: this.waitingUntil,
      paused: this.paused,
      stopped: this.stopped,
    };
  }

  stop(result: JourneyRunResult): void {
    this.stopped ??= result;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  private takeContinued(): ContinueWaitRequest | null {
    const continued = this.continued;
    this.continued = null;
    return continued;
  }

  continueWait(request: ContinueWaitRequest): void {
    // Only the wait it was asked for, visit included: a late signal (the timer fired meanwhile,
    // a double click) must not cut short a later wait, even when a loop comes back to this node.
    const open = this.skippableWait;
    if (open && open.nodeId === request.nodeId && open.visit === request.visit) this.continued = request;
  }

  onEvent(event: RunEvent): void {
    // Routing is at least once: the same event may arrive twice and must count once.
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.seenEvents.push(event.id);
    if (this.seenEvents.length > SEEN_EVENTS_KEPT) this.seen.delete(this.seenEvents.shift() as string);

    const settings = this.plan.definition.settings;
    const rule = settings.exitOn.find(
      (r) =>
        r.event === event.type &&
        (!r.filter || evaluateOnProperties(r.filter, event.properties)) &&
        (!r.sameKey || this.hasRunKey(event)),
    );
    if (rule) this.stop({ status: 'exited', reason: `exit rule: ${event.type}` });

    const trigger = triggerOf(this.plan.definition);
    const refreshing =
      trigger?.type === 'trigger.event' ? [trigger.data.event, ...(trigger.data.refreshOn ?? [])] : [];
    if (trigger?.type === 'trigger.event' && trigger.data.keyPath && refreshing.includes(event.type)) {
      // A newer event for the same key (the same checkout) refreshes what templates see; one
      // delivered late with an older version (Shopify's updatedAt) must not bring back an old cart.
      const sameKey = String(readPath(event.properties, trigger.data.keyPath) ?? '') === this.plan.entryKey;
      if (sameKey && !olderVersion(event, this.event)) this.event = event;
    }
    this.inbox.push(event);
  }

  /**
   * `sameKey` on a wait or an exit rule: whether the event is about this run's key (its value at
   * the keyed trigger's `keyPath`, e.g. the same order id). Without a keyed trigger every event is.
   */
  private hasRunKey(event: RunEvent): boolean {
    const trigger = triggerOf(this.plan.definition);
    if (trigger?.type !== 'trigger.event' || !trigger.data.keyPath) return true;
    return String(readPath(event.properties, trigger.data.keyPath) ?? '') === this.plan.entryKey;
  }

  async walk(): Promise<JourneyRunResult> {
    const definition = this.plan.definition;
    let nodeId = this.startNodeId;
    while (nodeId !== undefined) {
      await this.holdWhilePaused();
      if (this.stopped) return this.stopped;
      if (workflowInfo().continueAsNewSuggested) {
        await this.writePendingSteps();
        // Every type continues as `journeyRunV3`: the new execution has a fresh history, with no
        // earlier branch to replay, and an older type replaying this command is not compared on
        // the type it names (continue-as-new's replay check matches only the command's kind).
        await makeContinueAsNewFunc<typeof journeyRunV3>({ workflowType: journeyRunV3.name })({
          runId: this.plan.runId,
          carried: this.carry(nodeId),
        });
      }
      const node = findNode(definition, nodeId);
      if (!node)
        return { status: 'failed', reason: `node "${nodeId}" is not in version ${this.plan.journeyVersion}` };
      this.currentNodeId = node.id;
      const visit = (this.visits.get(node.id) ?? 0) + 1;
      this.visits.set(node.id, visit);
      const outcome = await this.visit(node, visit);
      if (outcome.kind === 'exit') break;
      nodeId = nextNodeId(definition, node.id, outcome.handle);
      if (nodeId === undefined)
        return { status: 'failed', reason: `output "${outcome.handle}" of "${node.id}" leads nowhere` };
    }
    this.currentNodeId = null;
    return this.stopped ?? { status: 'completed', reason: null };
  }

  private carry(nodeId: string): CarriedState {
    return {
      nodeId,
      visits: Object.fromEntries(this.visits),
      seenEvents: this.seenEvents,
      coupon: this.coupon,
      event: this.event,
      paused: this.paused,
      stopped: this.stopped,
    };
  }

  /** A paused journey holds its runs where they are; nothing is sent until it resumes. */
  private async holdWhilePaused(): Promise<void> {
    if (!this.paused) return;
    await this.writePendingSteps();
    await condition(() => !this.paused || this.stopped !== null);
  }

  /**
   * Records a node visit. Runs of the older types write it at once (`recordStep`); a batching run
   * (`batched-steps`) keeps it until the run next waits or leaves the worker: `writePendingSteps`
   * before every timer or condition, every normal activity and continue-as-new, and its finish
   * takes the rest (docs/architecture.md, "The step ledger"). The times are taken here either way.
   */
  private step(
    node: JourneyNode,
    visit: number,
    enteredAt: string,
    fields: Partial<StepRecord>,
  ): Promise<void> {
    const record: StepRecord = {
      runId: this.plan.runId,
      nodeId: node.id,
      nodeType: node.type,
      visit,
      outcome: 'completed',
      enteredAt: this.pendingSteps ? this.enteredStamp(node.id, visit, enteredAt) : enteredAt,
      finishedAt: now(),
      ...fields,
    };
    if (!this.pendingSteps) return this.db.recordStep(record);
    this.pendingSteps.push(record);
    return Promise.resolve();
  }

  /**
   * A batching run takes its steps without the workflow clock moving between them (no activity in
   * between, as each written step was), and the timeline orders steps by when they were entered:
   * a visit entered in the same millisecond as the one before it is stamped a microsecond after
   * it, so steps show in the order taken. Every report of one visit carries the same stamp.
   */
  private enteredStamp(nodeId: string, visit: number, enteredAt: string): string {
    const key = `${visit}:${nodeId}`;
    const last = this.lastEntered;
    if (last?.visit === key) return last.stamp;
    const { micros, stamp } = enteredStampAfter(last?.micros ?? null, enteredAt);
    this.lastEntered = { visit: key, micros, stamp };
    return stamp;
  }

  /** The steps taken since the last write, in one local activity; nothing when there are none. */
  private async writePendingSteps(): Promise<void> {
    const steps = this.takePendingSteps();
    if (steps?.length) await this.db.recordSteps(steps);
  }

  /** Hands over the steps not written yet (null for a run that writes each step at once). */
  takePendingSteps(): StepRecord[] | null {
    return this.pendingSteps ? this.pendingSteps.splice(0) : null;
  }

  /**
   * When a wait from `from` until `wakeAt` ends: for a test run, sooner (its shortened waits, in
   * its plan); for every other run exactly then, so their histories replay unchanged.
   */
  private shorten(from: string, wakeAt: string): string {
    return this.plan.testWaits ? shortenedWake(from, wakeAt, this.plan.testWaits) : wakeAt;
  }

  /** What a step's reason adds for a test run's shortened wait. */
  private testNote(): string {
    return this.plan.testWaits ? ` (test run: ${describeTestWaits(this.plan.testWaits)})` : '';
  }

  /** Waits until `wakeAt` or until the run is stopped. True when the full wait elapsed. */
  private async sleepUntil(wakeAt: string, wakeEarly: () => boolean = () => false): Promise<boolean> {
    await this.writePendingSteps();
    const ms = Math.max(0, Date.parse(wakeAt) - Date.now());
    this.waitingUntil = wakeAt;
    await condition(() => this.stopped !== null || wakeEarly(), ms);
    this.waitingUntil = null;
    return this.stopped === null;
  }

  private async visit(node: JourneyNode, visit: number): Promise<Outcome> {
    const enteredAt = now();
    switch (node.type) {
      case 'trigger.event':
      case 'trigger.segment':
      case 'trigger.date': {
        const event = this.plan.triggerEvent;
        await this.step(node, visit, enteredAt, { reason: event ? `entered on ${event.type}` : 'entered' });
        return next();
      }
      case 'wait.delay': {
        const wakeAt = new Date(Date.parse(enteredAt) + parseDuration(node.data.duration)).toISOString();
        return this.waitUntil(
          node,
          visit,
          enteredAt,
          this.shorten(enteredAt, wakeAt),
          describeDuration(node.data.duration) + this.testNote(),
        );
      }
      case 'wait.until':
        return this.waitUntilTime(node, visit, enteredAt);
      case 'wait.event':
        return this.waitForEvent(node, visit, enteredAt);
      case 'branch.condition': {
        const decision = await this.db.decideBranch({
          customerId: this.plan.customerId,
          runId: this.plan.runId,
          conditions: node.data.conditions,
          eventProperties: this.event?.properties ?? {},
          now: enteredAt,
        });
        await this.step(node, visit, enteredAt, { branch: decision.handle, reason: decision.reason });
        return next(decision.handle);
      }
      case 'branch.split': {
        const bucket = splitBucket(this.plan.runId, node.id, visit);
        const arm = pickArm(node.data.arms, bucket);
        await this.step(node, visit, enteredAt, {
          branch: arm.id,
          reason: splitReason(arm, bucket, node.data.arms),
        });
        return next(arm.id);
      }
      case 'action.coupon':
        return this.issueCoupon(node, visit, enteredAt);
      case 'action.update_profile': {
        await this.writePendingSteps();
        const result = await ledger.updateProfile({
          runId: this.plan.runId,
          nodeId: node.id,
          visit,
          customerId: this.plan.customerId,
          ...node.data,
        });
        await this.step(node, visit, enteredAt, {
          outcome: result.ok ? 'completed' : 'failed',
          reason: result.reason,
          detail: result.detail,
        });
        return next();
      }
      case 'action.webhook': {
        await this.writePendingSteps();
        const result = await webhooks
          .callWebhook({
            runId: this.plan.runId,
            nodeId: node.id,
            visit,
            customerId: this.plan.customerId,
            url: node.data.url,
            body: node.data.body,
            context: { event: this.event, coupon: this.coupon },
          })
          .catch((error: Error) => ({
            ok: false,
            reason: `failed after retries: ${error.message}`,
            detail: undefined,
          }));
        await this.step(node, visit, enteredAt, {
          outcome: result.ok ? 'completed' : 'failed',
          reason: result.reason,
          detail: result.detail,
        });
        return next();
      }
      case 'send.email':
      case 'send.sms':
      case 'send.whatsapp':
        return this.send(node, visit, enteredAt);
      case 'exit':
        await this.step(node, visit, enteredAt, { reason: 'reached the end of the journey' });
        return { kind: 'exit' };
    }
  }

  private async waitUntil(
    node: JourneyNode,
    visit: number,
    enteredAt: string,
    wakeAt: string,
    what: string,
  ): Promise<Outcome> {
    // Open to "continue now" before the waiting step is written: support acts on what that step
    // shows, and its signal may land in the same activation as the step's completion.
    this.skippableWait = { nodeId: node.id, visit };
    this.continued = null;
    await this.step(node, visit, enteredAt, {
      outcome: 'waiting',
      finishedAt: null,
      wakeAt,
      reason: `waiting ${what}`,
    });
    const elapsed = await this.sleepUntil(wakeAt, () => this.continued !== null);
    this.skippableWait = null;
    const continued = this.takeContinued();
    if (continued && !this.stopped) {
      await this.step(node, visit, enteredAt, {
        wakeAt,
        reason: `continued early by ${continued.by} (due ${wakeAt}): ${continued.reason}`,
      });
      return next();
    }
    await this.step(node, visit, enteredAt, {
      wakeAt,
      reason: elapsed ? `waited ${what}` : `ended during the wait (${this.stopped?.reason})`,
    });
    return next();
  }

  private async waitUntilTime(
    node: NodeOfType<'wait.until'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const answer = await this.db.resolveWaitUntil({
      customerId: this.plan.customerId,
      ...node.data,
      now: enteredAt,
    });
    if (!answer.wakeAt) {
      await this.step(node, visit, enteredAt, { outcome: 'skipped', reason: `skipped: ${answer.reason}` });
      return next();
    }
    if (Date.parse(answer.wakeAt) <= Date.parse(enteredAt)) {
      await this.step(node, visit, enteredAt, {
        wakeAt: answer.wakeAt,
        reason: `${answer.reason}: already past, went on at once`,
      });
      return next();
    }
    return this.waitUntil(
      node,
      visit,
      enteredAt,
      this.shorten(enteredAt, answer.wakeAt),
      answer.reason + this.testNote(),
    );
  }

  private async waitForEvent(
    node: NodeOfType<'wait.event'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const from = this.inbox.length;
    const timeoutAt = this.shorten(
      enteredAt,
      new Date(Date.parse(enteredAt) + parseDuration(node.data.timeout)).toISOString(),
    );
    const match = () =>
      this.inbox
        .slice(from)
        // Only a definition written with `thisRun` reads the run id, so older histories replay the same.
        .find(
          (e) => matchesWaitEvent(node.data, e, this.plan.runId) && (!node.data.sameKey || this.hasRunKey(e)),
        );
    await this.step(node, visit, enteredAt, {
      outcome: 'waiting',
      finishedAt: null,
      wakeAt: timeoutAt,
      reason: `waiting for ${node.data.event}, at most ${describeDuration(node.data.timeout)}${this.testNote()}`,
    });
    await this.writePendingSteps();
    this.waitingUntil = timeoutAt;
    await condition(
      () => this.stopped !== null || match() !== undefined,
      Math.max(0, Date.parse(timeoutAt) - Date.now()),
    );
    this.waitingUntil = null;
    const event = match();
    if (event) {
      await this.step(node, visit, enteredAt, {
        wakeAt: timeoutAt,
        branch: 'event',
        reason: `${event.type} arrived`,
        detail: { eventId: event.id },
      });
      return next('event');
    }
    const reason = this.stopped
      ? `ended during the wait (${this.stopped.reason})`
      : `no ${node.data.event} within ${describeDuration(node.data.timeout)}`;
    await this.step(node, visit, enteredAt, {
      wakeAt: timeoutAt,
      branch: this.stopped ? null : 'timeout',
      reason,
    });
    return next('timeout');
  }

  private async issueCoupon(
    node: NodeOfType<'action.coupon'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const { kind, value, prefix, expiresIn } = node.data;
    const expiresAt = expiresIn
      ? new Date(Date.parse(enteredAt) + parseDuration(expiresIn)).toISOString()
      : null;
    this.coupon = await this.db.issueCoupon({
      runId: this.plan.runId,
      nodeId: node.id,
      visit,
      customerId: this.plan.customerId,
      kind,
      value,
      prefix,
      expiresAt,
    });
    // Since codes are created in the store, the step says what the store did with it, and fails
    // when the store refused it (later sends then refuse to show it). Its patch is being retired
    // (docs/architecture.md, "Workflow changes and retiring a patch"): it changes only what the
    // step records, which replay does not compare, so runs recorded before it replay on this code.
    this.versioning.retiring('coupon-store-outcome');
    const store = this.coupon.store;
    await this.step(node, visit, enteredAt, {
      outcome: store?.status === 'refused' ? 'failed' : 'completed',
      reason: store?.reason ?? `issued coupon ${this.coupon.code}`,
      detail: { coupon: this.coupon },
    });
    return next();
  }

  private async send(
    node: NodeOfType<'send.email' | 'send.sms' | 'send.whatsapp'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const channel = node.type === 'send.email' ? 'email' : node.type === 'send.sms' ? 'sms' : 'whatsapp';
    const settings = this.plan.definition.settings;
    const configured = settings.quietHours[channel];
    // A transactional message (an order update) is never deferred by quiet hours; runs recorded
    // before this checked quiet hours for every send and replay so.
    const exempt =
      node.data.category === 'transactional' && this.versioning.has('transactional-skips-quiet-hours');
    const window = exempt
      ? null
      : configured === undefined
        ? (DEFAULT_QUIET_HOURS as Record<string, { start: string; end: string } | undefined>)[channel]
        : configured;
    let deferred: { until: string; reason: string } | null = null;
    // Version 2 re-checks quiet hours after every deferral and pause (a resume at 23:00 must not
    // send at 23:00); runs recorded before it keep their original single check on replay.
    const recheck = this.versioning.has('quiet-hours-recheck-after-pause');
    while (window) {
      const quiet: QuietHoursAnswer = await this.db.quietHours({
        customerId: this.plan.customerId,
        window,
        now: deferred ? now() : enteredAt,
      });
      if (!quiet.until) break;
      const until = this.shorten(now(), quiet.until);
      deferred = { until, reason: `deferred: ${quiet.reason}${this.testNote()}` };
      await this.step(node, visit, enteredAt, {
        outcome: 'waiting',
        finishedAt: null,
        wakeAt: until,
        reason: deferred.reason,
      });
      if (!(await this.sleepUntil(until))) {
        await this.step(node, visit, enteredAt, {
          outcome: 'skipped',
          wakeAt: until,
          reason: `not sent: ${this.stopped?.reason}`,
        });
        return next();
      }
      const wasPaused = this.paused;
      await this.holdWhilePaused();
      if (this.stopped) return next();
      if (!recheck || !wasPaused) break;
    }
    const base = {
      runId: this.plan.runId,
      nodeId: node.id,
      visit,
      customerId: this.plan.customerId,
      category: node.data.category,
      context: { event: this.event, coupon: this.coupon },
      frequencyCap: settings.frequencyCap,
      now: now(),
    };
    // A send waits its turn in its channel's paced queue, transactional first. The patch that
    // brought this is being retired (docs/architecture.md, "Workflow changes and retiring a
    // patch"): runs recorded before it sent on the journeys queue and replay on this code too
    // (replay does not compare an activity's task queue); runs with its marker need the call.
    this.versioning.retiring('send-lanes');
    const senders = sendLane(channel, node.data.category);
    await this.writePendingSteps();
    let result: SendOutcome;
    if (node.type === 'send.email')
      result = await senders.sendEmail({ ...base, template: node.data.template, from: node.data.from });
    else if (node.type === 'send.sms')
      result = await senders.sendSms({ ...base, template: node.data.template });
    else
      result = await senders.sendWhatsapp({
        ...base,
        template: node.data.template,
        contentSid: node.data.contentSid,
        contentVariables: node.data.contentVariables,
      });
    const outcome =
      result.status === 'skipped' ? 'skipped' : result.status === 'failed' ? 'failed' : 'completed';
    // The timeline keeps the deferral: "sent … (deferred: quiet hours until 08:00 Europe/Istanbul)".
    await this.step(node, visit, enteredAt, {
      outcome,
      reason: deferred ? `${result.reason} (${deferred.reason})` : result.reason,
      messageId: result.messageId,
      wakeAt: deferred?.until ?? null,
    });
    return next();
  }
}

/** Workflow time: deterministic inside Temporal's sandbox, replayed identically. */
function now(): string {
  return new Date().toISOString();
}

/** Whether `event` is an older version of what `current` describes (by `updatedAt`, else `occurredAt`). */
function olderVersion(event: RunEvent, current: RunEvent | null): boolean {
  if (!current) return false;
  const stamp = (e: RunEvent) => {
    const updated = e.properties.updatedAt;
    return Date.parse(typeof updated === 'string' ? updated : e.occurredAt);
  };
  const [incoming, held] = [stamp(event), stamp(current)];
  return !Number.isNaN(incoming) && !Number.isNaN(held) && incoming < held;
}
