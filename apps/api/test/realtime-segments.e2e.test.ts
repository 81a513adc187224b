/**
 * Segments in real time through the real API, PostgreSQL and Temporal (no daily sweep is run): an
 * order that lifts a customer over the big-spender threshold enters the segment and starts its
 * journey within seconds; a cancelled order that drops them below it writes `segment.exited` and
 * ends the run whose exit rule names that segment; a repeated delivery and two orders routed at
 * once enter once; a profile update through the profile API enters and leaves a segment on an
 * attribute before it answers.
 */
import { publishJourney } from './support/journeys';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

describe('real-time segments', () => {
  let stack: TestStack;
  let key: string;
  let journeyId: string;
  const post = (body: unknown) =>
    stack.request('POST', '/v1/events', body, { authorization: `Bearer ${key}` });
  const order = (customer: string, orderId: string, totalPrice: number, type = 'order.placed') => ({
    type,
    customer: { id: customer, email: `${customer}@example.com` },
    properties: { orderId, totalPrice, usedDiscount: false },
    idempotencyKey: `${type}:${orderId}`,
  });
  const segmentEvents = (customer: string) =>
    stack.query<{ type: string; key: string }>(
      `SELECT e.type, e.properties->>'segmentKey' AS key FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = $1 AND e.type IN ('segment.entered', 'segment.exited')
          AND e.properties->>'segmentKey' = 'big-spenders' ORDER BY e.received_at, e.type`,
      [customer],
    );
  const runsOf = (customer: string) =>
    stack.query<{ status: string; status_reason: string | null; started: Date }>(
      `SELECT r.status, r.status_reason, r.started_at AS started FROM runs r JOIN customers c ON c.id = r.customer_id
        WHERE c.external_id = $1 AND r.journey_id = $2 ORDER BY r.started_at`,
      [customer, journeyId],
    );

  beforeAll(async () => {
    stack = await new TestStack().start();
    key = await stack.apiKey('realtime-segments');
    // Big spenders (500 or more in total) start a journey that waits a day before its email, and
    // whoever leaves the segment meanwhile leaves the journey.
    journeyId = await publishJourney(stack, 'Thank our big spenders', {
      nodes: [
        { id: 'trigger', type: 'trigger.segment', data: { segmentId: 'big-spenders' } },
        { id: 'pause', type: 'wait.delay', data: { duration: '1d' } },
        { id: 'email', type: 'send.email', data: { template: 'replenishment-reminder' } },
        { id: 'done', type: 'exit', data: {} },
      ],
      edges: [
        { source: 'trigger', sourceHandle: 'next', target: 'pause' },
        { source: 'pause', sourceHandle: 'next', target: 'email' },
        { source: 'email', sourceHandle: 'next', target: 'done' },
      ],
      settings: {
        exitOn: [
          {
            event: 'segment.exited',
            filter: { property: 'segmentKey', op: 'eq', value: 'big-spenders' },
          },
        ],
        reentry: { mode: 'after_exit' },
      },
    });
  });

  afterAll(() => stack?.stop());

  it('an order over the threshold starts the segment journey within seconds; leaving exits the run', async () => {
    expect((await post(order('rt-1', 'rt-1-a', 200))).status).toBe(202);
    // Below the threshold: not a member, nothing to start.
    await eventually(async () => {
      const [row] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_outbox`);
      return row.n === 0 ? true : undefined;
    }, 'the first order to be routed');
    expect(await segmentEvents('rt-1')).toEqual([]);

    const sent = Date.now();
    expect((await post(order('rt-1', 'rt-1-b', 400))).status).toBe(202);
    const [run] = await eventually(
      async () => {
        const runs = await runsOf('rt-1');
        return runs.length > 0 ? runs : undefined;
      },
      'the big spender run',
      10_000,
    );
    const latency = Date.now() - sent;
    expect(latency).toBeLessThan(5_000);
    expect(run.status).toBe('running');
    expect(await segmentEvents('rt-1')).toEqual([{ type: 'segment.entered', key: 'big-spenders' }]);
    const [member] = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM segment_members m JOIN segments s ON s.id = m.segment_id
         JOIN customers c ON c.id = m.customer_id WHERE s.key = 'big-spenders' AND c.external_id = 'rt-1'`,
    );
    expect(member.n).toBe(1);

    // The 400 order is cancelled: 200 in total, out of the segment, and out of the journey.
    expect((await post(order('rt-1', 'rt-1-b', 400, 'order.cancelled'))).status).toBe(202);
    const exited = await eventually(async () => {
      const [r] = await runsOf('rt-1');
      return r.status === 'exited' ? r : undefined;
    }, 'the run to exit on segment.exited');
    expect(exited.status_reason ?? '').toContain('segment.exited');
    expect(await segmentEvents('rt-1')).toEqual([
      { type: 'segment.entered', key: 'big-spenders' },
      { type: 'segment.exited', key: 'big-spenders' },
    ]);
  });

  it('a repeated delivery and two orders routed at once enter the segment once', async () => {
    const first = order('rt-2', 'rt-2-a', 600);
    const [a, b, c] = await Promise.all([post(first), post(order('rt-2', 'rt-2-b', 700)), post(first)]);
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    await eventually(async () => ((await runsOf('rt-2')).length > 0 ? true : undefined), 'the rt-2 run');
    // Let every produced event be routed before counting.
    await eventually(async () => {
      const [row] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_outbox`);
      return row.n === 0 ? true : undefined;
    }, 'routing to settle');
    expect(await segmentEvents('rt-2')).toEqual([{ type: 'segment.entered', key: 'big-spenders' }]);
    expect(await runsOf('rt-2')).toHaveLength(1);
  });

  it('a profile update through the profile API enters a segment on an attribute at once', async () => {
    const created = await stack.request('POST', '/v1/segments', {
      name: 'VIP flag',
      condition: { attribute: 'attributes.vip', op: 'eq', value: true },
    });
    expect(created.status).toBe(201);
    const put = (vip: boolean) =>
      stack.request(
        'PUT',
        '/v1/customers/rt-3',
        { email: 'rt-3@example.com', attributes: { vip } },
        { authorization: `Bearer ${key}` },
      );
    expect((await put(false)).status).toBe(200);
    expect((await put(true)).status).toBe(200);
    const entries = () =>
      stack.query<{ type: string }>(
        `SELECT e.type FROM events e JOIN customers c ON c.id = e.customer_id
          WHERE c.external_id = 'rt-3' AND e.properties->>'segmentId' = $1 ORDER BY e.received_at`,
        [created.body.data.id],
      );
    // Written before the answer: no sweep, no wait.
    expect(await entries()).toEqual([{ type: 'segment.entered' }]);
    expect((await put(false)).status).toBe(200);
    expect(await entries()).toEqual([{ type: 'segment.entered' }, { type: 'segment.exited' }]);
  });
});
