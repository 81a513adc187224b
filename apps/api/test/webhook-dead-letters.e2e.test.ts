/**
 * Signed webhook deliveries that can never be processed, through the real API: answered 200 (the
 * provider would otherwise retry them for hours), nothing stored from them, and kept once per
 * delivery in the dead-letter list an admin reads at `GET /v1/webhook-dead-letters`.
 */
import { randomBytes } from 'node:crypto';
import { signedTwilioRequest } from '@waypoint/testing';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { TestStack } from './support/test-stack';

const AUTH_TOKEN = randomBytes(16).toString('hex');
jest.setTimeout(90_000);

interface DeadLetter {
  id: string;
  provider: string;
  topic: string | null;
  deliveryId: string;
  reason: string;
  body: string;
  attempts: number;
  receivedAt: string;
  lastReceivedAt: string;
}

describe('webhook dead letters', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack({ env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } }).start();
  });

  afterAll(() => stack?.stop());

  const counts = async () =>
    (
      await stack.query<{ customers: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM events) AS events`,
      )
    )[0];

  /** The dead letters as an admin reads them, for one delivery id. */
  async function lettersFor(deliveryId: string): Promise<DeadLetter[]> {
    const res = await stack.request('GET', '/v1/webhook-dead-letters?limit=500');
    expect(res.status).toBe(200);
    return (res.body.data as DeadLetter[]).filter((letter) => letter.deliveryId === deliveryId);
  }

  it('answers 200 to a customer id that is an object, stores no customer, and keeps one dead letter per delivery', async () => {
    const before = await counts();
    const customer = shopifyCustomer({ id: { a: 1 } });
    const delivery = signedDelivery('customers/create', customer, stack.shopifySecret);
    const res = await deliver(stack.baseUrl, delivery);
    expect(res).toEqual({
      status: 200,
      body: {
        data: {
          status: 'dead_lettered',
          topic: 'customers/create',
          reason: 'id: must be a Shopify id (a whole number or text)',
        },
      },
    });
    expect(await counts()).toEqual(before);
    expect(await stack.query(`SELECT id FROM customers WHERE external_id = '[object Object]'`)).toEqual([]);
    expect(await stack.query(`SELECT id FROM customers WHERE email = $1`, [customer.email])).toEqual([]);

    const deliveryId = delivery.headers['x-shopify-event-id'];
    const [letter] = await lettersFor(deliveryId);
    expect(letter).toMatchObject({
      provider: 'shopify',
      topic: 'customers/create',
      deliveryId,
      reason: 'id: must be a Shopify id (a whole number or text)',
      body: delivery.body,
      attempts: 1,
    });

    // Shopify retrying the same delivery: still one row, the retry counted.
    expect((await deliver(stack.baseUrl, delivery)).status).toBe(200);
    const again = await lettersFor(deliveryId);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: letter.id, attempts: 2 });
    expect(await counts()).toEqual(before);
  });

  it('keeps a signed payload with a NUL in a string as a dead letter', async () => {
    const before = await counts();
    const delivery = signedDelivery(
      'customers/update',
      shopifyCustomer({ first_name: 'Ada\u0000Lovelace' }),
      stack.shopifySecret,
    );
    const res = await deliver(stack.baseUrl, delivery);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'dead_lettered',
      reason: expect.stringContaining('first_name contains a NUL'),
    });
    expect(await counts()).toEqual(before);
    const [letter] = await lettersFor(delivery.headers['x-shopify-event-id']);
    expect(letter).toMatchObject({ provider: 'shopify', body: delivery.body, attempts: 1 });
  });

  it('keeps a signed body with a raw NUL byte as a dead letter, the NUL escaped', async () => {
    const before = await counts();
    const body = `{"id": 77, "email": "raw\u0000nul@example.com"}`;
    const delivery = signedDelivery('customers/create', body, stack.shopifySecret);
    const res = await deliver(stack.baseUrl, delivery);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('dead_lettered');
    expect(await counts()).toEqual(before);
    const [letter] = await lettersFor(delivery.headers['x-shopify-event-id']);
    expect(letter.body).toBe('{"id": 77, "email": "raw\\u0000nul@example.com"}');
  });

  it('still refuses an unsigned delivery with 401 and keeps nothing', async () => {
    const delivery = signedDelivery('customers/create', shopifyCustomer({ id: { a: 1 } }), 'not-the-secret');
    const res = await deliver(stack.baseUrl, delivery);
    expect(res.status).toBe(401);
    expect(await lettersFor(delivery.headers['x-shopify-event-id'])).toEqual([]);
  });

  it('keeps a signed Twilio status callback with a NUL as a dead letter', async () => {
    const url = `${stack.baseUrl}/webhooks/twilio/status`;
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const request = signedTwilioRequest(AUTH_TOKEN, url, {
      MessageSid: sid,
      MessageStatus: 'delivered',
      ErrorMessage: 'bad\u0000byte',
    });
    const res = await fetch(url, { method: 'POST', ...request });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data).toMatchObject({ result: 'dead_lettered', messageId: null });
    const [letter] = await lettersFor(`${sid}:delivered`);
    expect(letter).toMatchObject({ provider: 'twilio', topic: 'status' });
    expect(letter.reason).toContain('ErrorMessage contains a NUL');
  });

  it('is for admins only', async () => {
    const marketer = await stack.personWithRole('marketer');
    const support = await stack.personWithRole('support');
    for (const person of [marketer, support]) {
      const res = await stack.request('GET', '/v1/webhook-dead-letters', undefined, {
        authorization: `Bearer ${person.token}`,
      });
      expect(res.status).toBe(403);
    }
    expect((await stack.request('GET', '/v1/webhook-dead-letters?limit=0')).status).toBe(400);
  });

  it('documents the list in the OpenAPI document for admins', async () => {
    const doc = (await stack.request('GET', '/openapi.json')).body;
    const list = doc.paths['/v1/webhook-dead-letters'].get;
    expect(list['x-roles']).toEqual(['admin']);
    expect(list.responses['200']).toBeDefined();
    expect(doc.paths['/webhooks/shopify'].post.responses['200']).toBeDefined();
  });
});
