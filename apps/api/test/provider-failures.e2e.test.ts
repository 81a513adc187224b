/**
 * Provider failures: a 429 (with Retry-After) is retried and the message is sent once; a 400 is
 * recorded on the step with the provider's message and never retried.
 */
import { SendGridStub } from '@waypoint/testing';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, sleep, TestStack } from './support/test-stack';

const KEY = 'SG.test-key.provider-failures';
jest.setTimeout(60_000);

describe('provider failures', () => {
  const sendgrid = new SendGridStub(KEY);
  let stack: TestStack;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({ env: { SENDGRID_API_KEY: KEY, SENDGRID_API_URL: sendgrid.url } }).start();
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function welcomeEmailStep(externalId: string) {
    return eventually(async () => {
      const run = (await stack.request('GET', `/v1/customers/${externalId}/runs`)).body.data?.[0];
      const step = run?.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
      return step && step.outcome !== 'waiting' ? { run, step } : undefined;
    }, 'the welcome email step to finish');
  }

  const requestsFor = (email: string) =>
    sendgrid.requests.filter((r) => r.body.personalizations[0].to[0].email === email);

  it('retries a 429 after its Retry-After and sends exactly once', async () => {
    sendgrid.queue({
      status: 429,
      body: { errors: [{ message: 'Too many requests', field: null }] },
      headers: { 'Retry-After': '1' },
    });
    const customer = shopifyCustomer();
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const { step } = await welcomeEmailStep(String(customer.id));
    expect(step.outcome).toBe('completed');
    expect(step.message.status).toBe('sent');
    expect(requestsFor(customer.email as string).map((r) => r.status)).toEqual([429, 202]);
  });

  it('records a 400 on the step with the provider message and does not retry it', async () => {
    sendgrid.queue({
      status: 400,
      body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] },
    });
    const customer = shopifyCustomer();
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const { run, step } = await welcomeEmailStep(String(customer.id));
    expect(step.outcome).toBe('failed');
    expect(step.reason).toBe(
      'failed: SendGrid 400: personalizations.0.to: Does not contain a valid address.',
    );
    expect(step.message.status).toBe('failed');
    await sleep(3_000);
    expect(requestsFor(customer.email as string)).toHaveLength(1);
    // The journey goes on after a failed send: the run is waiting at its next node.
    const now = (await stack.request('GET', `/v1/runs/${run.id}`)).body.data;
    expect(now.waitingFor?.nodeId).toBe('wait-3d');
  });
});
