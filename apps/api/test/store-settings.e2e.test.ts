/**
 * The store settings through the real API and worker (docs/product.md, "Store settings"): values
 * that do not exist are a 422 naming the field and change nothing; only admins change the profile,
 * audited with before and after; a new time zone reaches the daily Schedule (and a worker that
 * starts gives it the profile's); the store's country reads phone numbers; its quiet hours defer
 * an SMS of a journey that sets none; its frequency cap skips a send no journey caps; lifecycle
 * thresholds out of range are a 422; the stage preview counts without writing; products are found
 * by title or id.
 */
import { Client, Connection } from '@temporalio/client';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { dailyLifecycleScheduleId } from '@waypoint/workflows';
import { publishJourney } from './support/journeys';
import { eventually, sleep, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

/** Longer than the worker's store profile cache (STORE_PROFILE_TTL_MS, 5 s). */
const PROFILE_REFRESH_MS = 6_000;

describe('store settings', () => {
  let stack: TestStack;
  let apiKey: string;
  let support: string;
  let marketer: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    apiKey = await stack.apiKey('settings-test');
    support = (await stack.personWithRole('support')).token;
    marketer = (await stack.personWithRole('marketer')).token;
  });

  afterAll(() => stack?.stop());

  const as = (token: string, method: string, path: string, body?: unknown) =>
    stack.request(method, path, body, { authorization: `Bearer ${token}` });
  const profile = async () => (await stack.request('GET', '/v1/settings/store')).body.data;
  const auditRows = (action: string) =>
    stack.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    );

  /** A customer with a phone and SMS consent, by the profile API. */
  async function textableCustomer(externalId: string, phone: string) {
    const res = await stack.request(
      'PUT',
      `/v1/customers/${externalId}`,
      { phone, consent: { sms: 'opted_in' } },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(res.status).toBe(200);
  }

  async function sendEvent(type: string, externalId: string) {
    const res = await stack.request(
      'POST',
      '/v1/events',
      { type, customer: { id: externalId }, properties: {} },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(res.status).toBe(202);
  }

  /** An SMS journey on `event` (its template shows a coupon) with no quiet hours or caps of its own. */
  const smsJourney = (event: string): JourneyDefinitionInput => ({
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'SET' } },
      { id: 'sms', type: 'send.sms', data: { template: 'welcome-reminder' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'sms' },
      { source: 'sms', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  });

  async function smsStep(externalId: string, journeyId: string) {
    return eventually(async () => {
      const runs = (await stack.request('GET', `/v1/customers/${externalId}/runs`)).body.data ?? [];
      const run = runs.find((r: { journey: { id: string } }) => r.journey.id === journeyId);
      return run?.steps.find((s: { nodeId: string }) => s.nodeId === 'sms');
    }, `the SMS step of ${externalId}`);
  }

  it('answers the defaults to support, marketers and admins', async () => {
    for (const token of [support, marketer, stack.adminToken]) {
      const res = await as(token, 'GET', '/v1/settings/store');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        timeZone: 'UTC',
        currency: 'USD',
        locale: 'en',
        country: 'TR',
        quietHours: { email: null, sms: { start: '21:00', end: '08:00' } },
        frequencyCaps: [],
      });
    }
  });

  it.each([
    [{ timeZone: 'Mars/Base' }, 'timeZone', 'timeZone: "Mars/Base" is not a time zone'],
    [{ currency: 'XYZ' }, 'currency', 'currency: "XYZ" is not an ISO 4217 currency'],
    [{ locale: '12345' }, 'locale', 'locale: "12345" is not a BCP 47 locale'],
    [{ country: 'ZZ' }, 'country', 'country: "ZZ" is not an ISO 3166 country'],
    [
      { frequencyCaps: [{ channel: 'sms', max: 1, per: 'soon' }] },
      'frequencyCaps[0].per',
      'frequencyCaps[0].per: "soon" is not a duration',
    ],
  ])('refuses %j with a 422 naming %s, saving nothing', async (patch, field, message) => {
    const before = await profile();
    // A valid value beside the wrong one is not saved either.
    const res = await stack.request('PATCH', '/v1/settings/store', { currency: 'EUR', ...patch });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_setting', details: { field } });
    expect(res.body.error.message).toContain(message);
    expect(await profile()).toEqual(before);
    expect(await auditRows('settings.store')).toEqual([]);
  });

  it('lets only admins change the profile', async () => {
    for (const token of [support, marketer]) {
      const res = await as(token, 'PATCH', '/v1/settings/store', { currency: 'TRY' });
      expect(res.status).toBe(403);
    }
    expect((await profile()).currency).toBe('USD');
  });

  it('saves a change audited with before and after, and gives a new time zone to the daily Schedule', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const schedule = new Client({ connection }).schedule.getHandle(
        dailyLifecycleScheduleId(stack.taskQueue),
      );
      // The worker created it at start, in the profile's zone.
      expect(
        await eventually(
          async () => (await schedule.describe().catch(() => null))?.spec.timezone,
          'the Schedule',
        ),
      ).toBe('UTC');

      const res = await stack.request('PATCH', '/v1/settings/store', {
        timeZone: 'europe/istanbul',
        currency: 'try',
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ timeZone: 'Europe/Istanbul', currency: 'TRY', locale: 'en' });
      expect(await profile()).toEqual(res.body.data);
      expect((await schedule.describe()).spec.timezone).toBe('Europe/Istanbul');
      expect((await schedule.describe()).spec.calendars?.[0]).toMatchObject({
        hour: [{ start: 3, end: 3, step: 1 }],
      });

      // A worker that starts finds the Schedule in another zone (an update lost) and sets the profile's.
      await schedule.update((previous) => ({ ...previous, spec: { ...previous.spec, timezone: 'UTC' } }));
      await stack.killWorker();
      stack.startWorker();
      await eventually(
        async () => ((await schedule.describe()).spec.timezone === 'Europe/Istanbul' ? true : undefined),
        "the restarted worker to give the Schedule the profile's time zone",
      );
    } finally {
      await connection.close();
    }
    expect((await auditRows('settings.store')).map((r) => r.detail)).toEqual([
      {
        changed: ['timeZone', 'currency'],
        before: { timeZone: 'UTC', currency: 'USD' },
        after: { timeZone: 'Europe/Istanbul', currency: 'TRY' },
      },
    ]);
  });

  it("reads phone numbers in the store's country", async () => {
    expect((await stack.request('PATCH', '/v1/settings/store', { country: 'US' })).status).toBe(200);
    await textableCustomer('phone-us', '(415) 555-2671');
    const [row] = await stack.query<{ phone: string }>(
      `SELECT phone FROM customers WHERE external_id = 'phone-us'`,
    );
    expect(row.phone).toBe('+14155552671');
    expect((await stack.request('PATCH', '/v1/settings/store', { country: 'TR' })).status).toBe(200);
  });

  it("defers an SMS by the store's quiet hours when the journey sets none", async () => {
    // A window around now in the store's zone (Europe/Istanbul, UTC+3): ends two hours from now.
    const hhmm = (offsetHours: number) => {
      const at = new Date(Date.now() + (3 + offsetHours) * 3_600_000);
      return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    };
    const window = { start: hhmm(-1), end: hhmm(2) };
    const res = await stack.request('PATCH', '/v1/settings/store', {
      quietHours: { email: null, sms: window, whatsapp: null },
    });
    expect(res.status).toBe(200);
    const journeyId = await publishJourney(stack, 'Quiet SMS', smsJourney('product.viewed'));
    await textableCustomer('quiet-1', '+905321234567');
    await sleep(PROFILE_REFRESH_MS);
    await sendEvent('product.viewed', 'quiet-1');
    const step = await smsStep('quiet-1', journeyId);
    expect(step.outcome).toBe('waiting');
    expect(step.reason).toBe(`deferred: quiet hours until ${window.end} Europe/Istanbul`);
  });

  it("skips a send by the store's frequency cap, counting every journey's sends", async () => {
    const res = await stack.request('PATCH', '/v1/settings/store', {
      quietHours: { email: null, sms: null, whatsapp: null },
      frequencyCaps: [{ channel: 'sms', max: 1, per: '24h' }],
    });
    expect(res.status).toBe(200);
    const first = await publishJourney(stack, 'First SMS', smsJourney('cart.updated'));
    const second = await publishJourney(stack, 'Second SMS', smsJourney('checkout.started'));
    await textableCustomer('capped-1', '+905321234568');
    await sleep(PROFILE_REFRESH_MS);
    await sendEvent('cart.updated', 'capped-1');
    expect((await smsStep('capped-1', first)).reason).toMatch(/^sandbox/);
    await sendEvent('checkout.started', 'capped-1');
    const skipped = await smsStep('capped-1', second);
    expect(skipped.outcome).toBe('skipped');
    expect(skipped.reason).toBe(
      "skipped: store's frequency cap: 1 sms message in the last 24 hours (at most 1)",
    );
  });

  describe('lifecycle thresholds', () => {
    it('refuses a threshold of 0 days with a 422 naming the field, and a wrong shape with a 400', async () => {
      const before = (await stack.request('GET', '/v1/settings/lifecycle')).body.data;
      const zero = await stack.request('PUT', '/v1/settings/lifecycle', { atRiskDays: 0 });
      expect(zero.status).toBe(422);
      expect(zero.body.error).toMatchObject({ code: 'invalid_setting', details: { field: 'atRiskDays' } });
      expect(zero.body.error.message).toContain('atRiskDays: must be more than 0 days');
      const order = await stack.request('PUT', '/v1/settings/lifecycle', {
        atRiskDays: 90,
        inactiveDays: 30,
      });
      expect(order.status).toBe(422);
      expect(order.body.error.details.field).toBe('inactiveDays');
      const shape = await stack.request('PUT', '/v1/settings/lifecycle', { atRiskDays: 'ten' });
      expect(shape.status).toBe(400);
      expect(shape.body.error.code).toBe('invalid_request');
      expect((await stack.request('GET', '/v1/settings/lifecycle')).body.data).toEqual(before);
      expect(await auditRows('settings.lifecycle')).toEqual([]);
    });

    it('lets marketers read and preview but only admins change them', async () => {
      expect((await as(marketer, 'GET', '/v1/settings/lifecycle')).status).toBe(200);
      expect((await as(marketer, 'PUT', '/v1/settings/lifecycle', { atRiskDays: 30 })).status).toBe(403);
      expect((await as(marketer, 'POST', '/v1/settings/lifecycle/preview', {})).status).toBe(200);
    });

    it('previews how many customers each stage would hold, writing nothing', async () => {
      const day = 86_400_000;
      await stack.query(
        `INSERT INTO customers (external_id, orders_count, total_spent, last_order_at, lifecycle_stage)
         VALUES ('preview-a', 1, 20, $1, 'first_time'), ('preview-b', 3, 90, $1, 'repeat'),
                ('preview-c', 2, 40, $2, 'repeat')`,
        [new Date(Date.now() - 20 * day), new Date(Date.now() - 2 * day)],
      );
      const stages = async (body: unknown) => {
        const res = await stack.request('POST', '/v1/settings/lifecycle/preview', body);
        expect(res.status).toBe(200);
        return res.body.data;
      };
      const now = await stages({});
      const stricter = await stages({ atRiskDays: 10, inactiveDays: 15 });
      // a (20 days) and b (20 days) become inactive; c (2 days) stays repeat.
      expect(stricter.stages.inactive - now.stages.inactive).toBe(2);
      expect(now.stages.first_time - stricter.stages.first_time).toBe(1);
      expect(stricter.customers).toBe(now.customers);
      expect(stricter.current).toEqual(now.current);
      const [stored] = await stack.query<{ stage: string }>(
        `SELECT lifecycle_stage AS stage FROM customers WHERE external_id = 'preview-a'`,
      );
      expect(stored.stage).toBe('first_time');
      const bad = await stack.request('POST', '/v1/settings/lifecycle/preview', { inactiveDays: -1 });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details.field).toBe('inactiveDays');
    });
  });

  it('finds products by title or id, a page at a time', async () => {
    for (const [id, title] of [
      ['coffee-1kg', 'Coffee 1 kg'],
      ['tea-50', 'Green tea 50 bags'],
      ['coffee-250', 'Coffee 250 g'],
    ])
      expect((await stack.request('PUT', `/v1/products/${id}`, { title, consumptionDays: 30 })).status).toBe(
        200,
      );
    const ids = async (query: string) =>
      ((await stack.request('GET', `/v1/products?${query}`)).body.data as Array<{ productId: string }>).map(
        (p) => p.productId,
      );
    expect(await ids('q=COFFEE')).toEqual(['coffee-1kg', 'coffee-250']);
    expect(await ids('q=tea-5')).toEqual(['tea-50']);
    expect(await ids('q=coffee&limit=1&offset=1')).toEqual(['coffee-250']);
    expect(await ids('q=%25')).toEqual([]);
    expect((await as(marketer, 'PUT', '/v1/products/tea-50', { consumptionDays: 10 })).status).toBe(403);
  });
});
