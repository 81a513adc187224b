/**
 * A run's steps written in batches (`journeyRunV3`, docs/architecture.md "The step ledger"),
 * against a real PostgreSQL: several steps in one statement, idempotent when the local activity
 * runs again, a visit reported twice keeping its last report, the run moved to the last step's
 * node; and the finish writing the last steps in the same statement, counting their failures.
 */
import 'reflect-metadata';
import type { StepRecord } from '@waypoint/journey';
import { TestDatabase } from '@waypoint/testing';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';
import { finishRunningRun, recordRunStep, recordRunSteps } from '../src/runs/run-ledger.queries';

describe('run steps written in batches', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;
  let journeyId: string;
  let customerId: string;

  beforeAll(async () => {
    await db.create();
    database = await openDatabase(db.url, 2);
    [{ id: journeyId }] = await db.query<{ id: string }>(
      `INSERT INTO journeys (name, status, draft, published_version) VALUES ('Batches', 'live', '{}', 1) RETURNING id`,
    );
    await db.query(`INSERT INTO journey_versions (journey_id, version, definition) VALUES ($1, 1, '{}')`, [
      journeyId,
    ]);
    [{ id: customerId }] = await db.query<{ id: string }>(
      `INSERT INTO customers (email) VALUES ('batches@example.com') RETURNING id`,
    );
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  async function run(): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO runs (journey_id, journey_version, customer_id, entry_key, workflow_id, status)
       VALUES ($1, 1, $2, '', $3, 'running') RETURNING id`,
      [journeyId, customerId, `wf-${Math.random().toString(36).slice(2)}`],
    );
    return row.id;
  }

  const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, s)).toISOString();
  function step(runId: string, nodeId: string, fields: Partial<StepRecord> = {}): StepRecord {
    return {
      runId,
      nodeId,
      nodeType: 'exit',
      visit: 1,
      outcome: 'completed',
      enteredAt: at(0),
      finishedAt: at(1),
      ...fields,
    };
  }

  async function stepsOf(runId: string) {
    return db.query<Record<string, unknown>>(
      `SELECT node_id, node_type, visit, outcome, entered_at, finished_at, branch, reason, wake_at, message_id, detail
         FROM run_steps WHERE run_id = $1 ORDER BY entered_at, visit`,
      [runId],
    );
  }

  async function runRow(runId: string) {
    const [row] = await db.query<{
      status: string;
      status_reason: string | null;
      current_node_id: string | null;
    }>(`SELECT status, status_reason, current_node_id FROM runs WHERE id = $1`, [runId]);
    return row;
  }

  it("two attempts that stamped the same visits at different times leave one attempt's stamps, in order", async () => {
    const runId = await run();
    // Attempt A took both steps at 12:00:00, attempt B (a retry of the same task) at 12:00:05; their
    // writes interleave: A's incentive, then B's batch, then A's trigger.
    const a = (nodeId: string, micros: string) =>
      step(runId, nodeId, { enteredAt: at(0).replace('Z', `${micros}Z`) });
    const b = (nodeId: string, micros: string) =>
      step(runId, nodeId, { enteredAt: at(5).replace('Z', `${micros}Z`) });
    await recordRunSteps(database.query, [a('incentive', '001')]);
    await recordRunSteps(database.query, [b('trigger', '000'), b('incentive', '001')]);
    await recordRunSteps(database.query, [a('trigger', '000')]);
    const rows = await db.query<{ node_id: string; entered_at: Date }>(
      `SELECT node_id, entered_at FROM run_steps WHERE run_id = $1 ORDER BY entered_at, node_id`,
      [runId],
    );
    expect(rows.map((r) => r.node_id)).toEqual(['trigger', 'incentive']);
    expect(rows.map((r) => r.entered_at.toISOString())).toEqual([at(0), at(0)]);
  });

  it('writes several steps in one statement, in the order taken, with every field; again, nothing changes', async () => {
    const runId = await run();
    const batch: StepRecord[] = [
      step(runId, 'trigger', { nodeType: 'trigger.event', reason: 'entered on customer.created' }),
      // Entered in the same millisecond, stamped a microsecond after (as the workflow does).
      step(runId, 'split', {
        nodeType: 'branch.split',
        enteredAt: `${at(0).slice(0, -1)}001Z`,
        branch: 'a',
        reason: 'arm a',
        detail: { bucket: 7 },
      }),
      step(runId, 'wait', {
        nodeType: 'wait.delay',
        enteredAt: at(1),
        outcome: 'waiting',
        finishedAt: null,
        wakeAt: at(50),
        reason: 'waiting 3 days',
      }),
    ];
    await recordRunSteps(database.query, batch);
    const written = await stepsOf(runId);
    expect(written).toEqual([
      {
        node_id: 'trigger',
        node_type: 'trigger.event',
        visit: 1,
        outcome: 'completed',
        entered_at: new Date(at(0)),
        finished_at: new Date(at(1)),
        branch: null,
        reason: 'entered on customer.created',
        wake_at: null,
        message_id: null,
        detail: {},
      },
      {
        node_id: 'split',
        node_type: 'branch.split',
        visit: 1,
        outcome: 'completed',
        entered_at: new Date(at(0)),
        finished_at: new Date(at(1)),
        branch: 'a',
        reason: 'arm a',
        wake_at: null,
        message_id: null,
        detail: { bucket: 7 },
      },
      {
        node_id: 'wait',
        node_type: 'wait.delay',
        visit: 1,
        outcome: 'waiting',
        entered_at: new Date(at(1)),
        finished_at: null,
        branch: null,
        reason: 'waiting 3 days',
        wake_at: new Date(at(50)),
        message_id: null,
        detail: {},
      },
    ]);
    expect((await runRow(runId)).current_node_id).toBe('wait');

    // The local activity runs again (a worker died before its task completed): the same rows.
    await recordRunSteps(database.query, batch);
    expect(await stepsOf(runId)).toEqual(written);
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM run_steps WHERE run_id = $1`,
      [runId],
    );
    expect(n).toBe(3);
  });

  it('updates a visit written before, and keeps the last report of a visit reported twice in one batch', async () => {
    const runId = await run();
    await recordRunStep(
      database.query,
      step(runId, 'wait', { outcome: 'waiting', finishedAt: null, wakeAt: at(50), reason: 'waiting' }),
    );
    await recordRunSteps(database.query, [
      step(runId, 'wait', { finishedAt: at(50), wakeAt: at(50), reason: 'waited' }),
      step(runId, 'email', { enteredAt: at(50), outcome: 'failed', reason: 'first report' }),
      step(runId, 'email', { enteredAt: at(50), finishedAt: at(51), reason: 'sent' }),
    ]);
    const rows = await stepsOf(runId);
    expect(rows.map((r) => [r.node_id, r.outcome, r.reason, r.finished_at])).toEqual([
      ['wait', 'completed', 'waited', new Date(at(50))],
      ['email', 'completed', 'sent', new Date(at(51))],
    ]);
    expect((await runRow(runId)).current_node_id).toBe('email');
  });

  it('finishes a run with its last steps in one statement, counting their failures and not those they replace', async () => {
    const runId = await run();
    // Written before: a send that failed once and is reported again as sent in the finish.
    await recordRunSteps(database.query, [
      step(runId, 'trigger'),
      step(runId, 'sms', { enteredAt: at(2), outcome: 'failed', reason: 'provider down' }),
    ]);
    await finishRunningRun(database.query, runId, 'completed', null, [
      step(runId, 'sms', { enteredAt: at(2), reason: 'sent' }),
      step(runId, 'email', { enteredAt: at(3), outcome: 'failed', reason: 'template needs coupon' }),
      step(runId, 'done', { enteredAt: at(4) }),
    ]);
    expect((await stepsOf(runId)).map((r) => [r.node_id, r.outcome])).toEqual([
      ['trigger', 'completed'],
      ['sms', 'completed'],
      ['email', 'failed'],
      ['done', 'completed'],
    ]);
    expect(await runRow(runId)).toEqual({
      status: 'failed',
      status_reason: '1 step failed: email (template needs coupon)',
      current_node_id: null,
    });

    // A retried finish changes nothing; without steps it finishes as before.
    await finishRunningRun(database.query, runId, 'exited', 'late', [
      step(runId, 'done', { enteredAt: at(4) }),
    ]);
    expect((await runRow(runId)).status).toBe('failed');
    const other = await run();
    await recordRunSteps(database.query, [step(other, 'trigger')]);
    await finishRunningRun(database.query, other, 'exited', 'exit rule: order.placed');
    expect(await runRow(other)).toEqual({
      status: 'exited',
      status_reason: 'exit rule: order.placed',
      current_node_id: null,
    });
  });
});
