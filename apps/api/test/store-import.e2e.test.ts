/**
 * Backfill of a store's history (docs/product.md, "The store connection"): a generated store
 * (customers with national-format and E.164 phones and every consent state, orders with
 * discounts, cancellations and fulfillments, one malformed line) exported through the Shopify
 * stub's bulk operations and imported by the worker. The same history delivered as webhooks, one
 * by one, gives the reference: the import must end with the same computed attributes, stages,
 * loyalty, replenishment dates and events, while starting no run and sending nothing. Then: a
 * second import stores nothing, an import whose worker is killed half-way ends with the same rows
 * as an uninterrupted one, and an expired result URL runs the bulk operation again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnReorderIntervals } from '@waypoint/customer-value';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { deliver, signedDelivery } from './support/shopify';
import { webhookLanes } from './support/store-webhooks';
import { CONSUMABLE_DAYS, ShopifyAdminStub, StoreHistory } from '@waypoint/testing';
import { eventually, sleep, TestStack } from './support/test-stack';

jest.setTimeout(180_000);

const TOKEN = 'shpat_store_import_test';
const SHOP = 'test-store.myshopify.com';
const CUSTOMERS = 1_000;
/** Events live routing derives from others, which an import stores none of. */
const DERIVED_EVENTS = [
  'lifecycle.stage_changed',
  'loyalty.tier_changed',
  'segment.entered',
  'segment.exited',
];
const ORDERS = 2_500;

/** trigger → email → exit: a journey that would start (and send) if history were a trigger (its template shows no coupon, so it publishes with no coupon step). */
function sendsOn(trigger: JourneyDefinitionInput['nodes'][number]): JourneyDefinitionInput {
  return {
    nodes: [
      trigger,
      { id: 'email', type: 'send.email', data: { template: 'replenishment-reminder' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: trigger.id, sourceHandle: 'next', target: 'email' },
      { source: 'email', sourceHandle: 'next', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  };
}

describe('store history import', () => {
  const stub = new ShopifyAdminStub({ accessToken: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-import-'));
  const history = new StoreHistory({ customers: CUSTOMERS, orders: ORDERS, malformedAfterOrder: 1_234 });
  let stack: TestStack;
  let orderLines = 0;
  let reference: Snapshot;
  let imported: Snapshot;

  beforeAll(async () => {
    await stub.start();
    const customersFile = join(dir, 'customers.jsonl');
    const ordersFile = join(dir, 'orders.jsonl');
    await history.writeCustomers(customersFile);
    orderLines = await history.writeOrders(ordersFile);
    stub.planBulkResultFor('customers {', { file: customersFile, pollsUntilDone: 2 });
    stub.planBulkResultFor('orders {', { file: ordersFile, pollsUntilDone: 2 });
    stack = await new TestStack({
      env: {
        SHOPIFY_API_URL: stub.url,
        SHOPIFY_SHOP: SHOP,
        SHOPIFY_ADMIN_TOKEN: TOKEN,
        STORE_IMPORT_BATCH_SIZE: '100',
        STORE_IMPORT_POLL_INTERVAL_MS: '50',
      },
    }).start();
    for (const [productId, days] of Object.entries(CONSUMABLE_DAYS)) {
      const saved = await stack.request('PUT', `/v1/products/${productId}`, { consumptionDays: days });
      expect(saved.status).toBe(200);
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Forgets every customer, import and learned rhythm (the configured products and the people stay). */
  const reset = async () => {
    await stack.query(`TRUNCATE customers, store_import_runs CASCADE`);
    await stack.query(`UPDATE products SET learned_interval_days = NULL, learned_from = 0`);
  };

  async function runImport(during?: (runId: string) => Promise<void>): Promise<ImportRun> {
    const started = await stack.request('POST', '/v1/store/imports');
    expect(started.status).toBe(202);
    const runId = started.body.data.id as string;
    await during?.(runId);
    return eventually(
      async () => {
        const list = await stack.request('GET', '/v1/store/imports');
        const run = (list.body.data as ImportRun[]).find((r) => r.id === runId);
        if (run?.status === 'failed') throw new Error(`the import failed: ${run.error}\n${stack.logs()}`);
        return run?.status === 'completed' ? run : undefined;
      },
      'the import to complete',
      90_000,
    );
  }

  /** The shipped example journeys (live from the first start): paused for the reference, live for the import. */
  async function exampleJourneys(action: 'pause' | 'resume'): Promise<void> {
    const list = await stack.request('GET', '/v1/journeys');
    for (const journey of list.body.data as Array<{ id: string; status: string }>) {
      if (journey.status !== (action === 'pause' ? 'live' : 'paused')) continue;
      const done = await stack.request('POST', `/v1/journeys/${journey.id}/${action}`);
      expect(done.status).toBe(200);
    }
  }

  it('history delivered as webhooks, one by one, gives the reference', async () => {
    // Routing only, no runs: the reference is what ingestion computes, not what journeys do.
    await exampleJourneys('pause');
    const lanes = webhookLanes(history);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < lanes.length) {
          for (const { topic, payload } of lanes[next++]) {
            const answer = await deliver(stack.baseUrl, signedDelivery(topic, payload, stack.shopifySecret));
            if (answer.body.data?.status !== 'accepted')
              throw new Error(`${topic}: ${JSON.stringify(answer.body)}`);
          }
        }
      }),
    );
    // What the daily sweep learns from these orders, as the import learns it at its end.
    await learnReorderIntervals((sql, params) => stack.query(sql, params));
    reference = await snapshot(stack);
    expect(reference.customers.length).toBeGreaterThan(CUSTOMERS);
    expect(new Set(reference.customers.map((c) => c.stage)).size).toBeGreaterThanOrEqual(5);
    expect(reference.products.length).toBeGreaterThan(100);
    await reset();
  });

  it('the backfill ends with the same attributes, stages and events, starts no run and sends nothing', async () => {
    // Live journeys that history would start if it were taken for triggers: the shipped examples
    // (welcome on customer.created, replenishment, we-miss-you, abandoned cart) and three more.
    await exampleJourneys('resume');
    await publishJourney(
      stack,
      'Welcome',
      sendsOn({ id: 'trigger', type: 'trigger.event', data: { event: 'customer.created' } }),
    );
    await publishJourney(
      stack,
      'Thanks',
      sendsOn({ id: 'trigger', type: 'trigger.event', data: { event: 'order.placed' } }),
    );
    await publishJourney(
      stack,
      'VIP',
      sendsOn({ id: 'trigger', type: 'trigger.segment', data: { stage: 'vip' } }),
    );
    const run = await runImport();

    const [customers, orders] = run.parts;
    expect(customers).toMatchObject({
      kind: 'customers',
      status: 'completed',
      objectsRead: CUSTOMERS,
      malformedLines: 0,
    });
    expect(orders).toMatchObject({
      kind: 'orders',
      status: 'completed',
      objectsRead: orderLines,
      malformedLines: 1,
    });
    expect(run.customersRecomputed).toBeGreaterThan(CUSTOMERS / 2);

    imported = await snapshot(stack);
    expect(imported.customers).toEqual(reference.customers);
    expect(imported.products).toEqual(reference.products);
    expect(imported.rhythms).toEqual(reference.rhythms);
    expect(imported.consents).toEqual(reference.consents);
    // Live deliveries also emit what the import deliberately does not (stage changes, segment
    // entries and exits in real time); the import's storms are counted below.
    expect(imported.facts).toEqual(reference.facts.filter((f) => !DERIVED_EVENTS.includes(f.type as string)));

    await sleep(1_500); // a routing sweep's interval and more: nothing is waiting to be routed
    const [activity] = await stack.query<{
      runs: number;
      messages: number;
      unrouted: number;
      storms: number;
    }>(
      `SELECT (SELECT count(*)::int FROM runs) AS runs, (SELECT count(*)::int FROM messages) AS messages,
              (SELECT count(*)::int FROM event_outbox) AS unrouted,
              (SELECT count(*)::int FROM events WHERE type IN ('lifecycle.stage_changed', 'segment.entered')) AS storms`,
    );
    expect(activity).toEqual({ runs: 0, messages: 0, unrouted: 0, storms: 0 });
  });

  it('a second import of the same data stores nothing', async () => {
    const run = await runImport();
    expect(run.parts.map((p) => p.rowsStored)).toEqual([0, 0]);
    expect(await snapshot(stack)).toEqual(imported);
  });

  it('an import whose worker is killed half-way resumes where it stopped and ends with the same rows', async () => {
    await reset();
    let killedAt = 0;
    let operation = '';
    const run = await runImport(async (runId) => {
      const part = await eventually(
        async () => {
          const [row] = await stack.query<{ lines_read: number; bulk_operation_id: string }>(
            `SELECT lines_read::int AS lines_read, bulk_operation_id FROM store_imports WHERE run_id = $1 AND kind = 'orders'`,
            [runId],
          );
          return row && row.lines_read > 0 ? row : undefined;
        },
        'the orders to be half-way',
        60_000,
      );
      await stack.killWorker();
      killedAt = part.lines_read;
      operation = part.bulk_operation_id;
      const [after] = await stack.query<{ lines_read: number; status: string }>(
        `SELECT lines_read::int AS lines_read, status FROM store_imports WHERE run_id = $1 AND kind = 'orders'`,
        [runId],
      );
      expect(after.status).toBe('running');
      expect(after.lines_read).toBeLessThan(orderLines);
      stack.startWorker();
    });
    expect(killedAt).toBeGreaterThan(0);
    const orders = run.parts[1];
    // The same bulk operation, read on from the line after the last batch stored.
    expect(orders.bulkOperationId).toBe(operation);
    expect(orders).toMatchObject({ status: 'completed', objectsRead: orderLines, malformedLines: 1 });
    expect(await snapshot(stack)).toEqual(imported);
  });

  it('an expired result URL runs the bulk operation again', async () => {
    await reset();
    const before = stub.store.bulk.operations.size;
    stub.expireNextBulkDownloads = 1;
    const run = await runImport();
    expect(stub.store.bulk.operations.size).toBe(before + 3);
    expect(stub.bulkDownloads.filter((d) => d.status === 403)).toHaveLength(1);
    expect(run.parts[0].error).toMatch(/no longer valid.*run again/);
    expect(await snapshot(stack)).toEqual(imported);
  });

  it('refuses a second import while one runs, and releases one whose workflow is gone', async () => {
    const [ghost] = await stack.query<{ id: string }>(
      `INSERT INTO store_import_runs (status, phase) VALUES ('running', 'orders') RETURNING id`,
    );
    // No workflow runs for it (a lost dev server, a terminated workflow): it is failed, not waited for.
    const run = await runImport();
    expect(run.status).toBe('completed');
    const list = await stack.request('GET', '/v1/store/imports');
    expect((list.body.data as ImportRun[]).find((r) => r.id === ghost.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('no longer running (NOT_FOUND)'),
    });
    const started = await stack.request('POST', '/v1/store/imports');
    const refused = await stack.request('POST', '/v1/store/imports');
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'import_running' } } });
    await eventually(async () => {
      const runs = (await stack.request('GET', '/v1/store/imports')).body.data as ImportRun[];
      return runs.find((r) => r.id === started.body.data.id)?.status === 'completed' ? true : undefined;
    }, 'the import to complete');
  });

  it("the event API's import mode stores history as facts and recomputes its customers once", async () => {
    const key = await stack.apiKey('history');
    const auth = { authorization: `Bearer ${key}` };
    const day = 86_400_000;
    const order = (id: string, daysAgo: number, total: number) => ({
      type: 'order.placed',
      customer: { id: 'api-history-1', email: 'history@example.com', phone: '+33612345678' },
      properties: { orderId: id, totalPrice: total, lineItems: [{ productId: '101', quantity: 1 }] },
      timestamp: new Date(Date.now() - daysAgo * day).toISOString(),
      idempotencyKey: `api-history-${id}`,
    });
    const body = { mode: 'import', events: [order('h1', 40, 120), order('h2', 20, 80), order('h3', 5, 900)] };
    const first = await stack.request('POST', '/v1/events/batch', body, auth);
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({ accepted: 3, duplicates: 0 });
    const read = async () =>
      (
        await stack.query<Record<string, unknown>>(
          `SELECT c.phone, c.orders_count, c.total_spent::float8 AS spent, c.lifecycle_stage AS stage, c.loyalty_points AS points,
                  c.attributes ? 'replenish_at' AS replenishes,
                  (SELECT count(*)::int FROM events e JOIN event_outbox o ON o.event_id = e.id WHERE e.customer_id = c.id) AS unrouted,
                  (SELECT count(*)::int FROM events e WHERE e.customer_id = c.id AND e.type = 'lifecycle.stage_changed') AS storms,
                  (SELECT count(*)::int FROM runs r WHERE r.customer_id = c.id) AS runs
             FROM customers c WHERE c.external_id = 'api-history-1'`,
        )
      )[0];
    // 1,100 spent: vip; the consumable's date set; nothing routed or started.
    const expected = {
      phone: '+33612345678',
      orders_count: 3,
      spent: 1100,
      stage: 'vip',
      points: 1100,
      replenishes: true,
      unrouted: 0,
      storms: 0,
      runs: 0,
    };
    expect(await read()).toEqual(expected);
    const again = await stack.request('POST', '/v1/events/batch', body, auth);
    expect(again.body.data).toMatchObject({ accepted: 0, duplicates: 3 });
    await sleep(1_000);
    expect(await read()).toEqual(expected);
  });
});

interface ImportRun {
  id: string;
  status: string;
  error: string | null;
  customersRecomputed: number | null;
  parts: Array<{
    kind: string;
    status: string;
    bulkOperationId: string | null;
    objectsRead: number;
    rowsStored: number;
    malformedLines: number;
    error: string | null;
  }>;
}

interface Snapshot {
  customers: Array<Record<string, unknown>>;
  rhythms: Array<Record<string, unknown>>;
  products: Array<Record<string, unknown>>;
  consents: Array<Record<string, unknown>>;
  facts: Array<Record<string, unknown>>;
}

/** What the store knows, keyed by who customers are (external id, else email), not by our ids. */
async function snapshot(stack: TestStack): Promise<Snapshot> {
  const who = `COALESCE(c.external_id, 'guest:' || c.email)`;
  const customers = await stack.query(
    `SELECT ${who} AS who, c.email, c.phone, c.first_name, c.last_name, c.locale, c.orders_count,
            c.total_spent::float8 AS spent, c.average_order_value::float8 AS aov, c.first_order_at, c.last_order_at,
            c.mean_days_between_orders::float8 AS gap, c.discount_share::float8 AS discount_share,
            c.lifecycle_stage AS stage, c.loyalty_points AS points, c.loyalty_tier AS tier, c.attributes
       FROM customers c ORDER BY 1`,
  );
  const products = await stack.query(
    `SELECT ${who} AS who, p.product_id, p.last_ordered_at, p.quantity, p.replenish_at
       FROM customer_products p JOIN customers c ON c.id = p.customer_id ORDER BY 1, 2`,
  );
  const consents = await stack.query(
    `SELECT ${who} AS who, k.channel, k.status, k.source
       FROM customer_consents k JOIN customers c ON c.id = k.customer_id ORDER BY 1, 2`,
  );
  const facts = await stack.query(
    `SELECT ${who} AS who, e.type, e.occurred_at, e.source, e.properties
       FROM events e JOIN customers c ON c.id = e.customer_id
      ORDER BY 1, e.occurred_at, e.type, e.properties::text`,
  );
  const rhythms = await stack.query(
    `SELECT product_id, consumption_days::float8 AS configured, learned_interval_days::float8 AS learned, learned_from
       FROM products ORDER BY 1`,
  );
  return { customers, rhythms, products, consents, facts };
}
