/**
 * The checkouts projection through signed Shopify deliveries: out-of-order checkout updates never
 * regress the cart, an order completes its checkout whatever the order of arrival, and repeated
 * deliveries change nothing. Read back through `GET /v1/customers/{id}/checkouts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deliver, signedDelivery } from './support/shopify';
import { TestStack } from './support/test-stack';

jest.setTimeout(90_000);

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures/shopify', name), 'utf8'));

let nextCustomer = 910_000;

/** A shopper of their own per test, so the checkouts listed are only that test's. */
function shopper(): { id: number; email: string } {
  const id = nextCustomer++;
  return { id, email: `checkout-${id}@example.com` };
}

function checkout(
  topic: 'create' | 'update',
  who: { id: number; email: string },
  token: string,
  updatedAt: string,
  items: Array<{ title: string; price: string; quantity: number }>,
  completedAt: string | null = null,
): Record<string, any> {
  const body = fixture(topic === 'create' ? 'checkouts-create.json' : 'checkouts-update.json');
  const lines = items.map((item, i) => ({
    ...body.line_items[0],
    key: `${token}-${i}`,
    title: item.title,
    presentment_title: item.title,
    price: item.price,
    variant_price: item.price,
    quantity: item.quantity,
    line_price: (Number(item.price) * item.quantity).toFixed(2),
  }));
  const subtotal = lines.reduce((sum, l) => sum + Number(l.line_price), 0);
  return {
    ...body,
    token,
    email: who.email,
    phone: null,
    customer: { ...body.customer, id: who.id, email: who.email, phone: null },
    created_at: '2026-03-14T09:00:00-04:00',
    updated_at: updatedAt,
    completed_at: completedAt,
    line_items: lines,
    subtotal_price: subtotal.toFixed(2),
    total_price: (subtotal + 5.9).toFixed(2),
    discount_codes: [],
  };
}

function order(who: { id: number; email: string }, orderId: number, token: string, createdAt: string) {
  const body = fixture('orders-create.json');
  return {
    ...body,
    id: orderId,
    name: `#${orderId}`,
    checkout_token: token,
    email: who.email,
    phone: null,
    customer: { ...body.customer, id: who.id, email: who.email, phone: null },
    created_at: createdAt,
    processed_at: createdAt,
    updated_at: createdAt,
  };
}

describe('checkout state', () => {
  let stack: TestStack;
  const shopify = (topic: string, body: unknown, eventId?: string) =>
    deliver(stack.baseUrl, signedDelivery(topic, body, stack.shopifySecret, eventId));
  const checkoutsOf = async (who: { id: number }) => {
    const res = await stack.request('GET', `/v1/customers/${who.id}/checkouts`);
    expect(res.status).toBe(200);
    return res.body.data as Array<Record<string, any>>;
  };

  beforeAll(async () => {
    stack = await new TestStack().start();
  });

  afterAll(() => stack?.stop());

  it('keeps the newer cart when an older checkouts/update arrives after a newer one', async () => {
    const who = shopper();
    const token = `tok-newer-${who.id}`;
    const serum = { title: 'Hydrating Face Serum', price: '34.00', quantity: 2 };
    const spf = { title: 'Daily SPF 50 Sunscreen', price: '22.00', quantity: 1 };
    expect(
      (
        await shopify(
          'checkouts/create',
          checkout('create', who, token, '2026-03-14T09:00:00-04:00', [serum]),
        )
      ).status,
    ).toBe(200);
    const newer = checkout('update', who, token, '2026-03-14T09:30:00-04:00', [serum, spf]);
    const older = checkout('update', who, token, '2026-03-14T09:10:00-04:00', [{ ...serum, quantity: 5 }]);
    expect((await shopify('checkouts/update', newer)).status).toBe(200);
    expect((await shopify('checkouts/update', older)).status).toBe(200);

    const [current, ...others] = await checkoutsOf(who);
    expect(others).toEqual([]);
    expect(current).toMatchObject({
      token,
      status: 'open',
      itemCount: 3,
      subtotalPrice: 90,
      totalPrice: 95.9,
      currency: 'USD',
      updatedAt: '2026-03-14T13:30:00.000Z',
      completedAt: null,
      abandonedCheckoutUrl: expect.stringContaining('/recover?key='),
    });
    expect(current.lineItems.map((l: { title: string; quantity: number }) => [l.title, l.quantity])).toEqual([
      ['Hydrating Face Serum', 2],
      ['Daily SPF 50 Sunscreen', 1],
    ]);
    // Every delivery is still an event (journeys and history see them); only the projection ignores the stale one.
    const events = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE properties->>'checkoutToken' = $1`,
      [token],
    );
    expect(events[0].n).toBe(3);
  });

  it('keeps a checkout completed when its order arrives before the checkout updates', async () => {
    const who = shopper();
    const token = `tok-order-first-${who.id}`;
    const placed = await shopify('orders/create', order(who, 7_700_001, token, '2026-03-14T09:31:05-04:00'));
    expect(placed.status).toBe(200);
    let [row] = await checkoutsOf(who);
    expect(row).toMatchObject({
      token,
      status: 'completed',
      completedAt: '2026-03-14T13:31:05.000Z',
      orderId: '7700001',
      updatedAt: null,
    });

    // The abandoned-looking update (no completed_at) was sent before the order but arrives after it.
    const stale = checkout('update', who, token, '2026-03-14T09:20:00-04:00', [
      { title: 'Hydrating Face Serum', price: '34.00', quantity: 1 },
    ]);
    expect((await shopify('checkouts/update', stale)).status).toBe(200);
    [row] = await checkoutsOf(who);
    expect(row).toMatchObject({
      status: 'completed',
      completedAt: '2026-03-14T13:31:05.000Z',
      orderId: '7700001',
      // The checkout's own cart replaces the order's stand-in …
      updatedAt: '2026-03-14T13:20:00.000Z',
      itemCount: 1,
      subtotalPrice: 34,
    });

    // … and the even older checkouts/create changes neither the cart nor the completion.
    const created = checkout('create', who, token, '2026-03-14T09:00:00-04:00', [
      { title: 'Daily SPF 50 Sunscreen', price: '22.00', quantity: 4 },
    ]);
    expect((await shopify('checkouts/create', created)).status).toBe(200);
    const paid = order(who, 7_700_001, token, '2026-03-14T11:02:17-04:00');
    expect((await shopify('orders/paid', paid)).status).toBe(200);
    const after = await checkoutsOf(who);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      status: 'completed',
      // The earliest completion known stays: orders/paid comes later and does not move it.
      completedAt: '2026-03-14T13:31:05.000Z',
      updatedAt: '2026-03-14T13:20:00.000Z',
      itemCount: 1,
    });
  });

  it('completes an open checkout when its order arrives after it', async () => {
    const who = shopper();
    const token = `tok-order-after-${who.id}`;
    const cart = [{ title: 'Hydrating Face Serum', price: '34.00', quantity: 1 }];
    await shopify('checkouts/create', checkout('create', who, token, '2026-03-14T09:00:00-04:00', cart));
    expect((await checkoutsOf(who))[0].status).toBe('open');
    await shopify('orders/paid', order(who, 7_700_002, token, '2026-03-14T09:40:00-04:00'));
    const [row] = await checkoutsOf(who);
    expect(row).toMatchObject({ status: 'completed', orderId: '7700002', itemCount: 1 });
  });

  it('changes nothing when a delivery repeats', async () => {
    const who = shopper();
    const token = `tok-repeat-${who.id}`;
    const cart = [{ title: 'Hydrating Face Serum', price: '34.00', quantity: 2 }];
    const body = checkout('update', who, token, '2026-03-14T09:30:00-04:00', cart);
    const first = await shopify('checkouts/update', body, `repeat-${who.id}`);
    expect(first.body.data.status).toBe('accepted');
    const snapshot = await stack.query(`SELECT * FROM checkouts WHERE token = $1`, [token]);

    const again = await shopify('checkouts/update', body, `repeat-${who.id}`);
    expect(again.body.data).toEqual({ status: 'duplicate', eventId: first.body.data.eventId });
    // Shopify can also resend the same version under a new event id: stored as an event, but the
    // projection keeps the version it has (same updated_at is not newer).
    const resent = await shopify('checkouts/update', body);
    expect(resent.body.data.status).toBe('accepted');

    expect(await stack.query(`SELECT * FROM checkouts WHERE token = $1`, [token])).toEqual(
      snapshot.map((row) => ({ ...row, updated_at: expect.any(Date) })),
    );
    expect(snapshot[0]).toMatchObject({ cart_event_id: first.body.data.eventId, item_count: 2 });
    const [row] = await checkoutsOf(who);
    expect(row).toMatchObject({ status: 'open', itemCount: 2, subtotalPrice: 68 });
  });

  it('documents the route in the OpenAPI document', async () => {
    const res = await stack.request('GET', '/openapi.json');
    expect(res.body.paths['/v1/customers/{id}/checkouts'].get.responses['200']).toBeDefined();
    expect(Object.keys(res.body.components.schemas.Checkout.properties)).toEqual(
      expect.arrayContaining(['token', 'status', 'lineItems', 'updatedAt', 'completedAt', 'orderId']),
    );
  });

  it('answers 404 for a customer it does not know', async () => {
    const res = await stack.request('GET', '/v1/customers/no-such-customer/checkouts');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
