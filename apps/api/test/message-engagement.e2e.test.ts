/**
 * "Clicked a link" and "opened message N" (docs/product.md, "Clicked and opened") against the real
 * API, worker and PostgreSQL: a `wait.event` waiting for a click on a link of this run's email
 * goes on when the customer follows `/c/{token}`, and a `branch.condition` "opened the email"
 * takes its yes branch after SendGrid reports a person's open, its else branch after only
 * Apple's automatic open.
 */
import { randomBytes } from 'node:crypto';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { SendGridEventSigner, SendGridStub } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

const KEY = 'SG.test-key.message-engagement';
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
jest.setTimeout(90_000);

/** What the editor's presets write (apps/editor/src/journey-editor/message-rules.ts). */
const engagement: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'engagement.test' } },
    { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10 } },
    { id: 'email', type: 'send.email', data: { template: 'welcome' } },
    {
      id: 'clicked',
      type: 'wait.event',
      data: {
        event: 'message.clicked',
        thisRun: true,
        filter: {
          all: [
            { property: 'nodeId', op: 'eq', value: 'email' },
            { property: 'url', op: 'contains', value: 'STORE.example' },
          ],
        },
        timeout: '3d',
      },
    },
    {
      id: 'opened',
      type: 'branch.condition',
      data: {
        conditions: [
          {
            id: 'yes',
            name: 'Opened the email',
            when: {
              did: 'message.opened',
              where: { nodeId: 'email' },
              filter: { property: 'machineOpen', op: 'neq', value: true },
              thisRun: true,
            },
          },
        ],
      },
    },
    { id: 'read-and-clicked', type: 'exit', data: {} },
    { id: 'clicked-unread', type: 'exit', data: {} },
    { id: 'ignored', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', target: 'coupon' },
    { source: 'coupon', target: 'email' },
    { source: 'email', target: 'clicked' },
    { source: 'clicked', sourceHandle: 'event', target: 'opened' },
    { source: 'clicked', sourceHandle: 'timeout', target: 'ignored' },
    { source: 'opened', sourceHandle: 'yes', target: 'read-and-clicked' },
    { source: 'opened', sourceHandle: 'else', target: 'clicked-unread' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' } },
};

describe('clicked a link / opened a message in a journey', () => {
  const sendgrid = new SendGridStub(KEY);
  const signer = new SendGridEventSigner();
  let stack: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: KEY,
        SENDGRID_API_URL: sendgrid.url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: signer.publicKey,
      },
    }).start();
    apiKey = await stack.apiKey('message-engagement');
    await publishJourney(stack, 'Clicked and opened', engagement);
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  const runsOf = async (customerId: string) =>
    (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];

  /** A customer enters; resolves once their run sent the email and waits for the click. */
  async function enterAndWait(customerId: string) {
    const email = `${customerId}@example.com`;
    const sent = await stack.request(
      'POST',
      '/v1/events',
      { type: 'engagement.test', customer: { id: customerId, email }, properties: {} },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(sent.status).toBe(202);
    const run = await eventually(async () => {
      const [latest] = await runsOf(customerId);
      return latest?.waitingFor?.nodeId === 'clicked' ? latest : undefined;
    }, `${customerId}'s run to wait for a click`);
    const request = sendgrid.delivered.find((r) => r.body.personalizations[0].to[0].email === email);
    if (!request?.messageId) throw new Error(`SendGrid never got the email to ${email}`);
    const customArgs = request.body.custom_args ?? request.body.personalizations[0].custom_args ?? {};
    const [link] = await stack.query<{ token: string }>(
      `SELECT token FROM tracked_links WHERE run_id = $1 AND node_id = 'email'`,
      [run.id],
    );
    return { runId: run.id as string, email, xMessageId: request.messageId, customArgs, token: link.token };
  }

  /** SendGrid reports an open of the email; `machine`: Apple Mail Privacy Protection's prefetch. */
  async function reportOpen(sent: Awaited<ReturnType<typeof enterAndWait>>, machine: boolean) {
    const delivery = signer.delivery([
      {
        email: sent.email,
        timestamp: Math.floor(Date.now() / 1000),
        event: 'open',
        sg_event_id: randomBytes(16).toString('base64url'),
        sg_message_id: `${sent.xMessageId}.filterdrecv-5645d9c87f-6r5rb-1-64C3E8F1-2D.0`,
        sg_machine_open: machine,
        useragent: 'Mozilla/5.0',
        ...sent.customArgs,
      },
    ]);
    const res = await fetch(`${stack.baseUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(res.status).toBe(200);
    const [opened] = await stack.query<{ properties: Record<string, unknown> }>(
      `SELECT properties FROM events WHERE type = 'message.opened' AND properties->>'runId' = $1`,
      [sent.runId],
    );
    expect(opened.properties).toMatchObject({ runId: sent.runId, nodeId: 'email', machineOpen: machine });
  }

  const click = (token: string) =>
    fetch(`${stack.baseUrl}/c/${token}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });

  async function finished(customerId: string) {
    return eventually(async () => {
      const [latest] = await runsOf(customerId);
      return latest?.status === 'completed' ? latest : undefined;
    }, `${customerId}'s run to finish`);
  }

  it('goes on when the customer clicks the email’s link, and takes "opened" after a person opened it', async () => {
    const customerId = `opener-${Date.now()}`;
    const sent = await enterAndWait(customerId);
    await reportOpen(sent, false);
    // The open alone does not end a wait for a click.
    expect((await runsOf(customerId))[0].waitingFor?.nodeId).toBe('clicked');

    expect((await click(sent.token)).status).toBe(302);
    const done = await finished(customerId);
    const steps = done.steps as Array<{ nodeId: string; branch?: string | null; reason?: string | null }>;
    expect(steps.find((s) => s.nodeId === 'clicked')?.branch).toBe('event');
    const branch = steps.find((s) => s.nodeId === 'opened');
    expect(branch?.branch).toBe('yes');
    expect(branch?.reason).toContain('in this run');
    expect(steps.map((s) => s.nodeId)).toContain('read-and-clicked');
    expect(steps.map((s) => s.nodeId)).not.toContain('ignored');
  });

  it('takes "else" when the only open was Apple’s automatic one', async () => {
    const customerId = `machine-${Date.now()}`;
    const sent = await enterAndWait(customerId);
    await reportOpen(sent, true);
    expect((await click(sent.token)).status).toBe(302);
    const done = await finished(customerId);
    const steps = done.steps as Array<{ nodeId: string; branch?: string | null }>;
    expect(steps.find((s) => s.nodeId === 'opened')?.branch).toBe('else');
    expect(steps.map((s) => s.nodeId)).toContain('clicked-unread');
  });
});
