/**
 * Shopify fulfillments through the API and into the order updates journey: `orders/create` starts
 * the run (keyed by the order id), `fulfillments/create` becomes `order.shipped` filed under the
 * order's customer (the payload names only the order and its email) and sends the tracking link,
 * `fulfillments/update` becomes `order.delivered` only when the carrier says delivered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { deliver, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures/shopify', name), 'utf8')) as Record<string, any>;
const orderUpdates = JSON.parse(
  readFileSync(join(__dirname, '../../../templates/journeys/order-updates.json'), 'utf8'),
) as { name: string; definition: JourneyDefinitionInput };

describe('Shopify fulfillments', () => {
  let stack: TestStack;
  const shopify = (topic: string, body: unknown) =>
    deliver(stack.baseUrl, signedDelivery(topic, body, stack.shopifySecret));

  beforeAll(async () => {
    stack = await new TestStack().start();
    await publishJourney(stack, orderUpdates.name, orderUpdates.definition);
  });

  afterAll(() => stack?.stop());

  const eventsOf = (type: string) =>
    stack.query<{ customer_id: string; properties: Record<string, any> }>(
      `SELECT customer_id, properties FROM events WHERE type = $1 ORDER BY received_at`,
      [type],
    );
  const messagesOf = (customerId: string) =>
    stack.query<{ template: string; channel: string; body_html: string | null }>(
      `SELECT template, channel, body_html FROM messages WHERE customer_id = $1 AND template LIKE 'order-%' ORDER BY created_at`,
      [customerId],
    );

  /** Waits until the customer's messages are exactly these templates, in order. */
  const templatesBecome = async (customerId: string, templates: string[]) => {
    const seen = await eventually(
      async () => {
        const now = (await messagesOf(customerId)).map((m) => m.template);
        return JSON.stringify(now) === JSON.stringify(templates) ? now : undefined;
      },
      `messages ${templates.join(', ')}`,
    );
    expect(seen).toEqual(templates);
  };

  it('files shipped and delivered under the customer who placed the order, and the run sends each update once', async () => {
    const order = fixture('orders-create.json');
    expect((await shopify('orders/create', order)).body.data.status).toBe('accepted');
    const [placed] = await eventsOf('order.placed');
    const customerId = placed.customer_id;
    await templatesBecome(customerId, ['order-received', 'order-received']);

    const shippedAnswer = await shopify('fulfillments/create', fixture('fulfillments-create.json'));
    expect(shippedAnswer).toEqual({
      status: 200,
      body: { data: { status: 'accepted', eventId: expect.any(String) } },
    });
    const [shipped] = await eventsOf('order.shipped');
    expect(shipped.customer_id).toBe(customerId);
    expect(shipped.properties).toMatchObject({
      orderId: String(order.id),
      carrier: 'UPS',
      trackingNumber: '1Z2345A67890123456',
    });

    // On its way, out for delivery: not events.
    const inTransit = { ...fixture('fulfillments-update.json'), shipment_status: 'in_transit' };
    expect(await shopify('fulfillments/update', inTransit)).toEqual({
      status: 202,
      body: { data: { status: 'ignored', topic: 'fulfillments/update' } },
    });
    await templatesBecome(customerId, ['order-received', 'order-received', 'order-shipped', 'order-shipped']);
    expect(await eventsOf('order.delivered')).toEqual([]);

    expect((await shopify('fulfillments/update', fixture('fulfillments-update.json'))).body.data.status).toBe(
      'accepted',
    );
    const [deliveredEvent] = await eventsOf('order.delivered');
    expect(deliveredEvent.customer_id).toBe(customerId);
    await templatesBecome(customerId, [
      'order-received',
      'order-received',
      'order-shipped',
      'order-shipped',
      'order-delivered',
    ]);
    const run = await eventually(async () => {
      const [row] = await stack.query<{ status: string; entry_key: string }>(
        `SELECT r.status, r.entry_key FROM runs r JOIN journeys j ON j.id = r.journey_id
          WHERE r.customer_id = $1 AND j.name = $2`,
        [customerId, orderUpdates.name],
      );
      return row?.status === 'completed' ? row : undefined;
    }, 'the order updates run completed');
    expect(run.entry_key).toBe(String(order.id));
  });

  it('a fulfillment of an order never seen here is filed by its email; without one it is a dead letter', async () => {
    const unknown = {
      ...fixture('fulfillments-create.json'),
      id: 99001,
      order_id: 88001,
      email: 'guest@example.com',
    };
    expect((await shopify('fulfillments/create', unknown)).body.data.status).toBe('accepted');
    const [guest] = await stack.query<{ email: string; external_id: string | null }>(
      `SELECT c.email, c.external_id FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.type = 'order.shipped' AND e.properties->>'orderId' = '88001'`,
    );
    expect(guest).toEqual({ email: 'guest@example.com', external_id: null });

    const anonymous = { ...unknown, id: 99002, order_id: 88002, email: null };
    const answer = await shopify('fulfillments/create', anonymous);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ status: 'dead_lettered', topic: 'fulfillments/create' });
    expect(answer.body.data.reason).toContain('order 88002 is unknown here');
  });
});
