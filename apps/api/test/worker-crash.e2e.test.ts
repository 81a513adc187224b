/**
 * A worker killed with SIGKILL mid-run loses nothing and sends nothing twice: killed after the
 * coupon and before the email, the run completes on a new worker with exactly one email and the
 * same coupon; killed inside the provider call, the retry does not send a second copy.
 */
import { SendGridStub } from '@waypoint/testing';
import { couponWaitEmail, publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, sleep, TestStack } from './support/test-stack';

const SENDGRID_KEY = 'SG.test-key.worker-crash';

jest.setTimeout(120_000);

describe('a worker killed mid-run', () => {
  const sendgrid = new SendGridStub(SENDGRID_KEY);
  let stack: TestStack;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: { SENDGRID_API_KEY: SENDGRID_KEY, SENDGRID_API_URL: sendgrid.url },
    }).start();
    // customers/update triggers it, so the shipped welcome journey (customers/create) stays out of the way.
    await publishJourney(stack, 'Crash test: coupon, wait, email', couponWaitEmail('customer.updated', '3s'));
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function startRun(): Promise<{ runId: string; externalId: string }> {
    const customer = shopifyCustomer({ first_name: 'Linus' });
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    const externalId = String(customer.id);
    const runId = await eventually(async () => {
      const runs = await stack.request('GET', `/v1/customers/${externalId}/runs`);
      return runs.status === 200 ? runs.body.data[0]?.id : undefined;
    }, 'the run to start');
    return { runId, externalId };
  }

  async function finished(runId: string) {
    return eventually(
      async () => {
        const run = (await stack.request('GET', `/v1/runs/${runId}`)).body.data;
        return run.status === 'running' ? undefined : run;
      },
      `run ${runId} to finish`,
      90_000,
    );
  }

  const emailsOf = (runId: string) => sendgrid.requests.filter((r) => r.body.custom_args?.run_id === runId);

  it('after the coupon and before the email: the new worker finishes the run with one email', async () => {
    const { runId } = await startRun();
    await eventually(async () => {
      const steps = await stack.query(
        `SELECT 1 FROM run_steps WHERE run_id = $1 AND node_id = 'pause' AND outcome = 'waiting'`,
        [runId],
      );
      return steps.length === 1 ? true : undefined;
    }, 'the run to reach its wait, coupon issued');

    await stack.killWorker();
    await sleep(4_000); // the 3 s timer fires while no worker is alive
    expect(emailsOf(runId)).toHaveLength(0);
    stack.startWorker();

    const run = await finished(runId);
    expect(run.status).toBe('completed');
    const coupons = await stack.query<{ code: string }>(`SELECT code FROM coupons WHERE run_id = $1`, [
      runId,
    ]);
    expect(coupons).toHaveLength(1);
    const emails = emailsOf(runId);
    expect(emails).toHaveLength(1);
    expect(emails[0].body.content?.[0].value).toContain(coupons[0].code);
    expect(run.steps.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'trigger:completed',
      'coupon:completed',
      'pause:completed',
      'email:completed',
      'done:completed',
    ]);
  });

  it('inside the provider call: the retry does not send a second copy and says why', async () => {
    // SendGrid receives the request but the worker dies before the answer arrives.
    sendgrid.queue({ status: 202, delayMs: 5_000 });
    const { runId } = await startRun();
    await eventually(
      async () => (emailsOf(runId).length === 1 ? true : undefined),
      'the email request to reach SendGrid',
    );
    await stack.killWorker();
    stack.startWorker();

    const run = await finished(runId);
    expect(run.status).toBe('completed');
    expect(emailsOf(runId)).toHaveLength(1);
    const email = run.steps.find((s: { nodeId: string }) => s.nodeId === 'email');
    expect(email.reason).toMatch(/^unconfirmed: .*not sent again/);
    expect(email.message.status).toBe('unconfirmed');
  });
});
