/**
 * The four journeys every store starts with (templates/journeys/*.json), exactly as shipped and
 * with their real delays, under Temporal's time-skipping test server. Activities are the worker's
 * real services against this file's PostgreSQL database; providers are in sandbox mode, so each
 * message is a `sandboxed` row in `messages`. Runs start as the event router starts them
 * (signal-with-start with the trigger event), and storefront events reach them as signals.
 *
 * Every path: ordered vs not, consented vs not, quiet hours (the customer's zone is chosen from
 * the server's clock so the send falls inside or outside 21:00-08:00), a second checkout
 * refreshing the cart, exit mid-wait. Each run's history is replayed at the end of the file and,
 * with RECORD_HISTORIES=1, written to workflows/test/histories/ for replay.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { type journeyRun, pickArm, runEventSignal, runStateQuery, splitBucket } from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { finishRun } from './support/run-until';
import {
  between,
  couponsOf,
  DAY,
  enterRun,
  eventually,
  HOUR,
  linkTargets,
  messagesOf,
  untracked,
  MINUTE,
  recordEvent,
  runRowOf,
  seedCustomer,
  shippedJourney,
  stepOf,
  stepsOf,
} from './support/seed';
import { expectAbout, expectAfter, shippedJourneyIds } from './support/shipped-runs';
import { useTimeSkippingStack } from './support/time-skipping-stack';
import { localHourIn, nextLocalHour, zoneWithLocalHour } from './support/zones';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();

const finish = (handle: WorkflowHandle<typeof journeyRun>, during?: () => Promise<void>) =>
  finishRun(stack, handle, during);

const journeyId = shippedJourneyIds(stack);

async function orderPlaced(customerId: string, properties: Record<string, unknown> = {}) {
  return recordEvent(
    stack.db,
    customerId,
    'order.placed',
    { orderId: `${Date.now()}`, currency: 'EUR', totalPrice: 42, ...properties },
    await stack.now(),
  );
}

describe('Welcome coupon (as shipped)', () => {
  async function enterWelcome(seed: Parameters<typeof seedCustomer>[1]) {
    const customer = await seedCustomer(stack.db, seed);
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'customer.created',
      { source: 'shopify' },
      await stack.now(),
    );
    const run = await enterRun(stack, {
      journeyId: await journeyId('welcome-coupon'),
      customerId: customer.id,
      trigger,
    });
    return { customer, ...run };
  }

  it('without an order or SMS consent: coupon and welcome email at once, the reminder by email 3 days later with the same code', async () => {
    const { customer, runId, handle } = await enterWelcome({ timezone: 'Europe/Berlin' });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome, s.visit])).toEqual([
      ['trigger', 'completed', 1],
      ['coupon', 'completed', 1],
      ['welcome-email', 'completed', 1],
      ['wait-3d', 'completed', 1],
      ['channel', 'completed', 1],
      ['email-reminder', 'completed', 1],
      ['done', 'completed', 1],
    ]);
    const trigger = stepOf(steps, 'trigger');
    expect(trigger.reason).toBe('entered on customer.created');

    const [coupon] = await couponsOf(stack.db, runId);
    expect(coupon.code).toMatch(/^WELCOME-[A-HJ-NP-Z2-9]{8}$/);
    expect(coupon).toMatchObject({ kind: 'percent', value: '10', node_id: 'coupon' });
    // No store is connected in these tests: the code stays local and the step says so.
    expect(stepOf(steps, 'coupon').reason).toBe(
      `issued coupon ${coupon.code} (not created in a store: no store connected)`,
    );
    expectAfter(stepOf(steps, 'coupon').entered_at, coupon.expires_at, 14 * DAY);

    const welcome = stepOf(steps, 'welcome-email');
    expectAfter(trigger.entered_at, welcome.finished_at, 0);
    expect(welcome.reason).toBe(
      `sandbox: stored in the outbox for ${customer.email} (no SendGrid credentials)`,
    );

    const wait = stepOf(steps, 'wait-3d');
    expect(wait.reason).toBe('waited 3 days');
    expect(between(wait.entered_at, wait.wake_at!)).toBe(3 * DAY);
    const channel = stepOf(steps, 'channel');
    expect(channel.branch).toBe('else');
    expect(channel.reason).toBe("consent.sms is not set → took 'else'");
    const reminder = stepOf(steps, 'email-reminder');
    expectAfter(trigger.entered_at, reminder.entered_at, 3 * DAY);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['welcome-email', 'email', 'welcome', customer.email, 'sandboxed'],
      ['email-reminder', 'email', 'welcome-reminder', customer.email, 'sandboxed'],
    ]);
    expect(messages[0].subject).toBe('Welcome, Ada! Here is 10% off your first order');
    expect(messages[0].body_html).toContain(coupon.code);
    expect(messages[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(messages[1].subject).toBe('Ada, your welcome code is still waiting');
    expect(messages[1].body_html).toContain(`<strong>${coupon.code}</strong> is still valid until`);
    expect(reminder.message_id).toBe(messages[1].id);

    expect(await runRowOf(stack.db, runId)).toEqual({
      status: 'completed',
      status_reason: null,
      current_node_id: null,
    });
    await histories.keep('welcome-coupon-email-reminder', handle);
  });

  it('an SMS opt-out is not consent: the reminder goes by email', async () => {
    const { runId, handle } = await enterWelcome({ consents: { sms: 'opted_out' } });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(stepOf(steps, 'channel')).toMatchObject({
      branch: 'else',
      reason: 'consent.sms is "opted_out" → took \'else\'',
    });
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel])).toEqual([
      ['welcome-email', 'email'],
      ['email-reminder', 'email'],
    ]);
  });

  it('with SMS consent and the reminder due in quiet hours: the SMS is deferred to 08:00 in their zone', async () => {
    const t0 = await stack.now();
    // Their local clock shows 23:xx when the 3-day wait ends: inside SMS quiet hours (21:00-08:00).
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 3 * DAY), 23);
    const { customer, runId, handle } = await enterWelcome({
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
    });

    const result = await finish(handle, async () => {
      await stack.env.sleep(3 * DAY + HOUR);
      // Mid-deferral, the timeline says why nothing was sent and when it will be.
      await eventually(async () => {
        const steps = await stepsOf(stack.db, runId);
        const sms = stepOf(steps, 'sms-reminder');
        expect(sms.outcome).toBe('waiting');
        expect(sms.reason).toBe(`deferred: quiet hours until 08:00 ${zone.zone}`);
        expect(sms.wake_at).toEqual(nextLocalHour(zone, stepOf(steps, 'wait-3d').wake_at!, 8));
        expect(sms.finished_at).toBeNull();
      });
      expect(await messagesOf(stack.db, runId)).toHaveLength(1); // the welcome email only
      const state = await handle.query(runStateQuery);
      expect(state).toMatchObject({ currentNodeId: 'sms-reminder', paused: false, stopped: null });
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual([
      'trigger',
      'coupon',
      'welcome-email',
      'wait-3d',
      'channel',
      'sms-reminder',
      'done',
    ]);
    expect(stepOf(steps, 'channel')).toMatchObject({
      branch: 'sms-ok',
      reason: 'consent.sms is "opted_in" → took \'SMS consent\'',
    });
    const sms = stepOf(steps, 'sms-reminder');
    expect([23, 0]).toContain(localHourIn(zone, sms.entered_at)); // the scenario holds: due in quiet hours
    const eight = nextLocalHour(zone, stepOf(steps, 'wait-3d').wake_at!, 8);
    expectAfter(eight, sms.finished_at, 0); // sent at 08:00 local, not before
    expect(sms.outcome).toBe('completed');
    expect(sms.reason).toMatch(
      new RegExp(
        `^sandbox: SMS stored in the outbox for \\${customer.phone} \\(\\d+ segments?; no Twilio credentials\\) \\(deferred: quiet hours until 08:00 ${escapeRegExp(zone.zone)}\\)$`,
      ),
    );
    // After the send the timeline still says it was deferred, and until when.
    expect(sms.wake_at?.getTime()).toBe(eight.getTime());

    const [coupon] = await couponsOf(stack.db, runId);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['welcome-email', 'email', 'welcome', customer.email, 'sandboxed'],
      ['sms-reminder', 'sms', 'welcome-reminder', customer.phone, 'sandboxed'],
    ]);
    expect(messages[1].body_text).toMatch(/\/c\/[A-Za-z0-9_-]{16}/); // tracked
    expect(await untracked(stack.db, messages[1].body_text)).toBe(
      `Waypoint Store: Ada, your welcome code ${coupon.code} is still waiting. Shop: https://store.example.com Reply STOP to opt out.`,
    );
    await histories.keep('welcome-coupon-sms-quiet-hours', handle);
  });

  it('with SMS consent and the reminder due in the daytime: the SMS goes at once', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 3 * DAY), 12);
    const { customer, runId, handle } = await enterWelcome({
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    const wait = stepOf(steps, 'wait-3d');
    const sms = stepOf(steps, 'sms-reminder');
    expect([12, 13]).toContain(localHourIn(zone, sms.entered_at));
    expectAfter(wait.wake_at!, sms.finished_at, 0);
    expect(sms).toMatchObject({ outcome: 'completed', wake_at: null });
    expect(sms.reason).toMatch(/^sandbox: SMS stored in the outbox/);
    expectAfter(stepOf(steps, 'trigger').entered_at, sms.finished_at, 3 * DAY);

    const [coupon] = await couponsOf(stack.db, runId);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.channel, m.template, m.to_address])).toEqual([
      ['email', 'welcome', customer.email],
      ['sms', 'welcome-reminder', customer.phone],
    ]);
    expect(messages[1].body_text).toContain(coupon.code);
    await histories.keep('welcome-coupon-sms-daytime', handle);
  });

  it('an order one day in ends the run at once: exited, no reminder', async () => {
    const { customer, runId, handle } = await enterWelcome({ consents: { sms: 'opted_in' } });
    const result = await finish(handle, async () => {
      await stack.env.sleep(DAY);
      await handle.signal(runEventSignal, await orderPlaced(customer.id));
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'coupon', 'welcome-email', 'wait-3d']);
    const wait = stepOf(steps, 'wait-3d');
    expect(wait.reason).toBe('ended during the wait (exit rule: order.placed)');
    expectAbout(wait.entered_at, wait.finished_at, DAY); // ended on the order, not at day 3
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => m.template)).toEqual(['welcome']);
    expect(await runRowOf(stack.db, runId)).toEqual({
      status: 'exited',
      status_reason: 'exit rule: order.placed',
      current_node_id: null,
    });
    await histories.keep('welcome-coupon-ordered', handle);
  });
});

interface CartItem {
  title: string;
  variantTitle?: string;
  quantity: number;
  price: number;
}

/** A checkout's properties as the Shopify mapper produces them. */
function checkout(token: string, items: CartItem[]): Record<string, unknown> {
  const lineItems = items.map((item, i) => ({
    productId: `${632910392 + i}`,
    variantId: `${808950810 + i}`,
    sku: null,
    title: item.title,
    variantTitle: item.variantTitle ?? null,
    quantity: item.quantity,
    price: item.price,
  }));
  const total = Math.round(items.reduce((sum, i) => sum + i.price * i.quantity, 0) * 100) / 100;
  return {
    checkoutToken: token,
    cartToken: `cart-${token}`,
    abandonedCheckoutUrl: `https://store.example.com/checkouts/${token}/recover`,
    currency: 'EUR',
    totalPrice: total,
    subtotalPrice: total,
    discountCodes: [],
    lineItems,
    itemCount: items.reduce((sum, i) => sum + i.quantity, 0),
    acceptsMarketing: true,
    acceptsSmsMarketing: true,
    completedAt: null,
  };
}

const COFFEE: CartItem = {
  title: 'Organic Coffee 1 kg',
  variantTitle: 'Whole bean',
  quantity: 2,
  price: 19.9,
};
const DRIPPER: CartItem = { title: 'Ceramic Dripper', quantity: 1, price: 34 };
const GRINDER: CartItem = { title: 'Hand Grinder', variantTitle: 'Steel', quantity: 1, price: 89 };
const KETTLE: CartItem = { title: 'Gooseneck Kettle', quantity: 1, price: 59 };

describe('Abandoned cart (as shipped)', () => {
  async function enterCart(seed: Parameters<typeof seedCustomer>[1], items: CartItem[] = [COFFEE, DRIPPER]) {
    const customer = await seedCustomer(stack.db, seed);
    const token = `tok${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'checkout.started',
      checkout(token, items),
      await stack.now(),
    );
    const run = await enterRun(stack, {
      journeyId: await journeyId('abandoned-cart'),
      customerId: customer.id,
      trigger,
      entryKey: token,
    });
    return { customer, token, ...run };
  }

  it('not ordered, no consent: the 1 h reminder lists the cart, the last call by email with free shipping 24 h after', async () => {
    const { customer, token, runId, handle } = await enterCart({ timezone: 'America/New_York' });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['wait-1h', 'completed'],
      ['reminder', 'completed'],
      ['wait-23h', 'completed'],
      ['free-shipping', 'completed'],
      ['channel', 'completed'],
      ['last-call-email', 'completed'],
      ['done', 'completed'],
    ]);
    const trigger = stepOf(steps, 'trigger');
    expect(trigger.reason).toBe('entered on checkout.started');
    const wait1h = stepOf(steps, 'wait-1h');
    expect(wait1h.reason).toBe('waited 1 hour');
    expect(between(wait1h.entered_at, wait1h.wake_at!)).toBe(HOUR);
    expectAfter(trigger.entered_at, stepOf(steps, 'reminder').finished_at, HOUR);
    const wait23h = stepOf(steps, 'wait-23h');
    expect(between(wait23h.entered_at, wait23h.wake_at!)).toBe(23 * HOUR);
    const channel = stepOf(steps, 'channel');
    expect(channel.branch).toBe('else');
    expect(channel.reason).toMatch(/consent\.sms is not set → took 'else'$/);
    expectAfter(trigger.entered_at, stepOf(steps, 'last-call-email').finished_at, 24 * HOUR);

    const [coupon] = await couponsOf(stack.db, runId);
    expect(coupon.code).toMatch(/^SHIP-[A-HJ-NP-Z2-9]{8}$/);
    expect(coupon).toMatchObject({ kind: 'free_shipping', value: '0', node_id: 'free-shipping' });
    expectAfter(stepOf(steps, 'free-shipping').entered_at, coupon.expires_at, 3 * DAY);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['reminder', 'email', 'cart-reminder', customer.email, 'sandboxed'],
      ['last-call-email', 'email', 'cart-last-call', customer.email, 'sandboxed'],
    ]);
    const [reminder, lastCall] = messages;
    expect(reminder.subject).toBe('Ada, you left something in your cart');
    expect(reminder.body_html).toContain('Organic Coffee 1 kg (Whole bean) × 2');
    expect(reminder.body_html).toContain('€19.90');
    expect(reminder.body_html).toContain('Ceramic Dripper × 1');
    expect(reminder.body_html).toContain('€73.80'); // the total
    expect(reminder.body_html).not.toContain('href="https://store.example.com/checkouts/'); // tracked
    expect(await linkTargets(stack.db, reminder.body_html ?? '')).toContain(
      `https://store.example.com/checkouts/${token}/recover`,
    );
    expect(lastCall.subject).toBe('Free shipping on your cart, today only');
    expect(lastCall.body_html).toContain(`Use <strong>${coupon.code}</strong> for free shipping`);
    expect(lastCall.body_html).toContain('Your 3 item(s) are still in your cart');
    expect(await linkTargets(stack.db, lastCall.body_html ?? '')).toContain(
      `https://store.example.com/checkouts/${token}/recover`,
    );
    await histories.keep('abandoned-cart-email', handle);
  });

  it('with SMS consent: the last call goes by SMS with the SHIP code, deferred out of quiet hours', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 24 * HOUR), 23);
    const { customer, token, runId, handle } = await enterCart({
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
    });

    const result = await finish(handle, async () => {
      await stack.env.sleep(25 * HOUR);
      await eventually(async () => {
        const sms = stepOf(await stepsOf(stack.db, runId), 'last-call-sms');
        expect(sms).toMatchObject({
          outcome: 'waiting',
          reason: `deferred: quiet hours until 08:00 ${zone.zone}`,
        });
      });
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual([
      'trigger',
      'wait-1h',
      'reminder',
      'wait-23h',
      'free-shipping',
      'channel',
      'last-call-sms',
      'done',
    ]);
    expect(stepOf(steps, 'channel').branch).toBe('sms');
    expect(stepOf(steps, 'channel').reason).toMatch(/consent\.sms is "opted_in" → took 'SMS consent'$/);
    const sms = stepOf(steps, 'last-call-sms');
    expect([23, 0]).toContain(localHourIn(zone, sms.entered_at));
    expectAfter(nextLocalHour(zone, sms.entered_at, 8), sms.finished_at, 0);
    expect(sms.reason).toMatch(/^sandbox: SMS stored in the outbox/);

    const [coupon] = await couponsOf(stack.db, runId);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address])).toEqual([
      ['reminder', 'email', 'cart-reminder', customer.email],
      ['last-call-sms', 'sms', 'cart-last-call', customer.phone],
    ]);
    expect(messages[1].body_text).toMatch(/\/c\/[A-Za-z0-9_-]{16}/); // tracked
    expect(await untracked(stack.db, messages[1].body_text)).toBe(
      `Waypoint Store: your cart is still saved. Free shipping with ${coupon.code} today: https://store.example.com/checkouts/${token}/recover Reply STOP to opt out.`,
    );
    expect(coupon.code).toMatch(/^SHIP-/);
    await histories.keep('abandoned-cart-sms-quiet-hours', handle);
  });

  it('with WhatsApp consent and a WhatsApp message from them within the day: the last call is a free-form WhatsApp message', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 24 * HOUR), 12);
    const { customer, token, runId, handle } = await enterCart({
      timezone: zone.zone,
      consents: { whatsapp: 'opted_in', sms: 'opted_in' },
    });

    const result = await finish(handle, async () => {
      await stack.env.sleep(20 * HOUR);
      const inbound = await recordEvent(
        stack.db,
        customer.id,
        'whatsapp.inbound',
        { body: 'Is the dripper dishwasher safe?' },
        await stack.now(),
      );
      await handle.signal(runEventSignal, inbound);
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id).slice(-3)).toEqual(['channel', 'last-call-whatsapp', 'done']);
    const channel = stepOf(steps, 'channel');
    expect(channel.branch).toBe('whatsapp');
    expect(channel.reason).toBe(
      'consent.whatsapp is "opted_in", did whatsapp.inbound within 1 day (times) is 1 → took \'WhatsApp (consented, chatting today)\'',
    );
    const whatsapp = stepOf(steps, 'last-call-whatsapp');
    expect(whatsapp.outcome).toBe('completed');
    expect(whatsapp.reason).toBe(
      `sandbox: WhatsApp (free-form: inside 24 h of their last WhatsApp message) stored in the outbox for ${customer.phone}`,
    );
    expectAfter(stepOf(steps, 'trigger').entered_at, whatsapp.finished_at, 24 * HOUR);

    const [coupon] = await couponsOf(stack.db, runId);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['reminder', 'email', 'cart-reminder', customer.email, 'sandboxed'],
      ['last-call-whatsapp', 'whatsapp', 'cart-last-call', customer.phone, 'sandboxed'],
    ]);
    expect(messages[1].body_text).toMatch(/\/c\/[A-Za-z0-9_-]{16}/); // tracked
    expect(await untracked(stack.db, messages[1].body_text)).toBe(
      `Hi Ada! Your cart at Waypoint Store is still saved. Here is free shipping with code ${coupon.code}: https://store.example.com/checkouts/${token}/recover`,
    );
    await histories.keep('abandoned-cart-whatsapp', handle);
  });

  it('WhatsApp chosen, then deferred by quiet hours past the 24 h session: falls back to SMS and says why', async () => {
    const t0 = await stack.now();
    // The last call is due at 23:xx local; quiet hours push it to 08:00, 32 h after their message.
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 24 * HOUR), 23);
    const { customer, runId, handle } = await enterCart({
      timezone: zone.zone,
      consents: { whatsapp: 'opted_in', sms: 'opted_in' },
    });
    const result = await finish(handle, async () => {
      await stack.env.sleep(HOUR + 30 * 60_000);
      const inbound = await recordEvent(
        stack.db,
        customer.id,
        'whatsapp.inbound',
        { body: 'hi' },
        await stack.now(),
      );
      await handle.signal(runEventSignal, inbound);
    });
    expect(result).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(stepOf(steps, 'channel').branch).toBe('whatsapp');
    const lastCall = stepOf(steps, 'last-call-whatsapp');
    expect(lastCall.outcome).toBe('completed');
    expect(lastCall.reason).toMatch(
      /^sandbox: SMS stored in the outbox for .* \(instead of WhatsApp: WhatsApp free-form text is only allowed within 24 h.*\) \(deferred: quiet hours until 08:00 .*\)$/,
    );
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel])).toEqual([
      ['reminder', 'email'],
      ['last-call-whatsapp', 'sms'],
    ]);
  });

  it('with WhatsApp consent but no WhatsApp message from them in the last day: SMS (with consent) instead', async () => {
    const t0 = await stack.now();
    const zone = zoneWithLocalHour(new Date(t0.getTime() + 24 * HOUR), 12);
    const customer = await seedCustomer(stack.db, {
      timezone: zone.zone,
      consents: { whatsapp: 'opted_in', sms: 'opted_in' },
    });
    await recordEvent(
      stack.db,
      customer.id,
      'whatsapp.inbound',
      { body: 'hello' },
      new Date(t0.getTime() - 3 * DAY),
    );
    const token = `tok${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'checkout.started',
      checkout(token, [COFFEE]),
      t0,
    );
    const { runId, handle } = await enterRun(stack, {
      journeyId: await journeyId('abandoned-cart'),
      customerId: customer.id,
      trigger,
      entryKey: token,
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(stepOf(steps, 'channel').branch).toBe('sms');
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel])).toEqual([
      ['reminder', 'email'],
      ['last-call-sms', 'sms'],
    ]);
  });

  it('a checkout.updated for the same checkout at 30 min refreshes the cart the reminders show; another checkout does not', async () => {
    const { customer, token, runId, handle } = await enterCart({}, [COFFEE, DRIPPER]);
    const otherToken = `tok${randomUUID().replace(/-/g, '').slice(0, 16)}`;

    const result = await finish(handle, async () => {
      await stack.env.sleep(30 * MINUTE);
      const updated = await recordEvent(
        stack.db,
        customer.id,
        'checkout.updated',
        checkout(token, [GRINDER, { ...COFFEE, quantity: 1 }]),
        await stack.now(),
      );
      await handle.signal(runEventSignal, updated);
      await stack.env.sleep(15 * MINUTE);
      const other = await recordEvent(
        stack.db,
        customer.id,
        'checkout.updated',
        checkout(otherToken, [KETTLE]),
        await stack.now(),
      );
      await handle.signal(runEventSignal, other);
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'reminder').finished_at, HOUR);
    const [reminder, lastCall] = await messagesOf(stack.db, runId);
    expect(reminder.template).toBe('cart-reminder');
    expect(reminder.body_html).toContain('Hand Grinder (Steel) × 1');
    expect(reminder.body_html).toContain('Organic Coffee 1 kg (Whole bean) × 1');
    expect(reminder.body_html).toContain('€108.90');
    expect(reminder.body_html).not.toContain('Ceramic Dripper'); // the cart before the update
    expect(reminder.body_html).not.toContain('Gooseneck Kettle'); // another checkout's cart
    const reminderLinks = await linkTargets(stack.db, reminder.body_html ?? '');
    expect(reminderLinks.some((url) => url.includes(`/checkouts/${token}/recover`))).toBe(true);
    expect(reminderLinks.join(' ')).not.toContain(otherToken);
    expect(reminder.body_html).not.toContain(otherToken);
    expect(lastCall.template).toBe('cart-last-call');
    expect(lastCall.body_html).toContain('Your 2 item(s) are still in your cart');
    expect(
      (await linkTargets(stack.db, lastCall.body_html ?? '')).some((url) =>
        url.includes(`/checkouts/${token}/recover`),
      ),
    ).toBe(true);
    await histories.keep('abandoned-cart-refreshed', handle);
  });

  it('a checkout.updated delivered late with an older version does not bring back the older cart', async () => {
    const { customer, token, runId, handle } = await enterCart({}, [COFFEE, DRIPPER]);
    const result = await finish(handle, async () => {
      await stack.env.sleep(20 * MINUTE);
      const at20 = await stack.now();
      const newer = await recordEvent(
        stack.db,
        customer.id,
        'checkout.updated',
        { ...checkout(token, [GRINDER]), updatedAt: at20.toISOString() },
        at20,
      );
      await handle.signal(runEventSignal, newer);
      await stack.env.sleep(10 * MINUTE);
      // Shopify redelivers an update made at 15 min, after the one made at 20 min.
      const stale = await recordEvent(
        stack.db,
        customer.id,
        'checkout.updated',
        { ...checkout(token, [KETTLE]), updatedAt: new Date(at20.getTime() - 5 * MINUTE).toISOString() },
        await stack.now(),
      );
      await handle.signal(runEventSignal, stale);
    });
    expect(result).toEqual({ status: 'completed', reason: null });
    const [reminder] = await messagesOf(stack.db, runId);
    expect(reminder.body_html).toContain('Hand Grinder (Steel) × 1');
    expect(reminder.body_html).not.toContain('Gooseneck Kettle');
    expect(reminder.body_html).not.toContain('Ceramic Dripper');
    await histories.keep('abandoned-cart-stale-update', handle);
  });

  it('an order during the 23 h wait ends the run: no free-shipping coupon, no last call', async () => {
    const { customer, token, runId, handle } = await enterCart({ consents: { sms: 'opted_in' } });
    const result = await finish(handle, async () => {
      await stack.env.sleep(5 * HOUR);
      await handle.signal(runEventSignal, await orderPlaced(customer.id, { checkoutToken: token }));
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'wait-1h', 'reminder', 'wait-23h']);
    const wait = stepOf(steps, 'wait-23h');
    expect(wait.reason).toBe('ended during the wait (exit rule: order.placed)');
    expect(between(stepOf(steps, 'trigger').entered_at, wait.finished_at!)).toBeLessThan(6 * HOUR);
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['cart-reminder']);
    expect(await couponsOf(stack.db, runId)).toEqual([]);
    expect(await runRowOf(stack.db, runId)).toMatchObject({
      status: 'exited',
      status_reason: 'exit rule: order.placed',
    });
    await histories.keep('abandoned-cart-ordered', handle);
  });
});

describe('Replenishment (as shipped)', () => {
  function order(): Record<string, unknown> {
    return {
      orderId: '450789469',
      orderName: '#1001',
      currency: 'EUR',
      totalPrice: 39.8,
      hasConsumable: true,
      lineItems: [
        {
          productId: '632910392',
          variantId: '808950810',
          sku: 'COFFEE-1KG',
          title: 'Organic Coffee 1 kg',
          variantTitle: 'Whole bean',
          quantity: 2,
          price: 19.9,
        },
      ],
      itemCount: 2,
    };
  }

  async function enterReplenishment(replenishAfter: number | null) {
    const t0 = await stack.now();
    const attributes =
      replenishAfter === null ? {} : { replenish_at: new Date(t0.getTime() + replenishAfter).toISOString() };
    const customer = await seedCustomer(stack.db, { attributes });
    // The trigger is itself an order.placed with a consumable: it must not trip the exit rule.
    const trigger = await recordEvent(stack.db, customer.id, 'order.placed', order(), t0);
    const run = await enterRun(stack, {
      journeyId: await journeyId('replenishment'),
      customerId: customer.id,
      trigger,
    });
    return { customer, t0, ...run };
  }

  it('replenish_at 30 days after the order: the reorder reminder goes exactly 27 days after it', async () => {
    const { customer, t0, runId, handle } = await enterReplenishment(30 * DAY);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['until-run-out', 'completed'],
      ['reminder', 'completed'],
      ['done', 'completed'],
    ]);
    expect(stepOf(steps, 'trigger').reason).toBe('entered on order.placed');
    const wait = stepOf(steps, 'until-run-out');
    expect(wait.reason).toBe('waited until attributes.replenish_at -3d');
    expect(between(t0, wait.wake_at!)).toBe(27 * DAY); // replenish_at minus three days, to the millisecond
    const reminder = stepOf(steps, 'reminder');
    expectAfter(wait.wake_at!, reminder.finished_at, 0);
    expectAfter(stepOf(steps, 'trigger').entered_at, reminder.finished_at, 27 * DAY - MINUTE);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.channel, m.template, m.to_address, m.status])).toEqual([
      ['email', 'replenishment-reminder', customer.email, 'sandboxed'],
    ]);
    expect(messages[0].subject).toBe('Running low? Time to restock');
    expect(messages[0].body_html).toContain('<li>Organic Coffee 1 kg (Whole bean)</li>');
    expect(await linkTargets(stack.db, messages[0].body_html ?? '')).toContain(
      'https://store.example.com/account/orders/450789469/reorder',
    );
    await histories.keep('replenishment-reminder', handle);
  });

  it('a reorder with a consumable before then exits; an order without one does not', async () => {
    const { customer, runId, handle } = await enterReplenishment(30 * DAY);
    const result = await finish(handle, async () => {
      await stack.env.sleep(10 * DAY);
      await handle.signal(runEventSignal, await orderPlaced(customer.id, { hasConsumable: false }));
      const state = await handle.query(runStateQuery);
      expect(state).toMatchObject({ currentNodeId: 'until-run-out', stopped: null });
      expect(state.waitingUntil).not.toBeNull();
      await stack.env.sleep(DAY);
      await handle.signal(runEventSignal, await orderPlaced(customer.id, { hasConsumable: true }));
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'until-run-out']);
    const wait = stepOf(steps, 'until-run-out');
    expect(wait.reason).toBe('ended during the wait (exit rule: order.placed)');
    expectAbout(wait.entered_at, wait.finished_at, 11 * DAY);
    expect(await messagesOf(stack.db, runId)).toEqual([]);
    await histories.keep('replenishment-reordered', handle);
  });

  it('a customer without replenish_at: the wait is skipped with the reason, and the reminder goes at once', async () => {
    const { customer, runId, handle } = await enterReplenishment(null);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['until-run-out', 'skipped'],
      ['reminder', 'completed'],
      ['done', 'completed'],
    ]);
    const wait = stepOf(steps, 'until-run-out');
    expect(wait.reason).toBe('skipped: attributes.replenish_at is not a date for this customer');
    expect(wait.wake_at).toBeNull();
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'reminder').finished_at, 0);
    expect((await messagesOf(stack.db, runId)).map((m) => [m.template, m.to_address])).toEqual([
      ['replenishment-reminder', customer.email],
    ]);
    await histories.keep('replenishment-no-date', handle);
  });

  it('replenish_at less than 3 days away: the wake-up is already past, the reminder goes at once', async () => {
    const { t0, runId, handle } = await enterReplenishment(2 * DAY);
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    const wait = stepOf(steps, 'until-run-out');
    expect(wait).toMatchObject({
      outcome: 'completed',
      reason: 'until attributes.replenish_at -3d: already past, went on at once',
    });
    expect(between(t0, wait.wake_at!)).toBe(-DAY);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'reminder').finished_at, 0);
  });
});

describe('We miss you (as shipped)', () => {
  const SPLIT = shippedJourney('we-miss-you').definition.nodes.find((n) => n.id === 'offer-or-survey');
  const ARMS = SPLIT?.type === 'branch.split' ? SPLIT.data.arms : [];

  /** Fixed run ids: the arms they land in are the same on every run of this test. */
  const runIdNumber = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  async function enterWinback(runId?: string) {
    const customer = await seedCustomer(stack.db, {});
    const trigger = await recordEvent(
      stack.db,
      customer.id,
      'lifecycle.stage_changed',
      { from: 'at_risk', to: 'inactive' },
      await stack.now(),
    );
    const run = await enterRun(stack, {
      journeyId: await journeyId('we-miss-you'),
      customerId: customer.id,
      trigger,
      runId,
    });
    return { customer, ...run };
  }

  it('the split spreads runs evenly, and a run id always lands in the same arm', () => {
    expect(ARMS.map((a) => [a.id, a.percent])).toEqual([
      ['offer', 50],
      ['survey', 50],
    ]);
    let offers = 0;
    for (let n = 0; n < 10_000; n++) {
      const bucket = splitBucket(runIdNumber(n), 'offer-or-survey', 1);
      expect(splitBucket(runIdNumber(n), 'offer-or-survey', 1)).toBe(bucket);
      if (pickArm(ARMS, bucket).id === 'offer') offers++;
    }
    expect(offers / 10_000).toBeGreaterThan(0.45);
    expect(offers / 10_000).toBeLessThan(0.55);
  });

  it('coupon and win-back email, 7 days, then the last offer or the survey: both arms are reached, each as its run id says', async () => {
    const arms = new Set<string>();
    const kept = new Set<string>();
    // One after the other: the time-skipping server does not cope well with many concurrent runs.
    for (let n = 1; n <= 8; n++) {
      const { customer, runId, handle } = await enterWinback(runIdNumber(n));
      expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
      const bucket = splitBucket(runId, 'offer-or-survey', 1);
      const arm = pickArm(ARMS, bucket);
      arms.add(arm.id);
      const sendNode = arm.id === 'offer' ? 'last-offer' : 'survey';

      const steps = await stepsOf(stack.db, runId);
      expect(steps.map((s) => s.node_id)).toEqual([
        'trigger',
        'incentive',
        'winback',
        'wait-7d',
        'offer-or-survey',
        sendNode,
        'done',
      ]);
      expect(stepOf(steps, 'trigger').reason).toBe('entered on lifecycle.stage_changed');
      const wait = stepOf(steps, 'wait-7d');
      expect(between(wait.entered_at, wait.wake_at!)).toBe(7 * DAY);
      const split = stepOf(steps, 'offer-or-survey');
      expect(split.branch).toBe(arm.id);
      expect(split.reason).toBe(
        `split: took '${arm.name}' (bucket ${bucket.toFixed(2)}; Last offer 50%, Survey 50%)`,
      );
      expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, sendNode).finished_at, 7 * DAY);

      const [coupon] = await couponsOf(stack.db, runId);
      expect(coupon.code).toMatch(/^COMEBACK-/);
      expect(coupon).toMatchObject({ kind: 'percent', value: '15' });
      const messages = await messagesOf(stack.db, runId);
      expect(messages.map((m) => [m.node_id, m.template, m.to_address])).toEqual([
        ['winback', 'winback', customer.email],
        [sendNode, arm.id === 'offer' ? 'winback-last-offer' : 'winback-survey', customer.email],
      ]);
      expect(messages[0].subject).toBe('We miss you, Ada. Here is 15% off');
      expect(messages[0].body_html).toContain(coupon.code);
      expect(messages[1].body_html).toContain(coupon.code);
      expect(messages[1].subject).toBe(
        arm.id === 'offer' ? 'Last chance: 15% off ends soon' : 'Can we ask you one question?',
      );
      if (!kept.has(arm.id)) {
        kept.add(arm.id);
        await histories.keep(`we-miss-you-${arm.id}`, handle);
      }
    }
    expect([...arms].sort()).toEqual(['offer', 'survey']);
  });

  it('an order during the 7 days exits: the win-back email only', async () => {
    const { customer, runId, handle } = await enterWinback();
    const result = await finish(handle, async () => {
      await stack.env.sleep(3 * DAY);
      await handle.signal(runEventSignal, await orderPlaced(customer.id));
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'incentive', 'winback', 'wait-7d']);
    expect(stepOf(steps, 'wait-7d').reason).toBe('ended during the wait (exit rule: order.placed)');
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['winback']);
    await histories.keep('we-miss-you-ordered', handle);
  });
});

replaysKeptHistories(histories, { atLeast: 14 });

/** Zone names such as Etc/GMT+9 carry regex metacharacters. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
