/**
 * Sends are paced by Temporal, per channel, with transactional messages first
 * (docs/architecture.md, "Pacing and priority"). Email is set to 5/s for this stack. Marketing
 * runs wait at a `wait.event` until the test releases them together, so their sends join the
 * email queue at once, faster than the rate, whatever this machine's speed: the 50 emails then
 * reach SendGrid (the local stub) at 5/s ±10 %, and an order confirmation sent while such a
 * backlog waits in the queue is received before the backlog drains.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import type { RecordedSendGridRequest } from '@waypoint/testing';
import { SendGridStub } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

const SENDGRID_KEY = 'SG.test-key.send-pacing';
const RATE = 5;

jest.setTimeout(60_000);

/** trigger(pacing.campaign) -> wait for pacing.release -> marketing email -> exit */
const heldCampaign: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'pacing.campaign' } },
    { id: 'hold', type: 'wait.event', data: { event: 'pacing.release', timeout: '5m' } },
    { id: 'email', type: 'send.email', data: { template: 'pacing-campaign', category: 'marketing' } },
    { id: 'done', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'hold' },
    { source: 'hold', sourceHandle: 'event', target: 'email' },
    { source: 'hold', sourceHandle: 'timeout', target: 'done' },
    { source: 'email', sourceHandle: 'next', target: 'done' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' } },
};

/** trigger(pacing.order) -> transactional email -> exit */
const orderUpdate: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'pacing.order' } },
    { id: 'email', type: 'send.email', data: { template: 'pacing-order', category: 'transactional' } },
    { id: 'done', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', sourceHandle: 'next', target: 'email' },
    { source: 'email', sourceHandle: 'next', target: 'done' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' } },
};

/**
 * Emails per second while a backlog waits: the least-squares slope of count over receive time,
 * for the emails received from two seconds after every send was queued (`queuedAt`). Not from
 * the first: Temporal's limiter is a token bucket that lets about a second's worth through at once
 * when a backlog appears, and while the runs are being released the worker is busy enough to hold
 * sends it was given on time and finish them together a little later.
 */
function pacedRate(received: readonly number[], queuedAt: number): { rate: number; counted: number } {
  const seconds = received
    .filter((t) => t >= queuedAt + 2_000)
    .sort((a, b) => a - b)
    .map((t) => t / 1000);
  const n = seconds.length;
  const meanT = seconds.reduce((sum, t) => sum + t, 0) / n;
  const meanI = (n - 1) / 2;
  let covariance = 0;
  let variance = 0;
  seconds.forEach((t, i) => {
    covariance += (t - meanT) * (i - meanI);
    variance += (t - meanT) ** 2;
  });
  return { rate: covariance / variance, counted: n };
}

/** The paced rate within ±10 % of RATE; the receive times are printed when it is not. */
function expectRate(received: readonly number[], queuedAt: number): number {
  const { rate, counted } = pacedRate(received, queuedAt);
  if (Math.abs(rate - RATE) > RATE * 0.1)
    console.log(
      `rate ${rate.toFixed(2)}/s over ${counted}; received at (s after queued):`,
      [...received]
        .sort((a, b) => a - b)
        .map((t) => ((t - queuedAt) / 1000).toFixed(2))
        .join(' '),
    );
  expect(rate).toBeGreaterThanOrEqual(RATE * 0.9);
  expect(rate).toBeLessThanOrEqual(RATE * 1.1);
  return counted;
}

describe('send pacing and priority', () => {
  const sendgrid = new SendGridStub(SENDGRID_KEY);
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: SENDGRID_KEY,
        SENDGRID_API_URL: sendgrid.url,
        SEND_RATE_EMAIL_PER_SECOND: String(RATE),
      },
    }).start();
    apiKey = await stack.apiKey();
    for (const [name, subject] of [
      ['pacing-campaign', 'Campaign for {{customer.firstName}}'],
      ['pacing-order', 'Your order, {{customer.firstName}}'],
    ]) {
      const saved = await stack.request('PUT', `/v1/templates/email/${name}`, {
        source: `---\nlayout: default\nsubject: ${subject}\n---\n<p>Hello</p>`,
      });
      if (saved.status !== 200) throw new Error(`saving ${name}: ${JSON.stringify(saved.body)}`);
    }
    await publishJourney(stack, 'Held campaign', heldCampaign);
    await publishJourney(stack, 'Order update', orderUpdate);
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function sendEvents(type: string, prefix: string, count: number): Promise<void> {
    const events = Array.from({ length: count }, (_, i) => ({
      type,
      customer: { id: `${prefix}-${i}`, email: `${prefix}-${i}@example.com`, firstName: 'Ada' },
    }));
    const res = await stack.request(
      'POST',
      '/v1/events/batch',
      { events },
      { authorization: `Bearer ${apiKey}` },
    );
    if (res.status !== 202) throw new Error(`events refused: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** How many of the prefix's runs have passed (`completed`) or reached (`waiting`) the hold. */
  async function atHold(prefix: string, outcome: 'waiting' | 'completed'): Promise<number> {
    const [row] = await stack.query<{ n: string }>(
      `SELECT count(*) AS n FROM run_steps s JOIN runs r ON r.id = s.run_id JOIN customers c ON c.id = r.customer_id
        WHERE s.node_id = 'hold' AND s.outcome = $1 AND c.external_id LIKE $2`,
      [outcome, `${prefix}-%`],
    );
    return Number(row.n);
  }

  /**
   * `count` marketing sends queued together: runs started, held, released at once; returns when
   * every send is scheduled (each run has recorded the end of its hold, the step just before).
   */
  async function queueBacklog(prefix: string, count: number): Promise<number> {
    await sendEvents('pacing.campaign', prefix, count);
    await eventually(
      async () => ((await atHold(prefix, 'waiting')) === count ? true : undefined),
      `${count} runs waiting at the hold`,
    );
    await sendEvents('pacing.release', prefix, count);
    return eventually(
      async () => ((await atHold(prefix, 'completed')) === count ? Date.now() : undefined),
      `${count} sends queued`,
    );
  }

  const emailsTo = (prefix: string): RecordedSendGridRequest[] =>
    sendgrid.delivered.filter((r) => r.body.personalizations[0].to[0].email.startsWith(`${prefix}-`));

  async function received(prefix: string, count: number): Promise<RecordedSendGridRequest[]> {
    return eventually(
      async () => (emailsTo(prefix).length >= count ? emailsTo(prefix) : undefined),
      `${count} emails to ${prefix}-*`,
      40_000,
    );
  }

  it('holds the channel to its rate: 60 marketing emails reach SendGrid at 5/s ±10 %', async () => {
    const queuedAt = await queueBacklog('rate', 60);
    const emails = await received('rate', 60);
    const counted = expectRate(
      emails.map((e) => e.receivedAt),
      queuedAt,
    );
    expect(counted).toBeGreaterThanOrEqual(20);
    expect(emailsTo('rate')).toHaveLength(60);
  });

  it('puts a transactional email ahead of a marketing backlog already queued', async () => {
    await queueBacklog('backlog', 40);
    await sendEvents('pacing.order', 'order', 1);
    const [order] = await received('order', 1);
    const backlog = await received('backlog', 40);

    const after = backlog.filter((e) => e.receivedAt > order.receivedAt);
    // The order waits for one of the channel's slots, not for the backlog: at 5/s the 40 take
    // about seven seconds and most of them are still queued when it arrives.
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(order.body.subject).toBe('Your order, Ada');
  });
});
