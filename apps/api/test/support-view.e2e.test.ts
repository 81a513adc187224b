/**
 * Support's view through the real API and engine: finding a customer by email, phone or id; the
 * customer's page (profile, value, consent with its history, events, messages, runs); and
 * "continue now" on a run waiting in a delay, which ends the wait at once, goes on to the next
 * node, says who did it and why on the timeline, and is written to the audit log.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { couponWaitEmail, publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

describe('support view', () => {
  let stack: TestStack;
  let support: { id: string; token: string; email: string };
  let apiKey: string;

  beforeAll(async () => {
    stack = await new TestStack().start();
    support = await stack.personWithRole('support', 'pat.support@test.local');
    apiKey = await stack.apiKey('support-view');
  });

  afterAll(() => stack?.stop());

  const asSupport = (method: string, path: string, body?: unknown) =>
    stack.request(method, path, body, { authorization: `Bearer ${support.token}` });

  async function enter(overrides: Record<string, unknown> = {}) {
    const customer = shopifyCustomer(overrides);
    const res = await deliver(
      stack.baseUrl,
      signedDelivery('customers/update', customer, stack.shopifySecret),
    );
    expect(res.status).toBe(200);
    return customer;
  }

  async function runOf(externalId: string, journeyId: string, until: (run: any) => boolean, what: string) {
    return eventually(async () => {
      const runs = (await asSupport('GET', `/v1/customers/${externalId}/runs`)).body.data ?? [];
      const run = runs.find((r: { journey: { id: string } }) => r.journey.id === journeyId);
      return run && until(run) ? run : undefined;
    }, what);
  }

  it('finds a customer by the start of an email, a phone number as typed, or the external id', async () => {
    const put = await stack.request(
      'PUT',
      '/v1/customers/search-me-42',
      { email: 'Grace.Hopper@Example.com', phone: '+14155550142', firstName: 'Grace' },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(put.status).toBe(200);
    await stack.request(
      'PUT',
      '/v1/customers/someone-else',
      { email: 'grace.other@example.org' },
      {
        authorization: `Bearer ${apiKey}`,
      },
    );

    const ids = async (q: string) => {
      const res = await asSupport('GET', `/v1/customers?q=${encodeURIComponent(q)}`);
      expect({ q, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
        q,
        status: 200,
        body: 'ok',
      });
      return res.body.data.map((c: { externalId: string }) => c.externalId);
    };
    expect(await ids('grace.hopper@example.com')).toEqual(['search-me-42']);
    expect(await ids('GRACE.HOP')).toEqual(['search-me-42']);
    expect((await ids('grace.')).sort()).toEqual(['search-me-42', 'someone-else']);
    expect(await ids('+1 (415) 555-0142')).toEqual(['search-me-42']);
    expect(await ids('search-me-42')).toEqual(['search-me-42']);
    expect(await ids('%%')).toEqual([]);
    expect(await ids('nobody-at-all')).toEqual([]);

    const short = await asSupport('GET', '/v1/customers?q=g');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('at least 2 characters');
  });

  it("shows one customer's profile, value, consent with its history, events, messages and runs", async () => {
    const journeyId = await publishJourney(stack, 'Page welcome', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'HI' } },
        { id: 'email', type: 'send.email', data: { template: 'welcome' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
        { source: 'coupon', sourceHandle: 'next', target: 'email' },
        { source: 'email', sourceHandle: 'next', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    } satisfies JourneyDefinitionInput);
    const customer = await enter();
    const externalId = String(customer.id);
    await runOf(externalId, journeyId, (r) => r.status === 'completed', 'the welcome run to finish');
    const headers = { authorization: `Bearer ${apiKey}` };
    expect(
      (
        await stack.request(
          'PUT',
          `/v1/customers/${externalId}`,
          { consent: { sms: 'opted_in' }, phone: '+14155550199' },
          headers,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await stack.request(
          'PUT',
          `/v1/customers/${externalId}`,
          { consent: { sms: 'opted_out' }, consentSource: 'support call' },
          headers,
        )
      ).status,
    ).toBe(200);

    const page = await asSupport('GET', `/v1/customers/${externalId}`);
    expect(page.status).toBe(200);
    const data = page.body.data;
    expect(data.profile).toMatchObject({
      externalId,
      email: customer.email,
      firstName: 'Ada',
      phone: '+14155550199',
    });
    expect(data.value).toEqual({ totalSpent: 0, ordersCount: 0, averageOrderValue: null });
    expect(data.consent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'sms', status: 'opted_out', source: 'support call' }),
      ]),
    );
    expect(
      data.consentHistory
        .filter((h: { channel: string }) => h.channel === 'sms')
        .map((h: { status: string }) => h.status),
    ).toEqual(['opted_out', 'opted_in']);
    expect(data.events.map((e: { type: string }) => e.type)).toContain('customer.updated');
    expect(data.messages).toEqual([
      expect.objectContaining({
        journeyName: 'Page welcome',
        channel: 'email',
        to: customer.email,
        status: 'sandboxed',
      }),
    ]);
    expect(data.runs).toEqual([
      expect.objectContaining({ journeyId, journeyName: 'Page welcome', status: 'completed', version: 1 }),
    ]);

    expect((await asSupport('GET', '/v1/customers/no-such-customer')).status).toBe(404);
  });

  it('continues a run waiting in a delay at once, says who and why on the timeline, and audits it', async () => {
    const journeyId = await publishJourney(stack, 'Three days', couponWaitEmail('customer.updated', '3d'));
    const customer = await enter();
    const externalId = String(customer.id);
    const waiting = await runOf(
      externalId,
      journeyId,
      (r) => r.waitingFor?.nodeId === 'pause',
      'the run to wait',
    );
    expect(waiting.waitingFor).toMatchObject({ nodeType: 'wait.delay', canContinueNow: true });
    const dueAt: string = waiting.waitingFor.until;
    expect(Date.parse(dueAt) - Date.now()).toBeGreaterThan(2 * 24 * 3600_000);

    expect((await asSupport('POST', `/v1/runs/${waiting.id}/continue`, {})).status).toBe(400);
    const noReason = await asSupport('POST', `/v1/runs/${waiting.id}/continue`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('say why the wait is cut short');

    const res = await asSupport('POST', `/v1/runs/${waiting.id}/continue`, {
      reason: 'customer asked for the code now',
    });
    expect(res.status).toBe(202);
    const done = await runOf(
      externalId,
      journeyId,
      (r) => r.status === 'completed',
      'the run to go on and finish',
    );
    const pause = done.steps.find((s: { nodeId: string }) => s.nodeId === 'pause');
    expect(pause).toMatchObject({
      outcome: 'completed',
      reason: `continued early by Test support <pat.support@test.local> (due ${dueAt}): customer asked for the code now`,
    });
    const email = done.steps.find((s: { nodeId: string }) => s.nodeId === 'email');
    expect(email.message).toMatchObject({ channel: 'email', to: customer.email });
    expect(Date.parse(email.enteredAt)).toBeLessThan(Date.parse(dueAt));

    const audit = await asSupport('GET', `/v1/runs/${waiting.id}/audit`);
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: 'run.continue',
        actor: expect.objectContaining({ id: support.id }),
        reason: 'customer asked for the code now',
        detail: { nodeId: 'pause', visit: 1, dueAt },
      }),
    ]);
    const again = await asSupport('POST', `/v1/runs/${waiting.id}/continue`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('run_not_running');
  });

  it('refuses to cut short a wait that is not a delay, and changes nothing', async () => {
    const journeyId = await publishJourney(stack, 'Waits for an order', {
      nodes: [
        { id: 'trigger', type: 'trigger.event', data: { event: 'customer.updated' } },
        { id: 'order', type: 'wait.event', data: { event: 'order.placed', timeout: '2d' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'order' },
        { source: 'order', sourceHandle: 'event', target: 'done' },
        { source: 'order', sourceHandle: 'timeout', target: 'done' },
      ],
      settings: { exitOn: [], reentry: { mode: 'after_exit' } },
    } satisfies JourneyDefinitionInput);
    const customer = await enter();
    const run = await runOf(
      String(customer.id),
      journeyId,
      (r) => r.waitingFor?.nodeId === 'order',
      'the run to wait',
    );
    expect(run.waitingFor).toMatchObject({ nodeType: 'wait.event', canContinueNow: false });
    const res = await asSupport('POST', `/v1/runs/${run.id}/continue`, { reason: 'try' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'not_in_a_delay',
      message: `Run ${run.id} waits in wait.event "order", which cannot be continued early`,
    });
    const after = (await asSupport('GET', `/v1/runs/${run.id}`)).body.data;
    expect(after).toMatchObject({ status: 'running', waitingFor: { nodeId: 'order' } });
    expect((await asSupport('GET', `/v1/runs/${run.id}/audit`)).body.data).toEqual([]);
  });
});
