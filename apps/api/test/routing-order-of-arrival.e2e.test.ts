/**
 * Routing when deliveries come out of order or twice, with the shipped "Abandoned cart" and
 * "Replenishment" journeys, real routing and real Temporal: an order stored before its checkout's
 * run starts (before it, after it in the same batch, or at the same moment) leaves no cart run
 * waiting to remind; a repeat of a known order (another delivery, or the same order through the
 * event API) neither ends the run its first delivery started nor starts another.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routed as routedEvent, runsOf as runsOfJourney, sendEvent } from './support/journey-runs';
import { deliver, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(180_000);

describe('routing, whatever the order of arrival', () => {
  let stack: TestStack;
  let key: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('order-of-arrival');
    // Both are shipped live (loaded on first start), as a store gets them.
    const live = await stack.query<{ name: string }>(
      `SELECT name FROM journeys WHERE status = 'live' AND name IN ('Abandoned cart', 'Replenishment')`,
    );
    expect(live.map((j) => j.name).sort()).toEqual(['Abandoned cart', 'Replenishment']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const send = (customer: string, type: string, properties: Record<string, unknown>, email?: string) =>
    sendEvent(stack, key, customer, type, properties, email);
  const routed = (eventId: string) => routedEvent(stack, eventId);
  const runsOf = (customer: string, journey: string) => runsOfJourney(stack, customer, journey);
  const stepsOf = (runId: string) =>
    stack.query<{ node_id: string; outcome: string }>(
      `SELECT node_id, outcome FROM run_steps WHERE run_id = $1 ORDER BY entered_at, node_id`,
      [runId],
    );
  const messagesOf = (customer: string) =>
    stack.query(
      `SELECT m.id FROM messages m JOIN customers c ON c.id = m.customer_id WHERE c.external_id = $1`,
      [customer],
    );

  /** The customer's runs of the journey once there are `count` and none is running. */
  async function endedRuns(customer: string, journey: string, count: number) {
    return eventually(async () => {
      const runs = await runsOf(customer, journey);
      return runs.length === count && runs.every((r) => r.status !== 'running') ? runs : undefined;
    }, `${count} ended run(s) of "${journey}" for ${customer}`);
  }

  const checkout = (token: string) => ({
    checkoutToken: token,
    abandonedCheckoutUrl: `https://store.example.com/checkouts/${token}/recover`,
    currency: 'EUR',
    totalPrice: 39.8,
    lineItems: [{ title: 'Organic Coffee 1 kg', quantity: 2, price: 19.9 }],
  });
  const orderOf = (token: string, orderId: string) => ({
    orderId,
    checkoutToken: token,
    currency: 'EUR',
    totalPrice: 39.8,
  });

  describe('abandoned cart', () => {
    it('an order stored before its checkout: the cart run is recorded exited at once and sends nothing', async () => {
      const customer = 'arrival-order-first';
      await routed(await send(customer, 'order.placed', orderOf('tok-of-1', 'AO-1')));
      await routed(await send(customer, 'checkout.started', checkout('tok-of-1')));
      const [run] = await endedRuns(customer, 'Abandoned cart', 1);
      expect(run).toMatchObject({
        status: 'exited',
        status_reason: 'exit rule: order.placed (stored before the run started)',
        entry_key: 'tok-of-1',
      });
      // No workflow walked it: not even its first wait.
      expect(await stepsOf(run.id)).toEqual([]);
      expect(await messagesOf(customer)).toEqual([]);

      // Another cart of the same customer, not ordered: its run starts and waits to remind.
      await routed(await send(customer, 'checkout.started', checkout('tok-of-2')));
      await eventually(async () => {
        const runs = await runsOf(customer, 'Abandoned cart');
        const open = runs.find((r) => r.entry_key === 'tok-of-2' && r.status === 'running');
        const steps = open ? await stepsOf(open.id) : [];
        return steps.some((s) => s.node_id === 'wait-1h' && s.outcome === 'waiting') || undefined;
      }, 'the other cart to wait for its reminder');
    });

    it('an exit event with the same key from long before the checkout does not end its run', async () => {
      const customer = 'arrival-old-order';
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
      const old = await stack.request(
        'POST',
        '/v1/events',
        {
          type: 'order.placed',
          customer: { id: customer, email: `${customer}@example.com` },
          properties: orderOf('tok-old-1', 'OLD-1'),
          timestamp: twoDaysAgo,
          idempotencyKey: `${customer}:old-order`,
        },
        { authorization: `Bearer ${key}` },
      );
      expect(old.status).toBe(202);
      await routed(old.body.data.eventId as string);
      await routed(await send(customer, 'checkout.started', checkout('tok-old-1')));
      await eventually(async () => {
        const [run] = await runsOf(customer, 'Abandoned cart');
        const steps = run ? await stepsOf(run.id) : [];
        return (
          (run?.status === 'running' &&
            steps.some((s) => s.node_id === 'wait-1h' && s.outcome === 'waiting')) ||
          undefined
        );
      }, 'the cart run to wait, the two-day-old order notwithstanding');
    });

    it('a checkout before its order: the run starts, and the order ends it', async () => {
      const customer = 'arrival-checkout-first';
      await routed(await send(customer, 'checkout.started', checkout('tok-cf-1')));
      await eventually(async () => {
        const [run] = await runsOf(customer, 'Abandoned cart');
        const steps = run ? await stepsOf(run.id) : [];
        return steps.some((s) => s.node_id === 'wait-1h' && s.outcome === 'waiting') || undefined;
      }, 'the cart run to wait');
      await routed(await send(customer, 'order.placed', orderOf('tok-cf-1', 'CF-1')));
      const [run] = await endedRuns(customer, 'Abandoned cart', 1);
      expect(run).toMatchObject({ status: 'exited', status_reason: 'exit rule: order.placed' });
      expect(await messagesOf(customer)).toEqual([]);
    });

    it('a checkout and its order sent at once, many times: no cart run is left waiting to remind', async () => {
      const tries = 8;
      await Promise.all(
        Array.from({ length: tries }, async (_, i) => {
          const customer = `arrival-together-${i}`;
          const token = `tok-tg-${i}`;
          // Alternating which request leaves first.
          const sends = [
            () => send(customer, 'checkout.started', checkout(token)),
            () => send(customer, 'order.placed', orderOf(token, `TG-${i}`)),
          ];
          if (i % 2 === 1) sends.reverse();
          const ids = await Promise.all(sends.map((s) => s()));
          for (const id of ids) await routed(id);
        }),
      );
      for (let i = 0; i < tries; i++) {
        const customer = `arrival-together-${i}`;
        const [run] = await endedRuns(customer, 'Abandoned cart', 1);
        expect(run.status).toBe('exited');
        expect(run.status_reason).toMatch(/^exit rule: order\.placed/);
        expect(await messagesOf(customer)).toEqual([]);
      }
    });
  });

  describe('the same order reported twice', () => {
    const DAY = 86_400_000;
    let nextOrder = 555_002;
    let nextCustomer = 940_000;

    function shopifyOrder(customerId: number, orderId: number) {
      const body = JSON.parse(
        readFileSync(join(__dirname, 'fixtures/shopify', 'orders-create.json'), 'utf8'),
      );
      const placed = new Date(Date.now() - DAY).toISOString();
      return {
        ...body,
        id: orderId,
        name: `#${orderId}`,
        email: `buyer-${customerId}@example.com`,
        customer: { ...body.customer, id: customerId, email: `buyer-${customerId}@example.com` },
        created_at: placed,
        processed_at: placed,
        updated_at: placed,
        total_price: '40.00',
        line_items: [
          {
            id: 1,
            product_id: 7301,
            variant_id: 1,
            sku: 'T1',
            title: 'Green Tea 250 g',
            variant_title: null,
            quantity: 2,
            price: '20.00',
          },
        ],
      };
    }
    const shopify = (topic: string, body: unknown) =>
      deliver(stack.baseUrl, signedDelivery(topic, body, stack.shopifySecret));

    /** The customer's one Replenishment run, once it waits for the product to run out. */
    async function waitingReplenishment(customer: string) {
      return eventually(async () => {
        const runs = await runsOf(customer, 'Replenishment');
        if (runs.length !== 1 || runs[0].status !== 'running') return undefined;
        const steps = await stepsOf(runs[0].id);
        return steps.some((s) => s.node_id === 'until-run-out' && s.outcome === 'waiting')
          ? runs[0]
          : undefined;
      }, `the Replenishment run of ${customer} to wait`);
    }

    async function expectStillWaiting(customer: string, runId: string, repeatId: string) {
      await routed(repeatId);
      // Give a wrongly routed repeat the time to reach the run and end it.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const runs = await runsOf(customer, 'Replenishment');
      expect(runs.map((r) => [r.id, r.status, r.status_reason])).toEqual([[runId, 'running', null]]);
      const [profile] = await stack.query<{ orders_count: number }>(
        `SELECT orders_count FROM customers WHERE external_id = $1`,
        [customer],
      );
      expect(profile.orders_count).toBe(1);
    }

    beforeAll(async () => {
      const res = await stack.request('PUT', '/v1/products/7301', {
        title: 'Green Tea 250 g',
        consumptionDays: 30,
      });
      expect(res.status).toBe(200);
    });

    it('a Shopify order, then the same order through the event API: one run, still waiting', async () => {
      const customerId = nextCustomer++;
      const orderId = nextOrder++;
      const customer = String(customerId);
      const first = await shopify('orders/create', shopifyOrder(customerId, orderId));
      expect(first.status).toBe(200);
      const run = await waitingReplenishment(customer);

      const repeat = await send(
        customer,
        'order.placed',
        {
          orderId: String(orderId),
          currency: 'USD',
          totalPrice: 40,
          lineItems: [{ productId: '7301', quantity: 2, price: 20 }],
        },
        `buyer-${customerId}@example.com`,
      );
      const [stored] = await stack.query<{ properties: Record<string, unknown> }>(
        `SELECT properties FROM events WHERE id = $1`,
        [repeat],
      );
      // It would meet the exit rule's filter if it were a new order.
      expect(stored.properties).toMatchObject({ hasConsumable: true });
      await expectStillWaiting(customer, run.id, repeat);
    });

    it('two Shopify deliveries of one order under different event ids: one run, still waiting', async () => {
      const customerId = nextCustomer++;
      const orderId = nextOrder++;
      const customer = String(customerId);
      expect((await shopify('orders/create', shopifyOrder(customerId, orderId))).status).toBe(200);
      const run = await waitingReplenishment(customer);
      const again = await shopify('orders/create', shopifyOrder(customerId, orderId));
      expect(again.status).toBe(200);
      await expectStillWaiting(customer, run.id, again.body.data.eventId);
    });

    it('a new order of the same customer still ends the run', async () => {
      const customerId = nextCustomer++;
      const customer = String(customerId);
      await shopify('orders/create', shopifyOrder(customerId, nextOrder++));
      const run = await waitingReplenishment(customer);
      await shopify('orders/create', shopifyOrder(customerId, nextOrder++));
      const ended = await eventually(async () => {
        const [first] = await runsOf(customer, 'Replenishment');
        return first?.status === 'exited' ? first : undefined;
      }, 'the first run to end');
      expect([ended.id, ended.status_reason]).toEqual([run.id, 'exit rule: order.placed']);
    });
  });
});
