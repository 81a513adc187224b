/** The condition language compiled to SQL, decided by a real PostgreSQL with bound parameters. */
import 'reflect-metadata';
import type { Condition } from '@waypoint/journey';
import { TestDatabase } from '@waypoint/testing';
import { decideForCustomer } from '../src/conditions/customer-conditions';

describe('conditions decided in PostgreSQL', () => {
  const db = new TestDatabase();
  let customerId: string;
  const asOf = new Date('2026-11-24T12:00:00Z');
  const decide = (
    conditions: Condition[],
    eventProperties?: Record<string, unknown>,
    segment?: (id: string) => Condition | undefined,
  ) =>
    decideForCustomer((sql, params) => db.query(sql, params), customerId, conditions, {
      asOf,
      eventProperties,
      segment,
    });

  beforeAll(async () => {
    await db.create();
    const [c] = await db.query<{ id: string }>(
      `INSERT INTO customers (email, first_name, timezone, attributes)
       VALUES ('ada@example.com', 'Ada', 'Europe/Istanbul', '{"vip": true, "points": 120, "tags": ["coffee", "tea"], "spent": "199.90"}')
       RETURNING id`,
    );
    customerId = c.id;
    const events: Array<[string, string, Record<string, unknown>]> = [
      ['order.placed', '2026-11-20T10:00:00Z', { totalPrice: 40, usedDiscount: true }],
      ['order.placed', '2026-10-01T10:00:00Z', { totalPrice: 60, usedDiscount: false }],
      ['order.placed', '2026-11-25T10:00:00Z', { totalPrice: 99 }], // after asOf: never counted
      ['checkout.started', '2026-11-23T10:00:00Z', {}],
    ];
    for (const [type, at, props] of events) {
      await db.query(
        `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at) VALUES (gen_random_uuid()::text, $1, $2, 'test', $3, $4)`,
        [type, customerId, props, at],
      );
    }
  });

  afterAll(() => db.drop());

  it('compares profile columns and attributes', async () => {
    const verdicts = await decide([
      { attribute: 'firstName', op: 'eq', value: 'Ada' },
      { attribute: 'attributes.vip', op: 'eq', value: true },
      { attribute: 'points', op: 'gte', value: 100 },
      { attribute: 'points', op: 'lt', value: 100 },
      { attribute: 'attributes.tags', op: 'contains', value: 'tea' },
      { attribute: 'email', op: 'contains', value: 'EXAMPLE' },
      { attribute: 'spent', op: 'gt', value: 150 },
      { attribute: 'phone', op: 'not_exists' },
      { attribute: 'timezone', op: 'in', value: ['Europe/Istanbul', 'UTC'] },
      { attribute: 'nickname', op: 'exists' },
    ]);
    expect(verdicts?.map((v) => v.holds)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(verdicts?.[2].values).toEqual([{ label: 'points', value: 120 }]);
  });

  it('counts events within a window, with a property filter, never after "now"', async () => {
    const verdicts = await decide([
      { did: 'order.placed' },
      { did: 'order.placed', count: { op: 'eq', value: 2 } },
      { did: 'order.placed', within: '30d', count: { op: 'eq', value: 1 } },
      { did: 'order.placed', where: { usedDiscount: true }, count: { op: 'eq', value: 1 } },
      { did: 'order.placed', within: '1d', count: { op: 'eq', value: 0 } },
      { did: 'order.refunded' },
    ]);
    expect(verdicts?.map((v) => v.holds)).toEqual([true, true, true, true, true, false]);
    expect(verdicts?.[0].values[0].value).toBe(2);
  });

  it('reads the trigger event, combines with all/any/not, and expands segments', async () => {
    const bigCart: Condition = { property: 'cart.total', op: 'gt', value: 100 };
    const verdicts = await decide(
      [
        bigCart,
        { all: [bigCart, { attribute: 'vip', op: 'eq', value: true }] },
        { any: [{ attribute: 'vip', op: 'eq', value: false }, { not: bigCart }] },
        { segment: 'loyal' },
      ],
      { cart: { total: '149.00' } },
      (id) => (id === 'loyal' ? { did: 'order.placed', count: { op: 'gte', value: 2 } } : undefined),
    );
    expect(verdicts?.map((v) => v.holds)).toEqual([true, true, false, true]);
  });

  it('treats hostile input as data, not SQL', async () => {
    const verdicts = await decide([
      { attribute: 'firstName', op: 'eq', value: "Ada'; DROP TABLE customers; --" },
      { did: "order.placed' OR 1=1 --" },
    ]);
    expect(verdicts?.map((v) => v.holds)).toEqual([false, false]);
    await expect(decide([{ attribute: 'x") OR true --', op: 'exists' } as Condition])).rejects.toThrow(
      'not a valid attribute path',
    );
    expect(await db.query(`SELECT count(*)::int AS n FROM customers`)).toEqual([{ n: 1 }]);
  });

  it('answers null for an unknown customer', async () => {
    const verdicts = await decideForCustomer(
      (sql, p) => db.query(sql, p),
      '00000000-0000-4000-8000-000000000000',
      [{ did: 'x' }],
      { asOf },
    );
    expect(verdicts).toBeNull();
  });

  it("decides opens and clicks of this run's own messages, by node and link, with the run's id", async () => {
    const clicks: Array<[string, Record<string, unknown>]> = [
      ['message.clicked', { runId: 'run-1', nodeId: 'email', url: 'https://s.example/SALE/shoes' }],
      ['message.clicked', { runId: 'run-2', nodeId: 'other-email', url: 'https://s.example/' }],
      ['message.opened', { runId: 'run-2', nodeId: 'email', machineOpen: false }],
      ['message.opened', { runId: 'run-1', nodeId: 'email', machineOpen: true }],
    ];
    for (const [type, props] of clicks) {
      await db.query(
        `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at) VALUES (gen_random_uuid()::text, $1, $2, 'test', $3, $4)`,
        [type, customerId, props, '2026-11-24T11:00:00Z'],
      );
    }
    const rules: Condition[] = [
      { did: 'message.clicked', where: { nodeId: 'email' }, thisRun: true },
      {
        did: 'message.clicked',
        where: { nodeId: 'email' },
        filter: { property: 'url', op: 'contains', value: '/sale' },
        thisRun: true,
      },
      {
        did: 'message.clicked',
        filter: { property: 'url', op: 'contains', value: '/winter' },
        thisRun: true,
      },
      // Apple's automatic open is not an open; run-2's real open is another run's.
      {
        did: 'message.opened',
        where: { nodeId: 'email' },
        filter: { property: 'machineOpen', op: 'neq', value: true },
        thisRun: true,
      },
    ];
    const inRun1 = (runId?: string) =>
      decideForCustomer((sql, params) => db.query(sql, params), customerId, rules, { asOf, runId });
    expect((await inRun1('run-1'))?.map((v) => v.holds)).toEqual([true, true, false, false]);
    expect((await inRun1('run-2'))?.map((v) => v.holds)).toEqual([false, false, false, true]);
    // No run (a segment, a preview before entry): nothing is this run's.
    expect((await inRun1(undefined))?.map((v) => v.holds)).toEqual([false, false, false, false]);
  });
});
