/**
 * Storefront data through the API: the event API with API keys (durable, deduplicated, bad input
 * refused whole), profiles with consent, computed attributes and lifecycle stages kept current
 * from orders (out of order and repeated), replenishment dates from configured and learned
 * rhythms, and the daily Schedule moving customers into at_risk / inactive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { dailyLifecycleScheduleId } from '@waypoint/workflows';
import { deliver, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(90_000);
const DAY = 86_400_000;

describe('storefront data', () => {
  let stack: TestStack;
  let key: string;
  const auth = () => ({ authorization: `Bearer ${key}` });
  const post = (path: string, body: unknown) => stack.request('POST', path, body, auth());
  const eventCount = async () =>
    (await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`))[0].n;

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('storefront');
  });

  afterAll(() => stack?.stop());

  describe('the event API', () => {
    it('needs a valid API key', async () => {
      const event = { type: 'product.viewed', customer: { id: 'c-auth' }, idempotencyKey: 'k-auth' };
      const none = await stack.request('POST', '/v1/events', event, { authorization: '' });
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('missing_api_key');
      const wrong = await stack.request('POST', '/v1/events', event, {
        authorization: `Bearer wp_00000000_${'x'.repeat(43)}`,
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_api_key');
      const [row] = await stack.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys`);
      expect(row.key_hash).not.toContain(key.slice(12));
    });

    it('stores an event once per idempotency key', async () => {
      const event = {
        type: 'product.viewed',
        customer: { id: 'c-1', email: 'One@Example.com' },
        properties: { productId: 'P1' },
        idempotencyKey: 'view-1',
      };
      const first = await post('/v1/events', event);
      const again = await post('/v1/events', event);
      expect(first).toEqual({
        status: 202,
        body: { data: { eventId: expect.any(String), status: 'accepted' } },
      });
      expect(again.body.data).toEqual({ eventId: first.body.data.eventId, status: 'duplicate' });
      const [customer] = await stack.query<{ email: string }>(
        `SELECT email FROM customers WHERE external_id = 'c-1'`,
      );
      expect(customer.email).toBe('one@example.com');
    });

    it('refuses bad input with a clear error and writes nothing', async () => {
      const before = await eventCount();
      const noIdentity = await post('/v1/events', {
        type: 'product.viewed',
        customer: {},
        idempotencyKey: 'x1',
      });
      expect(noIdentity.status).toBe(422);
      expect(noIdentity.body.error).toMatchObject({ code: 'no_identity', details: { field: 'customer' } });
      const badType = await post('/v1/events', { type: 'Order Placed', customer: { id: 'c' } });
      expect(badType.status).toBe(400);
      expect(badType.body.error.message).toContain('type');
      const badPhone = await post('/v1/events', { type: 'a.b', customer: { phone: '555-1234' } });
      expect(badPhone.body.error.message).toContain('customer.phone');
      const malformed = await fetch(`${stack.baseUrl}/v1/events`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{"type":',
      });
      expect(malformed.status).toBe(400);
      const huge = await post('/v1/events', {
        type: 'a.b',
        customer: { id: 'c' },
        properties: { blob: 'x'.repeat(1_100_000) },
      });
      expect(huge.status).toBe(413);
      expect(await eventCount()).toBe(before);
    });

    it('takes a batch, counting duplicates, and refuses a batch with one bad event whole', async () => {
      const batch = [
        { type: 'cart.updated', customer: { id: 'b-1' }, idempotencyKey: 'batch-1' },
        { type: 'cart.updated', customer: { id: 'b-2', email: 'b2@example.com' }, idempotencyKey: 'batch-2' },
        { type: 'cart.updated', customer: { id: 'b-1' }, idempotencyKey: 'batch-1' },
      ];
      const res = await post('/v1/events/batch', { events: batch });
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({ accepted: 2, duplicates: 1 });
      expect(res.body.data.events[2]).toEqual({
        eventId: res.body.data.events[0].eventId,
        status: 'duplicate',
      });

      const before = await eventCount();
      const bad = await post('/v1/events/batch', {
        events: [
          { type: 'a.b', customer: { id: 'ok' }, idempotencyKey: 'ok-1' },
          { type: 'a.b', customer: {} },
        ],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.message).toContain('events[1].customer');
      const tooMany = await post('/v1/events/batch', {
        events: Array.from({ length: 1001 }, (_, i) => ({ type: 'a.b', customer: { id: `n${i}` } })),
      });
      expect(tooMany.status).toBe(400);
      expect(await eventCount()).toBe(before);
    });

    it('stores concurrent single requests each once, each stored before its answer', async () => {
      // Known customers by external id: their events share statements while others are in flight.
      const ids = Array.from({ length: 8 }, (_, i) => `conc-${i}`);
      await post('/v1/events/batch', {
        events: ids.map((id) => ({ type: 'a.b', customer: { id, email: `${id}@example.com` } })),
      });
      const events = [
        ...Array.from({ length: 60 }, (_, i) => ({
          type: 'product.viewed',
          customer: { id: ids[i % ids.length] },
          properties: { n: i },
          idempotencyKey: `conc-view-${i}`,
        })),
        // The same key twice in one burst, and a customer nobody knows yet (the transaction's path).
        {
          type: 'product.viewed',
          customer: { id: ids[0] },
          properties: { n: 0 },
          idempotencyKey: 'conc-view-0',
        },
        { type: 'product.viewed', customer: { id: 'conc-new' }, idempotencyKey: 'conc-view-new' },
      ];
      const stored = await Promise.all(
        events.map(async (event) => {
          const res = await post('/v1/events', event);
          const rows = await stack.query<{ idempotency_key: string; external_id: string; n: string | null }>(
            `SELECT e.idempotency_key, c.external_id, e.properties ->> 'n' AS n
               FROM events e JOIN customers c ON c.id = e.customer_id WHERE e.id = $1`,
            [res.body.data?.eventId],
          );
          return { res, row: rows[0] };
        }),
      );
      for (const [i, { res, row }] of stored.entries()) {
        expect(res.status).toBe(202);
        // Answered only once its row was there, with the event as it was sent.
        expect(row).toEqual({
          idempotency_key: `api:${events[i].idempotencyKey}`,
          external_id: events[i].customer.id,
          n: i < 60 ? String(i) : i === 60 ? '0' : null,
        });
      }
      const statuses = stored.map(({ res }) => res.body.data.status);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(1);
      const byKey = stored.filter((_, i) => events[i].idempotencyKey === 'conc-view-0');
      expect(byKey[0].res.body.data.eventId).toBe(byKey[1].res.body.data.eventId);
      const [count] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE idempotency_key LIKE 'api:conc-view-%'`,
      );
      expect(count.n).toBe(61);
    });
  });

  describe('profiles, orders and lifecycle', () => {
    const order = (
      customerId: number,
      orderId: number,
      total: string,
      createdAt: Date,
      lineItems?: unknown[],
    ) => {
      const body = JSON.parse(readFileSync(join(__dirname, 'fixtures/shopify/orders-create.json'), 'utf8'));
      body.id = orderId;
      body.total_price = total;
      body.created_at = body.processed_at = body.updated_at = createdAt.toISOString();
      body.customer = { ...body.customer, id: customerId, email: `buyer-${customerId}@example.com` };
      body.email = `buyer-${customerId}@example.com`;
      if (lineItems) body.line_items = lineItems;
      return body;
    };
    const shopify = (topic: string, body: unknown, eventId?: string) =>
      deliver(stack.baseUrl, signedDelivery(topic, body, stack.shopifySecret, eventId));
    const profile = async (externalId: string) =>
      (
        await stack.query<{
          orders_count: number;
          spent: number;
          aov: number;
          stage: string;
          points: number;
          gap: number | null;
          attributes: Record<string, string>;
        }>(
          `SELECT orders_count, total_spent::float AS spent, average_order_value::float AS aov, lifecycle_stage AS stage,
                                 loyalty_points AS points, mean_days_between_orders::float AS gap, attributes FROM customers WHERE external_id = $1`,
          [externalId],
        )
      )[0];

    it('records consent from the profile API with its source and history', async () => {
      const res = await stack.request(
        'PUT',
        '/v1/customers/p-1',
        { email: 'p1@example.com', consent: { sms: 'opted_in' }, consentSource: 'checkout-form' },
        auth(),
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        externalId: 'p-1',
        consent: { sms: 'opted_in' },
        lifecycleStage: 'lead',
        ordersCount: 0,
      });
      await stack.request('PUT', '/v1/customers/p-1', { consent: { sms: 'opted_out' } }, auth());
      const history = await stack.query(
        `SELECT status, source FROM consent_history h JOIN customers c ON c.id = h.customer_id WHERE c.external_id = 'p-1' ORDER BY recorded_at`,
      );
      expect(history).toEqual([
        { status: 'opted_in', source: 'checkout-form' },
        { status: 'opted_out', source: 'api' },
      ]);
      expect(
        (await stack.request('PUT', '/v1/customers/p-1', { consent: { sms: 'maybe' } }, auth())).status,
      ).toBe(400);
    });

    it('keeps computed attributes current on each order, whatever the order and repetition of deliveries', async () => {
      const customerId = 880001;
      const now = Date.now();
      const first = order(customerId, 9001, '40.00', new Date(now - 20 * DAY));
      const second = order(customerId, 9002, '60.00', new Date(now - 2 * DAY));
      // The newer order arrives first, and one delivery repeats with a new event id (Shopify retries can).
      await shopify('orders/create', second);
      await shopify('orders/create', first);
      await shopify('orders/create', first);
      const p = await profile(String(customerId));
      expect(p).toMatchObject({ orders_count: 2, spent: 100, aov: 50, stage: 'repeat', points: 100 });
      expect(p.gap).toBeCloseTo(18, 5);
      const stages = await stack.query<{ from: string; to: string }>(
        `SELECT properties->>'from' AS from, properties->>'to' AS to FROM events e JOIN customers c ON c.id = e.customer_id
          WHERE c.external_id = $1 AND e.type = 'lifecycle.stage_changed' ORDER BY e.received_at`,
        [String(customerId)],
      );
      expect(stages).toEqual([
        { from: 'lead', to: 'first_time' },
        { from: 'first_time', to: 'repeat' },
      ]);

      const cancelled = {
        ...second,
        cancelled_at: new Date(now - DAY).toISOString(),
        cancel_reason: 'customer',
      };
      await shopify('orders/cancelled', cancelled);
      expect(await profile(String(customerId))).toMatchObject({
        orders_count: 1,
        spent: 40,
        stage: 'first_time',
        points: 40,
      });
    });

    it('sets the replenishment date from a configured consumption period and marks the order', async () => {
      expect(
        (await stack.request('PUT', '/v1/products/7001', { title: 'Coffee 1 kg', consumptionDays: 30 }))
          .status,
      ).toBe(200);
      const placed = new Date(Date.now() - DAY);
      const items = [
        {
          id: 1,
          product_id: 7001,
          variant_id: 1,
          sku: 'C1',
          title: 'Coffee 1 kg',
          variant_title: null,
          quantity: 2,
          price: '20.00',
        },
      ];
      const res = await shopify('orders/create', order(880002, 9100, '40.00', placed, items));
      const [event] = await stack.query<{ properties: Record<string, unknown> }>(
        `SELECT properties FROM events WHERE id = $1`,
        [res.body.data.eventId],
      );
      expect(event.properties).toMatchObject({ hasConsumable: true, consumableProductIds: ['7001'] });
      const p = await profile('880002');
      expect(Date.parse(p.attributes.replenish_at)).toBe(placed.getTime() + 60 * DAY);
    });

    it('learns a product rhythm from real reorders and moves aging customers under the daily Schedule', async () => {
      const start = Date.now() - 100 * DAY;
      const gaps = [20, 30, 40];
      let at = start;
      const events = [0, ...gaps].map((gap, i) => {
        at += gap * DAY;
        return {
          type: 'order.placed',
          customer: { id: 'learner' },
          properties: {
            orderId: `L${i}`,
            totalPrice: 10,
            lineItems: [{ productId: 'tea-1', quantity: 1, price: 10 }],
          },
          timestamp: new Date(at).toISOString(),
          idempotencyKey: `learn-${i}`,
        };
      });
      for (const e of events) expect((await post('/v1/events', e)).status).toBe(202);
      // The last order was 10 days ago: a store that calls 8 days inactive moves this customer there.
      expect((await profile('learner')).stage).toBe('loyal');
      await stack.request('PUT', '/v1/settings/lifecycle', { atRiskDays: 5, inactiveDays: 8 });

      const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
      try {
        const schedule = new Client({ connection }).schedule.getHandle(
          dailyLifecycleScheduleId(stack.taskQueue),
        );
        expect((await schedule.describe()).spec.calendars?.[0]).toMatchObject({
          hour: [{ start: 3, end: 3, step: 1 }],
        });
        await schedule.trigger();
      } finally {
        await connection.close();
      }
      const learned = await eventually(async () => {
        const [row] = await stack.query<{ days: number }>(
          `SELECT learned_interval_days::float AS days FROM products WHERE product_id = 'tea-1'`,
        );
        return row?.days ?? undefined;
      }, 'the sweep to learn the reorder interval');
      expect(learned).toBe(30);
      expect((await profile('learner')).stage).toBe('inactive');
      const changes =
        await stack.query(`SELECT properties->>'to' AS to FROM events e JOIN customers c ON c.id = e.customer_id
                                          WHERE c.external_id = 'learner' AND e.type = 'lifecycle.stage_changed' AND e.source = 'waypoint:lifecycle'
                                          ORDER BY e.received_at`);
      expect(changes.at(-1)).toEqual({ to: 'inactive' });
      // Becoming inactive starts the shipped "We miss you" journey.
      const run = await eventually(async () => {
        const runs = (await stack.request('GET', '/v1/customers/learner/runs')).body.data ?? [];
        return runs.find(
          (r: { journey: { name: string }; steps: unknown[] }) =>
            r.journey.name === 'We miss you' && r.steps.length > 0,
        );
      }, 'the we-miss-you run');
      expect(run.steps[0]).toMatchObject({ nodeId: 'trigger', reason: 'entered on lifecycle.stage_changed' });
    });
  });

  describe('segments', () => {
    it('ships the named segments with live counts and CLTV, and lists members', async () => {
      for (const [id, total] of [
        ['s-1', 600],
        ['s-2', 50],
        ['s-3', 700],
      ] as const) {
        await post('/v1/events', {
          type: 'order.placed',
          customer: { id, email: `${id}@example.com` },
          properties: { orderId: `${id}-o1`, totalPrice: total, usedDiscount: false },
          idempotencyKey: `seg-${id}`,
        });
      }
      const list = (await stack.request('GET', '/v1/segments')).body.data;
      expect(list.map((x: { key: string }) => x.key)).toEqual(
        expect.arrayContaining([
          'first-time-buyers',
          'repeat-buyers',
          'big-spenders',
          'high-aov',
          'full-price-buyers',
          'discount-shoppers',
          'cart-abandoners',
          'vip-loyal',
          'at-risk',
          'inactive',
        ]),
      );
      const big = (await stack.request('GET', '/v1/segments/big-spenders')).body.data;
      expect(big).toMatchObject({ name: 'Big spenders', count: 2, totalSpent: 1300, averageSpent: 650 });
      const members = (await stack.request('GET', '/v1/segments/big-spenders/members?limit=10')).body.data;
      expect(members.map((m: { externalId: string }) => m.externalId)).toEqual(['s-3', 's-1']);
    });

    it('creates a segment from a condition, refusing one that does not parse', async () => {
      const bad = await stack.request('POST', '/v1/segments', {
        name: 'Bad',
        condition: { attribute: 'x', op: 'sort of' },
      });
      expect(bad.status).toBe(400);
      const res = await stack.request('POST', '/v1/segments', {
        name: 'Bought a lot once',
        condition: { all: [{ segment: 'big-spenders' }, { attribute: 'ordersCount', op: 'eq', value: 1 }] },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.count).toBe(2);
    });
  });

  describe('the storefront simulator', () => {
    it('drives a small store through the real webhook, every delivery accepted, profiles filled', async () => {
      const { simulateStore, sendDeliveries } = await import('@waypoint/devstack');
      const deliveries = simulateStore({ customers: 8, months: 4, seed: 3, now: new Date() });
      const statuses = await sendDeliveries(deliveries, {
        url: stack.baseUrl,
        secret: stack.shopifySecret,
        concurrency: 4,
      });
      expect(statuses).toEqual({ 200: deliveries.length });
      const [row] = await stack.query<{ buyers: number; orders: number }>(
        `SELECT count(*) FILTER (WHERE orders_count > 0)::int AS buyers, sum(orders_count)::int AS orders FROM customers WHERE external_id LIKE '9000%'`,
      );
      expect(row.orders).toBe(deliveries.filter((d) => d.topic === 'orders/create').length);
      expect(row.buyers).toBeGreaterThan(0);
    });
  });
});
