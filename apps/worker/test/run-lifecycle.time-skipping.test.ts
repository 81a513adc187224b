/**
 * A run's life beyond its graph, under time skipping with the worker's real activities: pausing
 * (the API signals `setPaused` when a journey is paused or resumed; nothing is sent while paused,
 * even after a wait elapses), cancelling a paused run, and continuing as new: a long-lived run
 * restarts from a `CarriedState` and must resume at the carried node with the carried coupon,
 * cart, visit counts and seen events.
 *
 * Reaching Temporal's own continue-as-new suggestion needs thousands of history events, so the
 * carried state is handed to the workflow directly, as `continueAsNew` hands it over.
 */
import { randomUUID } from 'node:crypto';
import { validateJourney, type JourneyDefinitionInput, type RunEvent } from '@waypoint/journey';
import {
  cancelRunSignal,
  journeyRunV3,
  runEventSignal,
  runStateQuery,
  setPausedSignal,
  type CarriedState,
  type JourneyRunInput,
} from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { finishRun } from './support/run-until';
import {
  between,
  DAY,
  enterRun,
  eventually,
  HOUR,
  linkTargets,
  messagesOf,
  MINUTE,
  recordEvent,
  runRowOf,
  seedCustomer,
  seedJourney,
  seedRun,
  shippedJourney,
  stepOf,
  stepsOf,
} from './support/seed';
import { useTimeSkippingStack } from './support/time-skipping-stack';
import { localHourIn, nextLocalHour, zoneWithLocalHour } from './support/zones';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();

function expectAbout(from: Date | string, to: Date | string | null, ms: number): void {
  expect(to).not.toBeNull();
  expect(Math.abs(between(from, to as Date) - ms)).toBeLessThan(MINUTE);
}

describe('pause (welcome coupon as shipped)', () => {
  let journeyId: string;
  beforeAll(async () => {
    const { name, definition } = shippedJourney('welcome-coupon');
    journeyId = await seedJourney(stack.db, name, definition);
  });

  async function enterWelcome(seed: Parameters<typeof seedCustomer>[1] = {}) {
    const customer = await seedCustomer(stack.db, seed);
    const trigger = await recordEvent(stack.db, customer.id, 'customer.created', {}, await stack.now());
    return { customer, ...(await enterRun(stack, { journeyId, customerId: customer.id, trigger })) };
  }

  it('a paused run sends nothing after its 3-day wait elapses, and continues when resumed', async () => {
    const { customer, runId, handle } = await enterWelcome();
    let resumedAt = new Date(0);
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(DAY);
      await handle.signal(setPausedSignal, { paused: true });
      await stack.env.sleep(4 * DAY); // the wait ended at day 3, two days ago

      await eventually(async () => {
        const steps = await stepsOf(stack.db, runId);
        expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
          ['trigger', 'completed'],
          ['coupon', 'completed'],
          ['welcome-email', 'completed'],
          ['wait-3d', 'completed'],
        ]);
        expect(stepOf(steps, 'wait-3d').reason).toBe('waited 3 days');
      });
      expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['welcome']);
      expect(await handle.query(runStateQuery)).toEqual({
        currentNodeId: 'wait-3d',
        waitingUntil: null,
        paused: true,
        stopped: null,
      });
      expect(await runRowOf(stack.db, runId)).toMatchObject({
        status: 'running',
        current_node_id: 'wait-3d',
      });

      resumedAt = await stack.now();
      await handle.signal(setPausedSignal, { paused: false });
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual([
      'trigger',
      'coupon',
      'welcome-email',
      'wait-3d',
      'channel',
      'email-reminder',
      'done',
    ]);
    // The reminder went when the journey resumed (day 5), not when the wait ended (day 3).
    expectAbout(resumedAt, stepOf(steps, 'email-reminder').finished_at, 0);
    expectAbout(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'email-reminder').finished_at, 5 * DAY);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.to_address, m.status])).toEqual([
      ['welcome', customer.email, 'sandboxed'],
      ['welcome-reminder', customer.email, 'sandboxed'],
    ]);
    await histories.keep('welcome-coupon-paused-resumed', handle);
  });

  it('paused during a quiet-hours deferral: nothing goes at 08:00, the SMS goes when resumed', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 3 * DAY), 23);
    const { customer, runId, handle } = await enterWelcome({
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
    });
    let resumedAt = new Date(0);
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(3 * DAY + HOUR);
      await eventually(async () => {
        expect(stepOf(await stepsOf(stack.db, runId), 'sms-reminder')).toMatchObject({
          outcome: 'waiting',
          reason: `deferred: quiet hours until 08:00 ${zone.zone}`,
        });
      });
      await handle.signal(setPausedSignal, { paused: true });
      await stack.env.sleep(12 * HOUR); // well past 08:00 local
      expect((await messagesOf(stack.db, runId)).map((m) => m.channel)).toEqual(['email']);
      expect(await handle.query(runStateQuery)).toMatchObject({
        currentNodeId: 'sms-reminder',
        paused: true,
      });
      resumedAt = await stack.now();
      await handle.signal(setPausedSignal, { paused: false });
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    const sms = stepOf(steps, 'sms-reminder');
    const eight = nextLocalHour(zone, stepOf(steps, 'wait-3d').wake_at!, 8);
    expect(between(eight, resumedAt)).toBeGreaterThan(HOUR);
    expectAbout(resumedAt, sms.finished_at, 0);
    expect(localHourIn(zone, sms.finished_at!)).toBeGreaterThanOrEqual(8);
    expect(sms.reason).toMatch(/^sandbox: SMS stored in the outbox/);
    expect((await messagesOf(stack.db, runId)).map((m) => [m.channel, m.to_address])).toEqual([
      ['email', customer.email],
      ['sms', customer.phone],
    ]);
    await histories.keep('welcome-coupon-paused-in-quiet-hours', handle);
  });

  it('a paused run can still be cancelled (archiving the journey): it ends at once, sending nothing more', async () => {
    const { runId, handle } = await enterWelcome();
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(DAY);
      await handle.signal(setPausedSignal, { paused: true });
      await stack.env.sleep(3 * DAY);
      await handle.signal(cancelRunSignal, { reason: 'journey archived' });
    });
    expect(result).toEqual({ status: 'cancelled', reason: 'journey archived' });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'coupon', 'welcome-email', 'wait-3d']);
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['welcome']);
    expect(await runRowOf(stack.db, runId)).toEqual({
      status: 'cancelled',
      status_reason: 'journey archived',
      current_node_id: null,
    });
    await histories.keep('welcome-coupon-paused-cancelled', handle);
  });
});

describe('continue-as-new: a long-lived looping run resumes from its carried state', () => {
  /** Nudges the customer daily about their cart until they order: the loop has a wait in it. */
  const LOOP: JourneyDefinitionInput = {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.event',
        data: { event: 'checkout.started', keyPath: 'checkoutToken', refreshOn: ['checkout.updated'] },
      },
      { id: 'wait', type: 'wait.delay', data: { duration: '1d' } },
      { id: 'nudge', type: 'send.email', data: { template: 'cart-last-call' } },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { source: 'wait', sourceHandle: 'next', target: 'nudge' },
      { source: 'nudge', sourceHandle: 'next', target: 'wait' },
    ],
    settings: { exitOn: [{ event: 'order.placed' }] },
  };
  let journeyId: string;

  beforeAll(async () => {
    expect(validateJourney(LOOP).problems).toEqual([]); // publishable as it stands
    journeyId = await seedJourney(stack.db, 'Daily cart nudge', LOOP);
  });

  function cart(token: string, itemCount: number): Record<string, unknown> {
    return {
      checkoutToken: token,
      abandonedCheckoutUrl: `https://store.example.com/checkouts/${token}/recover`,
      currency: 'EUR',
      totalPrice: 19.9 * itemCount,
      itemCount,
      lineItems: [{ title: 'Organic Coffee 1 kg', quantity: itemCount, price: 19.9 }],
    };
  }

  /** A run that has been going for weeks: its trigger event and the state it carries into the new execution. */
  async function carriedRun(carry: (trigger: RunEvent, oldOrder: RunEvent) => Partial<CarriedState>) {
    const t0 = await stack.now();
    const customer = await seedCustomer(stack.db, {});
    const token = `tok${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'checkout.started',
      cart(token, 2),
      new Date(t0.getTime() - 40 * DAY),
    );
    // An order seen (and acted on by some earlier version of the rules) before the run continued as new.
    const oldOrder = await recordEvent(
      stack.db,
      customer.id,
      'order.placed',
      { orderId: '1' },
      new Date(t0.getTime() - 39 * DAY),
    );
    const { runId, workflowId } = await seedRun(stack.db, {
      journeyId,
      customerId: customer.id,
      trigger,
      entryKey: token,
    });
    const carried: CarriedState = {
      nodeId: 'wait',
      visits: { trigger: 1, wait: 41, nudge: 40 },
      seenEvents: [trigger.id, oldOrder.id],
      coupon: {
        code: 'SHIP-CARRIED7',
        kind: 'free_shipping',
        value: 0,
        expiresAt: new Date(t0.getTime() + 30 * DAY).toISOString(),
      },
      // The cart as last refreshed (5 items), not the trigger event in the database (2 items).
      event: {
        id: randomUUID(),
        type: 'checkout.updated',
        properties: cart(token, 5),
        occurredAt: new Date(t0.getTime() - 38 * DAY).toISOString(),
      },
      paused: false,
      stopped: null,
      ...carry(trigger, oldOrder),
    };
    const handle = await stack.env.client.workflow.start(journeyRunV3, {
      workflowId,
      taskQueue: stack.taskQueue,
      args: [{ runId, carried } satisfies JourneyRunInput],
    });
    return { customer, token, runId, handle, oldOrder };
  }

  it('resumes at the carried node with the carried coupon and cart; visit numbers continue; seen events stay seen', async () => {
    const { customer, token, runId, handle, oldOrder } = await carriedRun(() => ({}));
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(2 * DAY + 12 * HOUR);
      // Routing is at least once: an event the run saw before it continued as new is ignored.
      await handle.signal(runEventSignal, oldOrder);
      await stack.env.sleep(DAY); // had it counted, the run would have ended here: it nudges again instead
      expect(await handle.query(runStateQuery)).toMatchObject({ currentNodeId: 'wait', stopped: null });
      await handle.signal(
        runEventSignal,
        await recordEvent(stack.db, customer.id, 'order.placed', { orderId: '2' }, await stack.now()),
      );
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });

    const steps = await stepsOf(stack.db, runId);
    // No trigger step and no visit 1: the run picked up at the wait, on its 42nd visit.
    expect(steps.map((s) => [s.node_id, s.visit, s.outcome])).toEqual([
      ['wait', 42, 'completed'],
      ['nudge', 41, 'completed'],
      ['wait', 43, 'completed'],
      ['nudge', 42, 'completed'],
      ['wait', 44, 'completed'],
      ['nudge', 43, 'completed'],
      ['wait', 45, 'completed'],
    ]);
    expect(stepOf(steps, 'wait', 42).reason).toBe('waited 1 day');
    expect(stepOf(steps, 'wait', 44).reason).toBe('waited 1 day');
    expect(stepOf(steps, 'wait', 45).reason).toBe('ended during the wait (exit rule: order.placed)');
    expectAbout(stepOf(steps, 'wait', 42).entered_at, stepOf(steps, 'nudge', 42).finished_at, 2 * DAY);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.visit, m.template, m.to_address])).toEqual([
      ['nudge', 41, 'cart-last-call', customer.email],
      ['nudge', 42, 'cart-last-call', customer.email],
      ['nudge', 43, 'cart-last-call', customer.email],
    ]);
    for (const message of messages) {
      expect(message.body_html).toContain('<strong>SHIP-CARRIED7</strong>');
      expect(message.body_html).toContain('Your 5 item(s) are still in your cart');
      expect(
        (await linkTargets(stack.db, message.body_html ?? '')).some((url) =>
          url.includes(`/checkouts/${token}/recover`),
        ),
      ).toBe(true);
    }
    const coupons = await stack.db.query(`SELECT 1 FROM coupons WHERE run_id = $1`, [runId]);
    expect(coupons.rowCount).toBe(0);
    await histories.keep('continue-as-new-carried-loop', handle);
  });

  it('a carried pause holds the run until resumed; then it goes on from the carried node', async () => {
    const { runId, handle } = await carriedRun(() => ({ paused: true }));
    const result = await finishRun(stack, handle, async () => {
      await stack.env.sleep(3 * DAY);
      expect(await stepsOf(stack.db, runId)).toEqual([]);
      expect(await handle.query(runStateQuery)).toMatchObject({ paused: true, stopped: null });
      await handle.signal(setPausedSignal, { paused: false });
      await stack.env.sleep(DAY + HOUR);
      await handle.signal(cancelRunSignal, { reason: 'cancelled by support' });
    });
    expect(result).toEqual({ status: 'cancelled', reason: 'cancelled by support' });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.visit])).toEqual([
      ['wait', 42],
      ['nudge', 41],
      ['wait', 43],
    ]);
    expect((await messagesOf(stack.db, runId)).map((m) => m.visit)).toEqual([41]);
    await histories.keep('continue-as-new-carried-paused', handle);
  });

  it('a carried stop ends the new execution at once', async () => {
    const { runId, handle } = await carriedRun(() => ({
      stopped: { status: 'exited', reason: 'exit rule: order.placed' },
    }));
    expect(await finishRun(stack, handle)).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });
    expect(await stepsOf(stack.db, runId)).toEqual([]);
    expect(await runRowOf(stack.db, runId)).toMatchObject({
      status: 'exited',
      status_reason: 'exit rule: order.placed',
    });
  });
});

replaysKeptHistories(histories, { atLeast: 5 });
