/**
 * The journey results rollup against a real PostgreSQL: the rows a journey's results read (the
 * rollup's days before the watermark, the facts after it counted live) equal the facts themselves
 * wherever the watermark falls; advancing twice counts once; a fact recorded late (a provider's
 * open, a run ending) within the reopened days is counted once; test runs and test sends never
 * count; and an incremental rollup equals one built from scratch.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { DataSource } from 'typeorm';
import { Database } from '../src/database';
import { dataSourceOptions } from '../src/data-source-options';
import {
  advanceJourneyResults,
  journeyResultRows,
  type ResultRow,
} from '../src/results/journey-results.queries';

const TZ = 'Europe/Berlin';
/** Noon in Berlin on 2026-11-`d` (11:00 UTC). */
const at = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, d, hour - 1, 0, 0));

describe('journey results rollup', () => {
  const db = new TestDatabase();
  let dataSource: DataSource;
  let database: Database;
  let journeyId: string;
  let customerId: string;

  beforeAll(async () => {
    await db.create();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    database = new Database(dataSource);
    [{ id: customerId }] = await db.query<{ id: string }>(
      `INSERT INTO customers (external_id, email) VALUES ('r1', 'r1@example.com') RETURNING id`,
    );
    [{ id: journeyId }] = await db.query<{ id: string }>(
      `INSERT INTO journeys (name, status, draft, published_version) VALUES ('Results', 'live', '{}', 1) RETURNING id`,
    );
    await db.query(`INSERT INTO journey_versions (journey_id, version, definition) VALUES ($1, 1, '{}')`, [
      journeyId,
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  let runNo = 0;
  /** A run that started at `start`: an email step and message, optionally finished and converted. */
  async function run(
    start: Date,
    opts: { test?: boolean; finished?: Date; status?: string; reason?: string } = {},
  ) {
    runNo += 1;
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO runs (journey_id, journey_version, customer_id, entry_key, workflow_id, status, status_reason, started_at, finished_at, test)
       VALUES ($1, 1, $2, $3, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        journeyId,
        customerId,
        `run-${runNo}`,
        opts.finished ? (opts.status ?? 'completed') : 'running',
        opts.reason ?? null,
        start,
        opts.finished ?? null,
        opts.test ?? false,
      ],
    );
    const [{ id: messageId }] = await db.query<{ id: string }>(
      `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, status, provider, sent_at, created_at)
       VALUES ($1, 'email', 1, $2, 'email', 'welcome', 'r1@example.com', 'sent', 'sendgrid', $3, $3) RETURNING id`,
      [id, customerId, start],
    );
    await db.query(
      `INSERT INTO run_steps (run_id, node_id, node_type, visit, outcome, entered_at, finished_at, message_id)
       VALUES ($1, 'trigger', 'trigger.event', 1, 'completed', $2, $2, NULL),
              ($1, 'email', 'send.email', 1, 'completed', $2, $2, $3)`,
      [id, start, messageId],
    );
    return { id, messageId };
  }

  async function convert(runId: string, when: Date, revenue: number) {
    const [{ id: eventId }] = await db.query<{ id: string }>(
      `INSERT INTO events (idempotency_key, type, customer_id, source, occurred_at) VALUES ($1, 'order.placed', $2, 'api', $3) RETURNING id`,
      [`order-${runId}`, customerId, when],
    );
    await db.query(
      `INSERT INTO run_conversions (run_id, journey_id, event_id, revenue, converted_at) VALUES ($1, $2, $3, $4, $5)`,
      [runId, journeyId, eventId, revenue, when],
    );
  }

  /** Rows summed per day, metric, node and reason (the rollup and the tail may both hold a day). */
  const summed = (rows: ResultRow[]) => {
    const sums = new Map<string, { n: number; revenue: number }>();
    for (const r of rows) {
      const key = `${r.day} ${r.metric} ${r.nodeId} ${r.reason}`;
      const s = sums.get(key) ?? { n: 0, revenue: 0 };
      s.n += r.n;
      s.revenue += r.revenue;
      sums.set(key, s);
    }
    return Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)));
  };
  const read = async () =>
    summed(
      (
        await journeyResultRows(database.query, {
          journeyId,
          fromDay: '2026-11-01',
          toDay: '2026-11-30',
          timeZone: TZ,
        })
      ).rows,
    );
  const rollupTable = () =>
    db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, node_id, reason, n, revenue::float AS revenue
         FROM journey_result_days ORDER BY 1, 2, 3, 4`,
    );

  it('counts what runs did per day, whether from the rollup or live, once however often it advances', async () => {
    const a = await run(at(10), { finished: at(10, 13) });
    const b = await run(at(11), { finished: at(12), status: 'exited', reason: 'exit rule: order.placed' });
    await db.query(
      `UPDATE messages SET delivered_at = $2, opened_at = $3, clicked_at = $3, delivery_status = 'clicked' WHERE id = $1`,
      [a.messageId, at(10, 13), at(10, 14)],
    );
    await convert(b.id, at(12), 40);
    const testRun = await run(at(11), { test: true, finished: at(11, 13) });
    await convert(testRun.id, at(11, 14), 999);
    await run(at(20)); // after the first watermark
    // 23:30 in Berlin on the 10th is the 10th there (22:30 UTC).
    await run(new Date(Date.UTC(2026, 10, 10, 22, 30)));

    const expected = {
      '2026-11-10 entered  ': { n: 2, revenue: 0 },
      '2026-11-10 exit:completed  ': { n: 1, revenue: 0 },
      '2026-11-10 node:clicked email ': { n: 1, revenue: 0 },
      '2026-11-10 node:delivered email ': { n: 1, revenue: 0 },
      '2026-11-10 node:entered email ': { n: 2, revenue: 0 },
      '2026-11-10 node:entered trigger ': { n: 2, revenue: 0 },
      '2026-11-10 node:opened email ': { n: 1, revenue: 0 },
      '2026-11-10 node:sent email ': { n: 2, revenue: 0 },
      '2026-11-10 recipients  ': { n: 2, revenue: 0 },
      '2026-11-11 entered  ': { n: 1, revenue: 0 },
      '2026-11-11 node:entered email ': { n: 1, revenue: 0 },
      '2026-11-11 node:entered trigger ': { n: 1, revenue: 0 },
      '2026-11-11 node:sent email ': { n: 1, revenue: 0 },
      '2026-11-11 recipients  ': { n: 1, revenue: 0 },
      '2026-11-12 converted  ': { n: 1, revenue: 40 },
      '2026-11-12 exit:exited  exit rule: order.placed': { n: 1, revenue: 0 },
      '2026-11-12 node:converted email ': { n: 1, revenue: 40 },
      '2026-11-12 node:converted trigger ': { n: 1, revenue: 40 },
      '2026-11-20 entered  ': { n: 1, revenue: 0 },
      '2026-11-20 node:entered email ': { n: 1, revenue: 0 },
      '2026-11-20 node:entered trigger ': { n: 1, revenue: 0 },
      '2026-11-20 node:sent email ': { n: 1, revenue: 0 },
      '2026-11-20 recipients  ': { n: 1, revenue: 0 },
    };
    // Never rolled up: everything counted live.
    expect(await read()).toEqual(expected);

    // Watermark on the 15th: the 10th–12th from the rollup, the 20th live.
    const first = await advanceJourneyResults(database, { timeZone: TZ, now: at(15), settleMs: 0 });
    expect(first).toMatchObject({ ran: true, from: null });
    expect(await read()).toEqual(expected);
    const table = await rollupTable();
    expect(table.some((r) => r.day === '2026-11-20')).toBe(false);

    // Advancing again at the same time changes nothing: each fact counted once.
    const again = await advanceJourneyResults(database, { timeZone: TZ, now: at(15), settleMs: 0 });
    expect(again.ran).toBe(true);
    expect(await rollupTable()).toEqual(table);
    expect(await read()).toEqual(expected);

    // Past the 20th: all from the rollup, the same figures.
    await advanceJourneyResults(database, { timeZone: TZ, now: at(21), settleMs: 0 });
    expect((await rollupTable()).some((r) => r.day === '2026-11-20')).toBe(true);
    expect(await read()).toEqual(expected);
  });

  it('counts a fact recorded late within the reopened days once, and equals a rollup built from scratch', async () => {
    // Recorded after the watermark (the 21st), dated the 20th: a provider's open, a run ending.
    const [late] = await db.query<{ id: string; run_id: string }>(
      `SELECT m.id, m.run_id FROM messages m JOIN runs r ON r.id = m.run_id WHERE r.started_at = $1`,
      [at(20)],
    );
    await db.query(`UPDATE messages SET opened_at = $2, delivery_status = 'opened' WHERE id = $1`, [
      late.id,
      at(20, 18),
    ]);
    await db.query(
      `UPDATE runs SET status = 'failed', status_reason = '1 step failed', finished_at = $2 WHERE id = $1`,
      [late.run_id, at(20, 19)],
    );
    await advanceJourneyResults(database, { timeZone: TZ, now: at(22), settleMs: 0 });
    await advanceJourneyResults(database, { timeZone: TZ, now: at(22, 13), settleMs: 0 });
    const rows = await read();
    expect(rows['2026-11-20 node:opened email ']).toEqual({ n: 1, revenue: 0 });
    expect(rows['2026-11-20 exit:failed  ']).toEqual({ n: 1, revenue: 0 });
    expect(rows['2026-11-20 entered  ']).toEqual({ n: 1, revenue: 0 });

    const incremental = await rollupTable();
    const rebuilt = await advanceJourneyResults(database, {
      timeZone: TZ,
      now: at(22, 13),
      settleMs: 0,
      rebuild: true,
    });
    expect(rebuilt.from).toBeNull();
    expect(await rollupTable()).toEqual(incremental);
  });

  it('rebuilds in a new time zone and lets a second process skip while one counts', async () => {
    await advanceJourneyResults(database, { timeZone: 'America/New_York', now: at(22, 14), settleMs: 0 });
    const [{ time_zone }] = await db.query<{ time_zone: string }>(
      `SELECT time_zone FROM journey_result_watermark`,
    );
    expect(time_zone).toBe('America/New_York');
    // 23:30 Berlin on the 10th is 17:30 in New York: still the 10th; the 20th's run too.
    const ny = summed(
      (
        await journeyResultRows(database.query, {
          journeyId,
          fromDay: '2026-11-01',
          toDay: '2026-11-30',
          timeZone: 'America/New_York',
        })
      ).rows,
    );
    expect(ny['2026-11-10 entered  ']).toEqual({ n: 2, revenue: 0 });

    const outcomes = await Promise.all([
      advanceJourneyResults(database, { timeZone: 'America/New_York', now: at(23), settleMs: 0 }),
      database.transaction(async (q) => {
        await q(`SELECT pg_advisory_xact_lock(hashtext('journey_result_days'))`, []);
        return advanceJourneyResults(database, { timeZone: 'America/New_York', now: at(23), settleMs: 0 });
      }),
    ]);
    expect(outcomes.map((o) => o.ran).sort()).toEqual([false, true]);
  });
});
