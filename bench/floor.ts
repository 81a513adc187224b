/**
 * The floor phase (`BENCH_PHASES=floor`): in one run, on one Temporal server, bursts of a bare
 * workflow with a one-message run's command shape (bench/floor-workflow.ts, on its own task queue,
 * polled by bench/floor-worker.ts) alternating with bursts of the real engine's one-message journey
 * runs (webhook → API → router → journey workflow, as phase a). Each burst's completed runs per second
 * and CPU per run of every process are set side by side, so the engine is reported as a ratio to
 * what Temporal and the SDK alone cost on the same machine at the same moment. For the engine's
 * bursts PostgreSQL's statements are counted too (pg_stat_statements), and one run of each kind
 * has its history read (events, tasks, activities).
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { DevstackError, sleep, spawnService } from '@waypoint/devstack';
import { historyOf, historyOfOneRun, type RunHistory } from './history';
import { oneMessage, publishJourney } from './journeys';
import type { MachineInfo } from './machine';
import { burst, type Context, warmUp } from './phases';
import type { CpuShares } from './proc';
import { addStatements, databaseTotals, type StatementSums } from './pg-statements';
import { ratePerSecond } from './stats';

export interface FloorConfig {
  runs: number;
  reps: number;
  concurrency: number;
  /**
   * Also run the paced floor: the bare workflow with its send on a rate-limited queue of its own at
   * marketing priority, as the engine schedules sends (bench/floor-workflow.ts, pacedSend).
   */
  paced?: boolean;
}

export interface FloorBurst {
  /** `paced`: the floor with the engine's send queue (FloorConfig.paced). */
  kind: 'floor' | 'paced' | 'engine';
  rep: number;
  n: number;
  completed: number;
  runsFinishedPerSecond: number;
  cpu: CpuShares;
  /** CPU milliseconds per completed run, per process group. */
  cpuMsPerRun: Record<string, number>;
}

export interface StatementCount {
  query: string;
  callsPerRun: number;
  rowsPerRun: number;
  msPerRun: number;
}

export interface PostgresPerRun {
  runs: number;
  /** Statements from the API and the worker (the benchmark's own polling left out). */
  statementsPerRun: number;
  transactionsPerRun: number;
  rowsWrittenPerRun: number;
  top: StatementCount[];
}

export interface FloorResults {
  config: FloorConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  bursts: FloorBurst[];
  floorHistory?: RunHistory;
  pacedHistory?: RunHistory;
  /** `alternating`: odd reps run floor, (paced,) engine, even reps the other way round; absent: that order in every rep. */
  order?: 'alternating';
  engineHistory?: RunHistory;
  postgres?: PostgresPerRun;
}

const FLOOR_GROUP = 'floor';
const CUSTOMER_ID = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
const JOURNEY_ID = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);

function perRun(cpu: CpuShares, runs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(cpu.cores))
    out[key] = runs > 0 ? (value * cpu.seconds * 1000) / runs : 0;
  return out;
}

/** The floor worker as a child process of the benchmark, its finished-run times read from its output. */
async function startFloorWorker(ctx: Context, taskQueue: string, sendQueue: string) {
  const finished: number[] = [];
  const lines: string[] = [];
  const root = ctx.stack.root;
  const nodeArgs = (process.env.BENCH_FLOOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const worker = spawnService(
    'floor-worker',
    process.execPath,
    [...nodeArgs, path.join(root, 'bench/dist/floor-worker.js')],
    {
      cwd: root,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: ctx.stack.temporalAddress,
        FLOOR_TASK_QUEUE: taskQueue,
        FLOOR_SEND_QUEUE: sendQueue,
        SENDGRID_API_KEY: ctx.stack.sendgrid.apiKey,
        SENDGRID_API_URL: ctx.stack.sendgrid.url,
      },
      log: (line) => {
        if (line.startsWith('finished ')) {
          for (const t of line.slice('finished '.length).split(' ')) finished.push(Number(t));
          return;
        }
        lines.push(line);
        if (lines.length > 60) lines.shift();
        if (process.env.BENCH_VERBOSE === '1') process.stdout.write(`[floor-worker] ${line}\n`);
      },
    },
  );
  const deadline = Date.now() + 120_000;
  while (!lines.some((l) => l.includes('polling task queue'))) {
    if (worker.hasExited || Date.now() > deadline)
      throw new DevstackError(`The floor worker did not start polling:\n${lines.join('\n')}`);
    await sleep(200);
  }
  ctx.stack.groups.add(FLOOR_GROUP, worker.pid);
  return { worker, finished, lines };
}

export async function floorPhase(
  ctx: Context,
  cfg: FloorConfig,
  machine: MachineInfo,
): Promise<FloorResults> {
  const { stack, monitor, log } = ctx;
  const started = Date.now();
  const taskQueue = `bench-floor-${randomBytes(4).toString('hex')}`;
  const sendQueue = `${taskQueue}-sends-email`;
  const results: FloorResults = {
    config: cfg,
    machine,
    startedAt: new Date(started).toISOString(),
    wallSeconds: 0,
    bursts: [],
    order: 'alternating',
  };
  log(`(floor) starting the floor worker on task queue ${taskQueue} …`);
  const { worker, finished, lines } = await startFloorWorker(ctx, taskQueue, sendQueue);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  try {
    const floorBurst = async (
      label: string,
      n: number,
      paced = false,
    ): Promise<{ times: number[]; sentFrom: number }> => {
      const from = finished.length;
      let next = 0;
      const sentFrom = Date.now();
      const deadline = Date.now() + 10 * 60_000;
      const lane = async (): Promise<void> => {
        while (next < n && !ctx.signal.aborted) {
          const runId = `floor-${label}-${next++}`;
          // The router's call (event-router.service.ts): signal-with-start, the trigger event as the
          // first signal, two keyword search attributes.
          await client.workflow.signalWithStart('floorRun', {
            workflowId: `run-${runId}`,
            taskQueue,
            args: [paced ? { runId, sendQueue } : { runId }],
            signal: 'runEvent',
            signalArgs: [
              {
                id: runId,
                type: 'customer.updated',
                occurredAt: new Date().toISOString(),
                properties: { email: `${runId}@example.com`, acceptsMarketing: true },
              },
            ],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            typedSearchAttributes: [
              { key: CUSTOMER_ID, value: runId },
              { key: JOURNEY_ID, value: 'floor' },
            ],
          });
        }
      };
      await Promise.all(Array.from({ length: cfg.concurrency }, lane));
      while (finished.length - from < n) {
        if (ctx.signal.aborted) throw new DevstackError('Interrupted: nothing was written to the report.');
        if (worker.hasExited || Date.now() > deadline)
          throw new DevstackError(
            `The floor runs did not finish (${finished.length - from} of ${n}):\n${lines.join('\n')}`,
          );
        await sleep(250);
      }
      return { times: finished.slice(from, from + n), sentFrom };
    };

    log('(floor) warm-up: 100 bare runs and 100 journey runs');
    await floorBurst('warm', 100);
    if (cfg.paced) await floorBurst('warm-paced', 100, true);
    const journey = await publishJourney(stack, 'Bench: floor comparison', oneMessage());
    await warmUp(ctx, journey, 100);

    const postgres = { statements: 0, transactions: 0, rowsWritten: 0, runs: 0 };
    const byQuery: StatementSums = new Map();
    const statementsOn = await stack.db
      .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
      .then(() => true)
      .catch(() => false);
    const floorKind = async (rep: number, paced: boolean): Promise<FloorBurst> => {
      const what = paced ? 'bare runs, the send on a paced queue' : 'bare runs';
      log(`(floor) rep ${rep}/${cfg.reps}: ${cfg.runs} ${what} …`);
      const before = monitor.now();
      const { times } = await floorBurst(`${paced ? 'p' : 'b'}${rep}`, cfg.runs, paced);
      const cpu = monitor.shares(before, monitor.now());
      const result: FloorBurst = {
        kind: paced ? 'paced' : 'floor',
        rep,
        n: cfg.runs,
        completed: times.length,
        runsFinishedPerSecond: ratePerSecond(times),
        cpu,
        cpuMsPerRun: perRun(cpu, times.length),
      };
      log(`  ${paced ? 'paced floor' : 'floor'} ${result.runsFinishedPerSecond.toFixed(1)} runs/s`);
      return result;
    };
    const engineKind = async (rep: number): Promise<FloorBurst> => {
      log(`(floor) rep ${rep}/${cfg.reps}: ${cfg.runs} journey runs …`);
      if (statementsOn) await stack.db.query('SELECT pg_stat_statements_reset()');
      const xactBefore = await databaseTotals(stack.db);
      const engine = await burst(ctx, journey, 100 + rep, cfg.runs, cfg.concurrency, 15 * 60_000);
      const xactAfter = await databaseTotals(stack.db);
      postgres.runs += engine.outcomes.completed;
      postgres.transactions += xactAfter.transactions - xactBefore.transactions;
      postgres.rowsWritten += xactAfter.rowsWritten - xactBefore.rowsWritten;
      if (statementsOn) postgres.statements += await addStatements(stack.db, byQuery);
      log(`  engine ${engine.runsFinishedPerSecond.toFixed(1)} runs/s`);
      return {
        kind: 'engine',
        rep,
        n: cfg.runs,
        completed: engine.outcomes.completed,
        runsFinishedPerSecond: engine.runsFinishedPerSecond,
        cpu: engine.cpu,
        cpuMsPerRun: perRun(engine.cpu, engine.outcomes.completed),
      };
    };
    // The dev server's CPU per run grows as its in-memory store fills, so a kind always run last in
    // its rep would meet a fuller store than the others: odd reps run floor, paced, engine, even reps
    // the other way round.
    for (let rep = 1; rep <= cfg.reps; rep++) {
      const kinds: Array<() => Promise<FloorBurst>> = [
        () => floorKind(rep, false),
        ...(cfg.paced ? [() => floorKind(rep, true)] : []),
        () => engineKind(rep),
      ];
      if (rep % 2 === 0) kinds.reverse();
      for (const kind of kinds) results.bursts.push(await kind());
      const ofRep = results.bursts.filter((b) => b.rep === rep);
      const floor = ofRep.find((b) => b.kind === 'floor');
      const engine = ofRep.find((b) => b.kind === 'engine');
      if (floor && engine)
        log(
          `  rep ${rep}: engine ${(engine.runsFinishedPerSecond / floor.runsFinishedPerSecond).toFixed(2)} of the floor`,
        );
    }
    if (postgres.runs > 0) {
      results.postgres = {
        runs: postgres.runs,
        statementsPerRun: postgres.statements / postgres.runs,
        transactionsPerRun: postgres.transactions / postgres.runs,
        rowsWrittenPerRun: postgres.rowsWritten / postgres.runs,
        top: [...byQuery.entries()]
          .map(([, s]) => ({
            query: s.query,
            callsPerRun: s.calls / postgres.runs,
            rowsPerRun: s.rows / postgres.runs,
            msPerRun: s.ms / postgres.runs,
          }))
          .sort((a, b) => b.callsPerRun - a.callsPerRun || b.msPerRun - a.msPerRun),
      };
    }
    results.floorHistory = await historyOf(stack, `run-floor-b${cfg.reps}-${cfg.runs - 1}`);
    if (cfg.paced) results.pacedHistory = await historyOf(stack, `run-floor-p${cfg.reps}-${cfg.runs - 1}`);
    results.engineHistory = await historyOfOneRun(stack, journey);
  } finally {
    await connection.close();
    await worker.stop(10_000);
  }
  results.wallSeconds = (Date.now() - started) / 1000;
  return results;
}
