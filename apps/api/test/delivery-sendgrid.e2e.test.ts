/**
 * SendGrid's signed Event Webhook against the real API and worker: a journey email sent through a
 * server speaking SendGrid's API, then its events posted back signed the way SendGrid signs them.
 * The message's delivery status only moves forward, each event is stored once and becomes a
 * canonical event, a hard bounce suppresses email, and an unverifiable delivery changes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SendGridEventSigner, SendGridStub, type SignedSendGridDelivery } from '@waypoint/testing';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const KEY = 'SG.test-key.delivery-sendgrid';
jest.setTimeout(90_000);

interface SentEmail {
  email: string;
  externalId: string;
  runId: string;
  messageId: string;
  /** The X-Message-Id SendGrid answered with. */
  xMessageId: string;
  customArgs: Record<string, string>;
}

describe('SendGrid event webhook', () => {
  const sendgrid = new SendGridStub(KEY);
  const signer = new SendGridEventSigner();
  let stack: TestStack;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: KEY,
        SENDGRID_API_URL: sendgrid.url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: signer.publicKey,
      },
    }).start();
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  /** A new customer, welcomed by the shipped journey: its email sent through the SendGrid stub. */
  async function sentWelcomeEmail(): Promise<SentEmail> {
    // Never asked for marketing email in the store (Shopify's consent records nothing then), so
    // the consent rows this file checks are the ones SendGrid's events made.
    const customer = shopifyCustomer({
      email_marketing_consent: {
        state: 'not_subscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: null,
      },
    });
    const email = customer.email as string;
    await deliver(stack.baseUrl, signedDelivery('customers/create', customer, stack.shopifySecret));
    const { runId, messageId } = await eventually(async () => {
      const res = await stack.request('GET', `/v1/customers/${customer.id}/runs`);
      const run = res.status === 200 ? res.body.data[0] : undefined;
      const step = run?.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
      return step?.message?.status === 'sent' ? { runId: run.id, messageId: step.message.id } : undefined;
    }, `the welcome email to ${email}`);
    const request = sendgrid.delivered.find((r) => r.body.personalizations[0].to[0].email === email);
    if (!request?.messageId) throw new Error(`SendGrid never got the email to ${email}`);
    const customArgs = request.body.custom_args ?? request.body.personalizations[0].custom_args ?? {};
    return {
      email,
      externalId: String(customer.id),
      runId,
      messageId,
      xMessageId: request.messageId,
      customArgs,
    };
  }

  /** An event as SendGrid posts it; with `customArgs` false, only sg_message_id names the message. */
  function sgEvent(sent: SentEmail, event: string, extra: Record<string, unknown> = {}, customArgs = true) {
    return {
      email: sent.email,
      timestamp: Math.floor(Date.now() / 1000),
      'smtp-id': `<${sent.xMessageId}@ismtpd0001p1lon1.sendgrid.net>`,
      event,
      category: ['marketing', 'template:welcome'],
      sg_event_id: randomBytes(16).toString('base64url'),
      sg_message_id: `${sent.xMessageId}.filterdrecv-5645d9c87f-6r5rb-1-64C3E8F1-2D.0`,
      ...(customArgs ? sent.customArgs : {}),
      ...extra,
    };
  }

  async function post(delivery: SignedSendGridDelivery): Promise<{ status: number; body: any }> {
    const res = await fetch(`${stack.baseUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    return { status: res.status, body: await res.json() };
  }

  async function deliveryOf(messageId: string) {
    const [row] = await stack.query<{
      delivery_status: string | null;
      delivered_at: Date | null;
      opened_at: Date | null;
      clicked_at: Date | null;
      bounced_at: Date | null;
      delivery_error: string | null;
      status: string;
    }>(
      `SELECT delivery_status, delivered_at, opened_at, clicked_at, bounced_at, delivery_error, status
         FROM messages WHERE id = $1`,
      [messageId],
    );
    return row;
  }

  const canonicalEvents = (messageId: string) =>
    stack.query<{ type: string; properties: Record<string, unknown>; idempotency_key: string }>(
      `SELECT type, properties, idempotency_key FROM events
        WHERE type LIKE 'message.%' AND properties->>'messageId' = $1 ORDER BY received_at`,
      [messageId],
    );

  it('moves the delivery status forward only, stores each event once and emits canonical events', async () => {
    const sent = await sentWelcomeEmail();
    expect(sent.customArgs).toMatchObject({ message_id: sent.messageId, node_id: 'welcome-email' });

    const delivered = sgEvent(sent, 'delivered', { response: '250 OK' });
    const first = await post(signer.delivery([delivered]));
    expect(first).toEqual({
      status: 200,
      body: { data: { received: 1, recorded: 1, duplicate: 0, unmatched: 0, skipped: 0 } },
    });
    expect((await deliveryOf(sent.messageId)).delivery_status).toBe('delivered');

    // Matched without our custom args, by the X-Message-Id part of sg_message_id.
    const open = sgEvent(sent, 'open', { useragent: 'Mozilla/5.0', sg_machine_open: false }, false);
    expect((await post(signer.delivery([open]))).body.data.recorded).toBe(1);
    expect((await deliveryOf(sent.messageId)).delivery_status).toBe('opened');

    // A late `processed` (and a repeated `delivered`) must not move it back.
    const lateProcessed = sgEvent(sent, 'processed', { timestamp: delivered.timestamp - 5 });
    expect((await post(signer.delivery([lateProcessed]))).body.data.recorded).toBe(1);
    const afterLate = await deliveryOf(sent.messageId);
    expect(afterLate.delivery_status).toBe('opened');
    expect(afterLate.delivered_at).toBeInstanceOf(Date);
    expect(afterLate.opened_at).toBeInstanceOf(Date);
    expect(afterLate.status).toBe('sent'); // the ledger's own status is untouched

    // SendGrid delivers at least once: the same events again are stored once.
    const repeat = await post(signer.delivery([open, delivered]));
    expect(repeat.body.data).toMatchObject({ received: 2, recorded: 0, duplicate: 2 });
    const stored = await stack.query<{ kind: string }>(
      `SELECT kind FROM message_events WHERE message_id = $1 ORDER BY received_at`,
      [sent.messageId],
    );
    expect(stored.map((e) => e.kind)).toEqual(['delivered', 'open', 'processed']);

    const click = sgEvent(sent, 'click', {
      url: 'https://store.example.com/collections/new?utm_source=email',
    });
    await post(signer.delivery([click]));
    expect((await deliveryOf(sent.messageId)).delivery_status).toBe('clicked');

    const events = await canonicalEvents(sent.messageId);
    expect(events.map((e) => e.type)).toEqual(['message.delivered', 'message.opened', 'message.clicked']);
    expect(events[0].properties).toMatchObject({
      messageId: sent.messageId,
      runId: sent.runId,
      nodeId: 'welcome-email',
      channel: 'email',
      provider: 'sendgrid',
    });
    expect(events[0].idempotency_key).toBe(`sendgrid:${delivered.sg_event_id}`);
    expect(events[2].properties.url).toBe('https://store.example.com/collections/new?utm_source=email');
    // The canonical events belong to the customer the message went to.
    const owners = await stack.query<{ external_id: string }>(
      `SELECT DISTINCT c.external_id FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.properties->>'messageId' = $1`,
      [sent.messageId],
    );
    expect(owners).toEqual([{ external_id: sent.externalId }]);

    // The run's timeline links the step to this message.
    const run = (await stack.request('GET', `/v1/runs/${sent.runId}`)).body.data;
    const step = run.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
    expect(step.message.id).toBe(sent.messageId);
  });

  it('refuses a tampered body, a missing signature and a stale or future timestamp, changing nothing', async () => {
    const sent = await sentWelcomeEmail();
    const counts = async () => {
      const [row] = await stack.query<{ events: number; message_events: number }>(
        `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM message_events) AS message_events`,
      );
      return { ...row, delivery: await deliveryOf(sent.messageId) };
    };
    const before = await counts();
    expect(before.delivery.delivery_status).toBeNull();
    const events = [sgEvent(sent, 'delivered')];

    const signed = signer.delivery(events);
    const tampered = { ...signed, body: signed.body.replace('"delivered"', '"bounce"') };
    const missing = { ...signed, headers: { 'content-type': 'application/json' } };
    const noTimestamp = {
      ...signed,
      headers: { ...signed.headers, 'x-twilio-email-event-webhook-timestamp': '' },
    };
    const stale = signer.delivery(events, new Date(Date.now() - 6 * 60_000));
    const future = signer.delivery(events, new Date(Date.now() + 6 * 60_000));
    const otherKey = new SendGridEventSigner().delivery(events);

    const answers = [];
    for (const delivery of [tampered, missing, noTimestamp, stale, future, otherKey]) {
      const res = await post(delivery);
      answers.push([res.status, res.body.error?.code]);
    }
    expect(answers).toEqual([
      [401, 'invalid_signature'],
      [401, 'invalid_signature'],
      [401, 'invalid_signature'],
      [401, 'stale_timestamp'],
      [401, 'stale_timestamp'],
      [401, 'invalid_signature'],
    ]);
    expect(await counts()).toEqual(before);

    // The untampered delivery is accepted: the refusals were about the signature, nothing else.
    expect((await post(signed)).status).toBe(200);
    expect((await deliveryOf(sent.messageId)).delivery_status).toBe('delivered');
  });

  // SendGrid retries any answer but 2xx for a day: a signed body that can never be processed is
  // answered 200 and kept as a dead letter instead.
  it('keeps a signed body that is not an array of events as a dead letter', async () => {
    const delivery = signer.delivery('{"event":"delivered"}');
    const res = await post(delivery);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ recorded: 0, reason: 'The body must be a JSON array of events' });
    const letters = await stack.query(
      `SELECT provider, topic, reason FROM webhook_dead_letters WHERE body = $1`,
      [delivery.body],
    );
    expect(letters).toEqual([
      { provider: 'sendgrid', topic: 'events', reason: 'The body must be a JSON array of events' },
    ]);
  });

  it('records the usable events of a delivery and keeps the unusable ones as a dead letter', async () => {
    const sent = await sentWelcomeEmail();
    const good = sgEvent(sent, 'delivered');
    const bad = sgEvent(sent, 'open', { sg_event_id: { nested: true } });
    const delivery = signer.delivery([good, bad]);
    const res = await post(delivery);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ received: 2, recorded: 1, skipped: 1 });
    expect(res.body.data.reason).toContain('events[1]: sg_event_id');
    expect((await deliveryOf(sent.messageId)).delivery_status).toBe('delivered');
    const letters = await stack.query(`SELECT reason FROM webhook_dead_letters WHERE body = $1`, [
      delivery.body,
    ]);
    expect(letters).toHaveLength(1);
  });

  it('keeps an event for mail that is not ours without a message', async () => {
    const foreign = {
      email: 'someone@example.com',
      timestamp: Math.floor(Date.now() / 1000),
      event: 'delivered',
      sg_event_id: randomBytes(16).toString('base64url'),
      sg_message_id: `${randomBytes(11).toString('base64url')}.filterdrecv-1`,
      message_id: randomUUID(),
    };
    const res = await post(signer.delivery([foreign, { event: 'delivered' }]));
    expect(res.body.data).toMatchObject({ received: 2, unmatched: 1, skipped: 1 });
    const rows = await stack.query(
      `SELECT message_id, kind FROM message_events WHERE provider_event_id = $1`,
      [foreign.sg_event_id],
    );
    expect(rows).toEqual([{ message_id: null, kind: 'delivered' }]);
  });

  it('suppresses email after a hard bounce, but not after a block', async () => {
    const consentOf = (messageId: string) =>
      stack.query<{ status: string; source: string }>(
        `SELECT k.status, k.source FROM customer_consents k JOIN messages m ON m.customer_id = k.customer_id
          WHERE m.id = $1 AND k.channel = 'email'`,
        [messageId],
      );

    const bounced = await sentWelcomeEmail();
    const bounce = sgEvent(bounced, 'bounce', {
      type: 'bounce',
      status: '5.1.1',
      reason: '550 5.1.1 The email account that you tried to reach does not exist.',
    });
    expect((await post(signer.delivery([bounce]))).status).toBe(200);
    const row = await deliveryOf(bounced.messageId);
    expect(row.delivery_status).toBe('bounced');
    expect(row.bounced_at).toBeInstanceOf(Date);
    expect(row.delivery_error).toContain('does not exist');
    expect(await consentOf(bounced.messageId)).toEqual([{ status: 'opted_out', source: 'sendgrid:bounce' }]);
    const history = await stack.query(
      `SELECT h.status, h.source FROM consent_history h JOIN messages m ON m.customer_id = h.customer_id
        WHERE m.id = $1 AND h.channel = 'email'`,
      [bounced.messageId],
    );
    expect(history).toEqual([{ status: 'opted_out', source: 'sendgrid:bounce' }]);
    const events = await canonicalEvents(bounced.messageId);
    expect(events.map((e) => [e.type, e.properties.bounceType])).toEqual([['message.bounced', 'bounce']]);

    const blocked = await sentWelcomeEmail();
    await post(
      signer.delivery([sgEvent(blocked, 'bounce', { type: 'blocked', reason: '554 blocked by policy' })]),
    );
    expect((await deliveryOf(blocked.messageId)).delivery_status).toBe('bounced');
    expect(await consentOf(blocked.messageId)).toEqual([]);

    const complained = await sentWelcomeEmail();
    await post(signer.delivery([sgEvent(complained, 'delivered'), sgEvent(complained, 'spamreport')]));
    expect((await deliveryOf(complained.messageId)).delivery_status).toBe('delivered');
    expect(await consentOf(complained.messageId)).toEqual([
      { status: 'opted_out', source: 'sendgrid:spamreport' },
    ]);
  });
});
