/**
 * Consent both ways with a connected store, through the real API and worker: Shopify's
 * `email_marketing_consent` / `sms_marketing_consent` on signed customer webhooks become consent
 * (source `shopify`, newest wins, history kept) that the journeys obey, and an unsubscribe through
 * our link or a STOP/START by text is written back to the store (a server speaking the Admin
 * GraphQL API, reached through Shopify's own client) exactly once, through store failures.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { signUnsubscribeToken } from '@waypoint/channels';
import { ShopifyAdminStub, signedTwilioRequest, TwilioStub } from '@waypoint/testing';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const SHOPIFY_TOKEN = `shpat_${randomBytes(16).toString('hex')}`;
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const STORE_PHONE = '+15005550006';
/** TestStack's APP_SECRET, which signs unsubscribe links. */
const APP_SECRET = 'test-app-secret-test-app-secret-test-app-secret';
jest.setTimeout(120_000);

describe('consent both ways with a connected Shopify store', () => {
  const shopify = new ShopifyAdminStub({ accessToken: SHOPIFY_TOKEN });
  const twilio = new TwilioStub(ACCOUNT_SID, AUTH_TOKEN);
  let stack: TestStack;

  beforeAll(async () => {
    await Promise.all([shopify.start(), twilio.start()]);
    stack = await new TestStack({
      env: {
        SHOPIFY_SHOP: 'waypoint-test.myshopify.com',
        SHOPIFY_ADMIN_TOKEN: SHOPIFY_TOKEN,
        SHOPIFY_API_URL: shopify.url,
        CONSENT_WRITEBACK_INTERVAL_MS: '200',
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_URL: twilio.url,
        TWILIO_SMS_FROM: STORE_PHONE,
        STORE_NAME: 'Acme Candles',
      },
    }).start();
    // Every profile update texts the customer, when SMS consent allows.
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
      // Texts at any hour, so the test does not depend on the time of day.
      settings: { exitOn: [], reentry: { mode: 'after_exit' }, quietHours: { sms: null } },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([shopify.stop(), twilio.stop()]);
  });

  const newPhone = () => `+1555${String(randomInt(1_000_000, 9_999_999))}`;
  const gid = (customer: Record<string, unknown>) => `gid://shopify/Customer/${String(customer.id)}`;
  const updatesFor = (customer: Record<string, unknown>, channel: 'email' | 'sms') =>
    shopify.store.consentUpdates.filter((u) => u.customerId === gid(customer) && u.channel === channel);

  async function webhook(topic: string, payload: Record<string, unknown>) {
    const res = await deliver(stack.baseUrl, signedDelivery(topic, payload, stack.shopifySecret));
    expect(res).toMatchObject({ status: 200, body: { data: { status: 'accepted' } } });
    return res.body.data.eventId as string;
  }

  async function consentOf(customer: Record<string, unknown>, channel: 'email' | 'sms') {
    const [row] = await stack.query<{
      id: string;
      status: string;
      source: string;
      updated_at: Date;
      opt_in_level: string | null;
    }>(
      `SELECT c.id, k.status, k.source, k.updated_at, k.opt_in_level
         FROM customers c LEFT JOIN customer_consents k ON k.customer_id = c.id AND k.channel = $2
        WHERE c.external_id = $1`,
      [String(customer.id), channel],
    );
    return row;
  }

  async function historyOf(customer: Record<string, unknown>, channel: 'email' | 'sms') {
    const rows = await stack.query<{ status: string; source: string }>(
      `SELECT h.status, h.source FROM consent_history h JOIN customers c ON c.id = h.customer_id
        WHERE c.external_id = $1 AND h.channel = $2 ORDER BY h.recorded_at`,
      [String(customer.id), channel],
    );
    return rows.map((h) => `${h.status} ${h.source}`);
  }

  const writebacksOf = (customer: Record<string, unknown>) =>
    stack.query<{
      channel: string;
      status: string;
      source: string;
      attempts: number;
      last_error: string | null;
      outcome: string | null;
      occurred_at: Date;
    }>(
      `SELECT w.channel, w.status, w.source, w.attempts, w.last_error, w.outcome, w.occurred_at
         FROM consent_writebacks w JOIN customers c ON c.id = w.customer_id
        WHERE c.external_id = $1 ORDER BY w.created_at`,
      [String(customer.id)],
    );

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

  function inbound(from: string, body: string) {
    const url = `${stack.baseUrl}/webhooks/twilio/inbound`;
    const request = signedTwilioRequest(AUTH_TOKEN, url, {
      From: from,
      To: STORE_PHONE,
      Body: body,
      AccountSid: ACCOUNT_SID,
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
    });
    return fetch(url, { method: 'POST', ...request });
  }

  /** Waits until nothing more can arrive: the loop polls every 200 ms. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('skips the shipped welcome email of a customer unsubscribed in Shopify, saying why', async () => {
    const customer = shopifyCustomer({
      email_marketing_consent: {
        state: 'unsubscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2026-11-20T10:00:00-05:00',
      },
    });
    await webhook('customers/create', customer);

    const run = await eventually(async () => {
      const res = await stack.request('GET', `/v1/customers/${customer.id}/runs`);
      const welcome = res.status === 200 ? res.body.data[0] : undefined;
      return welcome?.waitingFor?.nodeId === 'wait-3d' ? welcome : undefined;
    }, 'the welcome run to pass its email step');
    const email = run.steps.find((s: { nodeId: string }) => s.nodeId === 'welcome-email');
    expect(email.outcome).toBe('skipped');
    expect(email.reason).toBe('skipped: unsubscribed from marketing email in the store on 2026-11-20');
    expect(email.message).toBeNull();

    expect(await consentOf(customer, 'email')).toMatchObject({
      status: 'opted_out',
      source: 'shopify',
      opt_in_level: 'single_opt_in',
      updated_at: new Date('2026-11-20T15:00:00Z'),
    });
    expect(await historyOf(customer, 'email')).toEqual(['opted_out shopify']);
    // The store's own change is never written back to it.
    expect(await writebacksOf(customer)).toEqual([]);
  });

  it('texts a customer whose SMS consent is subscribed in Shopify; a late older webhook changes nothing, a newer one does', async () => {
    const phone = newPhone();
    const subscribed = shopifyCustomer({
      phone,
      updated_at: '2026-11-25T10:00:00Z',
      sms_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2026-11-25T10:00:00Z',
        consent_collected_from: 'SHOPIFY',
      },
    });
    const step = await smsStepOf(await webhook('customers/update', subscribed));
    expect(step.outcome).toBe('completed');
    expect(step.message).toMatchObject({ channel: 'sms', status: 'sent' });
    expect(twilio.delivered.filter((r) => r.form.To === phone)).toHaveLength(1);
    expect(await consentOf(subscribed, 'sms')).toMatchObject({
      status: 'opted_in',
      source: 'shopify',
      opt_in_level: 'single_opt_in',
    });

    // Delivered late (Shopify does not keep order): an unsubscribe from before the opt-in.
    const stale = {
      ...subscribed,
      updated_at: '2026-11-26T09:00:00Z',
      sms_marketing_consent: {
        state: 'unsubscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2026-11-24T08:00:00Z',
        consent_collected_from: 'OTHER',
      },
    };
    const second = await smsStepOf(await webhook('customers/update', stale));
    expect(second.outcome).toBe('completed');
    expect(twilio.delivered.filter((r) => r.form.To === phone)).toHaveLength(2);
    expect(await consentOf(subscribed, 'sms')).toMatchObject({ status: 'opted_in', source: 'shopify' });
    expect(await historyOf(subscribed, 'sms')).toEqual(['opted_in shopify']);

    const newer = {
      ...stale,
      sms_marketing_consent: { ...stale.sms_marketing_consent, consent_updated_at: '2026-11-26T09:00:00Z' },
    };
    const third = await smsStepOf(await webhook('customers/update', newer));
    expect(third.outcome).toBe('skipped');
    expect(third.reason).toBe('skipped: no consent (sms): opted out in the store on 2026-11-26');
    expect(twilio.delivered.filter((r) => r.form.To === phone)).toHaveLength(2);
    expect(await historyOf(subscribed, 'sms')).toEqual(['opted_in shopify', 'opted_out shopify']);
    await settle();
    expect(await writebacksOf(subscribed)).toEqual([]);
    expect(updatesFor(subscribed, 'sms')).toEqual([]);
  });

  it('writes our unsubscribe link back to Shopify exactly once, also when the store fails the first attempt', async () => {
    const customer = shopifyCustomer();
    await webhook('customers/create', customer);
    const { id: customerId } = await consentOf(customer, 'email');
    // The first attempt meets 503s through all of the client's own retries, so the outbox retries it.
    shopify.queue(
      ...Array.from({ length: 5 }, () => ({
        kind: 'http' as const,
        status: 503,
        rootField: 'customerEmailMarketingConsentUpdate',
      })),
    );

    const token = signUnsubscribeToken(customerId, APP_SECRET);
    const unsubscribed = await stack.request('POST', `/u/${token}`);
    expect(unsubscribed.status).toBe(200);
    const held = await consentOf(customer, 'email');
    expect(held).toMatchObject({ status: 'opted_out', source: 'unsubscribe_link' });
    // The one-click POST again (mail clients repeat it): no change, nothing more to write back.
    expect((await stack.request('POST', `/u/${token}`)).status).toBe(200);

    await eventually(
      async () => (updatesFor(customer, 'email').length > 0 ? true : undefined),
      'the unsubscribe to reach the store',
    );
    await settle();
    expect(updatesFor(customer, 'email')).toEqual([
      {
        channel: 'email',
        customerId: gid(customer),
        marketingState: 'UNSUBSCRIBED',
        marketingOptInLevel: null,
        consentUpdatedAt: held.updated_at.toISOString(),
      },
    ]);
    expect(
      shopify
        .requestsFor('customerEmailMarketingConsentUpdate')
        .filter((r) => JSON.stringify(r.variables).includes(gid(customer)))
        .map((r) => r.outcome),
    ).toEqual(['http', 'http', 'http', 'http', 'http', 'ok']);
    const [writeback] = await writebacksOf(customer);
    expect(await writebacksOf(customer)).toHaveLength(1);
    expect(writeback).toMatchObject({
      channel: 'email',
      status: 'opted_out',
      source: 'unsubscribe_link',
      attempts: 2,
      outcome: 'written',
      occurred_at: held.updated_at,
    });
    expect(writeback.last_error).toContain('HTTP 503');

    // Shopify then tells us about the change we made: nothing changes, nothing echoes back.
    await webhook('customers/update', {
      ...customer,
      updated_at: new Date().toISOString(),
      email_marketing_consent: {
        state: 'unsubscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: held.updated_at.toISOString(),
      },
    });
    await settle();
    expect(await consentOf(customer, 'email')).toMatchObject({
      status: 'opted_out',
      source: 'unsubscribe_link',
    });
    expect(await writebacksOf(customer)).toHaveLength(1);
    expect(updatesFor(customer, 'email')).toHaveLength(1);
  });

  it('writes a STOP back as SMS consent, and START after it, keeping a store refusal visible until it lands', async () => {
    const phone = newPhone();
    const customer = shopifyCustomer({
      phone,
      sms_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2026-11-25T10:00:00Z',
        consent_collected_from: 'SHOPIFY',
      },
    });
    await webhook('customers/create', customer);
    // The store refuses the first attempt with userErrors; a later attempt lands.
    shopify.queue({
      kind: 'http',
      status: 200,
      rootField: 'customerSmsMarketingConsentUpdate',
      body: {
        data: {
          customerSmsMarketingConsentUpdate: {
            customer: null,
            userErrors: [
              {
                field: ['input', 'smsMarketingConsent'],
                message: 'Consent updated at cannot be in the future',
                code: 'INVALID',
              },
            ],
          },
        },
      },
    });

    expect((await inbound(phone, 'STOP')).status).toBe(200);
    expect(await consentOf(customer, 'sms')).toMatchObject({ status: 'opted_out', source: 'inbound:STOP' });
    const stopped = await eventually(
      async () => (updatesFor(customer, 'sms').length > 0 ? updatesFor(customer, 'sms') : undefined),
      'the STOP to reach the store',
    );
    expect(stopped).toEqual([
      expect.objectContaining({ channel: 'sms', customerId: gid(customer), marketingState: 'UNSUBSCRIBED' }),
    ]);
    expect((await writebacksOf(customer))[0]).toMatchObject({
      channel: 'sms',
      status: 'opted_out',
      source: 'inbound:STOP',
      attempts: 2,
      outcome: 'written',
      last_error:
        'customerSmsMarketingConsentUpdate refused by the store: input.smsMarketingConsent: Consent updated at cannot be in the future',
    });

    expect((await inbound(phone, 'START')).status).toBe(200);
    const started = await eventually(
      async () => (updatesFor(customer, 'sms').length > 1 ? updatesFor(customer, 'sms') : undefined),
      'the START to reach the store',
    );
    expect(started[1]).toMatchObject({ marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' });
    await settle();
    expect(updatesFor(customer, 'sms')).toHaveLength(2);
    expect((await writebacksOf(customer)).map((w) => `${w.status} ${w.source} ${w.outcome}`)).toEqual([
      'opted_out inbound:STOP written',
      'opted_in inbound:START written',
    ]);
    expect(await historyOf(customer, 'sms')).toEqual([
      'opted_in shopify',
      'opted_out inbound:STOP',
      'opted_in inbound:START',
    ]);
  });
});
