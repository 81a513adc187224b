/**
 * Twilio's webhooks against the real API and worker, with SMS sent through a server speaking
 * Twilio's API: inbound STOP/START change SMS consent (with history) and are answered with TwiML,
 * a journey SMS to an opted-out customer is skipped with the reason, status callbacks move the
 * message's delivery status forward, error 21610 suppresses SMS, and an unverifiable request
 * changes nothing.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { signedTwilioRequest, TwilioStub } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const STORE_PHONE = '+15005550006';
jest.setTimeout(90_000);

describe('Twilio webhooks', () => {
  const twilio = new TwilioStub(ACCOUNT_SID, AUTH_TOKEN);
  let stack: TestStack;

  beforeAll(async () => {
    await twilio.start();
    stack = await new TestStack({
      env: {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_URL: twilio.url,
        TWILIO_SMS_FROM: STORE_PHONE,
        STORE_NAME: 'Acme Candles',
      },
    }).start();
    // Every profile update of a customer texts them (their coupon), when SMS consent allows.
    await publishJourney(stack, 'Text on profile update', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'TXT' } },
        { id: 'sms', type: 'send.sms', data: { template: 'welcome-reminder' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
        { source: 'coupon', sourceHandle: 'next', target: 'sms' },
        { source: 'sms', sourceHandle: 'next', target: 'done' },
      ],
      // Texts at any hour: without this, SMS quiet hours (21:00–08:00) would defer the send
      // whenever the suite runs at night.
      settings: { exitOn: [], reentry: { mode: 'after_exit' }, quietHours: { sms: null } },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await twilio.stop();
  });

  const newPhone = () => `+1555${String(randomInt(1_000_000, 9_999_999))}`;

  async function postTwilio(path: string, params: Record<string, string>, token = AUTH_TOKEN) {
    const request = signedTwilioRequest(token, `${stack.baseUrl}${path}`, params);
    const res = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', ...request });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  function inbound(from: string, body: string, extra: Record<string, string> = {}) {
    return postTwilio('/webhooks/twilio/inbound', {
      ToCountry: 'US',
      SmsMessageSid: `SM${randomBytes(16).toString('hex')}`,
      NumMedia: '0',
      From: from,
      To: STORE_PHONE,
      Body: body,
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      ...extra,
    });
  }

  function statusCallback(messageSid: string, status: string, extra: Record<string, string> = {}) {
    return postTwilio('/webhooks/twilio/status', {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      From: STORE_PHONE,
      MessageSid: messageSid,
      MessageStatus: status,
      SmsSid: messageSid,
      SmsStatus: status,
      To: '+15550000000',
      ...extra,
    });
  }

  async function consentOf(phone: string, channel = 'sms') {
    const [row] = await stack.query<{ status: string; source: string }>(
      `SELECT k.status, k.source FROM customer_consents k JOIN customers c ON c.id = k.customer_id
        WHERE c.phone = $1 AND k.channel = $2`,
      [phone, channel],
    );
    return row ?? null;
  }

  /** A Shopify profile update for the customer with this phone: starts the texting journey. */
  async function updateProfile(phone: string, externalId: number) {
    const customer = shopifyCustomer({ id: externalId, phone, email: `sms-${externalId}@example.com` });
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    return res.body.data.eventId as string;
  }

  /** The SMS step of the run the given trigger event started, once it has finished. */
  async function smsStepOf(triggerEventId: string) {
    return eventually(async () => {
      const [run] = await stack.query<{ id: string; status: string }>(
        `SELECT id, status FROM runs WHERE trigger_event_id = $1`,
        [triggerEventId],
      );
      if (!run || run.status === 'running') return undefined;
      const timeline = (await stack.request('GET', `/v1/runs/${run.id}`)).body.data;
      return timeline.steps.find((s: { nodeId: string }) => s.nodeId === 'sms');
    }, `the texting run of event ${triggerEventId} to finish`);
  }

  const deliveryOf = async (messageId: string) =>
    (
      await stack.query<{
        delivery_status: string | null;
        delivered_at: Date | null;
        delivery_error: string | null;
      }>(`SELECT delivery_status, delivered_at, delivery_error FROM messages WHERE id = $1`, [messageId])
    )[0];

  it('opts in on START, texts, and moves the message forward on status callbacks', async () => {
    const phone = newPhone();
    const start = await inbound(phone, 'START');
    expect(start.status).toBe(200);
    expect(start.type).toContain('text/xml');
    expect(start.text).toMatch(
      /<Response><Message>Acme Candles: you are subscribed .*<\/Message><\/Response>$/,
    );
    expect(await consentOf(phone)).toEqual({ status: 'opted_in', source: 'inbound:START' });
    const [stored] = await stack.query<{ type: string; properties: Record<string, unknown> }>(
      `SELECT e.type, e.properties FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.phone = $1 AND e.type = 'sms.inbound'`,
      [phone],
    );
    expect(stored.properties).toMatchObject({
      body: 'START',
      from: phone,
      to: STORE_PHONE,
      intent: 'opt_in',
    });

    const step = await smsStepOf(await updateProfile(phone, randomInt(1e9, 2e9)));
    expect(step.outcome).toBe('completed');
    expect(step.message.status).toBe('sent');
    const sent = twilio.delivered.find((r) => r.form.To === phone);
    expect(sent?.messageSid).toBeTruthy();
    const sid = sent!.messageSid!;
    const [ledger] = await stack.query<{ provider_message_id: string }>(
      `SELECT provider_message_id FROM messages WHERE id = $1`,
      [step.message.id],
    );
    expect(ledger.provider_message_id).toBe(sid);

    const callback = await statusCallback(sid, 'delivered');
    expect(callback.status).toBe(200);
    expect(JSON.parse(callback.text).data).toEqual({
      result: 'recorded',
      messageId: step.message.id,
      deliveryStatus: 'delivered',
    });
    // Twilio's `sent` arriving after `delivered` does not move it back; a repeat is stored once.
    expect(JSON.parse((await statusCallback(sid, 'sent')).text).data.deliveryStatus).toBe('delivered');
    expect(JSON.parse((await statusCallback(sid, 'delivered')).text).data.result).toBe('duplicate');
    expect((await deliveryOf(step.message.id)).delivery_status).toBe('delivered');

    const events = await stack.query<{ type: string; properties: Record<string, unknown> }>(
      `SELECT type, properties FROM events WHERE type LIKE 'message.%' AND properties->>'messageId' = $1`,
      [step.message.id],
    );
    expect(events).toEqual([
      {
        type: 'message.delivered',
        properties: expect.objectContaining({ channel: 'sms', provider: 'twilio', nodeId: 'sms' }),
      },
    ]);
    const kinds = await stack.query<{ kind: string }>(
      `SELECT kind FROM message_events WHERE message_id = $1 ORDER BY received_at`,
      [step.message.id],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['delivered', 'sent']);
  });

  it('opts out on STOP with history, skips the next journey SMS, and opts back in on START', async () => {
    const phone = newPhone();
    const externalId = randomInt(2e9, 3e9);
    await inbound(phone, 'start');

    const stop = await inbound(phone, '  Stop ');
    expect(stop.status).toBe(200);
    expect(stop.type).toContain('text/xml');
    expect(stop.text).toContain('<Message>Acme Candles: you are unsubscribed');
    expect(await consentOf(phone)).toEqual({ status: 'opted_out', source: 'inbound:STOP' });

    const step = await smsStepOf(await updateProfile(phone, externalId));
    expect(step.outcome).toBe('skipped');
    expect(step.reason).toMatch(/^skipped: no consent \(sms\)/);
    expect(step.message).toBeNull();
    expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(0);

    // Now a Shopify customer (with an external id): their replies still reach the same profile.
    const again = await inbound(phone, 'START');
    expect(again.text).toContain('you are subscribed');
    expect(await consentOf(phone)).toEqual({ status: 'opted_in', source: 'inbound:START' });
    const owners = await stack.query(
      `SELECT c.external_id, count(e.id)::int AS inbound FROM customers c
         LEFT JOIN events e ON e.customer_id = c.id AND e.type = 'sms.inbound'
        WHERE c.phone = $1 GROUP BY c.external_id`,
      [phone],
    );
    expect(owners).toEqual([{ external_id: String(externalId), inbound: 3 }]);

    // Plain words that clearly ask to stop count; words that merely contain "stop" do not.
    const chatty = await inbound(phone, "Don't stop the discounts!");
    expect(chatty.text).toMatch(/<Response\/>$/);
    expect(await consentOf(phone)).toEqual({ status: 'opted_in', source: 'inbound:START' });
    const plea = await inbound(phone, 'Please stop texting me!');
    expect(plea.text).toContain('you are unsubscribed');
    expect(await consentOf(phone)).toEqual({ status: 'opted_out', source: 'inbound:STOP' });

    const history = await stack.query<{ status: string; source: string }>(
      `SELECT h.status, h.source FROM consent_history h JOIN customers c ON c.id = h.customer_id
        WHERE c.phone = $1 AND h.channel = 'sms' ORDER BY h.recorded_at`,
      [phone],
    );
    expect(history.map((h) => `${h.status} ${h.source}`)).toEqual([
      'opted_in inbound:START',
      'opted_out inbound:STOP',
      'opted_in inbound:START',
      'opted_out inbound:STOP',
    ]);

    const help = await inbound(phone, 'HELP');
    expect(help.text).toContain('<Message>Acme Candles: ');
    expect(help.text).toContain('Reply STOP to unsubscribe');
  });

  it('keeps WhatsApp consent and events apart from SMS', async () => {
    const phone = newPhone();
    const res = await inbound(`whatsapp:${phone}`, 'STOP', { To: `whatsapp:${STORE_PHONE}` });
    expect(res.text).toContain('WhatsApp messages');
    expect(await consentOf(phone, 'whatsapp')).toEqual({ status: 'opted_out', source: 'inbound:STOP' });
    expect(await consentOf(phone, 'sms')).toBeNull();
    const [event] = await stack.query<{ type: string; properties: Record<string, unknown> }>(
      `SELECT e.type, e.properties FROM events e JOIN customers c ON c.id = e.customer_id WHERE c.phone = $1`,
      [phone],
    );
    expect(event.type).toBe('whatsapp.inbound');
    expect(event.properties).toMatchObject({ from: phone, to: STORE_PHONE, channel: 'whatsapp' });
  });

  it('refuses a missing or wrong X-Twilio-Signature and changes nothing', async () => {
    const phone = newPhone();
    await inbound(phone, 'START');
    const snapshot = async () => ({
      consent: await consentOf(phone),
      counts: (
        await stack.query(
          `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM message_events) AS message_events,
                  (SELECT count(*)::int FROM consent_history) AS history`,
        )
      )[0],
    });
    const before = await snapshot();
    const params = {
      From: phone,
      To: STORE_PHONE,
      Body: 'STOP',
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
    };
    const path = '/webhooks/twilio/inbound';

    const wrongToken = signedTwilioRequest(
      randomBytes(16).toString('hex'),
      `${stack.baseUrl}${path}`,
      params,
    );
    const wrongUrl = signedTwilioRequest(AUTH_TOKEN, `${stack.baseUrl}/webhooks/twilio/status`, params);
    const good = signedTwilioRequest(AUTH_TOKEN, `${stack.baseUrl}${path}`, params);
    const tampered = { ...good, body: good.body.replace('STOP', 'START') };
    const unsigned = { ...good, headers: { 'content-type': good.headers['content-type'] } };
    const answers = [];
    for (const request of [wrongToken, wrongUrl, tampered, unsigned]) {
      const res = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', ...request });
      answers.push([res.status, ((await res.json()) as any).error.code]);
    }
    const status = await postTwilio(
      '/webhooks/twilio/status',
      { MessageSid: `SM${randomBytes(16).toString('hex')}`, MessageStatus: 'delivered' },
      'not-the-token',
    );
    answers.push([status.status, JSON.parse(status.text).error.code]);
    expect(answers).toEqual(Array(5).fill([401, 'invalid_signature']));
    expect(await snapshot()).toEqual(before);
  });

  it('suppresses SMS when Twilio answers a send with error 21610', async () => {
    const phone = newPhone();
    await inbound(phone, 'START');
    const step = await smsStepOf(await updateProfile(phone, randomInt(3e9, 4e9)));
    expect(step.message.status).toBe('sent');
    const sid = twilio.delivered.find((r) => r.form.To === phone)!.messageSid!;

    const res = await statusCallback(sid, 'failed', {
      ErrorCode: '21610',
      ErrorMessage: 'Attempt to send to unsubscribed recipient',
    });
    expect(JSON.parse(res.text).data.deliveryStatus).toBe('failed');
    expect(await consentOf(phone)).toEqual({ status: 'opted_out', source: 'twilio:21610' });
    const row = await deliveryOf(step.message.id);
    expect(row.delivery_error).toBe('Twilio 21610: Attempt to send to unsubscribed recipient');
    const [bounced] = await stack.query<{ properties: Record<string, unknown> }>(
      `SELECT properties FROM events WHERE type = 'message.bounced' AND properties->>'messageId' = $1`,
      [step.message.id],
    );
    expect(bounced.properties).toMatchObject({ errorCode: '21610', providerStatus: 'failed' });
  });
});
