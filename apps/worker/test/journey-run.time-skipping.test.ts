/**
 * The journey-run workflow with waits of days, under Temporal's time-skipping test server (the
 * Java test server from Maven Central; see tools/devstack). Activities are the worker's real
 * services against the test run's PostgreSQL. Each recorded history is replayed afterwards, so a
 * non-deterministic change to the workflow code fails here. Runs start as `journeyRunV3`, as the
 * API starts them; the older types (runs begun before it) are walked once beside it.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { journeyDefinitionSchema, type JourneyDefinitionInput } from '@waypoint/journey';
import { journeyRun, journeyRunV2, journeyRunV3, runEventSignal } from '@waypoint/workflows';
import { TestDatabase } from '@waypoint/testing';
import { Client } from 'pg';
import { journeyActivities } from '../src/journey-activities.factory';
import { JourneyWorkers } from '../src/journey-workers';
import { WorkerModule } from '../src/worker.module';

const BUNDLE = join(__dirname, '../dist/workflow-bundle.js');
const DAY = 86_400_000;
const { EventType } = temporal.api.enums.v1;

/** The patch ids of a history's `patched()`/`deprecatePatch()` markers, in order. */
function patchMarkers(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data =
      marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : null;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

/** The local activities a history ran, in order (from their markers). */
function localActivities(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data =
      marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : null;
    return data
      ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type]
      : [];
  });
}

function eventsOfType(history: temporal.api.history.v1.IHistory, type: temporal.api.enums.v1.EventType) {
  return (history.events ?? []).filter((e) => e.eventType === type);
}

jest.setTimeout(60_000);
Runtime.install({ logger: new DefaultLogger('WARN') });

function journey(settings: JourneyDefinitionInput['settings'] = {}): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event: 'customer.created' } },
      {
        id: 'coupon',
        type: 'action.coupon',
        data: { kind: 'percent', value: 10, expiresIn: '14d', prefix: 'WELCOME' },
      },
      { id: 'wait', type: 'wait.delay', data: { duration: '3d' } },
      { id: 'email', type: 'send.email', data: { template: 'welcome' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'wait' },
      { source: 'wait', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings,
  };
}

describe('journeyRun under time skipping', () => {
  let env: TestWorkflowEnvironment;
  let app: INestApplicationContext;
  let db: Client;
  const database = new TestDatabase();
  const taskQueue = `time-skipping-${randomUUID()}`;

  beforeAll(async () => {
    const path = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`');
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
    await database.create();
    process.env.DATABASE_URL = database.url;
    process.env.TEMPORAL_ADDRESS ??= '127.0.0.1:7233';
    process.env.APP_SECRET = 'time-skipping-secret-time-skipping-secret';
    process.env.SENDGRID_API_KEY = '';
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['warn', 'error'] });
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await env?.teardown();
    await database.drop();
  });

  /** Seeds a customer, a live journey at version 1 (stored parsed, as publishing stores it) and a run. */
  async function seedRun(input: JourneyDefinitionInput): Promise<{ runId: string; customerId: string }> {
    const definition = journeyDefinitionSchema.parse(input);
    const customer = await db.query(
      `INSERT INTO customers (email, first_name) VALUES ($1, 'Ada') RETURNING id`,
      [`ada-${randomUUID()}@example.com`],
    );
    const customerId: string = customer.rows[0].id;
    const j = await db.query(
      `INSERT INTO journeys (name, status, draft, published_version) VALUES ('TS', 'live', $1, 1) RETURNING id`,
      [definition],
    );
    const journeyId: string = j.rows[0].id;
    await db.query(`INSERT INTO journey_versions (journey_id, version, definition) VALUES ($1, 1, $2)`, [
      journeyId,
      definition,
    ]);
    const ev = await db.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, occurred_at) VALUES ($1, 'customer.created', $2, 'test', now()) RETURNING id`,
      [randomUUID(), customerId],
    );
    const run = await db.query(
      `INSERT INTO runs (journey_id, journey_version, customer_id, trigger_event_id, entry_key, workflow_id, status)
       VALUES ($1, 1, $2, $3, '', $4, 'running') RETURNING id`,
      [journeyId, customerId, ev.rows[0].id, `ts-${randomUUID()}`],
    );
    return { runId: run.rows[0].id, customerId };
  }

  async function worker(): Promise<JourneyWorkers> {
    return JourneyWorkers.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: BUNDLE },
      activities: journeyActivities(app),
    });
  }

  /** Seeds a run of `definition`, walks it as `type` to its end; its result and history. */
  async function walkAs(type: typeof journeyRun, definition: JourneyDefinitionInput) {
    const { runId } = await seedRun(definition);
    const handle = await env.client.workflow.start(type, {
      args: [{ runId }],
      workflowId: `ts-${runId}`,
      taskQueue,
    });
    const result = await handle.result();
    return { runId, result, history: await handle.fetchHistory(), workflowId: handle.workflowId };
  }

  async function steps(runId: string) {
    const res = await db.query(
      `SELECT node_id, outcome, entered_at, finished_at, wake_at, reason FROM run_steps WHERE run_id = $1 ORDER BY entered_at, node_id`,
      [runId],
    );
    return res.rows as Array<{
      node_id: string;
      outcome: string;
      entered_at: Date;
      finished_at: Date | null;
      wake_at: Date | null;
      reason: string;
    }>;
  }

  it('waits three days between the coupon and the email, recording the wake-up time', async () => {
    const { runId } = await seedRun(journey());
    const w = await worker();
    const handle = await env.client.workflow.start(journeyRunV3, {
      args: [{ runId }],
      workflowId: `ts-${runId}`,
      taskQueue,
    });
    const result = await w.runUntil(handle.result());
    expect(result).toEqual({ status: 'completed', reason: null });

    const recorded = await steps(runId);
    expect(recorded.map((s) => [s.node_id, s.outcome])).toEqual([
      ['trigger', 'completed'],
      ['coupon', 'completed'],
      ['wait', 'completed'],
      ['email', 'completed'],
      ['done', 'completed'],
    ]);
    const wait = recorded.find((s) => s.node_id === 'wait')!;
    expect(wait.wake_at!.getTime() - wait.entered_at.getTime()).toBe(3 * DAY);
    const email = recorded.find((s) => s.node_id === 'email')!;
    expect(email.entered_at.getTime() - wait.entered_at.getTime()).toBeGreaterThanOrEqual(3 * DAY);
    expect(email.reason).toMatch(/^sandbox: stored in the outbox/);

    const run = await db.query(`SELECT status, finished_at FROM runs WHERE id = $1`, [runId]);
    expect(run.rows[0].status).toBe('completed');

    await Worker.runReplayHistory(
      { workflowBundle: { codePath: BUNDLE } },
      await handle.fetchHistory(),
      `ts-${runId}`,
    );
  });

  it('exits at once on an exit-rule event in the middle of the wait, sending nothing', async () => {
    const { runId } = await seedRun(journey({ exitOn: [{ event: 'order.placed' }] }));
    const w = await worker();
    const handle = await env.client.workflow.start(journeyRunV3, {
      args: [{ runId }],
      workflowId: `ts-${runId}`,
      taskQueue,
    });
    const result = await w.runUntil(async () => {
      await env.sleep('1 day');
      const order = {
        id: randomUUID(),
        type: 'order.placed',
        properties: { total: '42.00' },
        occurredAt: new Date().toISOString(),
      };
      await handle.signal(runEventSignal, order);
      await handle.signal(runEventSignal, order); // delivered twice, counted once
      return handle.result();
    });
    expect(result).toEqual({ status: 'exited', reason: 'exit rule: order.placed' });

    const recorded = await steps(runId);
    expect(recorded.map((s) => s.node_id)).toEqual(['trigger', 'coupon', 'wait']);
    const wait = recorded.find((s) => s.node_id === 'wait')!;
    expect(wait.reason).toBe('ended during the wait (exit rule: order.placed)');
    // Ended a day in, not at the three-day wake-up.
    expect(wait.finished_at!.getTime() - wait.entered_at.getTime()).toBeLessThan(2 * DAY);
    const messages = await db.query(`SELECT 1 FROM messages WHERE run_id = $1`, [runId]);
    expect(messages.rowCount).toBe(0);
    const run = await db.query(`SELECT status, status_reason FROM runs WHERE id = $1`, [runId]);
    expect(run.rows[0]).toEqual({ status: 'exited', status_reason: 'exit rule: order.placed' });

    await Worker.runReplayHistory(
      { workflowBundle: { codePath: BUNDLE } },
      await handle.fetchHistory(),
      `ts-${runId}`,
    );
  });

  it('journeyRunV2 walks a run as journeyRun does, without the patch markers and their search-attribute upserts', async () => {
    const w = await worker();
    const walk = (type: typeof journeyRun) => walkAs(type, journey());
    const [v1, v2] = await w.runUntil(async () => [await walk(journeyRun), await walk(journeyRunV2)]);
    expect(v1.result).toEqual({ status: 'completed', reason: null });
    expect(v2.result).toEqual(v1.result);
    const walked = async (runId: string) => (await steps(runId)).map((s) => [s.node_id, s.outcome]);
    expect(await walked(v1.runId)).toEqual([
      ['trigger', 'completed'],
      ['coupon', 'completed'],
      ['wait', 'completed'],
      ['email', 'completed'],
      ['done', 'completed'],
    ]);
    expect(await walked(v2.runId)).toEqual(await walked(v1.runId));

    expect(patchMarkers(v1.history)).toEqual([
      'local-ledger-activities',
      'coupon-store-outcome',
      'quiet-hours-recheck-after-pause',
      'send-lanes',
    ]);
    expect(eventsOfType(v1.history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)).toHaveLength(4);
    expect(patchMarkers(v2.history)).toEqual([]);
    expect(eventsOfType(v2.history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)).toHaveLength(0);
    // Nothing else differs: the same events in the same order, less the four markers and upserts.
    const kinds = (history: temporal.api.history.v1.IHistory) =>
      (history.events ?? []).map(
        (e) => `${e.eventType}:${e.markerRecordedEventAttributes?.markerName ?? ''}`,
      );
    const patchEvent = (kind: string) =>
      kind === `${EventType.EVENT_TYPE_MARKER_RECORDED}:core_patch` ||
      kind.startsWith(`${EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES}:`);
    expect(kinds(v2.history)).toEqual(kinds(v1.history).filter((kind) => !patchEvent(kind)));
    expect(v2.history.events?.length).toBe((v1.history.events?.length ?? 0) - 8);

    for (const run of [v1, v2])
      await Worker.runReplayHistory({ workflowBundle: { codePath: BUNDLE } }, run.history, run.workflowId);
  });

  it('journeyRunV3 walks a run as journeyRunV2 does, writing its steps in batches: 4 local activities instead of 7', async () => {
    // The one-message run: trigger → coupon → email → exit, no wait.
    const oneMessage = journey();
    oneMessage.nodes = oneMessage.nodes.filter((n) => n.id !== 'wait');
    oneMessage.edges = [
      { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
      { source: 'coupon', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ];
    const w = await worker();
    const [v2, v3, v2Wait, v3Wait] = await w.runUntil(async () => [
      await walkAs(journeyRunV2, oneMessage),
      await walkAs(journeyRunV3, oneMessage),
      await walkAs(journeyRunV2, journey()),
      await walkAs(journeyRunV3, journey()),
    ]);
    for (const run of [v2, v3, v2Wait, v3Wait])
      expect(run.result).toEqual({ status: 'completed', reason: null });

    // The same steps, with their times as they were taken: each step's own, not its write's.
    const walked = async (runId: string) =>
      (await steps(runId)).map((s) => [
        s.node_id,
        s.outcome,
        s.finished_at!.getTime() >= s.entered_at.getTime(),
      ]);
    expect(await walked(v3.runId)).toEqual(await walked(v2.runId));
    expect(await walked(v3Wait.runId)).toEqual(await walked(v2Wait.runId));
    const wait = (await steps(v3Wait.runId)).find((s) => s.node_id === 'wait')!;
    expect(wait.wake_at!.getTime() - wait.entered_at.getTime()).toBe(3 * DAY);
    expect(wait.finished_at!.getTime() - wait.entered_at.getTime()).toBeGreaterThanOrEqual(3 * DAY);
    const run = await db.query(`SELECT status, current_node_id FROM runs WHERE id = $1`, [v3.runId]);
    expect(run.rows[0]).toEqual({ status: 'completed', current_node_id: null });

    expect(localActivities(v2.history)).toEqual([
      'loadRunPlan',
      'recordStep',
      'issueCoupon',
      'recordStep',
      'recordStep',
      'recordStep',
      'finishRun',
    ]);
    // The trigger and coupon steps go before the send leaves the worker, the rest with the finish.
    expect(localActivities(v3.history)).toEqual(['loadRunPlan', 'issueCoupon', 'recordSteps', 'finishRun']);
    expect(v3.history.events?.length).toBe((v2.history.events?.length ?? 0) - 3);
    // With a wait: the waiting step is written before the timer, the wait's end before the send.
    expect(localActivities(v3Wait.history)).toEqual([
      'loadRunPlan',
      'issueCoupon',
      'recordSteps',
      'recordSteps',
      'finishRun',
    ]);
    // Neither writes a patch marker.
    for (const run of [v2, v3, v2Wait, v3Wait]) expect(patchMarkers(run.history)).toEqual([]);

    for (const r of [v2, v3, v2Wait, v3Wait])
      await Worker.runReplayHistory({ workflowBundle: { codePath: BUNDLE } }, r.history, r.workflowId);
  });
});
