/**
 * The daily sweep against a real PostgreSQL, as several workers could run it: two sweeps at the
 * same moment move each aging customer once, with one lifecycle.stage_changed each, and a sweep
 * that dies part way leaves no stage changed without its event, so its retry (the same `asOf`, as
 * Temporal retries the activity) finishes the rest and repeats nothing.
 */
import 'reflect-metadata';
import { openDatabase, type Query, type StandaloneDatabase } from '@waypoint/data';
import { TestDatabase } from '@waypoint/testing';
import { loadLifecycleSettings, saveLifecycleSettings } from '../src/lifecycle-settings';
import { sweepLifecycle } from '../src/lifecycle-sweep';
import type { InTransaction } from '../src/segments';

const DAY = 86_400_000;
const CUSTOMERS = 60;

describe('the daily sweep with more than one worker', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;
  // Through TypeORM, as the worker runs the sweep.
  let query: Query;
  const inTransaction: InTransaction = (work) => database.transaction(work);

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 6);
    query = database.query;
    await saveLifecycleSettings(query, {
      ...(await loadLifecycleSettings(query)),
      atRiskDays: 5,
      inactiveDays: 8,
    });
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  /** Customers with one order 20 days ago, still `first_time`: the sweep moves them to inactive. */
  async function agingCustomers(tag: string): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO customers (external_id, email, orders_count, total_spent, last_order_at, lifecycle_stage)
       SELECT $1 || n, $1 || n || '@example.com', 1, 20, now() - interval '20 days', 'first_time'
         FROM generate_series(1, $2) AS n RETURNING id`,
      [tag, CUSTOMERS],
    );
    return rows.map((r) => r.id);
  }

  async function stageChanges(ids: string[]): Promise<Array<{ stage: string; events: number }>> {
    return db.query(
      `SELECT c.lifecycle_stage AS stage, count(e.id)::int AS events FROM customers c
         LEFT JOIN events e ON e.customer_id = c.id AND e.type = 'lifecycle.stage_changed'
        WHERE c.id = ANY($1) GROUP BY c.id`,
      [ids],
    );
  }

  it('two sweeps at the same moment move each customer once', async () => {
    const ids = await agingCustomers('twice-');
    const asOf = Date.now();
    const [first, second] = await Promise.all([
      sweepLifecycle(query, new Date(asOf), inTransaction),
      sweepLifecycle(query, new Date(asOf + 1), inTransaction),
    ]);
    expect(first.stageChanges + second.stageChanges).toBe(CUSTOMERS);
    expect(await stageChanges(ids)).toEqual(ids.map(() => ({ stage: 'inactive', events: 1 })));
  });

  it('a sweep that dies part way is finished by its retry, nothing half done and nothing twice', async () => {
    const ids = await agingCustomers('retried-');
    const asOf = new Date(Date.now() + DAY / 24);
    // The worker dies as the 10th change is about to commit: that transaction never commits.
    let changes = 0;
    const dying: InTransaction = (work) =>
      database.transaction(async (q) => {
        const result = await work(q);
        if (++changes === 10) throw new Error('the worker died');
        return result;
      });
    await expect(sweepLifecycle(query, asOf, dying)).rejects.toThrow('the worker died');
    const halfway = await stageChanges(ids);
    expect(halfway.filter((c) => c.stage === 'inactive')).toHaveLength(9);
    // Every customer moved has its event; none moved without one.
    expect(halfway.every((c) => (c.stage === 'inactive') === (c.events === 1))).toBe(true);

    const retry = await sweepLifecycle(query, asOf, inTransaction);
    expect(retry.stageChanges).toBe(CUSTOMERS - 9);
    expect(await stageChanges(ids)).toEqual(ids.map(() => ({ stage: 'inactive', events: 1 })));
  });
});
