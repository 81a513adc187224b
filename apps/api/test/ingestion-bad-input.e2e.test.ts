/**
 * Bad input to the event, profile and customer routes through the real API: always a 4xx naming
 * the problem, never a 5xx, and nothing written. Ids that are not UUIDs (or not ids at all) are
 * looked up as external ids or refused, never cast.
 */
import { LIMITS } from '@waypoint/contract';
import { TestStack } from './support/test-stack';

jest.setTimeout(90_000);

describe('bad input to ingestion and customers', () => {
  let stack: TestStack;
  let key: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('bad-input');
  });

  afterAll(() => stack?.stop());

  const withKey = (method: string, path: string, body?: unknown) =>
    stack.request(method, path, body, { authorization: `Bearer ${key}` });
  const counts = async () =>
    (
      await stack.query<{ customers: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM events) AS events`,
      )
    )[0];

  it('refuses events that break the contract with 400 naming the field, writing nothing', async () => {
    const before = await counts();
    const tooMany = Object.fromEntries(
      Array.from({ length: LIMITS.eventProperties + 1 }, (_, i) => [`p${i}`, i]),
    );
    const cases: Array<[unknown, string]> = [
      [{ type: 'a.b', customer: { id: { a: 1 } } }, 'customer.id'],
      [{ type: `a.${'b'.repeat(LIMITS.eventTypeLength)}`, customer: { id: 'c' } }, 'type'],
      [{ type: 'a.b', customer: { id: 'c' }, properties: tooMany }, 'properties'],
      [{ type: 'a.b', customer: { id: 'c' }, properties: [] }, 'properties'],
      [{ type: 'a.b', customer: { id: 'c', email: 42 } }, 'customer.email'],
      [{ type: 'a.b', customer: { id: 'c' }, timestamp: '+275760-09-13T00:00:00Z' }, 'timestamp'],
      [{ type: 'a.b', customer: { id: 'x'.repeat(LIMITS.nameLength + 1) } }, 'customer.id'],
      [{ type: 'a.b', customer: { id: 'c' }, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await withKey('POST', '/v1/events', body);
      expect({ field, status: res.status, code: res.body.error?.code }).toEqual({
        field,
        status: 400,
        code: 'invalid_request',
      });
      expect(res.body.error.message).toContain(field);
    }
    const batch = await withKey('POST', '/v1/events/batch', {
      events: [
        { type: 'a.b', customer: { id: 'ok' } },
        { type: 'a.b', customer: { id: ['not', 'an', 'id'] } },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toContain('events.1.customer.id');
    expect(await counts()).toEqual(before);
  });

  it('refuses NUL, lone surrogates and deep nesting anywhere in an event with 400', async () => {
    const before = await counts();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { deeper: deep };
    for (const body of [
      { type: 'a.b', customer: { id: 'c\u0000' } },
      { type: 'a.b', customer: { id: 'c' }, properties: { 'k\u0000': 1 } },
      { type: 'a.b', customer: { id: 'c' }, properties: { note: 'x\ud800y' } },
      { type: 'a.b', customer: { id: 'c' }, properties: { deep } },
    ]) {
      const res = await fetch(`${stack.baseUrl}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a profile that breaks the contract with 400 naming the field', async () => {
    const before = await counts();
    for (const [body, field] of [
      [{ email: { a: 1 } }, 'email'],
      [{ consent: { sms: 'maybe' } }, 'consent.sms'],
      [{ attributes: 'not an object' }, 'attributes'],
    ] as const) {
      const res = await withKey('PUT', '/v1/customers/bad-profile', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await withKey('PUT', `/v1/customers/${'x'.repeat(LIMITS.nameLength + 1)}`, {})).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses a time zone or locale that is not one wherever a profile is written, as store settings do', async () => {
    const before = await counts();
    const bad = [
      [{ timezone: 'Mars/Base' }, 'timezone'],
      [{ timezone: '+03:00' }, 'timezone'],
      [{ locale: 'xx_notalocale_123' }, 'locale'],
    ] as const;
    for (const [fields, field] of bad) {
      const put = await withKey('PUT', '/v1/customers/zone-check', fields);
      expect({ field, status: put.status, code: put.body.error?.code }).toEqual({
        field,
        status: 400,
        code: 'invalid_request',
      });
      expect(put.body.error.message).toContain(field);
      const event = await withKey('POST', '/v1/events', {
        type: 'profile.updated',
        customer: { id: 'zone-check', ...fields },
      });
      expect(event.status).toBe(400);
      expect(event.body.error.message).toContain(`customer.${field}`);
      const batch = await withKey('POST', '/v1/events/batch', {
        events: [
          { type: 'profile.updated', customer: { id: 'zone-ok' } },
          { type: 'profile.updated', customer: { id: 'zone-check', ...fields } },
        ],
      });
      expect(batch.status).toBe(400);
      expect(batch.body.error.message).toContain(`events.1.customer.${field}`);
    }
    expect(await counts()).toEqual(before);
    const good = await withKey('PUT', '/v1/customers/zone-check', {
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
    });
    expect(good.status).toBe(200);
    const [stored] = await stack.query<{ timezone: string; locale: string }>(
      `SELECT timezone, locale FROM customers WHERE external_id = 'zone-check'`,
    );
    expect(stored).toEqual({ timezone: 'Europe/Berlin', locale: 'de-DE' });
    // The POSIX spelling platforms send is a locale too, not a reason to refuse the event.
    const posix = await withKey('POST', '/v1/events', {
      type: 'profile.updated',
      customer: { id: 'zone-check', locale: 'en_US' },
    });
    expect(posix.status).toBe(202);
  });

  it('answers 404 or 400 for customer ids that are not ours, never 500', async () => {
    for (const ref of [
      'nobody',
      '00000000-0000-4000-8000-000000000000',
      '12345',
      'not-a-uuid-%2F..',
      '%E2%82%AC',
    ]) {
      for (const path of [`/v1/customers/${ref}`]) {
        const res = await stack.request('GET', path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    }
    for (const path of ['/v1/customers/%00', `/v1/customers/${'x'.repeat(LIMITS.nameLength + 1)}`]) {
      const res = await stack.request('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    for (const q of ['x', '%00%00', 'a'.repeat(321)]) {
      const res = await stack.request('GET', `/v1/customers?q=${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
  });

  it('answers 404 to an unsubscribe link that is not ours, whatever it looks like', async () => {
    for (const token of ['nope', 'a.b.c', '00000000-0000-4000-8000-000000000000']) {
      expect((await stack.request('GET', `/u/${token}`)).status).toBe(404);
      const post = await fetch(`${stack.baseUrl}/u/${token}`, { method: 'POST' });
      expect(post.status).toBe(404);
    }
    expect((await stack.request('GET', '/u/%00')).status).toBe(400);
    // A browser gets the same 404 as a page in the style of the other /u pages, not JSON.
    for (const method of ['GET', 'POST']) {
      const page = await fetch(`${stack.baseUrl}/u/a.b.c`, { method, headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<h1>This link does not work</h1>');
      expect(html).not.toContain('"error"');
    }
  });
});
