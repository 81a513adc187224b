/**
 * Sends are paced by Temporal, per channel, with transactional messages first
 * (docs/architecture.md, "Pacing and priority"). Email is set to 5/s for this stack: marketing
 * emails started together reach SendGrid (the local stub) at 5/s ±10 %, and an order
 * confirmation sent while a marketing backlog waits in the queue is received before that backlog
 * drains.
 */
import type { RecordedSendGridRequest } from '@waypoint/testing';
import { SendGridStub } from '@waypoint/testing';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

const SENDGRID_KEY = 'SG.test-key.send-pacing';
const RATE = 5;

jest.setTimeout(60_000);

/** trigger(event) -> send.email(template, category) -> exit */
function oneEmail(
  event: string,
  template: string,
  category: 'marketing' | 'transactional',
): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'email', type: 'send.email', data: { template, category } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

/**
 * Emails per second once the token bucket's first second is spent: Temporal's limiter lets the
 * first `RATE` or so through at once, then one every 1/RATE s.
 */
function pacedRate(received: readonly number[]): number {
  const times = [...received].sort((a, b) => a - b);
  const from = RATE;
  return (times.length - 1 - from) / ((times[times.length - 1] - times[from]) / 1000);
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
    await publishJourney(stack, 'Campaign', oneEmail('pacing.campaign', 'pacing-campaign', 'marketing'));
    await publishJourney(stack, 'Order update', oneEmail('pacing.order', 'pacing-order', 'transactional'));
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

  const emailsTo = (prefix: string): RecordedSendGridRequest[] =>
    sendgrid.delivered.filter((r) => r.body.personalizations[0].to[0].email.startsWith(`${prefix}-`));

  async function received(prefix: string, count: number): Promise<RecordedSendGridRequest[]> {
    return eventually(
      async () => (emailsTo(prefix).length >= count ? emailsTo(prefix) : undefined),
      `${count} emails to ${prefix}-*`,
      40_000,
    );
  }

  it('holds the channel to its rate: 40 marketing emails reach SendGrid at 5/s ±10 %', async () => {
    await sendEvents('pacing.campaign', 'rate', 40);
    const emails = await received('rate', 40);
    const rate = pacedRate(emails.map((e) => e.receivedAt));
    expect(rate).toBeGreaterThanOrEqual(RATE * 0.9);
    expect(rate).toBeLessThanOrEqual(RATE * 1.1);
    expect(emailsTo('rate')).toHaveLength(40);
  });

  it('puts a transactional email ahead of a marketing backlog already queued', async () => {
    await sendEvents('pacing.campaign', 'backlog', 30);
    await received('backlog', 1); // the backlog is queued and draining
    await sendEvents('pacing.order', 'order', 1);
    const [order] = await received('order', 1);
    const backlog = await received('backlog', 30);

    const after = backlog.filter((e) => e.receivedAt > order.receivedAt);
    // At 5/s the 30 take about five seconds; the order waits for one slot, not for all of them.
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(order.body.subject).toBe('Your order, Ada');
    // The order took one of the channel's slots: all of them together still kept the rate.
    const rate = pacedRate([...backlog, order].map((e) => e.receivedAt));
    expect(rate).toBeGreaterThanOrEqual(RATE * 0.9);
    expect(rate).toBeLessThanOrEqual(RATE * 1.1);
  });
});
