/**
 * The floor (`BENCH_PHASES=floor`): a bare workflow with the command shape of a one-message journey
 * run and none of its work. Started with signal-with-start (the trigger event as its first signal),
 * it calls the same local activities in the same order (`loadRunPlan`, `recordStep`, `issueCoupon`,
 * `recordStep`, then after the send `recordStep` twice and `finishRun`) and one normal activity
 * (`sendEmail`, a real `@sendgrid/mail` request to the bench's SendGrid stub), then completes.
 * The activities touch no database and the payloads are small: what is left is Temporal's own cost
 * and the SDK's, which a journey run cannot go below. Bundled by bench/floor-worker.ts.
 */
import {
  condition,
  defineSignal,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';

export interface FloorEvent {
  id: string;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

export interface FloorActivities {
  loadRunPlan(runId: string): Promise<{ runId: string; email: string }>;
  recordStep(step: { runId: string; nodeId: string }): Promise<void>;
  issueCoupon(input: { runId: string }): Promise<{ code: string }>;
  finishRun(input: { runId: string }): Promise<void>;
  sendEmail(input: { runId: string; to: string; coupon: string }): Promise<{ messageId: string | null }>;
}

export const floorEventSignal = defineSignal<[FloorEvent]>('runEvent');

// The journey workflow's options, so retries and timeouts are the same commands.
const local = proxyLocalActivities<FloorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const channels = proxyActivities<FloorActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The floor's send as the engine schedules it (workflows/src/send-lanes.ts): on a queue of its own
 * with the channel's rate set by its worker, at marketing priority. Used by the paced floor bursts.
 */
function pacedSend(sendQueue: string): Pick<FloorActivities, 'sendEmail'> {
  return proxyActivities<Pick<FloorActivities, 'sendEmail'>>({
    startToCloseTimeout: '15 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
    taskQueue: sendQueue,
    priority: { priorityKey: 5 },
  });
}

/** `sendQueue`: the paced floor, whose send runs on that queue (pacedSend) instead of the run's own. */
export async function floorRun(input: { runId: string; sendQueue?: string }): Promise<{ status: string }> {
  let trigger: FloorEvent | null = null;
  setHandler(floorEventSignal, (event) => void (trigger ??= event));
  const plan = await local.loadRunPlan(input.runId);
  await condition(() => trigger !== null);
  await local.recordStep({ runId: plan.runId, nodeId: 'trigger' });
  const coupon = await local.issueCoupon({ runId: plan.runId });
  await local.recordStep({ runId: plan.runId, nodeId: 'coupon' });
  const send = input.sendQueue ? pacedSend(input.sendQueue) : channels;
  await send.sendEmail({ runId: plan.runId, to: plan.email, coupon: coupon.code });
  await local.recordStep({ runId: plan.runId, nodeId: 'email' });
  await local.recordStep({ runId: plan.runId, nodeId: 'done' });
  await local.finishRun({ runId: plan.runId });
  return { status: 'completed' };
}
