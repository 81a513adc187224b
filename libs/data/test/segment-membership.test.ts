/**
 * Segment membership written by one statement with its events, in a real PostgreSQL: one
 * customer re-evaluated after a change (entered once however often or however concurrently it
 * runs, left with segment.exited) and the daily sweep's set-based entries and exits.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import {
  reevaluateCustomerSegments,
  sweepSegment,
  type SegmentToEvaluate,
} from '../src/segments/segment-membership.queries';

describe('segment membership', () => {
  const db = new TestDatabase();
  const q = (sql: string, params: unknown[]) => db.query(sql, params);
  const asOf = new Date('2026-12-01T12:00:00Z');
  let big: SegmentToEvaluate;
  let recent: SegmentToEvaluate;
  const customer = async (spent: number) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO customers (email, total_spent, orders_count) VALUES (gen_random_uuid() || '@example.com', $1, 1) RETURNING id`,
        [spent],
      )
    )[0].id;
  const setSpent = (id: string, spent: number) =>
    db.query(`UPDATE customers SET total_spent = $2 WHERE id = $1`, [id, spent]);
  const eventsOf = (id: string) =>
    db.query<{ type: string; key: string; segment: string }>(
      `SELECT type, properties->>'segmentKey' AS key, properties->>'segmentId' AS segment FROM events
        WHERE customer_id = $1 AND type LIKE 'segment.%' ORDER BY received_at, type`,
      [id],
    );
  const members = async (segment: SegmentToEvaluate) =>
    (
      await db.query<{ customer_id: string }>(
        `SELECT customer_id FROM segment_members WHERE segment_id = $1 ORDER BY customer_id`,
        [segment.id],
      )
    ).map((r) => r.customer_id);
  const insertSegment = async (key: string, condition: SegmentToEvaluate['condition']) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO segments (key, name, condition) VALUES ($1, $1, $2) RETURNING id`,
      [key, JSON.stringify(condition)],
    );
    return { id: row.id, key, condition };
  };

  beforeAll(async () => {
    await db.create();
    big = await insertSegment('big', { attribute: 'totalSpent', op: 'gte', value: 500 });
    recent = await insertSegment('recent-checkout', { did: 'checkout.started', within: '7d' });
  });

  afterAll(() => db.drop());

  it('enters a customer once, with one segment.entered, however often the same change is evaluated', async () => {
    const id = await customer(100);
    expect(await reevaluateCustomerSegments(q, id, [big], { asOf }, 'e1')).toEqual([]);
    await setSpent(id, 600);
    const first = await reevaluateCustomerSegments(q, id, [big], { asOf }, 'e2');
    expect(first).toHaveLength(1);
    // A retry of the same cause, and other causes at the same time: no second entry.
    const again = await Promise.all(
      ['e2', 'e3', 'e4', 'e5'].map((cause) => reevaluateCustomerSegments(q, id, [big], { asOf }, cause)),
    );
    expect(again.flat()).toEqual([]);
    expect(await eventsOf(id)).toEqual([{ type: 'segment.entered', key: 'big', segment: big.id }]);
    expect(await members(big)).toContain(id);

    await setSpent(id, 50);
    const left = await reevaluateCustomerSegments(q, id, [big, recent], { asOf }, 'e6');
    expect(left).toHaveLength(1);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['segment.entered', 'segment.exited']);
    expect(await members(big)).not.toContain(id);
  });

  it('two customers evaluated at once enter concurrently without losing either', async () => {
    const a = await customer(700);
    const b = await customer(800);
    const written = await Promise.all([
      reevaluateCustomerSegments(q, a, [big], { asOf }, 'x'),
      reevaluateCustomerSegments(q, b, [big], { asOf }, 'x'),
      reevaluateCustomerSegments(q, a, [big], { asOf }, 'y'),
    ]);
    expect(written.flat()).toHaveLength(2);
    expect(await members(big)).toEqual(expect.arrayContaining([a, b]));
  });

  it('the sweep enters matching customers and removes leavers, each with its event, once per moment', async () => {
    const fresh = await customer(10);
    const stale = await customer(10);
    await db.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       VALUES ('c1', 'checkout.started', $1, 'test', '{}', $3), ('c2', 'checkout.started', $2, 'test', '{}', $4)`,
      [fresh, stale, new Date(asOf.getTime() - 86_400_000), new Date(asOf.getTime() - 6 * 86_400_000)],
    );
    expect(await sweepSegment(q, recent, { asOf })).toEqual({ entered: 2, exited: 0 });
    expect(await sweepSegment(q, recent, { asOf })).toEqual({ entered: 0, exited: 0 });
    // Two days later the older checkout has left the 7-day window.
    const later = new Date(asOf.getTime() + 2 * 86_400_000);
    expect(await sweepSegment(q, recent, { asOf: later })).toEqual({ entered: 0, exited: 1 });
    expect(await members(recent)).toEqual([fresh]);
    expect((await eventsOf(stale)).map((e) => [e.type, e.key])).toEqual([
      ['segment.entered', 'recent-checkout'],
      ['segment.exited', 'recent-checkout'],
    ]);
    expect((await eventsOf(fresh)).map((e) => e.type)).toEqual(['segment.entered']);
  });
});
