/**
 * Preview for a customer through the API (docs/product.md, "Preview"): a marketer finds a
 * customer (GET /v1/preview/customers) and previews the shipped abandoned-cart journey for them;
 * the trigger is their latest checkout; a customer with SMS consent gets the last call by SMS,
 * one without by email, each with the branch's reason and the rendered message; nothing is
 * written (no run, no step, no message, no coupon). Support may not preview; a draft that is not
 * a complete journey is answered 422.
 */
import { randomUUID } from 'node:crypto';
import { customerWithCheckout as storeCustomerWithCheckout } from './support/checkout-customers';
import { TestStack } from './support/test-stack';

jest.setTimeout(90_000);

describe('POST /v1/journeys/{id}/preview', () => {
  let stack: TestStack;
  let marketer: { authorization: string };
  let cartJourneyId: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    marketer = { authorization: `Bearer ${(await stack.personWithRole('marketer')).token}` };
    const journeys = await stack.request('GET', '/v1/journeys');
    cartJourneyId = journeys.body.data.find((j: { name: string }) => /abandoned cart/i.test(j.name)).id;
  });

  afterAll(() => stack?.stop());

  /** A customer with a stored checkout, found as a marketer finds one. */
  async function customerWithCheckout(
    consent: Record<string, string>,
  ): Promise<{ id: string; email: string }> {
    const email = `preview-${randomUUID().slice(0, 8)}@example.com`;
    const id = await storeCustomerWithCheckout(stack, {
      email,
      phone: '+14155550123',
      timezone: 'UTC',
      consent,
    });
    const found = await stack.request(
      'GET',
      `/v1/preview/customers?q=${encodeURIComponent(email)}`,
      undefined,
      marketer,
    );
    expect(found.status).toBe(200);
    expect(found.body.data.map((c: { id: string }) => c.id)).toEqual([id]);
    return { id, email };
  }

  async function written(customerId: string) {
    const [row] = await stack.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM runs WHERE customer_id = $1)::int AS runs,
              (SELECT count(*) FROM messages WHERE customer_id = $1)::int AS messages,
              (SELECT count(*) FROM coupons WHERE customer_id = $1)::int AS coupons`,
      [customerId],
    );
    return row;
  }

  it('with SMS consent: the last call by SMS, the branch says why, the reminder email is rendered; nothing written', async () => {
    const customer = await customerWithCheckout({ email: 'opted_in', sms: 'opted_in' });
    const res = await stack.request(
      'POST',
      `/v1/journeys/${cartJourneyId}/preview`,
      { customerId: customer.id },
      marketer,
    );
    expect(res.status).toBe(200);
    const preview = res.body.data;
    expect(preview.triggerEvent).toMatchObject({ type: 'checkout.started', given: false });
    expect(preview.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
      'trigger',
      'wait-1h',
      'reminder',
      'wait-23h',
      'free-shipping',
      'channel',
      'last-call-sms',
      'done',
    ]);
    const byNode = Object.fromEntries(preview.steps.map((s: { nodeId: string }) => [s.nodeId, s]));
    expect(byNode.channel).toMatchObject({
      branch: 'sms',
      reason: 'consent.sms is "opted_in" → took \'SMS consent\'',
    });
    expect(byNode.reminder.message).toMatchObject({ channel: 'email', to: customer.email });
    expect(byNode.reminder.message.html).toContain('Organic Coffee 1 kg');
    expect(byNode['wait-1h'].wakeAtLocal).toMatch(/ UTC$/);
    expect(byNode['last-call-sms'].message.text).toContain('SHIP-PREVIEW');
    expect(preview.end).toEqual({ status: 'completed', reason: null });
    expect(await written(customer.id)).toEqual({ runs: 0, messages: 0, coupons: 0 });
  });

  it('without SMS consent: the last call by email, and the branch says why', async () => {
    const customer = await customerWithCheckout({ email: 'opted_in' });
    const res = await stack.request(
      'POST',
      `/v1/journeys/${cartJourneyId}/preview`,
      { customerId: customer.id, version: 1 },
      marketer,
    );
    expect(res.status).toBe(200);
    const steps = res.body.data.steps as Array<{ nodeId: string; branch: string | null; reason: string }>;
    expect(steps.map((s) => s.nodeId)).toContain('last-call-email');
    expect(steps.find((s) => s.nodeId === 'channel')).toMatchObject({ branch: 'else' });
    expect(steps.find((s) => s.nodeId === 'channel')?.reason).toMatch(
      /consent\.sms is not set → took 'else'$/,
    );
    expect(await written(customer.id)).toEqual({ runs: 0, messages: 0, coupons: 0 });
  });

  it('without a search term, offers customers to start from; support may not preview', async () => {
    const some = await stack.request('GET', '/v1/preview/customers', undefined, marketer);
    expect(some.status).toBe(200);
    expect(some.body.data.length).toBeGreaterThan(0);
    const support = { authorization: `Bearer ${(await stack.personWithRole('support')).token}` };
    const refused = await stack.request(
      'POST',
      `/v1/journeys/${cartJourneyId}/preview`,
      { customerId: some.body.data[0].id },
      support,
    );
    expect(refused.status).toBe(403);
  });

  it('an unfinished draft is 422 with what is missing; an unknown customer or version is 404', async () => {
    const created = await stack.request(
      'POST',
      '/v1/journeys',
      { name: 'Unfinished', definition: { nodes: [{ id: 'a', type: 'wait.delay' }], edges: [] } },
      marketer,
    );
    expect(created.status).toBe(201);
    const some = (await stack.request('GET', '/v1/preview/customers', undefined, marketer)).body.data[0].id;
    const unfinished = await stack.request(
      'POST',
      `/v1/journeys/${created.body.data.id}/preview`,
      { customerId: some },
      marketer,
    );
    expect(unfinished.status).toBe(422);
    expect(unfinished.body.error.code).toBe('invalid_journey');
    expect(unfinished.body.error.message).toMatch(/^The draft is not a complete journey yet/);
    const nobody = await stack.request(
      'POST',
      `/v1/journeys/${cartJourneyId}/preview`,
      { customerId: randomUUID() },
      marketer,
    );
    expect(nobody.status).toBe(404);
    const noVersion = await stack.request(
      'POST',
      `/v1/journeys/${cartJourneyId}/preview`,
      { customerId: some, version: 99 },
      marketer,
    );
    expect(noVersion.status).toBe(404);
  });
});
