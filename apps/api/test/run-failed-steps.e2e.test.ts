/**
 * A run that reaches its end with a failed step says so: its status is `failed` with a reason
 * naming the step, and the journey's results count it; a run whose steps all succeeded stays
 * `completed`. Publishing refuses a send whose template needs a coupon no step before it draws.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { SendGridStub } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const KEY = 'SG.test-key.run-failed-steps';
jest.setTimeout(90_000);

/** trigger(customer.updated) -> coupon -> email(welcome, which shows the coupon) -> exit */
const sendAndEnd: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
    { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'W' } },
    { id: 'email', type: 'send.email', data: { template: 'welcome' } },
    { id: 'done', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
    { source: 'coupon', sourceHandle: 'next', target: 'email' },
    { source: 'email', sourceHandle: 'next', target: 'done' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' } },
};

describe('runs with failed steps', () => {
  const sendgrid = new SendGridStub(KEY);
  let stack: TestStack;
  let journeyId: string;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({ env: { SENDGRID_API_KEY: KEY, SENDGRID_API_URL: sendgrid.url } }).start();
    journeyId = await publishJourney(stack, 'Send and end', sendAndEnd);
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function finishedRun() {
    const customer = shopifyCustomer();
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    return eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${customer.id}/runs`)).body.data ?? [];
      const run = runs.find((r: { journey: { id: string } }) => r.journey.id === journeyId);
      return run && run.status !== 'running' ? run : undefined;
    }, 'the run to finish');
  }

  it('refuses to publish a send whose template shows a coupon no step before it draws', async () => {
    const noCoupon: JourneyDefinitionInput = {
      ...sendAndEnd,
      nodes: sendAndEnd.nodes.filter((node) => node.id !== 'coupon'),
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'email' },
        { source: 'email', sourceHandle: 'next', target: 'done' },
      ],
    };
    const created = await stack.request('POST', '/v1/journeys', { name: 'No coupon', definition: noCoupon });
    const published = await stack.request('POST', `/v1/journeys/${created.body.data.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.details.problems).toEqual([
      expect.objectContaining({ nodeId: 'email', code: 'template_needs_data' }),
    ]);
  });

  it('ends failed, naming the failed send, and the journey results count it', async () => {
    const ok = await finishedRun();
    expect(ok).toMatchObject({ status: 'completed', statusReason: null });

    sendgrid.queue({
      status: 400,
      body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] },
    });
    const run = await finishedRun();
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'email').outcome).toBe('failed');
    expect(run.status).toBe('failed');
    expect(run.statusReason).toBe(
      '1 step failed: email (failed: SendGrid 400: personalizations.0.to: Does not contain a valid address.)',
    );
    const single = (await stack.request('GET', `/v1/runs/${run.id}`)).body.data;
    expect(single).toMatchObject({ status: 'failed', statusReason: run.statusReason });

    const stats = (await stack.request('GET', `/v1/journeys/${journeyId}/stats`)).body.data;
    expect(stats.runs).toEqual({ completed: 1, failed: 1 });
    expect(stats.nodes.email).toMatchObject({ entered: 2, completed: 1, failed: 1 });
    expect(stats.nodes.coupon).toMatchObject({ entered: 2, completed: 2 });
  });
});
