/**
 * One customer's run through one pinned journey version. Walks the graph node by node: waits
 * are Temporal timers, side effects are activities, every node visit becomes a step. Events for
 * the customer arrive as signals (exit rules end the run at once, even mid-wait).
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  describeDuration,
  evaluateOnProperties,
  findNode,
  nextNodeId,
  parseDuration,
  triggerOf,
  type JourneyNode,
  type NodeOfType,
  type RunEvent,
} from '@waypoint/journey';
import type { IssuedCoupon, JourneyActivities, RunPlan, StepRecord } from './journey-activities';

export interface JourneyRunInput {
  runId: string;
}

export interface JourneyRunResult {
  status: 'completed' | 'exited' | 'cancelled' | 'failed';
  reason: string | null;
}

export interface RunState {
  currentNodeId: string | null;
  waitingUntil: string | null;
  stopped: JourneyRunResult | null;
}

export const cancelRunSignal = defineSignal<[{ reason: string }]>('cancelRun');
export const runEventSignal = defineSignal<[RunEvent]>('runEvent');
export const runStateQuery = defineQuery<RunState>('runState');

const ledger = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// A send's activity times out sooner so a worker that died mid-send is noticed quickly; the
// ledger row written before the provider call keeps the retry from sending twice.
const channels = proxyActivities<Pick<JourneyActivities, 'sendEmail'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

type Exit = { kind: 'exit' };
type Next = { kind: 'next'; handle: string };
type Outcome = Exit | Next;

export async function journeyRun(input: JourneyRunInput): Promise<JourneyRunResult> {
  const plan = await ledger.loadRunPlan(input.runId);
  const run = new RunWalker(plan);
  setHandler(cancelRunSignal, ({ reason }) => run.stop({ status: 'cancelled', reason }));
  setHandler(runEventSignal, (event) => run.onEvent(event));
  setHandler(runStateQuery, () => run.state());
  const result = await run.walk();
  await ledger.finishRun({ runId: plan.runId, status: result.status, reason: result.reason });
  return result;
}

class RunWalker {
  private currentNodeId: string | null = null;
  private waitingUntil: string | null = null;
  private stopped: JourneyRunResult | null = null;
  private readonly visits = new Map<string, number>();
  private readonly seenEvents = new Set<string>();
  private coupon: IssuedCoupon | null = null;

  constructor(private readonly plan: RunPlan) {}

  state(): RunState {
    return { currentNodeId: this.currentNodeId, waitingUntil: this.waitingUntil, stopped: this.stopped };
  }

  stop(result: JourneyRunResult): void {
    this.stopped ??= result;
  }

  onEvent(event: RunEvent): void {
    // Routing is at least once: the same event may arrive twice and must count once.
    if (this.seenEvents.has(event.id)) return;
    this.seenEvents.add(event.id);
    const rule = this.plan.definition.settings.exitOn.find(
      (r) => r.event === event.type && (!r.filter || evaluateOnProperties(r.filter, event.properties)),
    );
    if (rule) this.stop({ status: 'exited', reason: `exit rule: ${event.type}` });
  }

  async walk(): Promise<JourneyRunResult> {
    const definition = this.plan.definition;
    let nodeId = triggerOf(definition)?.id;
    while (nodeId !== undefined) {
      if (this.stopped) return this.stopped;
      const node = findNode(definition, nodeId);
      if (!node)
        return { status: 'failed', reason: `node "${nodeId}" is not in version ${this.plan.journeyVersion}` };
      this.currentNodeId = node.id;
      const visit = (this.visits.get(node.id) ?? 0) + 1;
      this.visits.set(node.id, visit);
      const outcome = await this.visit(node, visit);
      if (outcome.kind === 'exit') break;
      nodeId = nextNodeId(definition, node.id, outcome.handle);
      if (nodeId === undefined) {
        return { status: 'failed', reason: `output "${outcome.handle}" of "${node.id}" leads nowhere` };
      }
    }
    this.currentNodeId = null;
    return this.stopped ?? { status: 'completed', reason: null };
  }

  private step(
    node: JourneyNode,
    visit: number,
    enteredAt: string,
    fields: Partial<StepRecord>,
  ): Promise<void> {
    return ledger.recordStep({
      runId: this.plan.runId,
      nodeId: node.id,
      nodeType: node.type,
      visit,
      outcome: 'completed',
      enteredAt,
      finishedAt: now(),
      ...fields,
    });
  }

  private async visit(node: JourneyNode, visit: number): Promise<Outcome> {
    const enteredAt = now();
    switch (node.type) {
      case 'trigger.event': {
        const event = this.plan.triggerEvent;
        await this.step(node, visit, enteredAt, { reason: event ? `entered on ${event.type}` : 'entered' });
        return { kind: 'next', handle: 'next' };
      }
      case 'wait.delay':
        return this.waitDelay(node, visit, enteredAt);
      case 'action.coupon':
        return this.issueCoupon(node, visit, enteredAt);
      case 'send.email':
        return this.sendEmail(node, visit, enteredAt);
      case 'exit':
        await this.step(node, visit, enteredAt, { reason: 'reached the end of the journey' });
        return { kind: 'exit' };
      default:
        await this.step(node, visit, enteredAt, {
          outcome: 'failed',
          reason: `this engine cannot run "${node.type}" nodes yet`,
        });
        this.stop({ status: 'failed', reason: `unsupported node type ${node.type}` });
        return { kind: 'exit' };
    }
  }

  private async waitDelay(
    node: NodeOfType<'wait.delay'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const ms = parseDuration(node.data.duration);
    const wakeAt = new Date(Date.parse(enteredAt) + ms).toISOString();
    await this.step(node, visit, enteredAt, {
      outcome: 'waiting',
      finishedAt: null,
      wakeAt,
      reason: `waiting ${describeDuration(node.data.duration)}`,
    });
    this.waitingUntil = wakeAt;
    // Returns early when the run is stopped: exits are immediate, not deferred to the wake-up.
    await condition(() => this.stopped !== null, ms);
    this.waitingUntil = null;
    await this.step(node, visit, enteredAt, {
      wakeAt,
      reason: this.stopped
        ? `ended during the wait (${this.stopped.reason})`
        : `waited ${describeDuration(node.data.duration)}`,
    });
    return { kind: 'next', handle: 'next' };
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
    this.coupon = await ledger.issueCoupon({
      runId: this.plan.runId,
      nodeId: node.id,
      visit,
      customerId: this.plan.customerId,
      kind,
      value,
      prefix,
      expiresAt,
    });
    await this.step(node, visit, enteredAt, {
      reason: `issued coupon ${this.coupon.code}`,
      detail: { coupon: this.coupon },
    });
    return { kind: 'next', handle: 'next' };
  }

  private async sendEmail(
    node: NodeOfType<'send.email'>,
    visit: number,
    enteredAt: string,
  ): Promise<Outcome> {
    const result = await channels.sendEmail({
      runId: this.plan.runId,
      nodeId: node.id,
      visit,
      customerId: this.plan.customerId,
      template: node.data.template,
      from: node.data.from,
      category: node.data.category,
      context: { event: this.plan.triggerEvent, coupon: this.coupon },
    });
    const outcome =
      result.status === 'skipped' ? 'skipped' : result.status === 'failed' ? 'failed' : 'completed';
    await this.step(node, visit, enteredAt, { outcome, reason: result.reason, messageId: result.messageId });
    return { kind: 'next', handle: 'next' };
  }
}

/** Workflow time: deterministic inside Temporal's sandbox, replayed identically. */
function now(): string {
  return new Date().toISOString();
}

/** The node types this version of the run workflow executes; publishing refuses the others. */
export const SUPPORTED_NODE_TYPES: readonly string[] = [
  'trigger.event',
  'wait.delay',
  'action.coupon',
  'send.email',
  'exit',
];
