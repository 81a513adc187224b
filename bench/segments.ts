/**
 * The segments phase (`BENCH_PHASES=segments`), on the bench stack (stack.ts):
 * - entry latency: a live journey triggered by the big-spenders segment; orders that lift new
 *   customers over its threshold go through the event API at a steady rate, and for each the
 *   time from the order's acceptance (events.received_at) to the run created by the router
 *   (runs.started_at) and to the workflow at its first node (the trigger step) is taken from
 *   PostgreSQL's clock. No sweep runs: the segment is re-evaluated in the routing path.
 * - the daily sweep: BENCH_SEGMENT_SWEEP_CUSTOMERS customers (1,000,000) seeded with SQL as the
 *   ingest phase does, recent checkouts for a share of them, and the ten shipped segments; the
 *   first sweep seeds every segment (all ten were just created), the next is a day's: only those
 *   that change with time alone. Each is `refreshSegmentMembers`, the activity's own code.
 * Every figure from one run: the machine is shared.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { refreshSegmentMembers } from '@waypoint/customer-value';
import { sleep } from '@waypoint/devstack';
import { apiKey, post, seedCustomers } from './ingest';
import { archiveJourney, publishJourney } from './journeys';
import type { MachineInfo } from './machine';
import type { Monitor } from './monitor';
import type { CpuShares } from './proc';
import type { Stack } from './stack';
import { cores, count, distribution, type Distribution, ms, seconds } from './stats';

export interface SegmentsConfig {
  /** Orders that each make a new big spender, and how many a second. */
  entries: number;
  entryRate: number;
  sweepCustomers: number;
}

export interface SweepRep {
  label: string;
  segmentsSwept: number;
  entered: number;
  /** Members who left (their segment.exited events; absent in results from before it was counted). */
  exited?: number;
  ms: number;
  cpu: CpuShares;
}

export interface SegmentsResults {
  config: SegmentsConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  /** The machine's 1-, 5- and 15-minute load averages when the phase started (2 cores: above 2 means waiting). */
  load: number[];
  entry: {
    sent: number;
    runs: number;
    /** Order accepted → run created by the router; → workflow at its first node. */
    toRun: Distribution;
    toFirstStep: Distribution;
    cpu: CpuShares;
  };
  seed?: { customers: number; seconds: number; tableMiB: number; checkouts: number };
  sweeps: SweepRep[];
}

const AIM_P95_MS = 5_000;
const AIM_SWEEP_MS = 10 * 60_000;
const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

async function entryLatency(
  stack: Stack,
  monitor: Monitor,
  cfg: SegmentsConfig,
  log: (line: string) => void,
): Promise<SegmentsResults['entry']> {
  const journeyId = await publishJourney(stack, 'Bench: big spenders', {
    nodes: [
      { id: 'trigger', type: 'trigger.segment', data: { segmentId: 'big-spenders' } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [{ source: 'trigger', sourceHandle: 'next', target: 'done' }],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  });
  const key = apiKey(stack);
  const run = randomUUID().slice(0, 8);
  const url = `${stack.apiUrl}/v1/events`;
  const before = monitor.now();
  const start = Date.now();
  for (let i = 0; i < cfg.entries; i++) {
    const due = start + (i * 1000) / cfg.entryRate;
    if (due > Date.now()) await sleep(due - Date.now());
    await post(url, key, {
      type: 'order.placed',
      customer: { id: `bench-rt-${run}-${i}`, email: `bench-rt-${run}-${i}@example.com` },
      properties: { orderId: `bench-rt-${run}-${i}`, totalPrice: 600, usedDiscount: false },
      idempotencyKey: `bench-rt-${run}-${i}`,
    });
  }
  const deadline = Date.now() + 120_000;
  const query = () =>
    stack.db.query<{ received: number; started: number; first: number | null }>(
      `SELECT ${epoch('o.received_at')} AS received, ${epoch('r.started_at')} AS started, ${epoch('t.entered_at')} AS first
         FROM runs r
         JOIN events o ON o.customer_id = r.customer_id AND o.type = 'order.placed'
         LEFT JOIN run_steps t ON t.run_id = r.id AND t.node_id = 'trigger' AND t.visit = 1
        WHERE r.journey_id = $1`,
      [journeyId],
    );
  let rows = (await query()).rows;
  while ((rows.length < cfg.entries || rows.some((r) => r.first === null)) && Date.now() < deadline) {
    await sleep(500);
    rows = (await query()).rows;
  }
  const after = monitor.now();
  await archiveJourney(stack, journeyId);
  log(`(segments) ${rows.length} of ${cfg.entries} orders started the segment's journey`);
  return {
    sent: cfg.entries,
    runs: rows.length,
    toRun: distribution(rows.map((r) => r.started - r.received)),
    toFirstStep: distribution(rows.flatMap((r) => (r.first === null ? [] : [r.first - r.received]))),
    cpu: monitor.shares(before, after),
  };
}

/** Checkouts in the last week for about 5 % of the customers (the cart-abandoners segment reads them). */
async function seedCheckouts(stack: Stack): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    `WITH written AS (
       INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       SELECT 'bench-checkout-' || c.id, 'checkout.started', c.id, 'bench', '{}',
              now() - make_interval(hours => floor(random() * 24 * 10)::int)
         FROM customers c WHERE c.external_id LIKE 'seed-%' AND random() < 0.05
       RETURNING 1
     ) SELECT count(*)::int AS n FROM written`,
  );
  await stack.db.query(`ANALYZE events`);
  return rows[0].n;
}

async function sweep(stack: Stack, monitor: Monitor, label: string, asOf: Date): Promise<SweepRep> {
  const query = async (sql: string, params: unknown[]) => (await stack.db.query(sql, params)).rows;
  const statements: string[] = [];
  const counting = async (sql: string, params: unknown[]) => {
    if (/INSERT INTO segment_members/.test(sql)) statements.push(sql);
    return query(sql, params);
  };
  const before = monitor.now();
  const start = performance.now();
  const entered = await refreshSegmentMembers(counting, asOf);
  const elapsed = performance.now() - start;
  const cpu = monitor.shares(before, monitor.now());
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE source = 'waypoint:segments' AND type = 'segment.exited' AND occurred_at = $1`,
    [asOf],
  );
  const rep = { label, segmentsSwept: statements.length, entered, exited: rows[0].n, ms: elapsed, cpu };
  // The API's outbox sweep routes the sweep's events meanwhile (as it would after the Schedule);
  // no journey listens here, so what is left is marked routed (out of the outbox) to keep the
  // machine for the next measurement.
  await stack.db.query(
    `DELETE FROM event_outbox o USING events e WHERE e.id = o.event_id AND e.source = 'waypoint:segments'`,
  );
  return rep;
}

export async function segmentsPhase(
  stack: Stack,
  monitor: Monitor,
  cfg: SegmentsConfig,
  machine: MachineInfo,
  log: (line: string) => void,
): Promise<SegmentsResults> {
  const started = Date.now();
  const results: SegmentsResults = {
    config: cfg,
    machine,
    startedAt: new Date().toISOString(),
    wallSeconds: 0,
    load: loadavg(),
    entry: await entryLatency(stack, monitor, cfg, log),
    sweeps: [],
  };
  const e = results.entry;
  log(`  order accepted → run started: p50 ${ms(e.toFirstStep.p50)}, p95 ${ms(e.toFirstStep.p95)}`);
  if (cfg.sweepCustomers > 0) {
    log(`(segments) seeding ${cfg.sweepCustomers.toLocaleString('en-US')} customers …`);
    // An empty store first (as the import phase does): the ingestion phase's million would double it.
    await stack.db.query(`TRUNCATE customers CASCADE`);
    const seeded = await seedCustomers(stack, cfg.sweepCustomers);
    const checkouts = await seedCheckouts(stack);
    results.seed = { customers: cfg.sweepCustomers, ...seeded, checkouts };
    log(`  seeded in ${seeded.seconds.toFixed(1)} s, ${checkouts.toLocaleString('en-US')} recent checkouts`);
    // The ten segments count as just created: the first sweep seeds all of them.
    await stack.db.query(`UPDATE segments SET updated_at = now()`);
    const first = await sweep(stack, monitor, 'first (every segment new)', new Date());
    results.sweeps.push(first);
    log(
      `  first sweep: ${first.segmentsSwept} segments, ${count(first.entered)} entries in ${seconds(first.ms)}`,
    );
    await stack.db.query(`VACUUM ANALYZE segment_members, events`);
    const next = await sweep(
      stack,
      monitor,
      'three days later (time-relative only)',
      new Date(Date.now() + 3 * 86_400_000),
    );
    results.sweeps.push(next);
    log(
      `  next day's sweep: ${next.segmentsSwept} segments, ${count(next.entered)} entries, ${count(next.exited ?? 0)} exits in ${seconds(next.ms)}`,
    );
  }
  results.wallSeconds = (Date.now() - started) / 1000;
  return results;
}

const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

export function segmentsReport(r: SegmentsResults): string[] {
  const m = r.machine;
  const e = r.entry;
  const out = [
    '## Segments in real time',
    '',
    `Measured ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${m.cpuModel} (${m.cpus} cores, ${m.memory}; ${m.postgres}), ` +
      `load ${r.load.map((l) => l.toFixed(1)).join(' / ')} when it started (the machine is shared). ` +
      `Phase \`segments\`, ${seconds(r.wallSeconds * 1000)} in all.`,
    '',
    `Entry latency: ${count(e.sent)} orders (${r.config.entryRate}/s through \`POST /v1/events\`), each lifting a new customer over the big-spenders threshold, ` +
      "with a live journey triggered by that segment; no sweep runs. Times from PostgreSQL's clock, from the order's acceptance (`events.received_at`).",
    '',
    '| | p50 | p95 | p99 | max | aim |',
    '|---|---|---|---|---|---|',
    `| order accepted → run created by the router | ${ms(e.toRun.p50)} | ${ms(e.toRun.p95)} | ${ms(e.toRun.p99)} | ${ms(e.toRun.max)} | |`,
    `| order accepted → workflow at its first node | ${ms(e.toFirstStep.p50)} | ${ms(e.toFirstStep.p95)} | ${ms(e.toFirstStep.p99)} | ${ms(e.toFirstStep.max)} | p95 < 5 s: ${verdict(e.toFirstStep.p95 < AIM_P95_MS && e.runs === e.sent)} |`,
    '',
    `${e.runs} of ${e.sent} orders started a run. CPU meanwhile: API ${cores(e.cpu.cores.api ?? 0)}, PostgreSQL ${cores(e.cpu.cores.postgres ?? 0)}, ` +
      `worker and Temporal ${cores((e.cpu.cores.worker ?? 0) + (e.cpu.cores.temporal ?? 0))}, others on the machine ${cores(e.cpu.otherCores)}.`,
    '',
  ];
  if (r.seed) {
    out.push(
      `The daily sweep (\`refreshSegmentMembers\`, the Schedule's own code): ${count(r.seed.customers)} customers seeded with SQL as in the ingestion phase ` +
        `(${seconds(r.seed.seconds * 1000)}, ${r.seed.tableMiB.toFixed(0)} MiB), ${count(r.seed.checkouts)} checkouts in the last ten days, the ten shipped segments. ` +
        'Each segment swept is two statements (entries with their `segment.entered` events; exits with `segment.exited`); ' +
        "the API's outbox sweep routes those events meanwhile, as after the Schedule. The first sweep seeds all ten segments " +
        '(as after they are created); the later one, three days on so that checkouts leave the seven-day window, sweeps only ' +
        'those that change with time alone.',
      '',
      '| sweep | segments swept | entries | exits | time | PostgreSQL (cores) | aim: < 10 min |',
      '|---|---|---|---|---|---|---|',
      ...r.sweeps.map(
        (s) =>
          `| ${s.label} | ${s.segmentsSwept} | ${count(s.entered)} | ${s.exited === undefined ? '–' : count(s.exited)} | ${seconds(s.ms)} | ${cores(s.cpu.cores.postgres ?? 0)} | ${verdict(s.ms < AIM_SWEEP_MS)} |`,
      ),
      '',
    );
  }
  return out;
}
