/**
 * The journey library's shipped journeys (templates/journeys/*.json): browse abandonment, loyalty
 * invitation, loyalty tier upgrade, back in stock and price drop, exactly as shipped and with
 * their real delays, under Temporal's time-skipping test server, the way
 * shipped-journeys.time-skipping.test.ts runs the first four: the worker's real activities against
 * this file's database, providers in sandbox (each message a `sandboxed` row), runs started as the
 * event router starts them and events reaching them as signals.
 *
 * Every path: sent, exited on the events the journey names (mid-wait), consent missing, the
 * frequency cap and quiet hours, SMS or email by consent, a Turkish customer's message. How events
 * enter these journeys (filters, no re-entry per view) is tested over HTTP in
 * apps/api/test/journey-library.e2e.test.ts.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { type journeyRun, runEventSignal } from '@waypoint/workflows';
import { HistoryRecorder, replaysKeptHistories } from './support/histories';
import { finishRun } from './support/run-until';
import {
  between,
  couponsOf,
  DAY,
  enterRun,
  HOUR,
  linkTargets,
  messagesOf,
  recordEvent,
  runRowOf,
  seedCustomer,
  stepOf,
  stepsOf,
  untracked,
  type CustomerSeed,
  type ShippedJourneyKey,
} from './support/seed';
import { expectAfter, shippedJourneyIds, SLACK } from './support/shipped-runs';
import { useTimeSkippingStack } from './support/time-skipping-stack';
import { localHourIn, nextLocalHour, zoneWithLocalHour } from './support/zones';

jest.setTimeout(90_000);

const stack = useTimeSkippingStack();
const histories = new HistoryRecorder();

const finish = (handle: WorkflowHandle<typeof journeyRun>, during?: () => Promise<void>) =>
  finishRun(stack, handle, during);

const journeyId = shippedJourneyIds(stack);

/** Starts a run of a shipped journey for a new customer on `type` with `properties`, now. */
async function enter(
  key: ShippedJourneyKey,
  type: string,
  properties: Record<string, unknown>,
  seed: CustomerSeed & { locale?: string; loyaltyPoints?: number } = {},
  entryKey?: string,
) {
  const { locale, loyaltyPoints, ...customerSeed } = seed;
  const customer = await seedCustomer(stack.db, customerSeed);
  if (locale || loyaltyPoints !== undefined)
    await stack.db.query(
      `UPDATE customers SET locale = COALESCE($2, locale), loyalty_points = COALESCE($3, loyalty_points) WHERE id = $1`,
      [customer.id, locale ?? null, loyaltyPoints ?? null],
    );
  const trigger = await recordEvent(stack.db, customer.id, type, properties, await stack.now());
  const run = await enterRun(stack, {
    journeyId: await journeyId(key),
    customerId: customer.id,
    trigger,
    entryKey,
  });
  return { customer, ...run };
}

async function signal(
  handle: WorkflowHandle<typeof journeyRun>,
  customerId: string,
  type: string,
  properties = {},
) {
  await handle.signal(
    runEventSignal,
    await recordEvent(stack.db, customerId, type, properties, await stack.now()),
  );
}

/** A product as the storefront's product.viewed and the catalogue's events carry it. */
const LAVENDER = {
  productId: '7001',
  variantId: '7001-1',
  title: 'Lavender Oil 50 ml',
  url: 'https://store.example.com/products/lavender-oil',
  image: 'https://cdn.example.com/lavender.jpg',
  price: 24.9,
};

/**
 * Frequency caps count messages by `created_at`, the database's clock, against the workflow's
 * clock, and the time-skipping server's clock runs ahead of the database's (it skips, and may leap;
 * see time-skipping-stack.ts). A cap test puts a run's messages at the workflow's "now", where a
 * real server would have written them.
 */
async function sentAtWorkflowTime(runId: string): Promise<void> {
  await stack.db.query(`UPDATE messages SET created_at = $2 WHERE run_id = $1`, [runId, await stack.now()]);
}

/**
 * The same for every message of a customer, just before the next run starts: the clock may leap
 * again when a run completes, so messages moved after an earlier run can fall out of a later one's
 * window although a real server would have written them minutes apart.
 */
async function customerSentAtWorkflowTime(customerId: string): Promise<void> {
  await stack.db.query(`UPDATE messages SET created_at = $2 WHERE customer_id = $1`, [
    customerId,
    await stack.now(),
  ]);
}

/** A zone whose clock shows `hour`:xx `after` ms from now (the server's clock). */
async function zoneAt(after: number, hour: number) {
  return zoneWithLocalHour(new Date((await stack.now()).getTime() + after), hour);
}

describe('Browse abandonment (as shipped)', () => {
  const viewed = (seed: Parameters<typeof enter>[3] = {}) =>
    enter('browse-abandonment', 'product.viewed', LAVENDER, seed);

  it('no cart or order within 4 hours: the email shows the product viewed, its picture, price and link', async () => {
    const zone = await zoneAt(4 * HOUR, 12);
    const { customer, runId, handle } = await viewed({ timezone: zone.zone });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['wait-4h', 'completed'],
      ['reminder', 'completed'],
      ['done', 'completed'],
    ]);
    expect(stepOf(steps, 'trigger').reason).toBe('entered on product.viewed');
    const wait = stepOf(steps, 'wait-4h');
    expect(between(wait.entered_at, wait.wake_at!)).toBe(4 * HOUR);
    const reminder = stepOf(steps, 'reminder');
    expectAfter(wait.wake_at!, reminder.finished_at, 0);
    expect(reminder.reason).toBe(
      `sandbox: stored in the outbox for ${customer.email} (no SendGrid credentials)`,
    );

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.channel, m.template, m.to_address, m.status])).toEqual([
      ['reminder', 'email', 'browse-reminder', customer.email, 'sandboxed'],
    ]);
    expect(messages[0].subject).toBe('Ada, still thinking about Lavender Oil 50 ml?');
    expect(messages[0].body_html).toContain(
      'src="https://cdn.example.com/lavender.jpg" alt="Lavender Oil 50 ml"',
    );
    expect(messages[0].body_html).toContain('$24.90');
    expect(await linkTargets(stack.db, messages[0].body_html ?? '')).toContain(LAVENDER.url);
    expect(messages[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click'); // marketing
    await histories.keep('browse-abandonment-sent', handle);
  });

  it.each(['cart.updated', 'checkout.started', 'order.placed'])(
    'a %s during the 4 hours ends the run at once: no email',
    async (exitEvent) => {
      const { customer, runId, handle } = await viewed();
      const result = await finish(handle, async () => {
        await stack.env.sleep(2 * HOUR);
        await signal(handle, customer.id, exitEvent, { totalPrice: 24.9 });
      });
      expect(result).toEqual({ status: 'exited', reason: `exit rule: ${exitEvent}` });
      const steps = await stepsOf(stack.db, runId);
      expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'wait-4h']);
      const wait = stepOf(steps, 'wait-4h');
      expect(wait.reason).toBe(`ended during the wait (exit rule: ${exitEvent})`);
      expect(between(wait.entered_at, wait.finished_at!)).toBeLessThan(2 * HOUR + SLACK);
      expect(await messagesOf(stack.db, runId)).toEqual([]);
      expect(await runRowOf(stack.db, runId)).toMatchObject({ status: 'exited' });
      if (exitEvent === 'order.placed') await histories.keep('browse-abandonment-ordered', handle);
    },
  );

  it('due at 23:00 in their zone: the email waits for the end of email quiet hours, 09:00', async () => {
    const zone = await zoneAt(4 * HOUR, 23);
    const { runId, handle } = await viewed({ timezone: zone.zone });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    const wait = stepOf(steps, 'wait-4h');
    const reminder = stepOf(steps, 'reminder');
    expect([23, 0]).toContain(localHourIn(zone, reminder.entered_at)); // the scenario holds
    const nine = nextLocalHour(zone, wait.wake_at!, 9);
    expectAfter(nine, reminder.finished_at, 0);
    expect(reminder.reason).toMatch(
      new RegExp(`\\(deferred: quiet hours until 09:00 ${zone.zone.replace(/[+]/g, '\\+')}\\)$`),
    );
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['browse-reminder']);
    await histories.keep('browse-abandonment-quiet-hours', handle);
  });

  it('unsubscribed from marketing email: the reminder is skipped with the reason', async () => {
    const zone = await zoneAt(4 * HOUR, 12);
    const { runId, handle } = await viewed({ timezone: zone.zone, consents: { email: 'opted_out' } });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const reminder = stepOf(await stepsOf(stack.db, runId), 'reminder');
    expect(reminder.outcome).toBe('skipped');
    expect(reminder.reason).toMatch(/^skipped: unsubscribed from marketing email/);
    expect(await messagesOf(stack.db, runId)).toEqual([]);
  });

  it('an email from another journey within the last 24 hours: the reminder gives way to the cap', async () => {
    const zone = await zoneAt(4 * HOUR, 12);
    const first = await enter('back-in-stock', 'product.back_in_stock', LAVENDER, { timezone: zone.zone });
    expect(await finish(first.handle)).toEqual({ status: 'completed', reason: null });
    expect(await messagesOf(stack.db, first.runId)).toHaveLength(1);
    await sentAtWorkflowTime(first.runId);

    const customerId = first.customer.id;
    const trigger = await recordEvent(stack.db, customerId, 'product.viewed', LAVENDER, await stack.now());
    const { runId, handle } = await enterRun(stack, {
      journeyId: await journeyId('browse-abandonment'),
      customerId,
      trigger,
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const reminder = stepOf(await stepsOf(stack.db, runId), 'reminder');
    expect(reminder).toMatchObject({
      outcome: 'skipped',
      reason: 'skipped: frequency cap: 1 email message in the last 24 hours (at most 1)',
    });
    expect(await messagesOf(stack.db, runId)).toEqual([]);
  });
});

describe('Loyalty invitation (as shipped)', () => {
  const firstOrder = { orderId: '1001', currency: 'USD', totalPrice: 120 };

  it('the invitation with the points of the first order at once; 30 days later the balance as it is then', async () => {
    const { customer, runId, handle } = await enter('loyalty-invitation', 'order.placed', firstOrder, {
      loyaltyPoints: 120,
    });
    const result = await finish(handle, async () => {
      await stack.env.sleep(10 * DAY);
      // Points earned meanwhile (a second order) show in the reminder.
      await stack.db.query(`UPDATE customers SET loyalty_points = 340 WHERE id = $1`, [customer.id]);
    });
    expect(result).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['invitation', 'completed'],
      ['wait-30d', 'completed'],
      ['has-points', 'completed'],
      ['points-reminder', 'completed'],
      ['done', 'completed'],
    ]);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'invitation').finished_at, 0);
    const wait = stepOf(steps, 'wait-30d');
    expect(between(wait.entered_at, wait.wake_at!)).toBe(30 * DAY);
    expect(stepOf(steps, 'has-points')).toMatchObject({
      branch: 'points',
      reason: "loyaltyPoints is 340 → took 'Has points to spend'",
    });
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'points-reminder').finished_at, 30 * DAY);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.template, m.to_address])).toEqual([
      ['invitation', 'loyalty-invitation', customer.email],
      ['points-reminder', 'loyalty-points-reminder', customer.email],
    ]);
    expect(messages[0].subject).toBe('Ada, you have earned 120 points with your first order');
    expect(messages[1].subject).toBe('Ada, you have 340 points to spend');
    expect(messages[1].body_html).toContain('340 points</p>');
    await histories.keep('loyalty-invitation-reminder', handle);
  });

  it('no points left after 30 days (the order was cancelled): the invitation only', async () => {
    const { customer, runId, handle } = await enter('loyalty-invitation', 'order.placed', firstOrder, {
      loyaltyPoints: 120,
    });
    const result = await finish(handle, async () => {
      await stack.env.sleep(DAY);
      await stack.db.query(`UPDATE customers SET loyalty_points = 0 WHERE id = $1`, [customer.id]);
    });
    expect(result).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'invitation', 'wait-30d', 'has-points', 'done']);
    expect(stepOf(steps, 'has-points')).toMatchObject({
      branch: 'else',
      reason: "loyaltyPoints is 0 → took 'else'",
    });
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['loyalty-invitation']);
    await histories.keep('loyalty-invitation-no-points', handle);
  });

  it('a Turkish customer gets both in Turkish', async () => {
    const { runId, handle } = await enter('loyalty-invitation', 'order.placed', firstOrder, {
      firstName: 'Ayşe',
      locale: 'tr-TR',
      loyaltyPoints: 120,
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => m.subject)).toEqual([
      'Ayşe, ilk siparişinizle 120 puan kazandınız',
      'Ayşe, harcamayı bekleyen 120 puanınız var',
    ]);
    expect(messages[0].body_html).toContain('<html lang="tr">');
  });
});

describe('Loyalty tier upgrade (as shipped)', () => {
  const toGold = { from: 'silver', to: 'gold', points: 1620, upgrade: true };

  it('without SMS consent: a members-only code and the congratulation at once, nothing more after 7 days', async () => {
    const { customer, runId, handle } = await enter('loyalty-tier-upgrade', 'loyalty.tier_changed', toGold, {
      loyaltyPoints: 1620,
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });

    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['early-access', 'completed'],
      ['congratulations', 'completed'],
      ['wait-7d', 'completed'],
      ['channel', 'completed'],
      ['done', 'completed'],
    ]);
    expect(stepOf(steps, 'trigger').reason).toBe('entered on loyalty.tier_changed');
    expect(stepOf(steps, 'channel')).toMatchObject({
      branch: 'else',
      reason: "consent.sms is not set → took 'else'",
    });

    const [coupon] = await couponsOf(stack.db, runId);
    expect(coupon.code).toMatch(/^VIP-[A-HJ-NP-Z2-9]{8}$/);
    expect(coupon).toMatchObject({ kind: 'percent', value: '15', node_id: 'early-access' });
    expectAfter(stepOf(steps, 'early-access').entered_at, coupon.expires_at, 14 * DAY);

    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.node_id, m.template, m.to_address])).toEqual([
      ['congratulations', 'tier-upgrade', customer.email],
    ]);
    expect(messages[0].subject).toBe('Congratulations, Ada! You have reached gold');
    expect(messages[0].body_html).toContain('With 1620 points you have moved up to <strong>gold</strong>');
    expect(messages[0].body_html).toContain(coupon.code);
    expect(await linkTargets(stack.db, messages[0].body_html ?? '')).toContain(
      'https://store.example.com/collections/early-access',
    );
    await histories.keep('loyalty-tier-upgrade-email', handle);
  });

  it('with SMS consent: the code again by SMS 7 days later', async () => {
    const zone = await zoneAt(7 * DAY, 12);
    const { customer, runId, handle } = await enter('loyalty-tier-upgrade', 'loyalty.tier_changed', toGold, {
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual([
      'trigger',
      'early-access',
      'congratulations',
      'wait-7d',
      'channel',
      'sms-reminder',
      'done',
    ]);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'sms-reminder').finished_at, 7 * DAY);
    const [coupon] = await couponsOf(stack.db, runId);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.channel, m.template, m.to_address])).toEqual([
      ['email', 'tier-upgrade', customer.email],
      ['sms', 'tier-upgrade-reminder', customer.phone],
    ]);
    expect(await untracked(stack.db, messages[1].body_text)).toBe(
      `Waypoint Store: your members-only early access code ${coupon.code} is still waiting: https://store.example.com Reply STOP to opt out.`,
    );
    await histories.keep('loyalty-tier-upgrade-sms', handle);
  });

  it('an order during the 7 days ends the run: no SMS', async () => {
    const { customer, runId, handle } = await enter('loyalty-tier-upgrade', 'loyalty.tier_changed', toGold, {
      consents: { sms: 'opted_in' },
    });
    const result = await finish(handle, async () => {
      await stack.env.sleep(2 * DAY);
      await signal(handle, customer.id, 'order.placed', { orderId: '2002', totalPrice: 80 });
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => s.node_id)).toEqual(['trigger', 'early-access', 'congratulations', 'wait-7d']);
    expect((await messagesOf(stack.db, runId)).map((m) => m.template)).toEqual(['tier-upgrade']);
    await histories.keep('loyalty-tier-upgrade-ordered', handle);
  });
});

describe('Back in stock (as shipped)', () => {
  const backInStock = (seed: Parameters<typeof enter>[3] = {}) =>
    enter('back-in-stock', 'product.back_in_stock', LAVENDER, seed, LAVENDER.productId);

  it('without SMS consent: an email with the product, its picture, price and link', async () => {
    const { customer, runId, handle } = await backInStock();
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['channel', 'completed'],
      ['email-alert', 'completed'],
      ['done', 'completed'],
    ]);
    expectAfter(stepOf(steps, 'trigger').entered_at, stepOf(steps, 'email-alert').finished_at, 0);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.channel, m.to_address])).toEqual([
      ['back-in-stock', 'email', customer.email],
    ]);
    expect(messages[0].subject).toBe('Back in stock: Lavender Oil 50 ml');
    expect(messages[0].body_html).toContain('src="https://cdn.example.com/lavender.jpg"');
    expect(messages[0].body_html).toContain('$24.90');
    expect(await linkTargets(stack.db, messages[0].body_html ?? '')).toContain(LAVENDER.url);
    await histories.keep('back-in-stock-email', handle);
  });

  it('with SMS consent: an SMS with the product and its link, in Turkish for a Turkish customer', async () => {
    const zone = await zoneAt(0, 12);
    const { customer, runId, handle } = await backInStock({
      timezone: zone.zone,
      consents: { sms: 'opted_in' },
      locale: 'tr',
    });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(stepOf(steps, 'channel')).toMatchObject({ branch: 'sms-ok' });
    expect(stepOf(steps, 'sms-alert').outcome).toBe('completed');
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.channel, m.to_address])).toEqual([
      ['back-in-stock', 'sms', customer.phone],
    ]);
    expect(await untracked(stack.db, messages[0].body_text)).toBe(
      `Waypoint Store: Lavender Oil 50 ml yeniden stokta: ${LAVENDER.url} İptal için RET yazın`,
    );
    await histories.keep('back-in-stock-sms', handle);
  });

  it('unsubscribed from marketing email and no SMS consent: nothing is sent, and the step says why', async () => {
    const { runId, handle } = await backInStock({ consents: { email: 'opted_out' } });
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const alert = stepOf(await stepsOf(stack.db, runId), 'email-alert');
    expect(alert.outcome).toBe('skipped');
    expect(alert.reason).toMatch(/^skipped: unsubscribed from marketing email/);
    expect(await messagesOf(stack.db, runId)).toEqual([]);
  });
});

describe('Price drop (as shipped)', () => {
  const dropped = (product: Record<string, unknown>) => ({ ...product, previousPrice: 29.9, drop: 5 });

  it('an email with the old price, the new one and the drop', async () => {
    const { customer, runId, handle } = await enter(
      'price-drop',
      'product.price_dropped',
      dropped(LAVENDER),
      {},
      LAVENDER.productId,
    );
    expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
    const steps = await stepsOf(stack.db, runId);
    expect(steps.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['price-alert', 'completed'],
      ['done', 'completed'],
    ]);
    const messages = await messagesOf(stack.db, runId);
    expect(messages.map((m) => [m.template, m.to_address])).toEqual([['price-drop', customer.email]]);
    expect(messages[0].subject).toBe('Price drop: Lavender Oil 50 ml is now $24.90');
    expect(messages[0].body_html).toContain('<s style="color:#59636e">$29.90</s> <strong>$24.90</strong>');
    expect(messages[0].body_html).toContain('You save $5.00');
    expect(await linkTargets(stack.db, messages[0].body_html ?? '')).toContain(LAVENDER.url);
    await histories.keep('price-drop-email', handle);
  });

  it('a sale dropping many prices at once: two emails a day at most, the third drop is capped', async () => {
    const customer = await seedCustomer(stack.db, {});
    const outcomes: string[] = [];
    for (const n of [1, 2, 3]) {
      const product = { ...LAVENDER, productId: `700${n}`, title: `Product ${n}` };
      await customerSentAtWorkflowTime(customer.id);
      const trigger = await recordEvent(
        stack.db,
        customer.id,
        'product.price_dropped',
        dropped(product),
        await stack.now(),
      );
      const { runId, handle } = await enterRun(stack, {
        journeyId: await journeyId('price-drop'),
        customerId: customer.id,
        trigger,
        entryKey: product.productId,
      });
      expect(await finish(handle)).toEqual({ status: 'completed', reason: null });
      const alert = stepOf(await stepsOf(stack.db, runId), 'price-alert');
      outcomes.push(`${alert.outcome}: ${alert.reason?.startsWith('sandbox') ? 'sent' : alert.reason}`);
    }
    expect(outcomes).toEqual([
      'completed: sent',
      'completed: sent',
      'skipped: skipped: frequency cap: 2 email messages in the last 24 hours (at most 2)',
    ]);
  });
});

replaysKeptHistories(histories, { atLeast: 11 });
