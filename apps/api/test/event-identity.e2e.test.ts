/**
 * Who an event is about and when it is the same event, through the real API (docs/api.md,
 * "Idempotency" and "Who an event is about"): a customer is found by external id, then email, then
 * phone, whether or not the profile found has an external id; a phone beside a matching email is
 * stored on that profile unless another profile has it; the same content without key or timestamp
 * is one event within its window of receipt; a key reused with other content is refused (409, or
 * `conflict` per event in a batch) and stores nothing; property strings are held to the limit.
 */
import { LIMITS } from '@waypoint/contract';
import { TestStack } from './support/test-stack';

jest.setTimeout(90_000);

describe('event identity and idempotency', () => {
  let stack: TestStack;
  let key: string;
  const auth = () => ({ authorization: `Bearer ${key}` });
  const send = (method: string, path: string, body: unknown) => stack.request(method, path, body, auth());
  const customers = (where: string, params: unknown[]) =>
    stack.query<{ id: string; external_id: string | null; email: string | null; phone: string | null }>(
      `SELECT id, external_id, email, phone FROM customers WHERE ${where} ORDER BY created_at`,
      params,
    );
  const customerOf = async (eventId: string) =>
    (await stack.query<{ customer_id: string }>(`SELECT customer_id FROM events WHERE id = $1`, [eventId]))[0]
      .customer_id;
  const counts = async () =>
    (
      await stack.query<{ customers: number; events: number; purchases: number }>(
        `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM events) AS events,
                (SELECT coalesce(sum(orders_count), 0)::int FROM customers) AS purchases`,
      )
    )[0];

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('identity');
  });

  afterAll(() => stack?.stop());

  describe('identity', () => {
    let ada: string;
    /** A product view naming its customer so; the id of the customer it was filed under. */
    const viewBy = async (customer: Record<string, string>, productId: string) => {
      const res = await send('POST', '/v1/events', {
        type: 'product.viewed',
        customer,
        properties: { productId },
      });
      expect(res.status).toBe(202);
      return customerOf(res.body.data.eventId);
    };

    beforeAll(async () => {
      const res = await send('PUT', '/v1/customers/7001', { email: 'ada@example.com' });
      expect(res.status).toBe(200);
      ada = res.body.data.id;
      expect(
        (await send('PUT', '/v1/customers/7002', { email: 'bob@example.com', phone: '+905554443323' }))
          .status,
      ).toBe(200);
    });

    it('finds a profile with an external id by the email of an event that names none, and stores its new phone there', async () => {
      expect(await viewBy({ email: 'ada@example.com', phone: '+905554443322' }, 'P1')).toBe(ada);
      expect(await customers(`lower(email) = $1`, ['ada@example.com'])).toEqual([
        { id: ada, external_id: '7001', email: 'ada@example.com', phone: '+905554443322' },
      ]);
    });

    it('finds the same profile by its phone alone', async () => {
      expect(await viewBy({ phone: '+905554443322' }, 'P2')).toBe(ada);
    });

    it("keeps the email's profile but does not move a phone another profile has", async () => {
      const before = await counts();
      expect(await viewBy({ email: 'ada@example.com', phone: '+905554443323' }, 'P3')).toBe(ada);
      expect(await customers(`external_id IN ('7001', '7002')`, [])).toEqual([
        { id: ada, external_id: '7001', email: 'ada@example.com', phone: '+905554443322' },
        { id: expect.any(String), external_id: '7002', email: 'bob@example.com', phone: '+905554443323' },
      ]);
      expect((await counts()).customers).toBe(before.customers);
    });

    it('applies the same rule to events in a batch', async () => {
      const cem = (await send('PUT', '/v1/customers/7003', { email: 'cem@example.com' })).body.data.id;
      const res = await send('POST', '/v1/events/batch', {
        events: [
          {
            type: 'product.viewed',
            customer: { email: 'cem@example.com', phone: '+905554443324' },
            idempotencyKey: 'cem-1',
          },
        ],
      });
      expect(res.status).toBe(202);
      expect(await customerOf(res.body.data.events[0].eventId)).toBe(cem);
      expect(await customers(`lower(email) = $1`, ['cem@example.com'])).toEqual([
        { id: cem, external_id: '7003', email: 'cem@example.com', phone: '+905554443324' },
      ]);
    });
  });

  describe('an event without key and timestamp', () => {
    it('is stored once when the same content comes twice at once', async () => {
      const event = { type: 'product.viewed', customer: { id: 'window-1' }, properties: { productId: 'W1' } };
      const first = await send('POST', '/v1/events', event);
      const again = await send('POST', '/v1/events', event);
      expect(first.body.data.status).toBe('accepted');
      expect(again.body.data).toEqual({ eventId: first.body.data.eventId, status: 'duplicate' });
      const [row] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events e JOIN customers c ON c.id = e.customer_id WHERE c.external_id = 'window-1'`,
      );
      expect(row.n).toBe(1);
    });
  });

  describe('an idempotency key reused with other content', () => {
    let viewed: string;

    beforeAll(async () => {
      const res = await send('POST', '/v1/events', {
        type: 'product.viewed',
        customer: { id: 'k-owner', email: 'k-owner@example.com' },
        properties: { productId: 'P9' },
        idempotencyKey: 'k-1',
      });
      expect(res.body.data.status).toBe('accepted');
      viewed = res.body.data.eventId;
    });

    it('is refused with 409 naming the key and the first event type, storing nothing', async () => {
      const before = await counts();
      const res = await send('POST', '/v1/events', {
        type: 'order.placed',
        customer: { id: 'k-owner' },
        properties: {
          orderId: 'o-1',
          totalPrice: 50,
          lineItems: [{ productId: 'P9', quantity: 1, price: 50 }],
        },
        idempotencyKey: 'k-1',
      });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'idempotency_conflict',
        details: { idempotencyKey: 'k-1', firstEventType: 'product.viewed', firstEventId: viewed },
      });
      expect(res.body.error.message).toContain('"k-1"');
      expect(res.body.error.message).toContain('product.viewed');
      expect(await counts()).toEqual(before);
    });

    it('stays a duplicate with the same content', async () => {
      const res = await send('POST', '/v1/events', {
        type: 'product.viewed',
        customer: { id: 'k-owner', email: 'k-owner@example.com' },
        properties: { productId: 'P9' },
        idempotencyKey: 'k-1',
      });
      expect(res).toEqual({ status: 202, body: { data: { eventId: viewed, status: 'duplicate' } } });
    });

    it('is reported per event in a batch, the others stored', async () => {
      const before = await counts();
      const res = await send('POST', '/v1/events/batch', {
        events: [
          {
            type: 'product.viewed',
            customer: { id: 'k-owner' },
            properties: { productId: 'P10' },
            idempotencyKey: 'k-1',
          },
          {
            type: 'product.viewed',
            customer: { id: 'k-owner' },
            properties: { productId: 'P9' },
            idempotencyKey: 'k-1',
          },
          { type: 'cart.updated', customer: { id: 'k-owner' }, idempotencyKey: 'k-2' },
          {
            type: 'cart.updated',
            customer: { id: 'k-owner' },
            properties: { items: 1 },
            idempotencyKey: 'k-2',
          },
        ],
      });
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({ accepted: 1, duplicates: 1, conflicts: 2 });
      const [p10, p9, k2, k2Again] = res.body.data.events;
      expect(p10).toEqual({ eventId: viewed, status: 'conflict' });
      expect(p9).toEqual({ eventId: viewed, status: 'duplicate' });
      expect(k2.status).toBe('accepted');
      expect(k2Again).toEqual({ eventId: k2.eventId, status: 'conflict' });
      expect((await counts()).events).toBe(before.events + 1);
    });

    it('is reported per event in an import batch too', async () => {
      const before = await counts();
      const res = await send('POST', '/v1/events/batch', {
        mode: 'import',
        events: [
          {
            type: 'order.placed',
            customer: { id: 'k-owner' },
            properties: { orderId: 'o-2' },
            idempotencyKey: 'k-1',
          },
        ],
      });
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({ accepted: 0, duplicates: 0, conflicts: 1 });
      expect(res.body.data.events[0]).toEqual({ eventId: viewed, status: 'conflict' });
      expect(await counts()).toEqual(before);
    });
  });

  it(`refuses a property string longer than ${LIMITS.textLength.toLocaleString('en')} characters, naming it`, async () => {
    const before = await counts();
    const res = await send('POST', '/v1/events', {
      type: 'product.viewed',
      customer: { id: 'long-1' },
      properties: { description: 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain('properties.description');
    expect(await counts()).toEqual(before);
  });
});
