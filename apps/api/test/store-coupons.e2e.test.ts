/**
 * Real coupons through the real API, worker and Shopify client against a local server speaking
 * the Admin GraphQL API: the coupon node creates its code in the store (that customer only, one
 * use, the node's expiry) before the email shows it; a worker killed between the store's create
 * and our record leaves one code in the store and the same code in the email; a refusal fails the
 * step with the store's message and no email shows the code; throttling and 5xx are waited out
 * and the code created once; without a store the code stays local and the step says so. An order
 * using the code redeems it: coupon.redeemed with run and journey, shown on the customer page, and
 * a journey whose exit rule is coupon.redeemed exits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { ShopifyAdminStub, type StubDiscount } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(180_000);

const TOKEN = 'shpat_store_coupons_test';
const DAY = 86_400_000;

/** trigger(customer.updated) -> coupon (15 %, 7 days) -> welcome email -> wait 1 h -> exit; exits on coupon.redeemed. */
const couponJourney: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
    {
      id: 'coupon',
      type: 'action.coupon',
      data: { kind: 'percent', value: 15, prefix: 'STORE', expiresIn: '7d' },
    },
    { id: 'email', type: 'send.email', data: { template: 'welcome' } },
    { id: 'pause', type: 'wait.delay', data: { duration: '1h' } },
    { id: 'done', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
    { source: 'coupon', sourceHandle: 'next', target: 'email' },
    { source: 'email', sourceHandle: 'next', target: 'pause' },
    { source: 'pause', sourceHandle: 'next', target: 'done' },
  ],
  settings: { exitOn: [{ event: 'coupon.redeemed' }], reentry: { mode: 'after_exit' } },
};

interface Step {
  nodeId: string;
  outcome: string;
  reason: string | null;
  enteredAt: string;
  message: { id: string } | null;
}

interface CouponRow {
  code: string;
  expires_at: Date;
  store_status: string;
  store_discount_id: string | null;
  store_error: string | null;
}

async function customerUpdated(stack: TestStack, overrides: Record<string, unknown> = {}) {
  const customer = shopifyCustomer({ first_name: 'Mae', ...overrides });
  const res = await deliver(stack.baseUrl, signedDelivery('customers/update', customer, stack.shopifySecret));
  expect(res.status).toBe(200);
  return { externalId: String(customer.id), gid: `gid://shopify/Customer/${customer.id}`, customer };
}

/** The customer's run once it waits after the email (the coupon and the email steps are done). */
async function pausedRun(stack: TestStack, externalId: string, timeoutMs = 60_000) {
  return eventually(
    async () => {
      const res = await stack.request('GET', `/v1/customers/${externalId}/runs`);
      const run = res.status === 200 ? res.body.data[0] : undefined;
      return run?.waitingFor?.nodeId === 'pause' ? run : undefined;
    },
    `the run of ${externalId} to wait after its email`,
    timeoutMs,
  );
}

const stepOf = (run: { steps: Step[] }, nodeId: string) => run.steps.find((s) => s.nodeId === nodeId) as Step;

async function couponOf(stack: TestStack, runId: string): Promise<CouponRow> {
  const rows = await stack.query<CouponRow>(
    `SELECT code, expires_at, store_status, store_discount_id, store_error FROM coupons WHERE run_id = $1`,
    [runId],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function messagesOf(stack: TestStack, runId: string) {
  return stack.query<{ subject: string; body_html: string; created_at: Date }>(
    `SELECT subject, body_html, created_at FROM messages WHERE run_id = $1`,
    [runId],
  );
}

describe('coupons created in a connected store', () => {
  const shopify = new ShopifyAdminStub({ accessToken: TOKEN });
  let stack: TestStack;
  let journeyId: string;

  const discountsFor = (gid: string): StubDiscount[] =>
    [...shopify.store.discounts.values()].filter((d) => d.customerIds.includes(gid));
  const createsOf = (code: string) =>
    shopify
      .requestsFor('discountCodeBasicCreate')
      .filter((r) => (r.variables.basicCodeDiscount as { code?: string } | undefined)?.code === code);

  beforeAll(async () => {
    await shopify.start();
    stack = await new TestStack({
      env: {
        SHOPIFY_SHOP: 'waypoint-test.myshopify.com',
        SHOPIFY_ADMIN_TOKEN: TOKEN,
        SHOPIFY_API_URL: shopify.url,
      },
    }).start();
    journeyId = await publishJourney(stack, 'Store coupon', couponJourney);
  });

  afterAll(async () => {
    await stack?.stop();
    await shopify.stop();
  });

  it('creates the code in the store, for that customer only, one use, with the expiry, before the email shows it', async () => {
    const { externalId, gid } = await customerUpdated(stack);
    const run = await pausedRun(stack, externalId);
    const coupon = await couponOf(stack, run.id);

    const [discount] = discountsFor(gid);
    expect(discountsFor(gid)).toHaveLength(1);
    expect(discount).toMatchObject({
      code: coupon.code,
      type: 'DiscountCodeBasic',
      customerIds: [gid],
      usageLimit: 1,
      appliesOncePerCustomer: true,
      endsAt: coupon.expires_at.toISOString(),
      value: { percentage: 0.15 },
    });
    expect(coupon).toMatchObject({
      store_status: 'created',
      store_discount_id: discount.id,
      store_error: null,
    });

    const step = stepOf(run, 'coupon');
    expect(step.outcome).toBe('completed');
    expect(step.reason).toBe(
      `issued coupon ${coupon.code}, created in the store as ${discount.id}: one use, for this customer only, until ${coupon.expires_at.toISOString()}`,
    );
    // The step's detail keeps the store's discount id with the coupon, as its reason shows it.
    const [stored] = await stack.query<{ detail: Record<string, any> }>(
      `SELECT detail FROM run_steps WHERE run_id = $1 AND node_id = 'coupon'`,
      [run.id],
    );
    expect(stored.detail.coupon.store).toMatchObject({ status: 'created', discountId: discount.id });
    expect(Date.parse(discount.endsAt as string) - Date.parse(step.enteredAt)).toBe(7 * DAY);

    const [email] = await messagesOf(stack, run.id);
    expect(email.body_html).toContain(coupon.code);
    const [create] = createsOf(coupon.code);
    expect(create.outcome).toBe('ok');
    expect(create.at).toBeLessThanOrEqual(email.created_at.getTime());
  });

  it('a worker killed between the store creating the code and our record: one code in the store, the same in the email', async () => {
    // The store creates the code at once but holds its answer: the worker dies waiting for it.
    shopify.queue({ kind: 'delay', ms: 20_000, rootField: 'discountCodeBasicCreate' });
    const { externalId, gid } = await customerUpdated(stack);
    const created = await eventually(
      async () => discountsFor(gid)[0],
      'the store to create the code (its answer held back)',
    );
    const [before] = await stack.query<{ store_status: string }>(
      `SELECT store_status FROM coupons WHERE code = $1`,
      [created.code],
    );
    expect(before.store_status).toBe('local');

    await stack.killWorker();
    stack.startWorker();

    const run = await pausedRun(stack, externalId, 90_000);
    const coupon = await couponOf(stack, run.id);
    expect(coupon.code).toBe(created.code);
    expect(discountsFor(gid)).toHaveLength(1);
    expect(createsOf(coupon.code)).toHaveLength(1);
    expect(coupon).toMatchObject({ store_status: 'created', store_discount_id: created.id });
    expect(stepOf(run, 'coupon').reason).toContain(`created in the store as ${created.id}`);

    const emails = await messagesOf(stack, run.id);
    expect(emails).toHaveLength(1);
    expect(emails[0].body_html).toContain(created.code);
  });

  it("a refusal (userErrors) fails the coupon step with the store's message, and no email shows the code", async () => {
    shopify.queueDiscountUserErrors({
      field: ['basicCodeDiscount', 'context', 'customers', 'add'],
      message: 'Customer does not exist',
      code: 'INVALID',
    });
    const { externalId, gid } = await customerUpdated(stack);
    const run = await pausedRun(stack, externalId);
    const coupon = await couponOf(stack, run.id);

    expect(discountsFor(gid)).toHaveLength(0);
    expect(coupon).toMatchObject({
      store_status: 'refused',
      store_discount_id: null,
      store_error: 'basicCodeDiscount.context.customers.add: Customer does not exist',
    });
    const couponStep = stepOf(run, 'coupon');
    expect(couponStep.outcome).toBe('failed');
    expect(couponStep.reason).toBe(
      `coupon ${coupon.code} refused by the store: basicCodeDiscount.context.customers.add: Customer does not exist; no message will show it`,
    );
    const emailStep = stepOf(run, 'email');
    expect(emailStep.outcome).toBe('skipped');
    expect(emailStep.reason).toBe(`skipped: it would show coupon ${coupon.code}, which the store refused`);
    expect(emailStep.message).toBeNull();
    expect(await messagesOf(stack, run.id)).toEqual([]);
  });

  it('throttled, then 5xx past the client retries: waited out, retried, and the code created once', async () => {
    shopify.queue(
      { kind: 'throttled', currentlyAvailable: 0, rootField: 'discountCodeBasicCreate' },
      ...Array.from({ length: 5 }, () => ({
        kind: 'http' as const,
        status: 503,
        rootField: 'discountCodeBasicCreate',
      })),
    );
    const { externalId, gid } = await customerUpdated(stack);
    const run = await pausedRun(stack, externalId, 90_000);
    const coupon = await couponOf(stack, run.id);

    const outcomes = createsOf(coupon.code).map((r) => r.outcome);
    expect(outcomes[0]).toBe('throttled');
    expect(outcomes.filter((o) => o === 'http')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'ok')).toEqual(['ok']);
    expect(outcomes.at(-1)).toBe('ok');
    expect(discountsFor(gid)).toHaveLength(1);
    expect(coupon).toMatchObject({ store_status: 'created', store_discount_id: discountsFor(gid)[0].id });
    expect(stepOf(run, 'coupon').outcome).toBe('completed');
    expect((await messagesOf(stack, run.id))[0].body_html).toContain(coupon.code);
  });

  it('a customer the store does not know (no Shopify id) gets a one-use code any buyer may use, and the step says so', async () => {
    const key = await stack.apiKey('store-coupons');
    const accepted = await stack.request(
      'POST',
      '/v1/events',
      {
        type: 'customer.updated',
        customer: { id: 'crm-4711', email: 'crm-4711@example.com' },
        properties: {},
      },
      { authorization: `Bearer ${key}` },
    );
    expect(accepted.status).toBe(202);
    const run = await pausedRun(stack, 'crm-4711');
    const coupon = await couponOf(stack, run.id);
    const discount = shopify.store.discount(coupon.code);
    expect(discount).toMatchObject({
      customerIds: [],
      usageLimit: 1,
      endsAt: coupon.expires_at.toISOString(),
    });
    expect(stepOf(run, 'coupon').reason).toContain(
      'one use, open to any buyer, as the customer has no Shopify customer id',
    );
  });

  it('an order using the code redeems it once: coupon.redeemed with run and journey, the customer page, the exit rule', async () => {
    const { externalId, customer } = await customerUpdated(stack);
    const run = await pausedRun(stack, externalId);
    const coupon = await couponOf(stack, run.id);

    const order = JSON.parse(
      readFileSync(join(__dirname, 'fixtures/shopify/orders-create.json'), 'utf8'),
    ) as Record<string, any>;
    const placedAt = new Date().toISOString();
    Object.assign(order, {
      id: Number(externalId) + 500_000,
      created_at: placedAt,
      processed_at: placedAt,
      updated_at: placedAt,
      email: customer.email,
      phone: null,
      customer: {
        ...order.customer,
        id: customer.id,
        email: customer.email,
        phone: null,
        default_address: null,
      },
      billing_address: null,
      shipping_address: null,
      // Shoppers type codes in any case.
      discount_codes: [{ code: coupon.code.toLowerCase(), amount: '9.00', type: 'percentage' }],
      total_discounts: '9.00',
    });
    const orderId = String(order.id);
    expect(
      (await deliver(stack.baseUrl, signedDelivery('orders/create', order, stack.shopifySecret))).status,
    ).toBe(200);
    // The payment of the same order names the code again: it is redeemed once.
    expect(
      (
        await deliver(
          stack.baseUrl,
          signedDelivery('orders/paid', { ...order, financial_status: 'paid' }, stack.shopifySecret),
        )
      ).status,
    ).toBe(200);

    const exited = await eventually(async () => {
      const detail = (await stack.request('GET', `/v1/runs/${run.id}`)).body.data;
      return detail.status === 'exited' ? detail : undefined;
    }, 'the run to exit on coupon.redeemed');
    expect(exited.statusReason).toBe('exit rule: coupon.redeemed');

    const [redeemed] = await stack.query<{ redeemed_order_id: string; amount: number; redeemed_at: Date }>(
      `SELECT redeemed_order_id, redeemed_amount::float AS amount, redeemed_at FROM coupons WHERE run_id = $1`,
      [run.id],
    );
    expect(redeemed).toMatchObject({ redeemed_order_id: orderId, amount: 9 });
    expect(redeemed.redeemed_at.toISOString()).toBe(placedAt);

    const events = await stack.query<{ properties: Record<string, unknown>; source: string }>(
      `SELECT e.properties, e.source FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = $1 AND e.type = 'coupon.redeemed'`,
      [externalId],
    );
    expect(events).toEqual([
      {
        properties: { code: coupon.code, runId: run.id, journeyId, nodeId: 'coupon', orderId, amount: 9 },
        source: 'waypoint:coupons',
      },
    ]);

    const page = await stack.request('GET', `/v1/customers/${externalId}`);
    expect(page.status).toBe(200);
    expect(page.body.data.coupons.filter((c: { code: string }) => c.code === coupon.code)).toEqual([
      expect.objectContaining({
        code: coupon.code,
        kind: 'percent',
        value: 15,
        state: 'redeemed',
        runId: run.id,
        journeyId,
        journeyName: 'Store coupon',
        storeStatus: 'created',
        storeDiscountId: coupon.store_discount_id,
        redeemedOrderId: orderId,
        redeemedAmount: 9,
      }),
    ]);
  });
});

describe('coupons without a connected store', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack().start();
    await publishJourney(stack, 'Local coupon', couponJourney);
  });

  afterAll(() => stack?.stop());

  it('keeps the code local, sends it, and the step says no store is connected', async () => {
    const { externalId } = await customerUpdated(stack);
    const run = await pausedRun(stack, externalId);
    const coupon = await couponOf(stack, run.id);
    expect(coupon).toMatchObject({ store_status: 'local', store_discount_id: null });
    const step = stepOf(run, 'coupon');
    expect(step.outcome).toBe('completed');
    expect(step.reason).toBe(`issued coupon ${coupon.code} (not created in a store: no store connected)`);
    expect((await messagesOf(stack, run.id))[0].body_html).toContain(coupon.code);

    const page = await stack.request('GET', `/v1/customers/${externalId}`);
    expect(page.body.data.coupons.filter((c: { code: string }) => c.code === coupon.code)).toEqual([
      expect.objectContaining({
        code: coupon.code,
        state: 'issued',
        storeStatus: 'local',
        storeDiscountId: null,
      }),
    ]);
  });
});
