/**
 * Replicas (SPEC.md §15): two API processes and two workers on one PostgreSQL and one Temporal
 * task queue. A burst of Shopify webhook deliveries and event API events is spread over both
 * APIs, and each is sent again to the other API (same X-Shopify-Event-Id, same idempotency key),
 * some at the same moment. Mid-burst one stack's worker and the other stack's API are killed with
 * SIGKILL; the worker is started again at once, the API only after the burst. A request that fails
 * is sent again to the other API, as Shopify retries a delivery. Both APIs sweep the outbox every
 * 100 ms, so their sweeps race each other and the routing each does right after its answers.
 * In the end every event is stored once and started exactly one run, and every run has exactly one
 * message in the ledger and reached SendGrid at most once (exactly once for every `sent`).
 * Then the daily Schedule, which both workers made sure of at start, is triggered twice at once:
 * each customer it ages gets one stage change.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { SendGridStub, TestDatabase, type RecordedSendGridRequest } from '@waypoint/testing';
import { dailyLifecycleScheduleId } from '@waypoint/workflows';
import { publishJourney } from './support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from './support/shopify';
import { eventually, sleep, TestStack } from './support/test-stack';

const SENDGRID_KEY = 'SG.test-key.replicas';
const WEBHOOKS = 50;
const API_EVENTS = 50;
/** Sends in flight at once, over both APIs. */
const LANES = 8;
const DAY = 86_400_000;
/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

jest.setTimeout(180_000);

/** trigger → email (a template that reads nothing from the event) → exit */
function emailOn(event: string): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'email', type: 'send.email', data: { template: 'replicas' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

interface Answer {
  status: number;
  body: any;
}

/** One event as its sender has it: the idempotency key it is stored under and how to send it. */
interface Item {
  key: string;
  journey: string;
  send: (baseUrl: string) => Promise<Answer>;
}

const runIdOf = (request: RecordedSendGridRequest): string | undefined =>
  (request.body.custom_args ?? request.body.personalizations[0]?.custom_args)?.run_id;

describe('two APIs and two workers on one PostgreSQL and one Temporal', () => {
  const sendgrid = new SendGridStub(SENDGRID_KEY);
  const db = new TestDatabase();
  const taskQueue = `test-replicas-${randomUUID().slice(0, 8)}`;
  let a: TestStack;
  let b: TestStack;
  let apiKey: string;

  beforeAll(async () => {
    await Promise.all([sendgrid.start(), db.create()]);
    const env = {
      SENDGRID_API_KEY: SENDGRID_KEY,
      SENDGRID_API_URL: sendgrid.url,
      TEMPORAL_TASK_QUEUE: taskQueue,
      ROUTING_SWEEP_INTERVAL_MS: '100',
    };
    // Two APIs and two workers, on a fresh database, started at the same moment as a deployment
    // rolls out: one database, one task queue, one webhook secret.
    // Four processes starting at once on two cores take longer than one stack does.
    const startTimeoutMs = 90_000;
    a = new TestStack({ db, env, startTimeoutMs });
    b = new TestStack({ db, env: { ...env, SHOPIFY_WEBHOOK_SECRET: a.shopifySecret }, startTimeoutMs });
    await Promise.all([a.start(), b.start()]);
    apiKey = await a.apiKey('replicas');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db.drop();
    await sendgrid.stop();
  });

  it('both APIs starting at once on a fresh database load each example journey and the first admin once', async () => {
    const journeys = await db.query<{ seed_key: string; n: number; live: number }>(
      `SELECT seed_key, count(*)::int AS n, count(*) FILTER (WHERE status = 'live')::int AS live
         FROM journeys WHERE seed_key IS NOT NULL GROUP BY seed_key ORDER BY seed_key`,
    );
    expect(journeys.map((j) => j.seed_key)).toHaveLength(4);
    expect(journeys.every((j) => j.n === 1 && j.live === 1)).toBe(true);
    expect(await db.query(`SELECT email FROM users`)).toEqual([{ email: 'admin@test.local' }]);
  });

  it('both workers poll the one task queue, and the one daily Schedule is there', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const pollers = await eventually(async () => {
        const queue = await connection.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: taskQueue },
          taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
        });
        const identities = new Set((queue.pollers ?? []).map((p) => p.identity));
        return identities.size === 2 ? identities : undefined;
      }, 'two workers polling');
      expect(pollers.size).toBe(2);
      const schedule = new Client({ connection }).schedule.getHandle(dailyLifecycleScheduleId(taskQueue));
      expect((await schedule.describe()).action).toMatchObject({ taskQueue });
    } finally {
      await connection.close();
    }
  });

  async function postEvent(baseUrl: string, body: unknown): Promise<Answer> {
    const res = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  it('stores every event once, starts one run for each and sends each run one message, through kills', async () => {
    const saved = await a.request('PUT', '/v1/templates/email/replicas', {
      source: '---\nlayout: default\nsubject: Hello from {{store.name}}\n---\n<p>One message per run.</p>',
    });
    expect(saved.status).toBe(200);
    const webhookJourney = 'Replicas: customer updated';
    const eventJourney = 'Replicas: pinged';
    await publishJourney(a, webhookJourney, emailOn('customer.updated'));
    await publishJourney(b, eventJourney, emailOn('replica.pinged'));

    const items: Item[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const eventId = randomUUID();
      const delivery = signedDelivery('customers/update', shopifyCustomer(), a.shopifySecret, eventId);
      items.push({
        key: `shopify:${eventId}`,
        journey: webhookJourney,
        send: (url) => deliver(url, delivery),
      });
    }
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < API_EVENTS; i++) {
      const body = {
        type: 'replica.pinged',
        customer: { id: `replica-${tag}-${i}`, email: `replica-${tag}-${i}@example.com` },
        properties: { n: i },
        idempotencyKey: `replica-${tag}-${i}`,
      };
      items.push({
        key: `api:${body.idempotencyKey}`,
        journey: eventJourney,
        send: (url) => postEvent(url, body),
      });
    }

    // What each API answered for each item ('accepted' or 'duplicate'), over all attempts.
    const answers = new Map<string, string[]>(items.map((item) => [item.key, []]));
    const stacks = [a, b];
    const attempts = { failed: 0 };
    // Requests each API answered (stack a, stack b).
    const answeredBy = [0, 0];
    async function sendUntilAccepted(item: Item, preferred: number): Promise<void> {
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          const to = (preferred + attempt) % 2;
          const res = await item.send(stacks[to].baseUrl);
          if (res.status === 200 || res.status === 202) {
            answeredBy[to]++;
            answers.get(item.key)?.push(res.body.data.status as string);
            return;
          }
        } catch {
          // refused or reset: that API is down
        }
        // As Shopify does: the same delivery again later (here to the other API).
        attempts.failed++;
        await sleep(100);
      }
      throw new Error(`${item.key} was never accepted`);
    }

    // Each item twice, first to one API, then to the other: every fifth pair at the same moment,
    // the others with the copy sent ten sends later.
    const sends: Array<() => Promise<unknown>> = [];
    const copies: Array<() => Promise<unknown>> = [];
    items.forEach((item, i) => {
      const first = i % 2;
      if (i % 5 === 0) {
        sends.push(() => Promise.all([sendUntilAccepted(item, first), sendUntilAccepted(item, 1 - first)]));
      } else {
        sends.push(() => sendUntilAccepted(item, first));
        copies.push(() => sendUntilAccepted(item, 1 - first));
      }
      if (copies.length > 10) sends.push(copies.shift() as () => Promise<unknown>);
    });
    sends.push(...copies);

    // SendGrid holds every answer 300 ms, so a worker always has sends inside the provider call.
    sendgrid.queue(...items.map(() => ({ status: 202, delayMs: 300 })));
    // Stack a's worker dies once a quarter of the emails have reached SendGrid, and is started again
    // at once; its workflow tasks and sends move to stack b's worker (a send it was inside is
    // found in the ledger and not sent again).
    let emailsAtWorkerKill = 0;
    const workerKilled = (async () => {
      await eventually(
        async () => (sendgrid.requests.length >= items.length / 4 ? true : undefined),
        'a quarter of the emails to reach SendGrid',
        60_000,
      );
      emailsAtWorkerKill = sendgrid.requests.length;
      await a.killWorker();
      a.startWorker();
    })();
    // Stack b's API dies when a third of the sends are answered and comes back after the burst.
    const apiKillAt = Math.floor(sends.length / 3);
    let next = 0;
    let done = 0;
    let apiKilled: Promise<void> | undefined;
    let answeredBeforeKill: number[] = [];
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < sends.length) {
          await sends[next++]();
          if (++done === apiKillAt) {
            answeredBeforeKill = [...answeredBy];
            // As a power cut or an OOM kill would: no shutdown hooks, no drain.
            apiKilled = b.killApi();
          }
        }
      }),
    );
    expect(apiKilled).toBeDefined();
    await apiKilled;
    await b.startApi();
    await workerKilled;
    expect(emailsAtWorkerKill).toBeLessThan(items.length);

    // Both APIs took part before the kill; requests to the dead API failed and went to the other.
    expect(answeredBeforeKill.every((n) => n > 0)).toBe(true);
    expect(attempts.failed).toBeGreaterThan(0);
    for (const item of items) {
      const said = answers.get(item.key) ?? [];
      expect({ key: item.key, answers: said.length }).toEqual({ key: item.key, answers: 2 });
      // At most one API took it as new; a copy, or a retry of one whose answer was lost, is a duplicate.
      expect(said.filter((s) => s === 'accepted').length).toBeLessThanOrEqual(1);
    }

    const keys = items.map((item) => item.key);
    // Nothing accepted is lost, nothing is stored twice, everything is routed.
    const events = await eventually(
      async () => {
        const rows = await a.query<{ id: string; idempotency_key: string; routed: boolean }>(
          `SELECT e.id, e.idempotency_key, NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed
             FROM events e WHERE e.idempotency_key = ANY($1)`,
          [keys],
        );
        return rows.length === keys.length && rows.every((r) => r.routed) ? rows : undefined;
      },
      'every event stored and routed',
      60_000,
    );
    expect(events).toHaveLength(items.length);

    // One run per event, in the journey its trigger names, each finished.
    const runs = await eventually(
      async () => {
        const rows = await a.query<{ id: string; key: string; journey: string; status: string }>(
          `SELECT r.id, e.idempotency_key AS key, j.name AS journey, r.status
             FROM runs r JOIN events e ON e.id = r.trigger_event_id JOIN journeys j ON j.id = r.journey_id
            WHERE e.idempotency_key = ANY($1)`,
          [keys],
        );
        return rows.length >= keys.length && rows.every((r) => r.status !== 'running') ? rows : undefined;
      },
      'every run to finish',
      120_000,
    );
    const journeyOf = new Map(items.map((item) => [item.key, item.journey]));
    expect(runs.map((r) => r.key).sort()).toEqual([...keys].sort());
    expect(runs.filter((r) => r.journey !== journeyOf.get(r.key))).toEqual([]);
    const unfinished = runs.filter((r) => r.status !== 'completed');
    const stepsOf = (ids: string[]) =>
      a.query(
        `SELECT run_id, node_id, outcome, reason FROM run_steps WHERE run_id = ANY($1) ORDER BY run_id`,
        [ids],
      );
    expect({ unfinished, steps: await stepsOf(unfinished.map((r) => r.id)) }).toEqual({
      unfinished: [],
      steps: [],
    });

    // One message per run in the ledger; SendGrid got it at most once, and exactly once when `sent`.
    const messages = await a.query<{ run_id: string; status: string }>(
      `SELECT run_id, status FROM messages WHERE run_id = ANY($1)`,
      [runs.map((r) => r.id)],
    );
    expect(messages.map((m) => m.run_id).sort()).toEqual(runs.map((r) => r.id).sort());
    const atSendGrid = new Map<string, number>();
    for (const request of sendgrid.requests) {
      const runId = runIdOf(request) ?? 'none';
      atSendGrid.set(runId, (atSendGrid.get(runId) ?? 0) + 1);
    }
    for (const m of messages) {
      expect(['sent', 'unconfirmed']).toContain(m.status);
      const received = atSendGrid.get(m.run_id) ?? 0;
      if (m.status === 'sent') expect({ run: m.run_id, received }).toEqual({ run: m.run_id, received: 1 });
      else expect(received).toBeLessThanOrEqual(1);
    }
    // Nothing reached SendGrid that is not one of these runs' messages.
    const ours = new Set(runs.map((r) => r.id));
    expect([...atSendGrid.keys()].filter((id) => !ours.has(id))).toEqual([]);
    expect(sendgrid.requests.every((r) => r.status === 202)).toBe(true);
  });

  it('the daily Schedule, made sure of by both workers, ages each customer once when triggered twice at once', async () => {
    const tag = randomUUID().slice(0, 8);
    const customers = Array.from({ length: 5 }, (_, i) => `aging-${tag}-${i}`);
    for (const id of customers) {
      const res = await a.request(
        'POST',
        '/v1/events',
        {
          type: 'order.placed',
          customer: { id, email: `${id}@example.com` },
          properties: { orderId: `${id}-o1`, totalPrice: 20 },
          timestamp: new Date(Date.now() - 20 * DAY).toISOString(),
          idempotencyKey: `${id}-o1`,
        },
        { authorization: `Bearer ${apiKey}` },
      );
      expect(res.status).toBe(202);
    }
    const settings = await b.request('PUT', '/v1/settings/lifecycle', { atRiskDays: 5, inactiveDays: 8 });
    expect(settings.status).toBe(200);
    const inactiveChanges = () =>
      a.query<{ external_id: string; n: number }>(
        `SELECT c.external_id, count(e.id)::int AS n FROM customers c
           LEFT JOIN events e ON e.customer_id = c.id AND e.type = 'lifecycle.stage_changed'
                             AND e.properties->>'to' = 'inactive'
          WHERE c.external_id = ANY($1) GROUP BY c.external_id ORDER BY c.external_id`,
        [customers],
      );
    // Changing the windows moves nobody: the sweep does.
    expect((await inactiveChanges()).map((c) => c.n)).toEqual([0, 0, 0, 0, 0]);

    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection });
      const schedule = client.schedule.getHandle(dailyLifecycleScheduleId(taskQueue));
      const before = (await schedule.describe()).info.numActionsTaken;
      // The Schedule's own policy (one sweep at a time), from two callers at once.
      await Promise.all([schedule.trigger('SKIP'), schedule.trigger('SKIP')]);
      await eventually(async () => {
        const info = (await schedule.describe()).info;
        return info.numActionsTaken > before ? true : undefined;
      }, 'a sweep to start');
      await sleep(1_000); // the second trigger is taken (after the first sweep) or skipped by now
      // Every sweep the Schedule started (these included) has finished.
      for (const sweep of (await schedule.describe()).info.recentActions)
        await client.workflow.getHandle(sweep.action.workflow.workflowId).result();
    } finally {
      await connection.close();
    }

    expect(await inactiveChanges()).toEqual([...customers].sort().map((id) => ({ external_id: id, n: 1 })));
  });
});
