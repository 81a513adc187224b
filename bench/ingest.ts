/**
 * The ingestion phase (`BENCH_PHASES=ingest`): how fast the event API stores events and how long a
 * segment count takes at volume, on the bench stack (stack.ts).
 * - batched: `POST /v1/events/batch` with 1,000 events a request, a few requests in flight;
 * - single: `POST /v1/events` under autocannon on loopback (closed loop, N connections), every
 *   request a new event (its own idempotency key), so each one is an insert and a commit;
 * - segments: 1,000,000 customers seeded with SQL (computed attributes with a store-like spread),
 *   then `GET /v1/segments/{id}` timed for some presets (the count, CLTV and AOV the API computes).
 * Every figure is a median of repetitions: the machine is shared.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import autocannon from 'autocannon';
import type { MachineInfo } from './machine';
import type { Monitor } from './monitor';
import type { CpuShares } from './proc';
import { type IngestPostgres, IngestStatements } from './ingest-statements';
import type { Stack } from './stack';
import { median } from './stats';

export interface IngestConfig {
  batches: number;
  batchSize: number;
  batchConcurrency: number;
  singleConnections: number;
  singleSeconds: number;
  reps: number;
  segmentCustomers: number;
  segmentTimings: number;
}

export interface BatchRep {
  events: number;
  ms: number;
  eventsPerSecond: number;
  /** Per request (1,000 events), ms. */
  requestP50: number;
  requestMax: number;
  cpu: CpuShares;
}

export interface SingleRep {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  cpu: CpuShares;
  /** CPU time per request of each process group (ms): cores used × seconds ÷ requests. */
  cpuMsPerRequest: Record<string, number>;
}

export interface SegmentTiming {
  key: string;
  name: string;
  count: number;
  timesMs: number[];
  medianMs: number;
  /** The plan of the count query, from EXPLAIN (ANALYZE), first lines. */
  plan: string[];
}

export interface IngestResults {
  config: IngestConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  signedIn: boolean;
  batch: BatchRep[];
  single: SingleRep[];
  /** PostgreSQL's statements per single request, over the measured repetitions (pg_stat_statements). */
  singlePostgres?: IngestPostgres;
  seed?: { customers: number; seconds: number; tableMiB: number };
  segments: SegmentTiming[];
}

/** A known customer pool, so events mostly concern existing profiles, as a store's would. */
const POOL = 10_000;
const SEGMENT_KEYS = ['repeat-buyers', 'big-spenders', 'vip-loyal', 'at-risk'];

export function apiKey(stack: Stack): string {
  const cli = path.join(stack.root, 'apps/api/dist/cli/create-api-key.js');
  const out = execFileSync(process.execPath, [cli, 'bench-ingest'], {
    env: { ...process.env, DATABASE_URL: stack.databaseUrl },
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1) as string;
}

function event(run: string, i: number): Record<string, unknown> {
  return {
    type: 'product.viewed',
    customer: { id: `bench-c-${i % POOL}` },
    properties: { productId: `P${i % 500}`, url: `/products/p-${i % 500}`, price: 19.9 + (i % 40) },
    timestamp: new Date().toISOString(),
    idempotencyKey: `${run}-${i}`,
  };
}

export async function post(url: string, key: string, body: unknown): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return res.status;
}

async function batchRep(
  stack: Stack,
  monitor: Monitor,
  key: string,
  cfg: IngestConfig,
  run: string,
): Promise<BatchRep> {
  const url = `${stack.apiUrl}/v1/events/batch`;
  const bodies = Array.from({ length: cfg.batches }, (_, b) => ({
    events: Array.from({ length: cfg.batchSize }, (_, j) => event(run, b * cfg.batchSize + j)),
  }));
  const times: number[] = [];
  let next = 0;
  const before = monitor.now();
  const start = performance.now();
  const lane = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t = performance.now();
      await post(url, key, body);
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: cfg.batchConcurrency }, lane));
  const ms = performance.now() - start;
  const events = cfg.batches * cfg.batchSize;
  return {
    events,
    ms,
    eventsPerSecond: (events * 1000) / ms,
    requestP50: median(times),
    requestMax: Math.max(...times),
    cpu: monitor.shares(before, monitor.now()),
  };
}

async function singleRep(
  stack: Stack,
  monitor: Monitor,
  key: string,
  cfg: IngestConfig,
  run: string,
): Promise<SingleRep> {
  let i = 0;
  const before = monitor.now();
  const result = await autocannon({
    url: stack.apiUrl,
    connections: cfg.singleConnections,
    duration: cfg.singleSeconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        setupRequest: (request) => ({ ...request, body: JSON.stringify(event(run, i++)) }),
      },
    ],
  });
  const cpu = monitor.shares(before, monitor.now());
  const requests = result.requests.total;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpu,
    cpuMsPerRequest: Object.fromEntries(
      Object.entries(cpu.cores).map(([group, used]) => [
        group,
        requests > 0 ? (used * cpu.seconds * 1000) / requests : 0,
      ]),
    ),
  };
}

/**
 * A million customers in one statement, with computed attributes spread roughly as a store's:
 * 40 % leads without orders, 30 % one order, the rest repeat buyers with a long tail; spend per
 * order 20–140; stages from the counts and how long ago the last order was.
 */
export async function seedCustomers(stack: Stack, n: number): Promise<{ seconds: number; tableMiB: number }> {
  const start = performance.now();
  await stack.db.query(`SELECT setseed(0.42)`);
  await stack.db.query(
    `INSERT INTO customers (external_id, email, first_name, last_name, timezone, locale, created_at, updated_at,
            orders_count, total_spent, average_order_value, first_order_at, last_order_at, mean_days_between_orders,
            discount_share, lifecycle_stage, loyalty_points, loyalty_tier)
     SELECT 'seed-' || g, 'seed-' || g || '@example.com', 'Ada', 'Lovelace', 'America/New_York', 'en-US',
            now() - make_interval(days => 30 + (g % 700)), now(),
            o.n, o.spent, CASE WHEN o.n > 0 THEN round(o.spent / o.n, 2) END,
            CASE WHEN o.n > 0 THEN now() - make_interval(days => o.last_days + o.n * 30) END,
            CASE WHEN o.n > 0 THEN now() - make_interval(days => o.last_days) END,
            CASE WHEN o.n > 1 THEN 30 END,
            CASE WHEN o.n > 0 THEN o.discounted END,
            CASE WHEN o.n = 0 THEN 'lead'
                 WHEN o.last_days > 365 THEN 'inactive'
                 WHEN o.last_days > 120 THEN 'at_risk'
                 WHEN o.spent >= 1000 THEN 'vip'
                 WHEN o.n >= 5 THEN 'loyal'
                 WHEN o.n >= 2 THEN 'repeat'
                 ELSE 'first_time' END,
            floor(o.spent)::int, CASE WHEN o.spent >= 1000 THEN 'gold' WHEN o.spent >= 300 THEN 'silver' ELSE 'bronze' END
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (
         SELECT r.n, round((r.n * (20 + random() * 120))::numeric, 2) AS spent,
                floor(random() * 500)::int AS last_days,
                round((CASE WHEN random() < 0.5 THEN 0 ELSE random() END)::numeric, 2) AS discounted
           FROM (SELECT CASE WHEN random() < 0.4 THEN 0 WHEN random() < 0.5 THEN 1
                             ELSE 2 + floor(random() * random() * 18)::int END AS n, g AS k) r
       ) o`,
    [n],
  );
  // A table loaded at once is analysed (and its visibility map set) before it is queried, as
  // autovacuum would do soon after; otherwise the first counts measure the hint-bit writes.
  await stack.db.query(`VACUUM ANALYZE customers`);
  const [size] = (
    await stack.db.query<{ bytes: string }>(`SELECT pg_total_relation_size('customers') AS bytes`)
  ).rows;
  return { seconds: (performance.now() - start) / 1000, tableMiB: Number(size.bytes) / 2 ** 20 };
}

async function segmentTiming(stack: Stack, key: string, times: number): Promise<SegmentTiming> {
  const headers: Record<string, string> = stack.apiToken ? { authorization: `Bearer ${stack.apiToken}` } : {};
  const { rows } = await stack.db.query<{ id: string; name: string }>(
    `SELECT id, name FROM segments WHERE key = $1`,
    [key],
  );
  if (!rows[0]) throw new Error(`no preset segment "${key}" (the API creates them at start-up)`);
  const url = `${stack.apiUrl}/v1/segments/${rows[0].id}`;
  const timesMs: number[] = [];
  let count = 0;
  for (let i = 0; i <= times; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    // The first is a warm-up (plans cached, pages in shared buffers), not measured.
    if (i > 0) timesMs.push(performance.now() - start);
    count = (JSON.parse(text) as { data: { count: number } }).data.count;
  }
  return { key, name: rows[0].name, count, timesMs, medianMs: median(timesMs), plan: [] };
}

/**
 * The count query's plan for the first preset, to say where its time goes: the SQL the API sends
 * (libs/customer-value segmentValue with the condition compiled by libs/data) for "ordersCount gte 2".
 */
async function explain(stack: Stack): Promise<string[]> {
  const { rows } = await stack.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS)
     SELECT count(*)::int AS n, COALESCE(sum(total_spent), 0)::float AS spent, COALESCE(avg(total_spent), 0)::float AS avg_spent,
            avg(average_order_value)::float AS aov
       FROM customers c WHERE ((c.orders_count >= $1::bigint))`,
    [2],
  );
  return rows.map((r) => r['QUERY PLAN']);
}

export async function ingestPhase(
  stack: Stack,
  monitor: Monitor,
  cfg: IngestConfig,
  machine: MachineInfo,
  log: (line: string) => void,
): Promise<IngestResults> {
  const started = Date.now();
  const key = apiKey(stack);
  const results: IngestResults = {
    config: cfg,
    machine,
    startedAt: new Date(started).toISOString(),
    wallSeconds: 0,
    signedIn: Boolean(stack.apiToken),
    batch: [],
    single: [],
    segments: [],
  };
  // Warm-up: the pool's customers exist afterwards, the API's code paths are compiled.
  await batchRep(stack, monitor, key, { ...cfg, batches: POOL / cfg.batchSize }, 'warm');
  for (let rep = 1; rep <= cfg.reps; rep++) {
    const r = await batchRep(stack, monitor, key, cfg, `batch${rep}`);
    results.batch.push(r);
    log(
      `(ingest) batch ${rep}/${cfg.reps}: ${r.events} events in ${(r.ms / 1000).toFixed(1)} s, ${r.eventsPerSecond.toFixed(0)} events/s`,
    );
  }
  await singleRep(stack, monitor, key, { ...cfg, singleSeconds: 3 }, 'single-warm');
  const statements = await IngestStatements.open(stack.db);
  for (let rep = 1; rep <= cfg.reps; rep++) {
    await statements?.begin();
    const r = await singleRep(stack, monitor, key, cfg, `single${rep}`);
    await statements?.end(r.requests);
    results.single.push(r);
    const perRequest = Object.entries(r.cpuMsPerRequest)
      .map(([group, value]) => `${group} ${value.toFixed(3)}`)
      .join(', ');
    log(
      `(ingest) single ${rep}/${cfg.reps}: ${r.requestsPerSecond.toFixed(0)} requests/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.errors} errors, ${r.non2xx} non-2xx); CPU ms per request: ${perRequest}`,
    );
  }
  results.singlePostgres = statements?.result();
  if (results.singlePostgres)
    log(
      `(ingest) PostgreSQL per single request: ${results.singlePostgres.statementsPerRequest.toFixed(2)} statements, ${results.singlePostgres.transactionsPerRequest.toFixed(2)} transactions`,
    );
  if (cfg.segmentCustomers > 0) {
    log(`(ingest) seeding ${cfg.segmentCustomers.toLocaleString('en-US')} customers …`);
    const seeded = await seedCustomers(stack, cfg.segmentCustomers);
    results.seed = { customers: cfg.segmentCustomers, ...seeded };
    log(`  seeded in ${seeded.seconds.toFixed(1)} s (customers table ${seeded.tableMiB.toFixed(0)} MiB)`);
    for (const segment of SEGMENT_KEYS) {
      const t = await segmentTiming(stack, segment, cfg.segmentTimings);
      results.segments.push(t);
      log(`  ${segment}: ${t.count.toLocaleString('en-US')} customers, median ${t.medianMs.toFixed(0)} ms`);
    }
    results.segments[0].plan = await explain(stack);
  }
  results.wallSeconds = (Date.now() - started) / 1000;
  return results;
}
