/**
 * Phone numbers enter as E.164, read in the store's country (STORE_COUNTRY, TR by default) when
 * they have no country code, through every entry: Shopify webhooks (customer, checkout, order),
 * the event API, the profile API and Twilio's inbound From; support finds a customer by the number
 * typed in national format. The store's own invalid number is kept as given and never texted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, 'fixtures/shopify');
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

/** A fresh Turkish mobile number: national text and its E.164 form. */
function turkishMobile(): { national: string; e164: string } {
  const rest = String(randomInt(1_000_000, 9_999_999));
  return {
    national: `0532 ${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5)}`,
    e164: `+90532${rest}`,
  };
}

describe('phone numbers', () => {
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    apiKey = await stack.apiKey('phones');
  });

  afterAll(() => stack?.stop());

  const asApi = (method: string, path: string, body?: unknown) =>
    stack.request(method, path, body, { authorization: `Bearer ${apiKey}` });

  async function webhook(topic: string, payload: Record<string, unknown>) {
    const res = await deliver(stack.baseUrl, signedDelivery(topic, payload, stack.shopifySecret));
    expect(res).toMatchObject({ status: 200, body: { data: { status: 'accepted' } } });
  }

  async function phoneOf(externalId: string): Promise<string | null | undefined> {
    const [row] = await stack.query<{ phone: string | null }>(
      `SELECT phone FROM customers WHERE external_id = $1`,
      [externalId],
    );
    return row?.phone;
  }

  it('stores a Shopify customer, checkout and order phone as E.164', async () => {
    const customerPhone = turkishMobile();
    const customer = shopifyCustomer({ phone: customerPhone.national });
    await webhook('customers/create', customer);
    expect(await phoneOf(String(customer.id))).toBe(customerPhone.e164);

    const checkoutPhone = turkishMobile();
    const checkout = fixture('checkouts-create.json');
    const buyer = randomInt(1_000_000, 9_999_999);
    checkout.token = `phones-${buyer}`;
    checkout.customer = { ...(checkout.customer as object), id: buyer, email: `b${buyer}@example.com` };
    checkout.phone = checkoutPhone.national;
    await webhook('checkouts/create', checkout);
    expect(await phoneOf(String(buyer))).toBe(checkoutPhone.e164);

    const orderPhone = turkishMobile();
    const order = fixture('orders-create.json');
    const orderBuyer = randomInt(1_000_000, 9_999_999);
    order.id = randomInt(1_000_000_000, 9_999_999_999);
    order.customer = {
      ...(order.customer as object),
      id: orderBuyer,
      email: `o${orderBuyer}@example.com`,
      phone: `+90 ${orderPhone.national.slice(1)}`,
    };
    await webhook('orders/create', order);
    expect(await phoneOf(String(orderBuyer))).toBe(orderPhone.e164);
  });

  it('stores the event API and profile API phone as E.164 and refuses a number that is not valid', async () => {
    const tr = turkishMobile();
    const event = await asApi('POST', '/v1/events', {
      type: 'app.opened',
      customer: { id: `ev-${tr.e164}`, phone: tr.national },
    });
    expect(event.status).toBe(202);
    expect(await phoneOf(`ev-${tr.e164}`)).toBe(tr.e164);

    const us = await asApi('PUT', '/v1/customers/us-phone-1', { phone: '+1 (415) 555-2671' });
    expect(us.status).toBe(200);
    expect(us.body.data.phone).toBe('+14155552671');
    const national = turkishMobile();
    const put = await asApi('PUT', '/v1/customers/tr-phone-1', { phone: national.national });
    expect(put.body.data.phone).toBe(national.e164);

    const bad = await asApi('PUT', '/v1/customers/tr-phone-2', { phone: '0532 12' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'invalid_phone', details: { field: 'phone' } });
    const badEvent = await asApi('POST', '/v1/events/batch', {
      events: [
        { type: 'app.opened', customer: { id: 'ok-1' } },
        { type: 'app.opened', customer: { id: 'bad-1', phone: '+05321234567' } },
      ],
    });
    expect(badEvent.status).toBe(422);
    expect(badEvent.body.error.details).toEqual({ field: 'events[1].customer.phone' });
    expect(await phoneOf('bad-1')).toBeUndefined();
  });

  it('finds a customer by the number typed in national format', async () => {
    const tr = turkishMobile();
    expect((await asApi('PUT', '/v1/customers/find-by-phone', { phone: tr.e164 })).status).toBe(200);
    for (const q of [tr.national, tr.e164, `+90 ${tr.national.slice(1)}`, tr.e164.slice(1)]) {
      const res = await stack.request('GET', `/v1/customers?q=${encodeURIComponent(q)}`);
      expect({ q, ids: res.body.data?.map((c: { externalId: string }) => c.externalId) }).toEqual({
        q,
        ids: ['find-by-phone'],
      });
    }
  });

  it("keeps the store's invalid number as given and never texts it", async () => {
    await publishJourney(stack, 'Text the invalid', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'TXT' } },
        { id: 'sms', type: 'send.sms', data: { template: 'welcome-reminder' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
        { source: 'coupon', sourceHandle: 'next', target: 'sms' },
        { source: 'sms', sourceHandle: 'next', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' }, quietHours: { sms: null } },
    });
    const customer = shopifyCustomer({
      phone: '0532 12',
      sms_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2026-11-24T09:15:00-05:00',
      },
    });
    await webhook('customers/update', customer);
    const externalId = String(customer.id);
    expect(await phoneOf(externalId)).toBe('0532 12');
    const step = await eventually(async () => {
      const [run] = await stack.query<{ id: string; status: string }>(
        `SELECT r.id, r.status FROM runs r JOIN customers c ON c.id = r.customer_id WHERE c.external_id = $1`,
        [externalId],
      );
      if (!run || run.status === 'running') return undefined;
      const timeline = (await stack.request('GET', `/v1/runs/${run.id}`)).body.data;
      return timeline.steps.find((s: { nodeId: string }) => s.nodeId === 'sms');
    }, 'the texting run to finish');
    expect(step.reason).toContain('phone number "0532 12" is not a valid number');
    const messages = await stack.query(
      `SELECT m.id FROM messages m JOIN customers c ON c.id = m.customer_id WHERE c.external_id = $1`,
      [externalId],
    );
    expect(messages).toEqual([]);
  });
});
