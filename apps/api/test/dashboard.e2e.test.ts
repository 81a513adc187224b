/**
 * The store dashboard through the real API (docs/product.md, "Dashboard"): with known customers,
 * orders (one reported twice, one cancelled, one too old), journeys with conversions, messages
 * (delivered, bounced, failed before the handover, a test send) and consent changes, every figure
 * is exact, for 30 and 7 days; the period is validated; support may not read it.
 */
import { DASHBOARD_EXPECTED, seedDashboard, type DashboardData } from './support/dashboard-data';
import { TestStack } from './support/test-stack';

jest.setTimeout(120_000);

/** `YYYY-MM-DD` of `at` in `timeZone`. */
const dayIn = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

describe('store dashboard API', () => {
  let stack: TestStack;
  let seeded: DashboardData;
  let marketer: { token: string };
  const asMarketer = (path: string) =>
    stack.request('GET', path, undefined, { authorization: `Bearer ${marketer.token}` });

  beforeAll(async () => {
    stack = await new TestStack().start();
    marketer = await stack.personWithRole('marketer', 'dana.dashboard@test.local');
    seeded = await seedDashboard(stack);
  });

  afterAll(() => stack?.stop());

  it('answers revenue against attributed revenue, stages, top journeys and deliverability for 30 days', async () => {
    const res = await asMarketer('/v1/dashboard');
    expect(res.status).toBe(200);
    const d = res.body.data;
    const expected = DASHBOARD_EXPECTED.days30;
    expect(d.days).toBe(30);
    expect(d.revenue).toBeCloseTo(expected.revenue, 6);
    expect(d.attributedRevenue).toBeCloseTo(expected.attributedRevenue, 6);
    expect(d.attributedShare).toBeCloseTo(expected.attributedRevenue / expected.revenue, 6);

    expect(d.stages).toEqual(Object.entries(expected.stages).map(([stage, value]) => ({ stage, ...value })));
    expect(d.topJourneys).toEqual(expected.topJourneys.map((j) => ({ ...j, id: expect.any(String) })));

    const channel = (name: string) => d.deliverability.find((c: { channel: string }) => c.channel === name);
    expect(d.deliverability.map((c: { channel: string }) => c.channel)).toEqual(['email', 'sms', 'whatsapp']);
    expect(channel('email')).toEqual({
      channel: 'email',
      ...expected.email,
      bounceRate: expect.any(Number),
      unsubscribeRate: expect.any(Number),
    });
    expect(channel('email').bounceRate).toBeCloseTo(expected.email.bounceRate, 9);
    expect(channel('email').unsubscribeRate).toBeCloseTo(expected.email.unsubscribeRate, 9);
    expect(channel('sms')).toEqual({ channel: 'sms', ...expected.sms });
    expect(channel('whatsapp')).toEqual({
      channel: 'whatsapp',
      sent: 0,
      delivered: 0,
      bounced: 0,
      unsubscribes: 0,
      bounceRate: null,
      unsubscribeRate: null,
    });
  });

  it("cuts one row per day of the period in the store's time zone, each order on its day", async () => {
    const d = (await asMarketer('/v1/dashboard?days=30')).body.data;
    expect(d.revenueByDay).toHaveLength(30);
    expect(d.revenueByDay.at(-1).day).toBe(dayIn(new Date(), d.timeZone));
    expect(d.revenueByDay[0].day).toBe(dayIn(new Date(d.from), d.timeZone));
    const byDay = new Map<string, { revenue: number; attributedRevenue: number; conversions: number }>(
      d.revenueByDay.map((r: { day: string }) => [r.day, r]),
    );
    const expectedRevenue = new Map<string, number>();
    for (const [orderId, total] of [
      ['A1', 100],
      ['A2', 50],
      ['B2', 300],
      ['E1', 80],
    ] as const) {
      const day = dayIn(seeded.placedAt[orderId], d.timeZone);
      expectedRevenue.set(day, (expectedRevenue.get(day) ?? 0) + total);
    }
    for (const [day, row] of byDay) expect([day, row.revenue]).toEqual([day, expectedRevenue.get(day) ?? 0]);
    // Conversions were recorded when their orders were placed.
    expect(byDay.get(dayIn(seeded.placedAt.B2, d.timeZone))).toMatchObject({
      attributedRevenue: 300,
      conversions: 1,
    });
    expect(d.revenueByDay.reduce((sum: number, r: { conversions: number }) => sum + r.conversions, 0)).toBe(
      3,
    );
  });

  it('narrows every figure of the period to the last 7 days', async () => {
    const res = await asMarketer('/v1/dashboard?days=7');
    expect(res.status).toBe(200);
    const d = res.body.data;
    const expected = DASHBOARD_EXPECTED.days7;
    expect(d.revenueByDay).toHaveLength(7);
    expect(d.revenue).toBeCloseTo(expected.revenue, 6);
    expect(d.attributedRevenue).toBeCloseTo(expected.attributedRevenue, 6);
    expect(
      d.topJourneys.map((j: { name: string; revenue: number; recipients: number }) => [
        j.name,
        j.revenue,
        j.recipients,
      ]),
    ).toEqual([
      ['Dashboard welcome', 100, 1],
      ['Dashboard win-back', 50, 1],
    ]);
    expect(d.deliverability[0]).toMatchObject({ channel: 'email', ...expected.email, bounceRate: 0 });
    // Customers by stage are now, whatever the period.
    expect(d.stages).toEqual((await asMarketer('/v1/dashboard')).body.data.stages);
  });

  it('refuses a period outside 1–365 days with a 400 naming the field, and support may not read it', async () => {
    for (const days of ['0', '366', 'abc', '1.5']) {
      const res = await asMarketer(`/v1/dashboard?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toContain('days');
    }
    expect((await asMarketer('/v1/dashboard?days=365')).status).toBe(200);
    expect((await stack.request('GET', '/v1/dashboard')).status).toBe(200); // admin
    const support = await stack.personWithRole('support', 'sam.support@test.local');
    const res = await stack.request('GET', '/v1/dashboard', undefined, {
      authorization: `Bearer ${support.token}`,
    });
    expect(res.status).toBe(403);
  });
});
