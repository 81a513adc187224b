/**
 * Journey results through the real API and worker (docs/product.md, "Results"): customers enter a
 * journey through the event API, its emails go through a server speaking SendGrid's API, opens
 * come back through SendGrid's signed Event Webhook, a click through the engine's `/c/{token}`,
 * orders convert runs; one run is a test run. The results for today equal what was done, the test
 * run left out, whether counted live or from the worker's rollup; an earlier range is empty; the
 * answer is the documented one; a reversed or too long range is a 422 that names it.
 */
import { randomBytes } from 'node:crypto';
import { SendGridEventSigner, SendGridStub } from '@waypoint/testing';
import { contractProblems, send as sendRaw } from './support/api-answers';
import { couponEmailGoal, publishJourney } from './support/journeys';
import {
  operationsOf,
  SchemaValidator,
  type OpenApiDocument,
  type Operation,
} from './support/openapi-operations';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(150_000);

const KEY = 'SG.test-key.journey-results';
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

const dayIn = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

describe('journey results', () => {
  const sendgrid = new SendGridStub(KEY);
  const signer = new SendGridEventSigner();
  const tag = randomBytes(3).toString('hex');
  let stack: TestStack;
  let key: string;
  let journeyId: string;
  let marketer: { token: string };
  let validator: SchemaValidator;
  let operation: Operation;

  beforeAll(async () => {
    await sendgrid.start();
    stack = await new TestStack({
      env: {
        SENDGRID_API_KEY: KEY,
        SENDGRID_API_URL: sendgrid.url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: signer.publicKey,
        // The worker's rollup advances every second here (a minute in production).
        RESULTS_ROLLUP_INTERVAL_MS: '1000',
      },
    }).start();
    key = (await stack.request('POST', '/v1/api-keys', { name: 'results' })).body.data.key;
    marketer = await stack.personWithRole('marketer', `mia.results.${tag}@test.local`);
    const document = (await sendRaw(stack.baseUrl, { method: 'GET', target: '/openapi.json', headers: {} }))
      .json as OpenApiDocument;
    validator = new SchemaValidator(document);
    operation = operationsOf(document).find(
      (op) => op.method === 'GET' && op.path === '/v1/journeys/{id}/results',
    ) as Operation;
    journeyId = await publishJourney(stack, `Results ${tag}`, couponEmailGoal('results.entered'));
  });

  afterAll(async () => {
    await stack?.stop();
    await sendgrid.stop();
  });

  async function events(list: unknown[]) {
    const res = await stack.request(
      'POST',
      '/v1/events/batch',
      { events: list },
      { authorization: `Bearer ${key}` },
    );
    expect(res.status).toBe(202);
  }

  /** The results as a marketer reads them, held to the documented schema. */
  async function results(range = '') {
    const answer = await sendRaw(stack.baseUrl, {
      method: 'GET',
      target: `/v1/journeys/${journeyId}/results${range}`,
      headers: { authorization: `Bearer ${marketer.token}` },
    });
    expect(answer.status).toBe(200);
    expect(contractProblems(operation, answer, validator)).toEqual([]);
    return (answer.json as { data: any }).data;
  }

  /** A SendGrid event for the email SendGrid got for `email`. */
  function sgEvent(email: string, event: string) {
    const request = sendgrid.delivered.find((r) => r.body.personalizations[0].to[0].email === email);
    if (!request?.messageId) throw new Error(`SendGrid never got the email to ${email}`);
    const customArgs = request.body.custom_args ?? request.body.personalizations[0].custom_args ?? {};
    return {
      email,
      timestamp: Math.floor(Date.now() / 1000),
      event,
      sg_event_id: randomBytes(16).toString('base64url'),
      sg_message_id: `${request.messageId}.filterdrecv-1`,
      ...customArgs,
    };
  }

  async function postSendGrid(list: unknown[]) {
    const delivery = signer.delivery(list);
    const res = await fetch(`${stack.baseUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(res.status).toBe(200);
  }

  it('counts entries, sends, opens, clicks, conversions and revenue of today, the test run left out', async () => {
    const ids = ['a', 'b', 'c', 'test'].map((n) => `results-${tag}-${n}`);
    const emailOf = (id: string) => `${id}@example.com`;
    await events(ids.map((id) => ({ type: 'results.entered', customer: { id, email: emailOf(id) } })));
    const runs = await eventually(async () => {
      const rows = await stack.query<{
        id: string;
        external_id: string;
        message_id: string;
        body_html: string;
      }>(
        `SELECT r.id, c.external_id, m.id AS message_id, m.body_html FROM runs r
           JOIN customers c ON c.id = r.customer_id JOIN messages m ON m.run_id = r.id
          WHERE r.journey_id = $1 AND r.status = 'completed' AND m.status = 'sent'`,
        [journeyId],
      );
      return rows.length === ids.length && sendgrid.delivered.length >= ids.length ? rows : undefined;
    }, 'four runs to send their email and finish');
    const runOf = (id: string) => runs.find((r) => r.external_id === id) as (typeof runs)[number];
    // A test run (docs/product.md, "Test runs"): never counted.
    await stack.query(`UPDATE runs SET test = true WHERE id = $1`, [runOf(ids[3]).id]);

    // SendGrid reports a and b delivered and opened, and the test run's too; a's link is clicked.
    await postSendGrid(
      [ids[0], ids[1], ids[3]].flatMap((id) => [
        sgEvent(emailOf(id), 'delivered'),
        sgEvent(emailOf(id), 'open'),
      ]),
    );
    const link = /href="([^"]+\/c\/[^"]+)"/.exec(runOf(ids[0]).body_html)?.[1] as string;
    expect(link).toBeDefined();
    const click = await fetch(link, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(302);
    // Orders: a (40) and b (60) convert; the test run's customer orders too (999).
    await events(
      [
        [ids[0], 40],
        [ids[1], 60],
        [ids[3], 999],
      ].map(([id, total]) => ({
        type: 'order.placed',
        customer: { id },
        properties: { totalPrice: total, currency: 'EUR' },
        idempotencyKey: `order-${id}`,
      })),
    );
    await eventually(async () => {
      const [{ n }] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM run_conversions WHERE journey_id = $1`,
        [journeyId],
      );
      const [{ clicked }] = await stack.query<{ clicked: number }>(
        `SELECT count(*)::int AS clicked FROM messages WHERE id = $1 AND clicked_at IS NOT NULL`,
        [runOf(ids[0]).message_id],
      );
      // The test run's customer orders too, but a test run never converts (docs/product.md, "Test runs").
      return n === 2 && clicked === 1 ? n : undefined;
    }, 'two conversions and the click recorded');

    const expectNumbers = (r: any) => {
      const today = dayIn(new Date(), r.timeZone);
      expect(r).toMatchObject({
        journeyId,
        to: today,
        entered: 3,
        exited: 3,
        failed: 0,
        conversions: 2,
        revenue: 100,
        recipients: 3,
        exits: [{ status: 'completed', reason: null, runs: 3 }],
      });
      expect(r.conversionRate).toBeCloseTo(2 / 3, 9);
      expect(r.revenuePerRecipient).toBeCloseTo(100 / 3, 9);
      expect(r.days).toHaveLength(30);
      expect(r.days.at(-1)).toEqual({ day: today, entered: 3, exited: 3, conversions: 2, revenue: 100 });
      const node = (id: string) => r.nodes.find((n: { nodeId: string }) => n.nodeId === id);
      expect(r.nodes.map((n: { nodeId: string }) => n.nodeId)).toEqual([
        'coupon',
        'done',
        'email',
        'trigger',
      ]);
      expect(node('email')).toEqual({
        nodeId: 'email',
        entered: 3,
        failed: 0,
        sent: 3,
        delivered: 2,
        opened: 2,
        clicked: 1,
        converted: 2,
        revenue: 100,
        deliveryRate: 2 / 3,
        openRate: 1,
        clickRate: 0.5,
        conversionRate: 2 / 3,
      });
      expect(node('trigger')).toMatchObject({ entered: 3, sent: 0, converted: 2 });
    };

    // Counted live or from the worker's rollup: the same numbers.
    expectNumbers(await results());
    const settled = Date.now();
    const rolled = await eventually(async () => {
      const r = await results();
      return r.rolledUpTo && Date.parse(r.rolledUpTo) > settled ? r : undefined;
    }, 'the worker to roll up past the last fact');
    expectNumbers(rolled);
    const [{ n }] = await stack.query<{ n: number }>(
      `SELECT coalesce(sum(n), 0)::int AS n FROM journey_result_days WHERE journey_id = $1 AND metric = 'entered'`,
      [journeyId],
    );
    expect(n).toBe(3);

    // A range before anything happened: every day zero.
    const before = await results('?from=2026-01-01&to=2026-01-31');
    expect(before).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      entered: 0,
      conversions: 0,
      nodes: [],
      exits: [],
    });
    expect(before.days).toHaveLength(31);
  });

  it('answers 422 to a reversed or too long range, 400 to a date that is not one, 404 to an unknown journey', async () => {
    const get = (path: string) =>
      stack.request('GET', path, undefined, { authorization: `Bearer ${marketer.token}` });
    const reversed = await get(`/v1/journeys/${journeyId}/results?from=2026-03-02&to=2026-03-01`);
    expect(reversed.status).toBe(422);
    expect(reversed.body.error).toMatchObject({ code: 'invalid_range' });
    expect(reversed.body.error.message).toContain('from 2026-03-02');
    const long = await get(`/v1/journeys/${journeyId}/results?from=2025-01-01&to=2026-03-01`);
    expect(long.status).toBe(422);
    expect(long.body.error.message).toContain('366 days');
    expect((await get(`/v1/journeys/${journeyId}/results?from=2025-03-01&to=2026-03-01`)).status).toBe(200);
    for (const bad of ['from=2026-02-30', 'to=yesterday', 'from=2026-1-1']) {
      const res = await get(`/v1/journeys/${journeyId}/results?${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toContain(bad.split('=')[0]);
    }
    expect((await get(`/v1/journeys/00000000-0000-4000-8000-000000000000/results`)).status).toBe(404);
  });
});
