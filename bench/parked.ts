/**
 * Phase `parked`: many runs parked in one wait that ends for all of them at the same moment
 * (`wait.until` a time of day), then woken together. What it shows: the worker's memory does not
 * grow with the number of waiting runs (a waiting run is a Temporal timer, not something the worker
 * holds: the worker keeps at most `maxCachedWorkflows` runs in its cache and replays the others from
 * their history when they wake), and how fast the woken runs complete, with how late each was
 * against its wait's end. Temporal's and PostgreSQL's memory are sampled beside the worker's.
 *
 * Runs go in through signed Shopify webhooks (the product's own path) with a bounded backlog of
 * runs accepted but not yet waiting; sending stops at the run count or when the park budget is
 * spent, whichever comes first, and the wake-up is set a margin after that budget.
 */
import { readFileSync } from 'node:fs';
import { environmentSchema } from '@waypoint/config';
import { DevstackError, sleep } from '@waypoint/devstack';
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { localParts } from '@waypoint/journey';
import { customerUpdate, type Sent } from './load';
import type { MachineInfo } from './machine';
import type { Context } from './phases';
import type { CpuShares } from './proc';
import { childrenOf } from './proc';
import { couponWaitThenEmail, publishJourney } from './journeys';
import { distribution, type Distribution, ratePerSecond } from './stats';

export interface ParkedConfig {
  /** Runs to park (BENCH_PARKED_RUNS). */
  runs: number;
  /** Longest time to spend parking (BENCH_PARKED_BUDGET_S); fewer runs are parked when it is spent. */
  budgetSeconds: number;
  /** Most runs accepted but not yet in their wait (the rate the stack sustains). */
  backlog: number;
  /** Webhook connections. */
  concurrency: number;
  /** Longest time to wait for the woken runs to finish (BENCH_PARKED_WAKE_TIMEOUT_S). */
  wakeTimeoutSeconds: number;
}

/** One sample of the timeline, every 10 s. */
export interface ParkedSample {
  /** Seconds since the first delivery. */
  t: number;
  parked: number;
  finished: number;
  workerRss: number;
  temporalRss: number;
  /** PostgreSQL: the postmaster and its backends, proportional set sizes summed (shared memory once). */
  postgresRss: number;
}

export interface ParkedResults {
  machine: MachineInfo;
  config: ParkedConfig;
  startedAt: string;
  wallSeconds: number;
  /** The worker's settings that bound its memory. */
  worker: { maxCachedWorkflows: number; heapLimitMiB: number | null };
  storeTimeZone: string;
  accepted: number;
  parked: number;
  /** Why fewer runs than asked were parked, if so. */
  stoppedBecause?: string;
  /** Deliveries sent → the last accepted run waiting. */
  parkMs: number;
  parkedPerSecond: number;
  /** The wake-up every run waits for, and how many distinct wake-up times the runs recorded (1). */
  wakeAt: string;
  distinctWakeTimes: number;
  timeline: ParkedSample[];
  rss: {
    worker: { idle: number; parkedMedian: number; parkedMax: number; lastParked: number; wakingMax: number };
    temporal: { idle: number; parkedMax: number; lastParked: number; wakingMax: number };
    postgres: { idle: number; parkedMax: number; wakingMax: number };
  };
  wake: {
    complete: boolean;
    finished: number;
    /** Wake-up due → last run finished. */
    drainMs: number;
    /** First to last finish. */
    finishedPerSecond: number;
    /** The best 10 s window. */
    peakPerSecond: number;
    /** Per run: wake-up due → the wait's step closed (the workflow running again), → run finished. */
    resumed: Distribution;
    finishedLate: Distribution;
    missingMessages: number;
  };
  cpu: { park: CpuShares; idle: CpuShares; wake: CpuShares };
  duplicateEmails: number;
  /** Output lines mentioning "warn" or "error", per service, by kind (absent in results saved before). */
  warnings?: Record<string, number>;
  warningKinds?: Record<string, Record<string, number>>;
}

export const PARKED_WAIT_NODE = 'bench-parked-wait';

/** customer.updated → coupon → wait.until a time of day → welcome email → exit. */
export function couponWaitUntilEmail(timeOfDay: string): JourneyDefinitionInput {
  return couponWaitThenEmail({ id: PARKED_WAIT_NODE, type: 'wait.until', data: { timeOfDay } }, 'PARK');
}

/** A process's proportional set size: its own pages plus its share of those it shares. */
function proportionalBytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // the backend has ended
  }
}

/** The postmaster and every backend: their memory summed, shared buffers counted once (PSS). */
function postgresRss(root: number | undefined): number {
  if (!root) return 0;
  const pids = [root, ...childrenOf(root).map((c) => c.pid)];
  return pids.reduce((sum, pid) => sum + proportionalBytes(pid), 0);
}

/** The worker's V8 heap limit from its command line, when set (`--max-old-space-size`). */
function heapLimit(): number | null {
  const match = /--max-old-space-size=(\d+)/.exec(
    `${process.env.NODE_OPTIONS ?? ''} ${process.env.BENCH_WORKER_NODE_ARGS ?? ''}`,
  );
  return match ? Number(match[1]) : null;
}

const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

export async function parkedPhase(
  ctx: Context,
  cfg: ParkedConfig,
  machine: MachineInfo,
): Promise<ParkedResults> {
  const { stack, monitor, log } = ctx;
  const started = Date.now();
  const timeZone = environmentSchema.shape.STORE_TIMEZONE.parse(process.env.STORE_TIMEZONE);
  // One wake-up for every run: a whole minute at least budget + 90 s away, in the store's zone
  // (the bench's customers have none of their own).
  const wake = new Date(Math.ceil((started + cfg.budgetSeconds * 1000 + 90_000) / 60_000) * 60_000);
  const local = localParts(wake, timeZone);
  const timeOfDay = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  const journey = await publishJourney(
    stack,
    `Bench: parked until ${timeOfDay}`,
    couponWaitUntilEmail(timeOfDay),
  );
  log(
    `(parked) up to ${cfg.runs} runs into coupon → wait.until ${timeOfDay} ${timeZone} (${wake.toISOString()}) → email`,
  );

  const pgRoot = stack.groups.root('postgres');
  const timeline: ParkedSample[] = [];
  let parked = 0;
  let finished = 0;
  const count = async (): Promise<void> => {
    // The wait node's id is this journey's alone, so its steps are counted without a join.
    const result = await stack.db.query<{ parked: string; finished: string }>(
      `SELECT (SELECT count(*) FROM run_steps WHERE node_id = $2) AS parked,
              (SELECT count(*) FROM runs WHERE journey_id = $1 AND status <> 'running') AS finished`,
      [journey, PARKED_WAIT_NODE],
    );
    parked = Number(result.rows[0].parked);
    finished = Number(result.rows[0].finished);
  };

  await sleep(5_000); // a quiet baseline of memory first
  const idle = monitor.now();
  const idlePg = postgresRss(pgRoot);
  const sampleNow = (): ParkedSample => {
    const s = monitor.now();
    return {
      t: (s.at - sendStart) / 1000,
      parked,
      finished,
      workerRss: s.rssBytes.worker ?? 0,
      temporalRss: s.rssBytes.temporal ?? 0,
      postgresRss: postgresRss(pgRoot),
    };
  };

  const sendStart = Date.now();
  const parkStart = monitor.now();
  const stopSendingAt = sendStart + cfg.budgetSeconds * 1000;
  let accepted = 0;
  let next = 0;
  let sending = true;
  const sent: Sent[] = [];
  let nextShopifyId = 8_000_000_000;
  const sampler = (async () => {
    let lastSample = 0;
    let lastLog = Date.now();
    while (sending || parked < accepted) {
      if (ctx.signal.aborted) return;
      await count();
      if (Date.now() - lastSample >= 10_000) {
        lastSample = Date.now();
        timeline.push(sampleNow());
      }
      if (Date.now() - lastLog >= 60_000) {
        lastLog = Date.now();
        log(`  … ${accepted} accepted, ${parked} parked`);
      }
      if (!sending && Date.now() > wake.getTime() - 10_000) return;
      await sleep(1_000);
    }
  })();
  const lane = async (): Promise<void> => {
    while (next < cfg.runs && Date.now() < stopSendingAt) {
      if (ctx.signal.aborted) throw new DevstackError('Interrupted: nothing was written to the report.');
      if (accepted - parked >= cfg.backlog) {
        await sleep(50);
        continue;
      }
      next++;
      const result = await ctx.sender.deliver(
        customerUpdate(nextShopifyId++, 'bench-parked-', stack.shopifySecret),
      );
      sent.push(result);
      if (result.status === 200) accepted++;
    }
  };
  try {
    await Promise.all(Array.from({ length: cfg.concurrency }, lane));
  } finally {
    sending = false;
    await sampler;
  }
  await count();
  const allParked = monitor.now();
  timeline.push(sampleNow());
  const stoppedBecause =
    accepted < cfg.runs
      ? `the park budget of ${Math.round(cfg.budgetSeconds / 60)} min (BENCH_PARKED_BUDGET_S) was spent`
      : undefined;
  log(`  ${parked} of ${accepted} runs parked in ${((allParked.at - sendStart) / 1000).toFixed(0)} s`);

  // Waiting: memory every 10 s until the wake-up.
  while (Date.now() < wake.getTime()) {
    if (ctx.signal.aborted) throw new DevstackError('Interrupted: nothing was written to the report.');
    await sleep(Math.min(10_000, wake.getTime() - Date.now()));
    if (Date.now() < wake.getTime() - 1_000) timeline.push(sampleNow());
  }
  const wakeStart = monitor.now();
  log(`  waking ${parked} runs at ${wake.toISOString()} …`);
  const deadline = wake.getTime() + cfg.wakeTimeoutSeconds * 1000;
  let complete = false;
  let lastSample = 0;
  for (;;) {
    if (ctx.signal.aborted) throw new DevstackError('Interrupted: nothing was written to the report.');
    await count();
    if (Date.now() - lastSample >= 10_000) {
      lastSample = Date.now();
      timeline.push(sampleNow());
    }
    if (finished >= accepted) {
      complete = true;
      break;
    }
    if (Date.now() > deadline) {
      log(`  … gave up waiting: ${finished} of ${accepted} finished`);
      break;
    }
    await sleep(1_000);
  }
  const wakeEnd = monitor.now();
  timeline.push(sampleNow());

  const rows = await stack.db.query<{
    email: string;
    wake: number | null;
    resumed: number | null;
    finished: number | null;
    entered: number | null;
  }>(
    `SELECT c.email, ${epoch('w.wake_at')} AS wake, ${epoch('w.finished_at')} AS resumed,
            ${epoch('r.finished_at')} AS finished, ${epoch('w.entered_at')} AS entered
       FROM runs r
       JOIN customers c ON c.id = r.customer_id
       LEFT JOIN run_steps w ON w.run_id = r.id AND w.node_id = $2 AND w.visit = 1
      WHERE r.journey_id = $1`,
    [journey, PARKED_WAIT_NODE],
  );
  const runs = rows.rows;
  const wakeTimes = new Set(runs.flatMap((r) => (r.wake === null ? [] : [r.wake])));
  const finishes = runs.flatMap((r) => (r.finished === null ? [] : [r.finished]));
  const late = (pick: (r: (typeof runs)[number]) => number | null) =>
    distribution(
      runs.flatMap((r) => {
        const at = pick(r);
        return at === null || r.wake === null ? [] : [at - r.wake];
      }),
    );
  const worker = (from: number, to: number) => monitor.rss('worker', from, to);
  const temporal = (from: number, to: number) => monitor.rss('temporal', from, to);
  const inWindow = (from: number, to: number) =>
    timeline.filter((s) => s.t * 1000 + sendStart >= from && s.t * 1000 + sendStart <= to);
  const maxOf = (samples: ParkedSample[], key: keyof ParkedSample) =>
    Math.max(0, ...samples.map((s) => s[key]));
  const waitingSamples = inWindow(allParked.at, wakeStart.at);
  const wakingSamples = inWindow(wakeStart.at, wakeEnd.at);
  return {
    machine,
    config: cfg,
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    worker: {
      maxCachedWorkflows: environmentSchema.shape.WORKER_MAX_CACHED_WORKFLOWS.parse(
        process.env.WORKER_MAX_CACHED_WORKFLOWS,
      ),
      heapLimitMiB: heapLimit(),
    },
    storeTimeZone: timeZone,
    accepted,
    parked,
    stoppedBecause,
    parkMs: allParked.at - sendStart,
    parkedPerSecond: ratePerSecond(runs.flatMap((r) => (r.entered === null ? [] : [r.entered]))),
    wakeAt: wake.toISOString(),
    distinctWakeTimes: wakeTimes.size,
    timeline,
    rss: {
      worker: {
        idle: idle.rssBytes.worker ?? 0,
        parkedMedian: worker(allParked.at, wakeStart.at).median,
        parkedMax: worker(parkStart.at, wakeStart.at).max,
        lastParked: allParked.rssBytes.worker ?? 0,
        wakingMax: worker(wakeStart.at, wakeEnd.at).max,
      },
      temporal: {
        idle: idle.rssBytes.temporal ?? 0,
        parkedMax: temporal(parkStart.at, wakeStart.at).max,
        lastParked: allParked.rssBytes.temporal ?? 0,
        wakingMax: temporal(wakeStart.at, wakeEnd.at).max,
      },
      postgres: {
        idle: idlePg,
        parkedMax: Math.max(
          maxOf(waitingSamples, 'postgresRss'),
          maxOf(inWindow(sendStart, allParked.at), 'postgresRss'),
        ),
        wakingMax: maxOf(wakingSamples, 'postgresRss'),
      },
    },
    wake: {
      complete,
      finished: finishes.length,
      drainMs: (finishes.length > 0 ? Math.max(...finishes) : wakeEnd.at) - wake.getTime(),
      finishedPerSecond: ratePerSecond(finishes),
      peakPerSecond: peakRate(finishes, 10_000),
      resumed: late((r) => r.resumed),
      finishedLate: late((r) => r.finished),
      missingMessages: runs.filter((r) => !stack.arrivals.firstAt.has(r.email)).length,
    },
    cpu: {
      park: monitor.shares(parkStart, allParked),
      idle: monitor.shares(allParked, wakeStart),
      wake: monitor.shares(wakeStart, wakeEnd),
    },
    duplicateEmails: stack.arrivals.duplicates,
    warnings: { ...stack.warnings },
    warningKinds: structuredClone(stack.warningKinds),
  };
}

/** The most events in any window of `windowMs`, per second. */
function peakRate(timestamps: readonly number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to] - sorted[from] > windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best / (windowMs / 1000);
}
