/**
 * Experiments through the API with the real engine: a 50/50 split, customers entering through the
 * event API, orders converting some of them. The endpoint counts each arm as the runs' own steps
 * say, names no winner before every arm has `minEntriesPerArm` entries, and names B once B's
 * conversions beat A's by the z-test. The statistics themselves are unit-tested
 * (libs/journey/src/statistics).
 */
import { randomBytes } from 'node:crypto';
import { contractProblems, send as sendRaw } from './support/api-answers';
import { publishJourney, splitJourney } from './support/journeys';
import {
  operationsOf,
  SchemaValidator,
  type OpenApiDocument,
  type Operation,
} from './support/openapi-operations';
import { eventually, TestStack } from './support/test-stack';

jest.setTimeout(120_000);

const MIN_ENTRIES = 5;

describe('experiments', () => {
  let stack: TestStack;
  let key: string;
  let validator: SchemaValidator;
  let operation: Operation;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    stack = await new TestStack().start();
    const created = await stack.request('POST', '/v1/api-keys', { name: 'experiments' });
    key = created.body.data.key;
    const document = (await sendRaw(stack.baseUrl, { method: 'GET', target: '/openapi.json', headers: {} }))
      .json as OpenApiDocument;
    validator = new SchemaValidator(document);
    operation = operationsOf(document).find(
      (op) => op.method === 'GET' && op.path === '/v1/journeys/{id}/experiments',
    ) as Operation;
  });

  afterAll(() => stack?.stop());

  async function send(events: unknown[]) {
    const res = await stack.request(
      'POST',
      '/v1/events/batch',
      { events },
      { authorization: `Bearer ${key}` },
    );
    expect(res.status).toBe(202);
  }

  /** Enters `ids` and waits until the journey has `total` finished runs. */
  async function enter(journeyId: string, ids: string[], total: number) {
    await send(ids.map((id) => ({ type: 'experiment.entered', customer: { id } })));
    await eventually(async () => {
      const [{ n }] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM runs WHERE journey_id = $1 AND status = 'completed'`,
        [journeyId],
      );
      return n >= total ? n : undefined;
    }, `${total} runs to pass the split`);
  }

  /** Each customer's arm, as their run's step at the split recorded it. */
  async function armsOf(journeyId: string): Promise<Map<string, string>> {
    const rows = await stack.query<{ external_id: string; branch: string }>(
      `SELECT c.external_id, s.branch FROM runs r
         JOIN customers c ON c.id = r.customer_id
         JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'split'
        WHERE r.journey_id = $1`,
      [journeyId],
    );
    return new Map(rows.map((r) => [r.external_id, r.branch]));
  }

  /** The journey's one experiment, its answer held to the documented schema. */
  async function experiment(journeyId: string) {
    const answer = await sendRaw(stack.baseUrl, {
      method: 'GET',
      target: `/v1/journeys/${journeyId}/experiments`,
      headers: { authorization: `Bearer ${stack.adminToken}` },
    });
    expect(answer.status).toBe(200);
    expect(contractProblems(operation, answer, validator)).toEqual([]);
    const body = answer.json as { data: { experiments: any[] } };
    expect(body.data.experiments).toHaveLength(1);
    return body.data.experiments[0];
  }

  it('counts entries and conversions per arm and names a winner only past the horizon', async () => {
    const journeyId = await publishJourney(stack, 'Split test', splitJourney(MIN_ENTRIES));
    const customers = Array.from({ length: 30 }, (_, i) => `exp-${tag}-${i}`);

    // Four entries: fewer than five per arm, whatever the split did.
    await enter(journeyId, customers.slice(0, 4), 4);
    let arms = await armsOf(journeyId);
    const inArm = (arm: string) => customers.filter((id) => arms.get(id) === arm);
    let early = await experiment(journeyId);
    expect(early.arms.map((a: { armId: string; entered: number }) => [a.armId, a.entered])).toEqual([
      ['a', inArm('a').length],
      ['b', inArm('b').length],
    ]);
    expect(early).toMatchObject({ horizonReached: false, winner: null });
    expect(early.verdict).toBe(
      `not enough entries yet: ${Math.min(inArm('a').length, inArm('b').length)} of 5 per arm`,
    );

    // Everyone else enters; every B customer orders (for 40.00, or 60.00), no A customer does.
    await enter(journeyId, customers.slice(4), 30);
    arms = await armsOf(journeyId);
    const a = inArm('a');
    const b = inArm('b');
    expect(a.length + b.length).toBe(30);
    expect(Math.min(a.length, b.length)).toBeGreaterThanOrEqual(MIN_ENTRIES);
    early = await experiment(journeyId);
    expect(early).toMatchObject({
      horizonReached: true,
      winner: null,
      verdict: 'no significant difference at 95 % (two-sided z-test)',
    });

    const price = (i: number) => (i % 2 === 0 ? 40 : 60);
    await send(
      b.map((id, i) => ({
        type: 'order.placed',
        customer: { id },
        properties: { totalPrice: price(i), currency: 'EUR' },
        idempotencyKey: `order-${id}`,
      })),
    );
    const revenue = b.reduce((sum, _, i) => sum + price(i), 0);
    const result = await eventually(async () => {
      const e = await experiment(journeyId);
      return e.arms[1].converted === b.length ? e : undefined;
    }, 'the orders to convert the B runs');

    expect(result).toMatchObject({
      nodeId: 'split',
      test: 'two-sided pooled two-proportion z-test',
      confidence: 0.95,
      minEntriesPerArm: MIN_ENTRIES,
      controlArmId: 'a',
      comparisons: 1,
      horizonReached: true,
      winner: 'b',
      verdict: 'B beats A at 95 % (two-sided z-test)',
      holdout: null,
    });
    expect(result.arms[0]).toMatchObject({
      armId: 'a',
      role: 'control',
      entered: a.length,
      converted: 0,
      revenue: 0,
      conversionRate: { value: 0 },
      vsControl: null,
    });
    expect(result.arms[1]).toMatchObject({
      armId: 'b',
      role: 'variant',
      entered: b.length,
      converted: b.length,
      revenue,
      conversionRate: { value: 1, high: 1 },
      revenuePerEntry: { value: expect.closeTo(revenue / b.length, 9) },
      vsControl: { significant: true, rateDifference: { value: 1 } },
    });
    expect(result.arms[1].vsControl.pValue).toBeLessThan(0.05);
    expect(result.arms[1].conversionRate.low).toBeGreaterThan(0.5);
  });

  it('answers 404 for a journey that does not exist and lists no experiment for a journey without a split', async () => {
    const missing = await stack.request(
      'GET',
      `/v1/journeys/00000000-0000-4000-8000-000000000000/experiments`,
    );
    expect(missing.status).toBe(404);
    const created = await stack.request('POST', '/v1/journeys', { name: 'No split' });
    const none = await stack.request('GET', `/v1/journeys/${created.body.data.id}/experiments`);
    expect(none.body.data).toEqual({ version: null, experiments: [] });
  });
});
