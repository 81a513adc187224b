/**
 * The measurements. (a) A one-message journey: a burst of deliveries as fast as the API takes
 * them (how many runs start per second), then a steady 50 deliveries per second (how long from
 * the webhook to the email reaching SendGrid). (b) Runs parked in `wait.delay`: the worker's
 * memory while they wait, and how long they take to wake and finish.
 *
 * Times come from three clocks on one machine: the benchmark's (webhook sent, answer received),
 * the SendGrid stub's (in the benchmark process: email received) and PostgreSQL's (`now()` of
 * the transactions that stored the event, created the run and wrote each step and the ledger row).
 */
import { DevstackError, sleep } from '@waypoint/devstack';
import { customerUpdate, type Delivery, sendBurst, sendPaced, type Sent, type WebhookSender } from './load';
import type { Monitor, PostgresActivity } from './monitor';
import type { CpuShares } from './proc';
import type { Stack } from './stack';
import { distribution, type Distribution, ratePerSecond } from './stats';
import { WAIT_NODE } from './journeys';

export interface Context {
  stack: Stack;
  monitor: Monitor;
  sender: WebhookSender;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Shopify customer ids, unique across the whole benchmark. */
let nextShopifyId = 7_000_000_000;

function deliveries(prefix: string, n: number, secret: string): Delivery[] {
  return Array.from({ length: n }, () => customerUpdate(nextShopifyId++, prefix, secret));
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DevstackError('Interrupted: nothing was written to the report.');
}

interface RunTimes {
  email: string;
  received: number;
  started: number;
  firstStep: number | null;
  ledger: number | null;
  finished: number | null;
  status: string;
  waitEntered: number | null;
  wakeAt: number | null;
}

/** Every run of the journey whose customer's email starts with the prefix, with its timestamps (ms). */
async function runTimes(stack: Stack, journeyId: string, prefix: string): Promise<RunTimes[]> {
  const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
  const result = await stack.db.query<RunTimes>(
    `SELECT c.email, ${epoch('e.received_at')} AS received, ${epoch('r.started_at')} AS started,
            ${epoch('t.entered_at')} AS "firstStep", ${epoch('m.created_at')} AS ledger,
            ${epoch('r.finished_at')} AS finished, r.status,
            ${epoch('w.entered_at')} AS "waitEntered", ${epoch('w.wake_at')} AS "wakeAt"
       FROM runs r
       JOIN customers c ON c.id = r.customer_id
       JOIN events e ON e.id = r.trigger_event_id
       LEFT JOIN run_steps t ON t.run_id = r.id AND t.node_id = 'trigger' AND t.visit = 1
       LEFT JOIN messages m ON m.run_id = r.id AND m.node_id = 'email' AND m.visit = 1
       LEFT JOIN run_steps w ON w.run_id = r.id AND w.node_id = $3 AND w.visit = 1
      WHERE r.journey_id = $1 AND c.email LIKE $2`,
    [journeyId, `${prefix}%`, WAIT_NODE],
  );
  return result.rows;
}

async function finishedCount(stack: Stack, journeyId: string, prefix: string): Promise<number> {
  const result = await stack.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM runs r JOIN customers c ON c.id = r.customer_id
      WHERE r.journey_id = $1 AND c.email LIKE $2 AND r.status <> 'running'`,
    [journeyId, `${prefix}%`],
  );
  return Number(result.rows[0].n);
}

/** Polls until `expected` runs have finished or the deadline passes; true when they all did. */
async function waitForFinished(
  ctx: Context,
  journeyId: string,
  prefix: string,
  expected: number,
  deadline: number,
  intervalMs = 500,
): Promise<boolean> {
  for (;;) {
    checkAborted(ctx.signal);
    const finished = await finishedCount(ctx.stack, journeyId, prefix);
    if (finished >= expected) return true;
    if (Date.now() > deadline) {
      ctx.log(`  … gave up waiting: ${finished} of ${expected} runs finished`);
      return false;
    }
    await sleep(intervalMs);
  }
}

export interface Outcomes {
  accepted: number;
  rejected: number;
  runs: number;
  completed: number;
  /** Runs that finished without their email reaching SendGrid (skipped, failed), or never finished. */
  missingMessages: number;
}

function outcomes(ctx: Context, sent: readonly Sent[], runs: readonly RunTimes[]): Outcomes {
  const accepted = sent.filter((s) => s.status === 200).length;
  return {
    accepted,
    rejected: sent.length - accepted,
    runs: runs.length,
    completed: runs.filter((r) => r.status === 'completed').length,
    missingMessages: runs.filter((r) => !ctx.stack.arrivals.firstAt.has(r.email)).length,
  };
}

function arrivalTimes(ctx: Context, runs: readonly RunTimes[]): number[] {
  return runs.flatMap((r) => {
    const at = ctx.stack.arrivals.firstAt.get(r.email);
    return at === undefined ? [] : [at];
  });
}

const present = (values: ReadonlyArray<number | null>): number[] =>
  values.filter((v): v is number => v !== null);

/** A few runs first, so JIT warm-up and first connections are not measured; also proves the path works. */
export async function warmUp(ctx: Context, journeyId: string, n: number): Promise<void> {
  const prefix = 'bench-warm-';
  const sent = await sendBurst(
    ctx.sender,
    deliveries(prefix, n, ctx.stack.shopifySecret),
    8,
    Date.now() + 60_000,
  );
  const done = await waitForFinished(ctx, journeyId, prefix, n, Date.now() + 120_000);
  const runs = await runTimes(ctx.stack, journeyId, prefix);
  const result = outcomes(ctx, sent, runs);
  if (!done || result.accepted !== n || result.missingMessages > 0) {
    throw new Error(
      `the warm-up runs did not all send their email (${JSON.stringify(result)}).\n` +
        `[api]\n${ctx.stack.logs.api.text()}\n[worker]\n${ctx.stack.logs.worker.text()}`,
    );
  }
}

export interface BurstResult {
  n: number;
  concurrency: number;
  outcomes: Outcomes;
  /** Webhooks answered per second, first send to last answer. */
  acceptedPerSecond: number;
  /** Runs created by the router (runs.started_at; the workflow is started right after). */
  runsStartedPerSecond: number;
  /** Workflows that executed their first node (trigger step), per second. */
  workflowsStartedPerSecond: number;
  runsFinishedPerSecond: number;
  messagesPerSecond: number;
  /** First webhook sent to last email received. */
  totalMs: number;
  latency: Distribution;
  cpu: CpuShares;
  postgres: PostgresActivity;
}

export async function burst(
  ctx: Context,
  journeyId: string,
  rep: number,
  n: number,
  concurrency: number,
  timeoutMs: number,
): Promise<BurstResult> {
  const prefix = `bench-burst${rep}-`;
  const batch = deliveries(prefix, n, ctx.stack.shopifySecret);
  const deadline = Date.now() + timeoutMs;
  const before = ctx.monitor.now();
  const sent = await sendBurst(ctx.sender, batch, concurrency, deadline, ctx.signal);
  checkAborted(ctx.signal);
  const accepted = sent.filter((s) => s.status === 200).length;
  ctx.log(`  ${accepted} of ${n} webhooks accepted; waiting for the runs to finish …`);
  await waitForFinished(ctx, journeyId, prefix, accepted, deadline, 250);
  const after = ctx.monitor.now();
  const runs = await runTimes(ctx.stack, journeyId, prefix);
  const arrivals = arrivalTimes(ctx, runs);
  const firstSend = Math.min(...sent.map((s) => s.sentAt));
  const sentAt = new Map(sent.map((s) => [s.email, s.sentAt]));
  return {
    n,
    concurrency,
    outcomes: outcomes(ctx, sent, runs),
    acceptedPerSecond: ratePerSecond([
      firstSend,
      ...sent.filter((s) => s.status === 200).map((s) => s.ackAt),
    ]),
    runsStartedPerSecond: ratePerSecond(runs.map((r) => r.started)),
    workflowsStartedPerSecond: ratePerSecond(present(runs.map((r) => r.firstStep))),
    runsFinishedPerSecond: ratePerSecond(present(runs.map((r) => r.finished))),
    messagesPerSecond: ratePerSecond(arrivals),
    totalMs: (arrivals.length > 0 ? Math.max(...arrivals) : after.at) - firstSend,
    latency: distribution(
      runs.flatMap((r) => {
        const at = ctx.stack.arrivals.firstAt.get(r.email);
        const from = sentAt.get(r.email);
        return at === undefined || from === undefined ? [] : [at - from];
      }),
    ),
    cpu: ctx.monitor.shares(before, after),
    postgres: ctx.monitor.postgres(before.at, after.at),
  };
}

export interface Stage {
  name: string;
  latency: Distribution;
}

export interface SteadyResult {
  label: string;
  n: number;
  targetRate: number;
  achievedRate: number;
  worstSlipMs: number;
  outcomes: Outcomes;
  /** Webhook sent → email received by the SendGrid stub. */
  latency: Distribution;
  /** Median webhook → email of the first and the last tenth of the deliveries (in sending order). */
  firstTenthP50: number;
  lastTenthP50: number;
  /** Webhook sent → HTTP answer. */
  ack: Distribution;
  stages: Stage[];
  cpu: CpuShares;
  postgres: PostgresActivity;
}

export async function steady(
  ctx: Context,
  journeyId: string,
  label: string,
  n: number,
  rate: number,
  timeoutMs: number,
): Promise<SteadyResult> {
  const prefix = `bench-${label}-`;
  const batch = deliveries(prefix, n, ctx.stack.shopifySecret);
  const deadline = Date.now() + timeoutMs;
  const before = ctx.monitor.now();
  const paced = await sendPaced(ctx.sender, batch, rate, 500, deadline, ctx.signal);
  checkAborted(ctx.signal);
  const accepted = paced.sent.filter((s) => s.status === 200).length;
  ctx.log(
    `  ${accepted} of ${n} webhooks accepted at ${paced.achievedRate.toFixed(1)}/s; waiting for the runs …`,
  );
  await waitForFinished(ctx, journeyId, prefix, accepted, deadline, 250);
  const after = ctx.monitor.now();
  const runs = await runTimes(ctx.stack, journeyId, prefix);
  const sent = new Map(paced.sent.map((s) => [s.email, s]));

  const stage = (
    name: string,
    from: (r: RunTimes) => number | null | undefined,
    to: (r: RunTimes) => number | null | undefined,
  ): Stage => ({
    name,
    latency: distribution(
      runs.flatMap((r) => {
        const a = from(r);
        const b = to(r);
        return a === null || a === undefined || b === null || b === undefined ? [] : [b - a];
      }),
    ),
  });
  const sentAt = (r: RunTimes) => sent.get(r.email)?.sentAt;
  const arrived = (r: RunTimes) => ctx.stack.arrivals.firstAt.get(r.email);
  const inOrder = [...paced.sent].sort((a, b) => a.sentAt - b.sentAt);
  const tenth = Math.max(1, Math.floor(inOrder.length / 10));
  const p50Of = (part: readonly Sent[]) =>
    distribution(
      part.flatMap((s) => {
        const at = ctx.stack.arrivals.firstAt.get(s.email);
        return at === undefined ? [] : [at - s.sentAt];
      }),
    ).p50;
  return {
    label,
    n,
    targetRate: rate,
    achievedRate: paced.achievedRate,
    worstSlipMs: paced.worstSlipMs,
    outcomes: outcomes(ctx, paced.sent, runs),
    latency: stage('webhook sent → email received', sentAt, arrived).latency,
    firstTenthP50: p50Of(inOrder.slice(0, tenth)),
    lastTenthP50: p50Of(inOrder.slice(-tenth)),
    ack: distribution(paced.sent.filter((s) => s.status === 200).map((s) => s.ackAt - s.sentAt)),
    stages: [
      stage('webhook sent → event stored (events.received_at)', sentAt, (r) => r.received),
      stage(
        'event stored → run created by the router (runs.started_at)',
        (r) => r.received,
        (r) => r.started,
      ),
      stage(
        'run created → workflow at its first node (trigger step)',
        (r) => r.started,
        (r) => r.firstStep,
      ),
      stage(
        'first node → email ledger row (coupon, consent, render)',
        (r) => r.firstStep,
        (r) => r.ledger,
      ),
      stage('ledger row → SendGrid stub received the email', (r) => r.ledger, arrived),
      stage('email received → run finished (runs.finished_at)', arrived, (r) => r.finished),
    ],
    cpu: ctx.monitor.shares(before, after),
    postgres: ctx.monitor.postgres(before.at, after.at),
  };
}

export interface WaitingResult {
  requested: number;
  created: number;
  delay: string;
  /** Deliveries sent → every accepted run parked in its wait. */
  createMs: number;
  runsStartedPerSecond: number;
  parkedPerSecond: number;
  /** Most runs waiting at the same time (all of them, unless the first woke before the last arrived). */
  peakWaiting: number;
  /** Worker RSS as runs were parked: at each further thousand parked, the first sample seen. */
  rssByParked: Array<{ parked: number; workerRss: number; temporalRss: number }>;
  /** The worker's resident memory before the phase, while every run waited, and while they woke. */
  workerRss: {
    before: number;
    waitingMedian: number;
    waitingMax: number;
    wakingMax: number;
    samples: number;
  };
  temporalRss: { before: number; waiting: number; wakingMax: number };
  waitingWindowMs: number;
  complete: boolean;
  finished: number;
  /** First wake-up due → last run finished, and last wake-up due → last run finished. */
  wakeAndFinishMs: number;
  drainAfterLastWakeMs: number;
  wakesDueSpanMs: number;
  finishedPerSecond: number;
  /** Per run: wake-up due → run finished, and → email received. */
  wakeToFinish: Distribution;
  wakeToEmail: Distribution;
  missingMessages: number;
  cpu: { create: CpuShares; waiting: CpuShares; wake: CpuShares };
  postgres: { create: PostgresActivity; wake: PostgresActivity };
}

/**
 * Parks `n` runs in the wait: deliveries go out with a bounded backlog (sent but not yet parked),
 * which is the rate the stack sustains; sending stops early if the first runs would otherwise
 * wake before the last ones are parked.
 */
export async function waiting(
  ctx: Context,
  journeyId: string,
  n: number,
  delay: string,
  delayMs: number,
  wakeTimeoutMs: number,
): Promise<WaitingResult> {
  const prefix = 'bench-wait-';
  const { stack, monitor } = ctx;
  const batch = deliveries(prefix, n, stack.shopifySecret);
  const backlog = 400;
  const concurrency = 8;

  const beforeStart = Date.now();
  await sleep(5_000); // a quiet baseline of memory first
  const rssBefore = monitor.rss('worker', beforeStart, Date.now());
  const temporalBefore = monitor.rss('temporal', beforeStart, Date.now());

  const createStart = monitor.now();
  // Stop sending while the earliest parked run still has 40 s left in its wait.
  const stopSendingAt = createStart.at + delayMs - 40_000;
  let parked = 0;
  let accepted = 0;
  let sending = true;
  const sent: Sent[] = [];
  const rssByParked: WaitingResult['rssByParked'] = [];
  let stopPolling = false;
  const poller = (async () => {
    while (!stopPolling && (sending || parked < accepted)) {
      checkAborted(ctx.signal);
      const result = await stack.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM run_steps WHERE node_id = $1`,
        [WAIT_NODE],
      );
      parked = Number(result.rows[0].n);
      const step = Math.floor(parked / 1000) * 1000;
      if (step > 0 && step > (rssByParked[rssByParked.length - 1]?.parked ?? 0)) {
        const sample = monitor.now();
        rssByParked.push({
          parked: step,
          workerRss: sample.rssBytes.worker ?? 0,
          temporalRss: sample.rssBytes.temporal ?? 0,
        });
      }
      if (!sending && Date.now() > createStart.at + delayMs) break;
      await sleep(500);
    }
  })();
  let next = 0;
  let lastProgress = Date.now();
  const lane = async (): Promise<void> => {
    while (next < batch.length && Date.now() < stopSendingAt) {
      checkAborted(ctx.signal);
      if (accepted - parked >= backlog) {
        await sleep(50);
        continue;
      }
      const result = await ctx.sender.deliver(batch[next++]);
      sent.push(result);
      if (result.status === 200) accepted++;
      if (Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now();
        ctx.log(`  … ${accepted} accepted, ${parked} parked in the wait`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } catch (error) {
    stopPolling = true;
    await poller.catch(() => undefined);
    throw error;
  }
  sending = false;
  await poller;
  const allParked = monitor.now();
  if (accepted < n) ctx.log(`  stopped at ${accepted} of ${n}: the first runs were about to wake`);
  ctx.log(
    `  ${parked} of ${accepted} runs parked in ${((allParked.at - createStart.at) / 1000).toFixed(0)} s`,
  );

  const firstDue = await stack.db.query<{ at: number | null }>(
    `SELECT (extract(epoch FROM min(wake_at)) * 1000)::float8 AS at FROM run_steps WHERE node_id = $1`,
    [WAIT_NODE],
  );
  const firstWakeDue = firstDue.rows[0].at ?? allParked.at;
  const waitingWindowMs = Math.max(0, firstWakeDue - allParked.at);
  ctx.log(`  all waiting; the first wakes in ${(waitingWindowMs / 1000).toFixed(0)} s`);
  while (Date.now() < firstWakeDue) {
    checkAborted(ctx.signal);
    await sleep(Math.min(1_000, firstWakeDue - Date.now()));
  }
  const wakeStart = monitor.now();
  const rssWaiting = monitor.rss('worker', allParked.at, wakeStart.at);
  const temporalWaiting = monitor.rss('temporal', allParked.at, wakeStart.at);

  const lastDue = await stack.db.query<{ at: number | null }>(
    `SELECT (extract(epoch FROM max(wake_at)) * 1000)::float8 AS at FROM run_steps WHERE node_id = $1`,
    [WAIT_NODE],
  );
  const lastWakeDue = lastDue.rows[0].at ?? firstWakeDue;
  ctx.log(`  waking: due over ${((lastWakeDue - firstWakeDue) / 1000).toFixed(0)} s …`);
  const complete = await waitForFinished(
    ctx,
    journeyId,
    prefix,
    accepted,
    lastWakeDue + wakeTimeoutMs,
    1_000,
  );
  const wakeEnd = monitor.now();

  const runs = await runTimes(stack, journeyId, prefix);
  const finishedRuns = runs.filter((r) => r.finished !== null);
  const lastFinished = Math.max(...present(finishedRuns.map((r) => r.finished)));
  const wakeTo = (to: (r: RunTimes) => number | null | undefined) =>
    distribution(
      runs.flatMap((r) => {
        const end = to(r);
        return r.wakeAt === null || end === null || end === undefined ? [] : [end - r.wakeAt];
      }),
    );
  return {
    requested: n,
    created: runs.length,
    delay,
    createMs: allParked.at - createStart.at,
    runsStartedPerSecond: ratePerSecond(runs.map((r) => r.started)),
    parkedPerSecond: ratePerSecond(present(runs.map((r) => r.waitEntered))),
    peakWaiting: peakOverlap(runs),
    rssByParked,
    workerRss: {
      before: rssBefore.median,
      waitingMedian: rssWaiting.median,
      waitingMax: rssWaiting.max,
      wakingMax: monitor.rss('worker', wakeStart.at, wakeEnd.at).max,
      samples: rssWaiting.samples,
    },
    temporalRss: {
      before: temporalBefore.median,
      waiting: temporalWaiting.median,
      wakingMax: monitor.rss('temporal', wakeStart.at, wakeEnd.at).max,
    },
    waitingWindowMs,
    complete,
    finished: finishedRuns.length,
    wakeAndFinishMs: lastFinished - firstWakeDue,
    drainAfterLastWakeMs: lastFinished - lastWakeDue,
    wakesDueSpanMs: lastWakeDue - firstWakeDue,
    finishedPerSecond: ratePerSecond(present(finishedRuns.map((r) => r.finished))),
    wakeToFinish: wakeTo((r) => r.finished),
    wakeToEmail: wakeTo((r) => stack.arrivals.firstAt.get(r.email)),
    missingMessages: runs.filter((r) => !stack.arrivals.firstAt.has(r.email)).length,
    cpu: {
      create: monitor.shares(createStart, allParked),
      waiting: monitor.shares(allParked, wakeStart),
      wake: monitor.shares(wakeStart, wakeEnd),
    },
    postgres: {
      create: monitor.postgres(createStart.at, allParked.at),
      wake: monitor.postgres(wakeStart.at, wakeEnd.at),
    },
  };
}

/** The most runs inside their wait at one instant (entered the wait, wake-up not yet due). */
function peakOverlap(runs: readonly RunTimes[]): number {
  const edges: Array<[number, number]> = [];
  for (const r of runs) {
    if (r.waitEntered === null || r.wakeAt === null) continue;
    edges.push([r.waitEntered, 1], [r.wakeAt, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, step] of edges) {
    current += step;
    peak = Math.max(peak, current);
  }
  return peak;
}
