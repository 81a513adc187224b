/**
 * Versions and lifecycle through the API with the real engine: runs stay pinned to the version
 * they started on; pause holds runs and starts none, resume continues them; archive ends them with
 * the reason; stats count steps per node; a goal event converts the run with its revenue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { couponWaitEmail, publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, sleep, TestStack } from './support/test-stack';

jest.setTimeout(90_000);

describe('journey versions and lifecycle', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await new TestStack().start();
  });

  afterAll(() => stack?.stop());

  async function enter(customer = shopifyCustomer()) {
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    return { customer, eventId: res.body.data.eventId as string };
  }

  async function runOf(externalId: string, journeyId: string, until: (run: any) => boolean, what: string) {
    return eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${externalId}/runs`)).body.data ?? [];
      const run = runs.find((r: { journey: { id: string } }) => r.journey.id === journeyId);
      return run && until(run) ? run : undefined;
    }, what);
  }

  async function routed(eventId: string) {
    await eventually(async () => {
      const [row] = await stack.query<{ routed: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed FROM events e WHERE e.id = $1`,
        [eventId],
      );
      return row?.routed ? true : undefined;
    }, `event ${eventId} to be routed`);
  }

  it('keeps a run on the version it started on after a new version is published', async () => {
    const v1 = couponWaitEmail('customer.updated', '4s');
    const journeyId = await publishJourney(stack, 'Pinned', v1);
    const { customer } = await enter();
    const externalId = String(customer.id);
    await runOf(externalId, journeyId, (r) => r.waitingFor?.nodeId === 'pause', 'the v1 run to wait');

    const v2 = couponWaitEmail('customer.updated', '4s');
    v2.nodes = v2.nodes.map((n) => (n.id === 'email' ? { ...n, id: 'email-v2' } : n));
    v2.edges = v2.edges.map((e) => ({
      ...e,
      source: e.source === 'email' ? 'email-v2' : e.source,
      target: e.target === 'email' ? 'email-v2' : e.target,
    }));
    expect((await stack.request('PUT', `/v1/journeys/${journeyId}/draft`, { definition: v2 })).status).toBe(
      200,
    );
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/publish`)).body.data.version).toBe(2);

    const run = await runOf(externalId, journeyId, (r) => r.status === 'completed', 'the v1 run to finish');
    expect(run.version).toBe(1);
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
      'trigger',
      'coupon',
      'pause',
      'email',
      'done',
    ]);

    const next = await enter(shopifyCustomer());
    const fresh = await runOf(String(next.customer.id), journeyId, (r) => r.steps.length >= 2, 'a run on v2');
    expect(fresh.version).toBe(2);
  });

  it('pauses (holding runs, starting none), resumes, and archives with a recorded reason', async () => {
    const journeyId = await publishJourney(stack, 'Lifecycle', couponWaitEmail('customer.updated', '3s'));
    const { customer } = await enter();
    const externalId = String(customer.id);
    await runOf(externalId, journeyId, (r) => r.waitingFor?.nodeId === 'pause', 'the run to wait');

    const paused = await stack.request('POST', `/v1/journeys/${journeyId}/pause`);
    expect(paused.body.data).toEqual({ id: journeyId, status: 'paused', runsNotified: 1 });
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/pause`)).status).toBe(409);

    // While paused: the wait elapses but nothing is sent, and a new event starts no run.
    const other = await enter();
    await routed(other.eventId);
    await sleep(4_500);
    let run = await runOf(externalId, journeyId, () => true, 'the paused run');
    expect(run.status).toBe('running');
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['trigger', 'coupon', 'pause']);
    const otherRuns = (await stack.request('GET', `/v1/customers/${other.customer.id}/runs`)).body.data;
    expect(otherRuns.filter((r: { journey: { id: string } }) => r.journey.id === journeyId)).toEqual([]);

    expect((await stack.request('POST', `/v1/journeys/${journeyId}/resume`)).body.data.status).toBe('live');
    run = await runOf(externalId, journeyId, (r) => r.status === 'completed', 'the resumed run to finish');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'email').outcome).toBe('completed');

    const stats = (await stack.request('GET', `/v1/journeys/${journeyId}/stats`)).body.data;
    expect(stats.runs).toEqual({ completed: 1 });
    expect(stats.nodes.email).toMatchObject({ entered: 1, completed: 1, messages: { sandboxed: 1 } });

    const waiting = await enter();
    await runOf(
      String(waiting.customer.id),
      journeyId,
      (r) => r.waitingFor?.nodeId === 'pause',
      'another run to wait',
    );
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/archive`)).body.data).toMatchObject({
      status: 'archived',
    });
    const ended = await runOf(
      String(waiting.customer.id),
      journeyId,
      (r) => r.status !== 'running',
      'the run to end',
    );
    expect(ended).toMatchObject({ status: 'cancelled', statusReason: 'journey archived' });
    expect(ended.steps.find((s: { nodeId: string }) => s.nodeId === 'pause').reason).toBe(
      'ended during the wait (journey archived)',
    );
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/resume`)).status).toBe(409);
    expect((await stack.request('POST', `/v1/journeys/${journeyId}/publish`)).status).toBe(409);
  });

  it('cancels a run with a reason, at once, even mid-wait', async () => {
    const journeyId = await publishJourney(stack, 'Cancellable', couponWaitEmail('customer.updated', '1h'));
    const { customer } = await enter();
    const run = await runOf(
      String(customer.id),
      journeyId,
      (r) => r.waitingFor?.nodeId === 'pause',
      'the run to wait',
    );
    expect((await stack.request('POST', `/v1/runs/${run.id}/cancel`, {})).status).toBe(400);
    const res = await stack.request('POST', `/v1/runs/${run.id}/cancel`, {
      reason: 'customer asked support',
    });
    expect(res.status).toBe(202);
    const ended = await runOf(
      String(customer.id),
      journeyId,
      (r) => r.status !== 'running',
      'the run to end',
    );
    expect(ended).toMatchObject({
      status: 'cancelled',
      statusReason: 'cancelled by Admin <admin@test.local>: customer asked support',
    });
    expect((await stack.request('POST', `/v1/runs/${run.id}/cancel`, { reason: 'again' })).status).toBe(409);
  });

  it('ends a waiting run on its exit rule and converts it with the order revenue', async () => {
    const definition = couponWaitEmail('customer.updated', '1h');
    definition.settings = {
      exitOn: [{ event: 'order.placed' }],
      goal: { event: 'order.placed', window: '7d', revenueProperty: 'totalPrice' },
    };
    const journeyId = await publishJourney(stack, 'Converts', definition);
    const { customer } = await enter();
    await runOf(String(customer.id), journeyId, (r) => r.waitingFor?.nodeId === 'pause', 'the run to wait');

    const order = JSON.parse(readFileSync(join(__dirname, 'fixtures/shopify/orders-create.json'), 'utf8'));
    order.customer = { ...order.customer, id: customer.id, email: customer.email };
    order.email = customer.email;
    order.created_at = order.processed_at = order.updated_at = new Date().toISOString();
    const res = await deliver(stack.baseUrl, signedDelivery('orders/create', order, stack.shopifySecret));
    expect(res.body.data.status).toBe('accepted');

    const ended = await runOf(
      String(customer.id),
      journeyId,
      (r) => r.status !== 'running',
      'the run to exit',
    );
    expect(ended).toMatchObject({ status: 'exited', statusReason: 'exit rule: order.placed' });
    expect(ended.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['trigger', 'coupon', 'pause']);
    const stats = await eventually(async () => {
      const data = (await stack.request('GET', `/v1/journeys/${journeyId}/stats`)).body.data;
      return data.conversions === 1 ? data : undefined;
    }, 'the conversion to be attributed');
    expect(stats.revenue).toBe(Number(order.total_price));
  });
});
