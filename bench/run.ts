/**
 * `npm run bench`: the editor and engine benchmarks. Starts its own PostgreSQL, Temporal dev server, SendGrid
 * stub, API and worker (see stack.ts), runs the phases (phases.ts), prints the figures and writes
 * docs/benchmarks.md (report.ts). Everything it started is stopped, and its temporary folder
 * removed, whether the phases succeed, fail or are interrupted (Ctrl-C).
 *
 * Knobs (environment): BENCH_BURST_RUNS (2000), BENCH_BURST_REPS (2), BENCH_CONCURRENCY (32),
 * BENCH_STEADY_RUNS (2000), BENCH_STEADY_RATE (50), BENCH_WAITING_RUNS (20000),
 * BENCH_WAIT_DELAY (chosen from the measured rate when unset, e.g. "8m"), BENCH_PARK_BUDGET_S
 * (480: longest time to spend parking runs; phase b is scaled down to fit),
 * BENCH_DOC (docs/benchmarks.md; "none" to only print), BENCH_VERBOSE=1 (show the services' output),
 * BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS (extra node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_TEMPORAL_ADDRESS (use that Temporal server instead of starting a dev server; BENCH_TEMPORAL_PID
 * to count its CPU), BENCH_REPORT_FROM=bench/dist/results.json (only rewrite the report from saved results),
 * BENCH_BASELINE=<a saved results.json> (the engine's figures to compare with: "before and after" in the report;
 * BENCH_BASELINE_NOTE, a sentence on what else differed between the two runs),
 * WORKER_MAX_CACHED_WORKFLOWS (passed to the worker like every variable; the report reads it too).
 * The editor phase (editor.ts, in Chromium against the built editor): BENCH_EDITOR_STEPS (300),
 * BENCH_EDITOR_RUNS (7 opens of each journey, after one unmeasured), BENCH_EDITOR_PAN_S (3),
 * BENCH_CHROMIUM (/usr/bin/chromium), BENCH_EDITOR_DIST (apps/editor/dist: the build to serve).
 * The ingestion phase (ingest.ts): BENCH_INGEST_BATCHES (30 requests of 1,000 events per repetition),
 * BENCH_INGEST_CONNECTIONS (32, autocannon's), BENCH_INGEST_SECONDS (15 per repetition),
 * BENCH_INGEST_REPS (3), BENCH_SEGMENT_CUSTOMERS (1000000; 0 skips the segment counts),
 * BENCH_SEGMENT_TIMINGS (7 reads of each preset). PostgreSQL runs with pg_stat_statements (statements per single request).
 * The import phase (import.ts): BENCH_IMPORT_CUSTOMERS (100000), BENCH_IMPORT_ORDERS (300000),
 * BENCH_IMPORT_SMALL_DIVISOR (10: a first import of a tenth of the store, for memory against file size);
 * the worker's STORE_IMPORT_BATCH_SIZE applies.
 * The segments phase (segments.ts): BENCH_SEGMENT_ENTRIES (300 orders that each make a big spender),
 * BENCH_SEGMENT_ENTRY_RATE (10/s), BENCH_SEGMENT_SWEEP_CUSTOMERS (1000000; 0 skips the sweep).
 *
 * The floor phase (floor.ts: a bare workflow of the same command shape beside the engine's one-message
 * runs): BENCH_FLOOR_RUNS (1000 runs per burst), BENCH_FLOOR_REPS (3 bursts of each, alternating),
 * BENCH_FLOOR_NODE_ARGS (extra node flags for the floor's worker), BENCH_FLOOR_PACED (1: a third burst per
 * rep, the floor with its send on a paced queue of its own as the engine's; 0 leaves it out);
 * PostgreSQL runs with pg_stat_statements.
 *
 * The results phase (results.ts, not among the defaults): BENCH_RESULTS_RUNS (1000000 runs of one journey),
 * BENCH_RESULTS_REQUESTS (30 reads of each range); the worker's rollup loop is off while it runs.
 *
 * The parked phase (parked.ts: runs parked in one wait that ends for all at the same minute, then woken
 * together; the worker's memory over time, the wake-up's throughput and lateness): BENCH_PARKED_RUNS
 * (100000), BENCH_PARKED_BUDGET_S (1200: longest time to spend parking; fewer runs when it is spent),
 * BENCH_PARKED_WAKE_TIMEOUT_S (1800). Not in the default list: run it with BENCH_PHASES=parked.
 *
 * BENCH_PHASES ("editor,ingest,import,segments,a,b,floor") picks phases; `BENCH_PHASES=editor npm run bench` runs the editor's
 * alone. A run rewrites only its phases' parts of docs/benchmarks.md; the other parts keep their
 * text, so running one phase never erases another's figures. Its results are merged into
 * bench/dist/results.json (a part not run keeps what was saved there), which BENCH_REPORT_FROM
 * rewrites every part from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { format, resolveConfig } from 'prettier';
import * as path from 'node:path';
import {
  describeFailure,
  exitWhenDone,
  onStopSignal,
  prefixedLog,
  repoRoot,
  signalExitCode,
  type StopSignal,
  stopwatch,
} from '@waypoint/devstack';
import { ShopifyAdminStub } from '@waypoint/testing';
import { type FloorConfig, floorPhase, type FloorResults } from './floor';
import { type ParkedConfig, parkedPhase, type ParkedResults } from './parked';
import { importPhase, type ImportConfig, type ImportResults } from './import';
import { archiveJourney, couponWaitEmail, oneMessage, publishJourney } from './journeys';
import { WebhookSender } from './load';
import { machineInfo, type MachineInfo } from './machine';
import { Monitor } from './monitor';
import { residentBytes } from './proc';
import {
  burst,
  type BurstResult,
  type Context,
  steady,
  type SteadyResult,
  waiting,
  type WaitingResult,
  warmUp,
} from './phases';
import { historyOfOneRun, type RunHistory, timeSplit, type TimeSplit } from './history';
import { editorPhase, type EditorResults } from './editor';
import { type IngestConfig, ingestPhase, type IngestResults } from './ingest';
import { type SegmentsConfig, segmentsPhase, type SegmentsResults } from './segments';
import { type ResultsConfig, resultsPhase, type ResultsResults } from './results';
import { writeReport } from './report';
import { type Stack, startStack } from './stack';
import { environmentSchema } from '@waypoint/config';
import { median } from './stats';

const log = prefixedLog('bench');

export interface BenchConfig {
  burstRuns: number;
  burstReps: number;
  concurrency: number;
  steadyRuns: number;
  steadyRate: number;
  waitingRuns: number;
  waitDelay: string | undefined;
  parkBudgetSeconds: number;
  phases: string[];
  doc: string;
  editorSteps: number;
  editorRuns: number;
  editorPanSeconds: number;
  ingest: IngestConfig;
  import: ImportConfig;
  floor: FloorConfig;
  segments: SegmentsConfig;
  results: ResultsConfig;
  parked: ParkedConfig;
}

/** The editor phase's figures with the machine they were taken on (a run of its own, maybe). */
export interface EditorRun extends EditorResults {
  machine: MachineInfo;
}

/** What bench/dist/results.json keeps: each part from the last run that measured it. */
export interface SavedResults {
  engine?: BenchResults;
  editor?: EditorRun;
  ingest?: IngestResults;
  import?: ImportResults;
  floor?: FloorResults;
  segments?: SegmentsResults;
  results?: ResultsResults;
  parked?: ParkedResults;
}

const ENGINE_PHASES = ['a', 'b'];
const SHOPIFY_TOKEN = 'shpat_bench_import';

export interface BenchResults {
  config: BenchConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  bursts: BurstResult[];
  /** At about half of what the stack finishes per second: the path's latency without queueing. */
  steadyLow?: SteadyResult;
  steady?: SteadyResult;
  /** Worker RSS right after start-up, before any run. */
  workerRssIdle: number;
  waiting?: WaitingResult;
  /** Why phase b ran with fewer runs than asked, if it did. */
  waitingScaledBecause?: string;
  history?: RunHistory;
  warnings: Record<string, number>;
  warningKinds: Record<string, Record<string, number>>;
  /** Median time of a one-row autocommitted INSERT on the idle stack: what a durable commit (WAL fsync) costs here. */
  commitMs: number;
  /** Where the time of a sample of runs from the below-capacity phase went, from their Temporal histories. */
  timeSplit?: TimeSplit;
  webhookRetries: number;
  duplicateEmails: number;
  /** The worker's `maxCachedWorkflows` (absent in results saved before the worker set it). */
  workerCache?: number;
  /** An earlier run's figures (BENCH_BASELINE), for the report's before-and-after table. */
  before?: BenchResults;
  /** What else differed between that run and this one (BENCH_BASELINE_NOTE). */
  beforeNote?: string;
}

/** The report as the repository's Prettier settings write it, so `npm run lint` accepts it as generated. */
async function formatted(file: string, text: string): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(text, { ...options, filepath: file });
}

async function commitLatency(stack: Stack): Promise<number> {
  await stack.db.query(`CREATE TABLE bench_commit_probe (id serial PRIMARY KEY)`);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    await stack.db.query(`INSERT INTO bench_commit_probe DEFAULT VALUES`);
    times.push(performance.now() - start);
  }
  await stack.db.query(`DROP TABLE bench_commit_probe`);
  return median(times);
}

function config(): BenchConfig {
  const int = (name: string, fallback: number): number => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
    return value;
  };
  return {
    burstRuns: int('BENCH_BURST_RUNS', 2000),
    burstReps: Math.max(1, int('BENCH_BURST_REPS', 2)),
    concurrency: Math.max(1, int('BENCH_CONCURRENCY', 32)),
    steadyRuns: int('BENCH_STEADY_RUNS', 2000),
    steadyRate: Math.max(1, int('BENCH_STEADY_RATE', 50)),
    waitingRuns: int('BENCH_WAITING_RUNS', 20000),
    waitDelay: process.env.BENCH_WAIT_DELAY || undefined,
    parkBudgetSeconds: int('BENCH_PARK_BUDGET_S', 480),
    phases: (process.env.BENCH_PHASES ?? 'editor,ingest,import,segments,a,b,floor')
      .split(',')
      .map((p) => p.trim()),
    doc: process.env.BENCH_DOC ?? 'docs/benchmarks.md',
    editorSteps: Math.max(3, int('BENCH_EDITOR_STEPS', 300)),
    editorRuns: Math.max(1, int('BENCH_EDITOR_RUNS', 7)),
    editorPanSeconds: Math.max(1, int('BENCH_EDITOR_PAN_S', 3)),
    ingest: {
      batches: Math.max(1, int('BENCH_INGEST_BATCHES', 30)),
      batchSize: 1000,
      batchConcurrency: 2,
      singleConnections: Math.max(1, int('BENCH_INGEST_CONNECTIONS', 32)),
      singleSeconds: Math.max(1, int('BENCH_INGEST_SECONDS', 15)),
      reps: Math.max(1, int('BENCH_INGEST_REPS', 3)),
      segmentCustomers: int('BENCH_SEGMENT_CUSTOMERS', 1_000_000),
      segmentTimings: Math.max(1, int('BENCH_SEGMENT_TIMINGS', 7)),
    },
    import: {
      customers: Math.max(1, int('BENCH_IMPORT_CUSTOMERS', 100_000)),
      orders: Math.max(1, int('BENCH_IMPORT_ORDERS', 300_000)),
      smallDivisor: Math.max(1, int('BENCH_IMPORT_SMALL_DIVISOR', 10)),
      batchSize: environmentSchema.shape.STORE_IMPORT_BATCH_SIZE.parse(process.env.STORE_IMPORT_BATCH_SIZE),
    },
    floor: {
      runs: Math.max(100, int('BENCH_FLOOR_RUNS', 1000)),
      reps: Math.max(1, int('BENCH_FLOOR_REPS', 3)),
      paced: int('BENCH_FLOOR_PACED', 1) !== 0,
      concurrency: Math.max(1, int('BENCH_CONCURRENCY', 32)),
    },
    segments: {
      entries: Math.max(1, int('BENCH_SEGMENT_ENTRIES', 300)),
      entryRate: Math.max(1, int('BENCH_SEGMENT_ENTRY_RATE', 10)),
      sweepCustomers: int('BENCH_SEGMENT_SWEEP_CUSTOMERS', 1_000_000),
    },
    results: {
      runs: Math.max(1000, int('BENCH_RESULTS_RUNS', 1_000_000)),
      requests: Math.max(1, int('BENCH_RESULTS_REQUESTS', 30)),
    },
    parked: {
      runs: Math.max(1, int('BENCH_PARKED_RUNS', 100_000)),
      budgetSeconds: Math.max(10, int('BENCH_PARKED_BUDGET_S', 1200)),
      backlog: 400,
      concurrency: 8,
      wakeTimeoutSeconds: Math.max(60, int('BENCH_PARKED_WAKE_TIMEOUT_S', 1800)),
    },
  };
}

/** A saved results file; one written before the editor phase existed holds the engine's results alone. */
function readSaved(file: string): SavedResults {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SavedResults | BenchResults;
  return 'config' in parsed ? { engine: parsed } : parsed;
}

/** The saved results with BENCH_BASELINE's engine figures attached as `before`, when it is set. */
function withBaseline(saved: SavedResults): SavedResults {
  const file = process.env.BENCH_BASELINE;
  if (!file || !saved.engine) return saved;
  const before = readSaved(path.resolve(file)).engine;
  if (!before) throw new Error(`BENCH_BASELINE: ${file} holds no engine results`);
  const beforeNote = process.env.BENCH_BASELINE_NOTE || saved.engine.beforeNote;
  return { ...saved, engine: { ...saved.engine, before: { ...before, before: undefined }, beforeNote } };
}

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Whole minutes, so the journey's duration reads like one a marketer would draw. */
function parseMinutes(delay: string): number {
  const match = /^(\d+)m$/.exec(delay);
  if (!match) throw new Error(`BENCH_WAIT_DELAY must be whole minutes, e.g. "8m" (got "${delay}")`);
  return Number(match[1]);
}

async function main(): Promise<number> {
  const cfg = config();
  const unknown = cfg.phases.filter(
    (p) =>
      !['editor', 'ingest', 'import', 'segments', 'floor', 'results', 'parked'].includes(p) &&
      !ENGINE_PHASES.includes(p),
  );
  if (unknown.length > 0)
    throw new Error(
      `BENCH_PHASES: unknown phase ${unknown.join(', ')} (editor, ingest, import, segments, floor, results, parked, a, b)`,
    );
  const from = process.env.BENCH_REPORT_FROM;
  if (from) {
    // Only rewrite the report from a saved results file (after editing report.ts).
    const doc = path.resolve(repoRoot(), cfg.doc === 'none' ? 'docs/benchmarks.md' : cfg.doc);
    const report = await formatted(doc, writeReport(withBaseline(readSaved(from)), readText(doc)));
    if (cfg.doc === 'none') {
      process.stdout.write(report);
    } else {
      writeFileSync(doc, report);
      log(`report: ${doc} (from ${from})`);
    }
    return 0;
  }
  const clock = stopwatch();
  const started = Date.now();
  const aborter = new AbortController();
  let interrupted: StopSignal | undefined;
  const removeSignalHandlers = onStopSignal((signal) => {
    log(`${signal}: stopping the phase and cleaning up …`);
    interrupted = signal;
    aborter.abort();
  });
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cpus} cores, ${machine.memory}; Node ${machine.node}`);

  // The import phase reads its JSONL from a local Shopify stub the worker is pointed at.
  const shopify = cfg.phases.includes('import')
    ? new ShopifyAdminStub({ accessToken: SHOPIFY_TOKEN })
    : undefined;
  await shopify?.start();
  const stack = await startStack(
    log,
    {
      ...(shopify
        ? {
            SHOPIFY_API_URL: shopify.url,
            SHOPIFY_SHOP: 'bench-store.myshopify.com',
            SHOPIFY_ADMIN_TOKEN: SHOPIFY_TOKEN,
            STORE_IMPORT_POLL_INTERVAL_MS: '200',
          }
        : {}),
      // The results phase times the rollup itself: the worker's loop would count beside it.
      ...(cfg.phases.includes('results') ? { RESULTS_ROLLUP_INTERVAL_MS: '0' } : {}),
    },
    // The floor phase counts the stack's statements per run, the ingest phase per single request.
    cfg.phases.includes('floor') || cfg.phases.includes('ingest')
      ? ['shared_preload_libraries=pg_stat_statements']
      : [],
  ).catch(async (error: unknown) => {
    await shopify?.stop();
    throw error;
  });
  const monitor = new Monitor(stack.groups, stack.db, availableParallelism());
  const sender = new WebhookSender(stack.apiUrl, cfg.concurrency);
  const ctx: Context = { stack, monitor, sender, signal: aborter.signal, log };
  const results: BenchResults = {
    config: cfg,
    machine: {
      ...machine,
      temporal: process.env.BENCH_TEMPORAL_ADDRESS
        ? `the server at ${stack.temporalAddress} (BENCH_TEMPORAL_ADDRESS); CLI \`${stack.temporalVersion}\``
        : `CLI dev server in memory (1 history shard, SQLite), \`${stack.temporalVersion}\``,
    },
    startedAt: new Date(started).toISOString(),
    wallSeconds: 0,
    bursts: [],
    warnings: stack.warnings,
    warningKinds: stack.warningKinds,
    commitMs: await commitLatency(stack),
    workerRssIdle: residentBytes(stack.workerPid) ?? 0,
    webhookRetries: 0,
    duplicateEmails: 0,
    workerCache: environmentSchema.shape.WORKER_MAX_CACHED_WORKFLOWS.parse(
      process.env.WORKER_MAX_CACHED_WORKFLOWS,
    ),
  };
  monitor.start();
  try {
    let editor: EditorRun | undefined;
    if (cfg.phases.includes('editor')) {
      const figures = await editorPhase(
        stack,
        monitor,
        { steps: cfg.editorSteps, runs: cfg.editorRuns, panSeconds: cfg.editorPanSeconds },
        log,
      );
      editor = { ...figures, machine: results.machine };
    }

    if (cfg.phases.includes('a')) {
      const journey = await publishJourney(stack, 'Bench: one message', oneMessage());
      log('(a) warm-up: 100 runs');
      await warmUp(ctx, journey, 100);
      for (let rep = 1; rep <= cfg.burstReps && cfg.burstRuns > 0; rep++) {
        log(`(a) burst ${rep}/${cfg.burstReps}: ${cfg.burstRuns} deliveries, ${cfg.concurrency} in flight`);
        const result = await burst(ctx, journey, rep, cfg.burstRuns, cfg.concurrency, 15 * 60_000);
        results.bursts.push(result);
        log(
          `  runs started ${result.runsStartedPerSecond.toFixed(1)}/s, finished ${result.runsFinishedPerSecond.toFixed(1)}/s, ` +
            `all ${result.outcomes.accepted} emails in ${(result.totalMs / 1000).toFixed(1)} s`,
        );
      }
      const capacity = median(results.bursts.map((b) => b.runsFinishedPerSecond));
      const lowRate = Math.max(1, Math.floor(capacity / 2));
      if (cfg.steadyRuns > 0 && capacity > 0 && lowRate < cfg.steadyRate) {
        const n = Math.min(cfg.steadyRuns, lowRate * 60);
        log(
          `(a) steady below capacity: ${n} deliveries at ${lowRate}/s (about half the ${capacity.toFixed(1)}/s finished in the bursts)`,
        );
        results.steadyLow = await steady(ctx, journey, 'low', n, lowRate, 10 * 60_000);
        const l = results.steadyLow.latency;
        log(`  webhook → email p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`);
        const sample = await stack.db.query<{ workflow_id: string }>(
          `SELECT r.workflow_id FROM runs r JOIN customers c ON c.id = r.customer_id
            WHERE c.email LIKE 'bench-low-%' AND r.status = 'completed' ORDER BY random() LIMIT 20`,
        );
        results.timeSplit = await timeSplit(
          stack,
          sample.rows.map((row) => row.workflow_id),
        );
      }
      if (cfg.steadyRuns > 0) {
        log(`(a) steady: ${cfg.steadyRuns} deliveries at ${cfg.steadyRate}/s`);
        results.steady = await steady(ctx, journey, 'steady', cfg.steadyRuns, cfg.steadyRate, 20 * 60_000);
        const l = results.steady.latency;
        log(`  webhook → email p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`);
      }
      results.history = await historyOfOneRun(stack, journey);
      await archiveJourney(stack, journey);
    }

    if (cfg.phases.includes('b') && cfg.waitingRuns > 0) {
      let runs = cfg.waitingRuns;
      let delayMinutes: number;
      if (cfg.waitDelay) {
        delayMinutes = parseMinutes(cfg.waitDelay);
      } else {
        // Parking a run is its first workflow task (local activities, then the timer), part of what
        // a whole run costs, so it goes somewhat faster than whole runs finish; the wait must outlast
        // the parking.
        const finished = median(results.bursts.map((b) => b.runsFinishedPerSecond));
        const estimate = Math.max(5, (finished || 20) * 1.3);
        if (runs / estimate > cfg.parkBudgetSeconds) {
          const scaled = Math.max(1000, Math.floor((estimate * cfg.parkBudgetSeconds) / 1000) * 1000);
          results.waitingScaledBecause =
            `at the ~${estimate.toFixed(0)} runs/s this machine was estimated to park, ${runs.toLocaleString('en-US')} ` +
            `runs would take ~${Math.round(runs / estimate / 60)} min to park, more than the ` +
            `${Math.round(cfg.parkBudgetSeconds / 60)} min budget (BENCH_PARK_BUDGET_S)`;
          log(`(b) scaled down to ${scaled} runs: ${results.waitingScaledBecause}`);
          runs = scaled;
        }
        delayMinutes = Math.max(2, Math.ceil(((runs / estimate) * 1.25 + 60) / 60));
      }
      const delay = `${delayMinutes}m`;
      const journey = await publishJourney(stack, `Bench: wait ${delay}`, couponWaitEmail(delay));
      log(`(b) ${runs} runs into coupon → wait.delay ${delay} → email`);
      results.waiting = await waiting(ctx, journey, runs, delay, delayMinutes * 60_000, 30 * 60_000);
      const w = results.waiting;
      log(
        `  ${w.peakWaiting} waiting at once; worker RSS ${(w.workerRss.waitingMax / 2 ** 20).toFixed(0)} MiB; ` +
          `all woke and finished in ${(w.wakeAndFinishMs / 1000).toFixed(0)} s`,
      );
    }

    const floor = cfg.phases.includes('floor')
      ? await floorPhase(ctx, cfg.floor, results.machine)
      : undefined;

    const parked = cfg.phases.includes('parked')
      ? await parkedPhase(ctx, cfg.parked, results.machine)
      : undefined;

    const imported =
      cfg.phases.includes('import') && shopify
        ? await importPhase(stack, monitor, shopify, cfg.import, results.machine, log)
        : undefined;

    // Last: its million seeded customers would otherwise sit in the tables the engine phases query.
    const ingest = cfg.phases.includes('ingest')
      ? await ingestPhase(stack, monitor, cfg.ingest, results.machine, log)
      : undefined;
    // After ingest: it empties the customers table for its own million.
    const segments = cfg.phases.includes('segments')
      ? await segmentsPhase(stack, monitor, cfg.segments, results.machine, log)
      : undefined;
    // Last: its million runs would sit in the tables every other phase reads.
    const journeyResults = cfg.phases.includes('results')
      ? await resultsPhase(stack, monitor, cfg.results, results.machine, log)
      : undefined;

    results.webhookRetries = sender.retries;
    results.duplicateEmails = stack.arrivals.duplicates;
    results.wallSeconds = (Date.now() - started) / 1000;
    const json = path.join(stack.root, 'bench', 'dist', 'results.json');
    mkdirSync(path.dirname(json), { recursive: true });
    const previous = existsSync(json) ? readSaved(json) : {};
    const measured: SavedResults = withBaseline({
      engine: cfg.phases.some((p) => ENGINE_PHASES.includes(p)) ? results : undefined,
      editor,
      ingest,
      import: imported,
      floor,
      segments,
      results: journeyResults,
      parked,
    });
    const saved: SavedResults = {
      engine: measured.engine ?? previous.engine,
      editor: editor ?? previous.editor,
      ingest: ingest ?? previous.ingest,
      import: imported ?? previous.import,
      floor: floor ?? previous.floor,
      segments: segments ?? previous.segments,
      results: journeyResults ?? previous.results,
      parked: parked ?? previous.parked,
    };
    writeFileSync(json, `${JSON.stringify(saved, null, 2)}\n`);
    log(`raw results: ${json}`);
    if (cfg.doc !== 'none') {
      const doc = path.resolve(stack.root, cfg.doc);
      // Only this run's parts are rewritten; the others keep the document's text. (The saved file
      // may hold a trial run of another phase, with other knobs, that was never meant for the report.)
      writeFileSync(doc, await formatted(doc, writeReport(measured, readText(doc))));
      log(`report: ${doc}`);
    }
    return 0;
  } catch (error) {
    console.error(`\n${describeFailure(error)}\n`);
    return interrupted ? signalExitCode(interrupted) : 1;
  } finally {
    monitor.stop();
    sender.close();
    await stack.stop();
    await shopify?.stop();
    removeSignalHandlers();
    log(`done in ${clock()}`);
  }
}

main().then(
  (code) => exitWhenDone(code),
  (error: unknown) => {
    console.error(`\n${describeFailure(error)}\n`);
    exitWhenDone(1);
  },
);
