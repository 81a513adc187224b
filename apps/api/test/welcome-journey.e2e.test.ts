/**
 * The welcome-coupon journey end to end through real parts: a signed Shopify customers/create
 * delivery -> the event stored once -> a run on Temporal -> a unique coupon -> the welcome email
 * rendered from templates/email/welcome.en.hbs -> sent with @sendgrid/mail to a local server that
 * speaks SendGrid's v3 API -> the ledger row and the timeline.
 */
import { SendGridStub } from '@waypoint/testing';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const SENDGRID_KEY = 'SG.test-key.welcome-journey';

describe('welcome-coupon journey over HTTP', () => {
  const sendgrid = new SendGridStub(SENDGRID_KEY);
  let stack: TestStack;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: SENDGRID_KEY,
        SENDGRID_API_URL: sendgrid.url,
        EMAIL_FROM: 'Acme Store <hello@acme.test>',
      },
    }).start();
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  /** The shipped welcome journey sends at once, then waits three days before its reminder. */
  async function welcomedRunOf(externalId: string) {
    return eventually(async () => {
      const res = await stack.request('GET', `/v1/customers/${externalId}/runs`);
      const run = res.status === 200 ? res.body.data[0] : undefined;
      return run?.waitingFor?.nodeId === 'wait-3d' ? run : undefined;
    }, `the welcome run of customer ${externalId} to send its email and wait`);
  }

  it('sends one welcome email with a unique coupon through SendGrid and records every step', async () => {
    const customer = shopifyCustomer({ first_name: 'Grace', email: 'Grace.Hopper@Example.com' });
    const accepted = await deliver(
      stack.baseUrl,
      signedDelivery('customers/create', customer, stack.shopifySecret),
    );
    expect(accepted).toEqual({
      status: 200,
      body: { data: { status: 'accepted', eventId: expect.any(String) } },
    });

    const run = await welcomedRunOf(String(customer.id));
    expect(run.journey.name).toBe('Welcome coupon');
    expect(run.version).toBe(1);
    expect(run.status).toBe('running');
    expect(run.steps.map((s: { nodeId: string; outcome: string }) => [s.nodeId, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['coupon', 'completed'],
      ['welcome-email', 'completed'],
      ['wait-3d', 'waiting'],
    ]);
    const wait = run.steps[3];
    expect(Date.parse(wait.wakeAt) - Date.parse(wait.enteredAt)).toBe(3 * 86_400_000);
    expect(run.waitingFor).toEqual({
      nodeId: 'wait-3d',
      nodeType: 'wait.delay',
      visit: 1,
      until: wait.wakeAt,
      canContinueNow: true,
    });

    const coupons = await stack.query<{ code: string; kind: string; value: number }>(
      `SELECT code, kind, value::float AS value FROM coupons WHERE run_id = $1`,
      [run.id],
    );
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ kind: 'percent', value: 10 });
    expect(coupons[0].code).toMatch(/^WELCOME-[A-Z2-9]{8}$/);

    const mine = sendgrid.delivered.filter((r) => r.body.custom_args?.run_id === run.id);
    expect(mine).toHaveLength(1);
    const [request] = mine;
    expect(request.headers.authorization).toBe(`Bearer ${SENDGRID_KEY}`);
    expect(request.body.personalizations[0].to).toEqual([{ email: 'grace.hopper@example.com' }]);
    expect(request.body.from).toEqual({ email: 'hello@acme.test', name: 'Acme Store' });
    expect(request.body.subject).toBe('Welcome, Grace! Here is 10% off your first order');
    const html = request.body.content?.find((c) => c.type === 'text/html')?.value ?? '';
    expect(html).toContain(coupons[0].code);
    expect(html).toContain('Welcome, Grace!');

    const emailStep = run.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
    expect(request.body.custom_args).toEqual({
      run_id: run.id,
      node_id: 'welcome-email',
      message_id: emailStep.message.id,
    });
    const unsubscribe = request.body.headers?.['List-Unsubscribe'] ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^<${stack.baseUrl}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`));
    expect(request.body.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(html).toContain(unsubscribe.slice(1, -1));

    expect(emailStep.message).toMatchObject({
      channel: 'email',
      to: 'grace.hopper@example.com',
      status: 'sent',
      provider: 'sendgrid',
    });
    expect(emailStep.reason).toBe('sent to grace.hopper@example.com via sendgrid');
    const ledger = await stack.query<{ status: string; provider_message_id: string }>(
      `SELECT status, provider_message_id FROM messages WHERE run_id = $1`,
      [run.id],
    );
    expect(ledger).toEqual([{ status: 'sent', provider_message_id: request.messageId }]);

    const detail = await stack.request('GET', `/v1/runs/${run.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ id: run.id, status: 'running', currentNodeId: 'wait-3d' });
    expect(detail.body.data.steps).toHaveLength(4);
  });

  it('turns the same delivery sent twice into one event, one run and one email', async () => {
    const customer = shopifyCustomer();
    const delivery = signedDelivery('customers/create', customer, stack.shopifySecret);
    const first = await deliver(stack.baseUrl, delivery);
    const second = await deliver(stack.baseUrl, delivery);
    expect(first.body.data.status).toBe('accepted');
    expect(second.body.data).toEqual({ status: 'duplicate', eventId: first.body.data.eventId });

    const run = await welcomedRunOf(String(customer.id));
    const events = await stack.query(`SELECT id FROM events WHERE idempotency_key = $1`, [
      `shopify:${delivery.headers['x-shopify-event-id']}`,
    ]);
    expect(events).toHaveLength(1);
    const runs = await stack.query(`SELECT id FROM runs WHERE trigger_event_id = $1`, [
      first.body.data.eventId,
    ]);
    expect(runs).toHaveLength(1);
    expect(sendgrid.delivered.filter((r) => r.body.custom_args?.run_id === run.id)).toHaveLength(1);
  });

  it('answers 401 to an unsigned or wrongly signed delivery and stores nothing', async () => {
    const customer = shopifyCustomer();
    const good = signedDelivery('customers/create', customer, stack.shopifySecret);
    const unsigned = { ...good, headers: { ...good.headers } };
    delete unsigned.headers['x-shopify-hmac-sha256'];
    const wrongKey = signedDelivery('customers/create', customer, 'not-the-secret');
    const tampered = { ...good, body: good.body.replace('Ada', 'Eve') };

    for (const delivery of [unsigned, wrongKey, tampered]) {
      const res = await deliver(stack.baseUrl, delivery);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_signature');
    }
    expect(
      await stack.query(`SELECT id FROM customers WHERE external_id = $1`, [String(customer.id)]),
    ).toHaveLength(0);
    expect(
      await stack.query(`SELECT id FROM events WHERE properties->>'shopifyCustomerId' = $1`, [
        String(customer.id),
      ]),
    ).toHaveLength(0);
  });

  // A correctly signed delivery that can never be processed is answered 200 (Shopify retries any
  // other answer for hours) and kept as a dead letter instead: see webhook-dead-letters.e2e.test.ts.
  it('keeps a correctly signed body that is not JSON as a dead letter and stores nothing', async () => {
    const before = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`);
    const delivery = signedDelivery('customers/create', '{"id": 12, "email": ', stack.shopifySecret);
    const res = await deliver(stack.baseUrl, delivery);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'dead_lettered',
      reason: expect.stringContaining('The body is not valid JSON'),
    });
    const after = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`);
    expect(after[0].n).toBe(before[0].n);
    const letters = await stack.query(
      `SELECT provider, topic, body FROM webhook_dead_letters WHERE delivery_id = $1`,
      [delivery.headers['x-shopify-event-id']],
    );
    expect(letters).toEqual([{ provider: 'shopify', topic: 'customers/create', body: delivery.body }]);
  });

  it('acknowledges a topic it does not handle without storing it', async () => {
    const res = await deliver(
      stack.baseUrl,
      // products/update was the example until the catalogue mapped it; collections are not mapped.
      signedDelivery('collections/update', { id: 1, title: 'Mugs' }, stack.shopifySecret),
    );
    expect(res).toEqual({ status: 202, body: { data: { status: 'ignored', topic: 'collections/update' } } });
  });

  it('keeps a customer payload with no id as a dead letter, naming the field', async () => {
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/create', { email: 'no-id@example.com' }, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      status: 'dead_lettered',
      topic: 'customers/create',
      reason: 'id: is required',
    });
    expect(await stack.query(`SELECT id FROM customers WHERE email = 'no-id@example.com'`)).toHaveLength(0);
  });
});
