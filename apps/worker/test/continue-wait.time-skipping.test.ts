/**
 * Support's "continue now" inside the workflow, under time skipping with the worker's real
 * activities: the `continueWait` signal ends the delay it names (node and visit) at once and the
 * step says who and why; a signal for another node or another visit, or one sent while the run
 * waits for an event, changes nothing.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { continueWaitSignal } from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { finishRun } from './support/run-until';
import {
  between,
  DAY,
  enterRun,
  eventually,
  HOUR,
  messagesOf,
  MINUTE,
  recordEvent,
  seedCustomer,
  seedJourney,
  shippedJourney,
  stepOf,
  stepsOf,
} from './support/seed';
import { useTimeSkippingStack } from './support/time-skipping-stack';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();

async function enter(journeyId: string) {
  const customer = await seedCustomer(stack.db);
  const trigger = await recordEvent(stack.db, customer.id, 'customer.created', {}, await stack.now());
  return { customer, ...(await enterRun(stack, { journeyId, customerId: customer.id, trigger })) };
}

describe('continue now', () => {
  it('ends the named delay at once; signals for another node or visit change nothing', async () => {
    const { name, definition } = shippedJourney('welcome-coupon');
    const journeyId = await seedJourney(stack.db, name, definition);
    const { customer, runId, handle } = await enter(journeyId);
    const request = { reason: 'customer asked for the reminder', by: 'Sam <sam@store.example>' };
    let continuedAt = new Date(0);
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(DAY);
      await eventually(async () => {
        expect(stepOf(await stepsOf(stack.db, runId), 'wait-3d').outcome).toBe('waiting');
      });
      // A late or mistaken signal: the wrong visit, or a node the run is not waiting in.
      await handle.signal(continueWaitSignal, { nodeId: 'wait-3d', visit: 2, ...request });
      await handle.signal(continueWaitSignal, { nodeId: 'channel', visit: 1, ...request });
      await stack.env.sleep(HOUR);
      expect(stepOf(await stepsOf(stack.db, runId), 'wait-3d').outcome).toBe('waiting');

      continuedAt = await stack.now();
      await handle.signal(continueWaitSignal, { nodeId: 'wait-3d', visit: 1, ...request });
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    const wait = stepOf(steps, 'wait-3d');
    expect(wait.outcome).toBe('completed');
    expect(wait.reason).toBe(
      `continued early by Sam <sam@store.example> (due ${new Date(wait.wake_at as Date).toISOString()}): customer asked for the reminder`,
    );
    // The reminder went when support said so (day 1 + 1 h), not at the end of the 3 days.
    const reminder = stepOf(steps, 'email-reminder');
    expect(Math.abs(between(continuedAt, reminder.finished_at as Date))).toBeLessThan(MINUTE);
    expect(between(stepOf(steps, 'trigger').entered_at, reminder.finished_at as Date)).toBeLessThan(2 * DAY);
    expect((await messagesOf(stack.db, runId)).map((m) => [m.template, m.to_address])).toEqual([
      ['welcome', customer.email],
      ['welcome-reminder', customer.email],
    ]);
    await histories.keep('welcome-coupon-continued-now', handle);
  });

  it('does not cut short a wait for an event: the run waits for the order or its timeout', async () => {
    const definition: JourneyDefinitionInput = {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.created' } },
        { id: 'order', type: 'wait.event', data: { event: 'order.placed', timeout: '2d' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'order' },
        { source: 'order', sourceHandle: 'event', target: 'done' },
        { source: 'order', sourceHandle: 'timeout', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    };
    const journeyId = await seedJourney(stack.db, 'Waits for an order', definition);
    const { runId, handle } = await enter(journeyId);
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(HOUR);
      await handle.signal(continueWaitSignal, { nodeId: 'order', visit: 1, reason: 'try', by: 'Sam' });
      await stack.env.sleep(HOUR);
      expect(stepOf(await stepsOf(stack.db, runId), 'order').outcome).toBe('waiting');
    });
    expect(result).toEqual({ status: 'completed', reason: null });
    const order = stepOf(await stepsOf(stack.db, runId), 'order');
    expect(order).toMatchObject({ branch: 'timeout', reason: 'no order.placed within 2 days' });
    expect(between(order.entered_at, order.finished_at as Date)).toBeGreaterThanOrEqual(2 * DAY - MINUTE);
    await histories.keep('wait-event-continue-ignored', handle);
  });
});

replaysKeptHistories(histories, 2);
