/**
 * An accepted event is durable before the webhook is answered, and routing survives a crash in
 * between: the API accepts a delivery while Temporal is unreachable (so it cannot route), dies,
 * and a fresh API routes the event from the outbox (its `event_outbox` row) exactly once.
 */
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(90_000);

const SECRET = 'routing-outbox-shopify-secret';

describe('the routing outbox', () => {
  let cut: TestStack;
  let healthy: TestStack | undefined;

  beforeAll(async () => {
    // Nothing listens on port 9: every call to Temporal fails, so routing cannot happen.
    cut = await new TestStack({
      env: { TEMPORAL_ADDRESS: '127.0.0.1:9', SHOPIFY_WEBHOOK_SECRET: SECRET },
      allowDegraded: true,
    }).start();
  });

  afterAll(async () => {
    await healthy?.stop();
    await cut.stop();
  });

  it('routes an event accepted before a crash once the API is back, starting exactly one run', async () => {
    const customer = shopifyCustomer();
    const delivery = signedDelivery('customers/create', customer, SECRET);
    const res = await deliver(cut.baseUrl, delivery);
    expect(res.body.data.status).toBe('accepted');
    const eventId = res.body.data.eventId;

    const [stored] = await cut.query<{ routed: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed FROM events e WHERE e.id = $1`,
      [eventId],
    );
    expect(stored.routed).toBe(false);
    await cut.killApi();

    healthy = await new TestStack({ db: cut.db, env: { SHOPIFY_WEBHOOK_SECRET: SECRET } }).start();
    const run = await eventually(async () => {
      const runs = (await healthy!.request('GET', `/v1/customers/${customer.id}/runs`)).body.data ?? [];
      return runs.find((r: { steps: Array<{ nodeId: string; outcome: string }> }) =>
        r.steps.some((s) => s.nodeId === 'welcome-email' && s.outcome === 'completed'),
      );
    }, 'the swept event to start the welcome run and send its email');
    expect(run.journey.name).toBe('Welcome coupon');

    const [routed] = await healthy.query<{ routed: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed FROM events e WHERE e.id = $1`,
      [eventId],
    );
    expect(routed.routed).toBe(true);
    // Re-delivering the same webhook and sweeping again change nothing.
    expect((await deliver(healthy.baseUrl, { ...delivery, headers: { ...delivery.headers } })).status).toBe(
      200,
    );
    const runs = await healthy.query(`SELECT id FROM runs WHERE trigger_event_id = $1`, [eventId]);
    expect(runs).toHaveLength(1);
    const emails = await healthy.query(`SELECT id FROM messages WHERE run_id = $1`, [run.id]);
    expect(emails).toHaveLength(1);
  });
});
