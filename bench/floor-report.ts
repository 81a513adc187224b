/**
 * The floor's part of docs/benchmarks.md: the engine's one-message runs against a bare workflow of
 * the same command shape, measured in the same run on the same Temporal server (floor.ts), as
 * ratios: completed runs per second and CPU per run of each process.
 */
import type { FloorBurst, FloorResults } from './floor';
import { cores, median, perSecond } from './stats';

const AIM_RATE = 0.85;
const AIM_WORKER_CPU = 1.2;

const GROUPS: Array<[string, string]> = [
  ['temporal', 'Temporal dev server'],
  ['worker', 'worker'],
  ['postgres', 'PostgreSQL'],
  ['api', 'API'],
];

const cpuMs = (value: number): string => `${value.toFixed(1)} ms`;
const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const range = (values: number[]): string =>
  values.length > 0 ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '–';

/** The worker group: the journey worker for the engine's bursts, the floor's own for the floors' (bare and paced). */
function workerMs(b: FloorBurst): number {
  return b.cpuMsPerRun[b.kind === 'engine' ? 'worker' : 'floor'] ?? 0;
}

function groupMs(b: FloorBurst, key: string): number {
  return key === 'worker' ? workerMs(b) : (b.cpuMsPerRun[key] ?? 0);
}

function ourMs(b: FloorBurst): number {
  return GROUPS.reduce((sum, [key]) => sum + groupMs(b, key), 0);
}

export function floorReport(r: FloorResults): string[] {
  const floor = r.bursts.filter((b) => b.kind === 'floor');
  const engine = r.bursts.filter((b) => b.kind === 'engine');
  const rateRatios = engine.map((e, i) => e.runsFinishedPerSecond / (floor[i]?.runsFinishedPerSecond ?? NaN));
  const workerRatios = engine.map((e, i) => workerMs(e) / workerMs(floor[i]));
  const rateRatio = median(rateRatios);
  const workerRatio = median(workerRatios);
  const med = (bursts: FloorBurst[], f: (b: FloorBurst) => number) => median(bursts.map(f));
  const other = median(r.bursts.map((b) => b.cpu.otherCores));
  const lines: string[] = [
    '## The floor',
    '',
    "How close the engine's one-message journey runs come to what Temporal and its SDK cost alone: a bare",
    'workflow with the command shape a one-message journey run had when the floor was made (signal-with-start with',
    'the trigger event, the seven local activities of `journeyRunV2` in its order, one activity posting a real',
    '`@sendgrid/mail` request to the same SendGrid stub, complete), no database work and small payloads',
    '(bench/floor-workflow.ts, on its own task queue, polled by a bench-only',
    "worker process), run in the same benchmark on the same Temporal dev server as the engine's runs (the",
    'one-message journey of phase (a), from signed webhooks through the API). Bursts of each alternate, so both',
    'see the same machine; every figure is a **ratio to the floor** of the burst beside it, and the median',
    `of ${r.config.reps} pairs. \`npm run build && BENCH_PHASES=floor npm run bench\` reproduces it.`,
    '',
    'Since `journeyRunV3` (2026-12-06) the engine does the same work with fewer commands than the floor (its',
    "steps written in batches: four local activities instead of seven; the table of one run's history below",
    "shows both). The floor keeps the earlier shape on purpose: it is Temporal's bare cost of the journey's",
    'work as the engine used to command it, so history events and local activities the engine no longer',
    'needs count as saved.',
    '',
    '### Machine and run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${r.startedAt.replace('T', ' ').slice(0, 19)} UTC |`,
    `| CPU | ${r.machine.cpuModel}, **${r.machine.cpus} cores** (nproc) |`,
    `| memory | ${r.machine.memory} |`,
    `| OS | ${r.machine.kernel}; PostgreSQL data in ${r.machine.tmpFilesystem} |`,
    `| Node.js | ${r.machine.node} |`,
    `| Temporal | ${r.machine.temporal}; TypeScript SDK ${r.machine.temporalSdk} |`,
    `| PostgreSQL | ${r.machine.postgres}, with pg_stat_statements loaded |`,
    `| bursts | ${r.config.reps} × ${r.config.runs.toLocaleString('en-US')} runs of each, ${r.config.concurrency} starts (floor) or webhooks (engine) in flight, after 100 warm-up runs of each |`,
    `| wall time of the phase | ${r.wallSeconds.toFixed(1)} s |`,
    '',
    `The machine is shared: other work took ${cores(other)} cores at the median of the bursts (see the table);`,
    'rates move with it, ratios between neighbouring bursts much less, CPU per run least.',
    '',
    '### Against the aims',
    '',
    '| measure | aim | result | |',
    '| --- | --- | --- | --- |',
    `| completed runs/s, engine ÷ floor | ≥ ${AIM_RATE} | **${rateRatio.toFixed(2)}** (${rateRatios.map((x) => x.toFixed(2)).join(', ')}) | ${rateRatio >= AIM_RATE ? 'met' : '**not met**'} |`,
    `| worker CPU per run, engine ÷ floor | ≤ ${AIM_WORKER_CPU} | **${workerRatio.toFixed(2)}** (${workerRatios.map((x) => x.toFixed(2)).join(', ')}) | ${workerRatio <= AIM_WORKER_CPU ? 'met' : '**not met**'} |`,
    '',
    '### Side by side',
    '',
    '| burst | completed | runs/s | Temporal | worker | PostgreSQL | API | ours, all | not ours (cores) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.bursts.map(
      (b) =>
        `| ${b.kind} ${b.rep} | ${b.completed.toLocaleString('en-US')} | ${perSecond(b.runsFinishedPerSecond)} | ${GROUPS.map(([key]) => cpuMs(groupMs(b, key))).join(' | ')} | ${cpuMs(ourMs(b))} | ${cores(b.cpu.otherCores)} |`,
    ),
    '',
    'CPU is milliseconds per completed run (`utime + stime` from `/proc` per process tree over the burst, from',
    'the first start to the last run finished, divided by the runs). "worker" is the floor\'s worker in its',
    "bursts and the journey worker in the engine's; the other processes idle in the bursts that are not theirs.",
    '',
    '| per run (medians) | floor | engine | engine ÷ floor | engine − floor |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| completed runs/s | ${perSecond(med(floor, (b) => b.runsFinishedPerSecond))} | ${perSecond(med(engine, (b) => b.runsFinishedPerSecond))} | ${ratio(rateRatio)} | |`,
    ...[...GROUPS, ['all', 'ours, all'] as [string, string]].map(([key, label]) => {
      const of = (b: FloorBurst) => (key === 'all' ? ourMs(b) : groupMs(b, key));
      const f = med(floor, of);
      const e = med(engine, of);
      return `| CPU, ${label} | ${cpuMs(f)} | ${cpuMs(e)} | ${f > 0.5 ? ratio(e / f) : '–'} | ${cpuMs(e - f)} |`;
    }),
  ];
  const fh = r.floorHistory;
  const eh = r.engineHistory;
  if (fh || eh) {
    lines.push(
      '',
      '| one run | history events | workflow tasks | activities | local activities | payload bytes |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...(
        [
          ['floor', fh],
          ['paced floor', r.pacedHistory],
          ['engine', eh],
        ] as const
      ).flatMap(([name, h]) =>
        h
          ? [
              `| ${name} | ${h.events} | ${h.workflowTasks} | ${h.activities} (${h.activityTypes.join(', ')}) | ${h.localActivities ?? '–'} | ${h.payloadBytes?.toLocaleString('en-US') ?? '–'} |`,
            ]
          : [],
      ),
    );
  }
  const pg = r.postgres;
  if (pg) {
    lines.push(
      '',
      `PostgreSQL per engine run (${pg.runs.toLocaleString('en-US')} runs; API and worker together, the benchmark's own polling left out of the`,
      `statements, not of the transactions): **${pg.statementsPerRun.toFixed(1)} statements**, ${pg.transactionsPerRun.toFixed(1)} transactions,`,
      `${pg.rowsWrittenPerRun.toFixed(1)} rows written. The most frequent statements (pg_stat_statements):`,
      '',
      '| statement | calls per run | rows per run | ms per run |',
      '| --- | ---: | ---: | ---: |',
      ...pg.top
        .slice(0, 14)
        .map(
          (s) =>
            `| \`${shorten(s.query)}\` | ${s.callsPerRun.toFixed(2)} | ${s.rowsPerRun.toFixed(2)} | ${s.msPerRun.toFixed(2)} |`,
        ),
    );
  }
  lines.push(...pacedFloor(r), '', ...whereTheRestGoes(r, rateRatios, workerRatios));
  return lines;
}

/**
 * The floor with its send scheduled as the engine schedules one (send-lanes.ts: a queue of its own
 * with the channel's rate, marketing priority), beside the bare floor and the engine: what pacing
 * costs Temporal and a worker, apart from the rest of the engine.
 */
function pacedFloor(r: FloorResults): string[] {
  const paced = r.bursts.filter((b) => b.kind === 'paced');
  if (paced.length === 0) return [];
  const floor = r.bursts.filter((b) => b.kind === 'floor');
  const engine = r.bursts.filter((b) => b.kind === 'engine');
  const byRep = (bursts: FloorBurst[]) => new Map(bursts.map((b) => [b.rep, b]));
  const floorOf = byRep(floor);
  const engineOf = byRep(engine);
  const pairs = (f: (p: FloorBurst, other: FloorBurst) => number, of: Map<number, FloorBurst>) =>
    median(paced.flatMap((p) => (of.has(p.rep) ? [f(p, of.get(p.rep)!)] : [])));
  const pacedVsFloor = pairs((p, f) => p.runsFinishedPerSecond / f.runsFinishedPerSecond, floorOf);
  const engineVsPaced = pairs((p, e) => e.runsFinishedPerSecond / p.runsFinishedPerSecond, engineOf);
  const cpuVsFloor = (key: string) => pairs((p, f) => groupMs(p, key) / groupMs(f, key), floorOf);
  const med = (bursts: FloorBurst[], f: (b: FloorBurst) => number) => median(bursts.map(f));
  const row = (label: string, f: (b: FloorBurst) => number, fmt: (x: number) => string) =>
    `| ${label} | ${fmt(med(floor, f))} | ${fmt(med(paced, f))} | ${fmt(med(engine, f))} |`;
  return [
    '',
    "### The floor with the engine's send queue",
    '',
    "The engine does not send on the run's own task queue: each channel has a queue of its own, whose rate",
    'Temporal enforces (`maxTaskQueueActivitiesPerSecond`, 500/s for email here, far above these bursts),',
    'with the message category as the task\'s priority (docs/architecture.md, "Pacing and priority"). A',
    'third burst in each rep runs the floor with its send scheduled that way (bench/floor-workflow.ts,',
    "`pacedSend`; a second Worker in the floor's process polls that queue, as apps/worker does), so what",
    'pacing costs is told apart from the rest of the engine. Medians of the bursts:',
    '',
    '| per run | floor | paced floor | engine |',
    '| --- | ---: | ---: | ---: |',
    row('completed runs/s', (b) => b.runsFinishedPerSecond, perSecond),
    ...GROUPS.map(([key, label]) => row(`CPU, ${label}`, (b) => groupMs(b, key), cpuMs)),
    row('CPU, ours, all', ourMs, cpuMs),
    '',
    `Paired by rep: the paced floor completes ${pacedVsFloor.toFixed(2)}× the bare floor's runs/s, with Temporal at`,
    `${ratio(cpuVsFloor('temporal'))} and the worker at ${ratio(cpuVsFloor('worker'))} the bare floor's CPU per run; the engine completes`,
    `${engineVsPaced.toFixed(2)}× the paced floor's runs/s. The aims above stay measured against the bare floor, as the issue`,
    'defines it.',
  ];
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

/**
 * The same phase before `journeyRunV3` and the routing outbox (2026-12-06 15:42 UTC: `journeyRunV2`, each
 * step written as it was taken), 3 pairs of 1,000 on a quiet machine (other work 0.03 cores): medians.
 */
const BEFORE = {
  at: '2026-12-06 15:42 UTC',
  load: 'other work on 0.03 of the 2 cores',
  rateRatio: 0.68,
  workerRatio: 1.39,
  floorAll: 37.2,
  engineAll: 61.8,
  engine: { temporal: 23.1, worker: 27.3, postgres: 7.7, api: 3.0 },
  statements: 23.1,
  transactions: 14.0,
  events: 19,
};

/**
 * Earlier runs of this phase on the engine code measured now (`journeyRunV3`, the outbox), 7 reps of
 * 1,000 each: medians with their ranges, and how the bursts of a rep were ordered.
 */
const EARLIER_RUNS: Array<{ at: string; order: string; rate: string; worker: string }> = [
  { at: '17:13 UTC', order: 'floor, engine', rate: '0.78 (0.69–0.94)', worker: '1.08× (0.98–1.27)' },
  { at: '18:21 UTC', order: 'floor, engine', rate: '0.77 (0.66–0.86)', worker: '1.14× (1.00–1.17)' },
  {
    at: '19:40 UTC',
    order: 'floor, paced floor, engine in every rep',
    rate: '0.70 (0.39–0.93)',
    worker: '1.31× (0.95–1.43)',
  },
];

/** Where the engine's extra cost goes: this run's figures, the before run's and the profile's. */
function whereTheRestGoes(r: FloorResults, rateRatios: number[], workerRatios: number[]): string[] {
  const rateRatio = median(rateRatios);
  const workerRatio = median(workerRatios);
  const engine = r.bursts.filter((b) => b.kind === 'engine');
  const pg = r.postgres;
  const em = (key: string) => median(engine.map((b) => groupMs(b, key)));
  const all = (kind: string) => median(r.bursts.filter((b) => b.kind === kind).map(ourMs));
  const engineAll = all('engine');
  const floorAll = all('floor');
  const eb = r.engineHistory?.payloadBytes;
  const fb = r.floorHistory?.payloadBytes;
  const payloads =
    eb !== undefined && fb !== undefined
      ? ` (${eb.toLocaleString('en-US')} bytes of payloads in one run's history against the floor's ${fb.toLocaleString('en-US')})`
      : '';
  const temporalOf = (kind: string) =>
    median(r.bursts.filter((b) => b.kind === kind).map((b) => groupMs(b, 'temporal')));
  const temporalRatio = em('temporal') / temporalOf('floor');
  const pacedTemporal = r.bursts.some((b) => b.kind === 'paced')
    ? temporalOf('paced') / temporalOf('floor')
    : undefined;
  const extraEvents =
    r.engineHistory && r.floorHistory ? r.engineHistory.events - r.floorHistory.events : NaN;
  const historyVsFloor =
    extraEvents === 0
      ? 'as many history events for a journey run as for the floor'
      : Number.isNaN(extraEvents)
        ? 'about as many history events for a journey run as for the floor'
        : `${Math.abs(extraEvents)} ${extraEvents > 0 ? 'more' : 'fewer'} history events for a journey run than for the floor`;
  return [
    '### Before and after',
    '',
    `Against the same phase run before \`journeyRunV3\` and the routing outbox (${BEFORE.at}, 3 pairs of 1,000, ${BEFORE.load}):`,
    '',
    '| measure | before | now |',
    '| --- | ---: | ---: |',
    `| completed runs/s, engine ÷ floor | ${BEFORE.rateRatio.toFixed(2)} | ${rateRatio.toFixed(2)} |`,
    `| worker CPU per run, engine ÷ floor | ${BEFORE.workerRatio.toFixed(2)} | ${workerRatio.toFixed(2)} |`,
    `| all CPU per run, engine ÷ floor | ${(BEFORE.engineAll / BEFORE.floorAll).toFixed(2)} (${BEFORE.engineAll} / ${BEFORE.floorAll} ms) | ${(engineAll / floorAll).toFixed(2)} (${engineAll.toFixed(1)} / ${floorAll.toFixed(1)} ms) |`,
    `| engine CPU per run: Temporal / worker / PostgreSQL / API | ${[BEFORE.engine.temporal, BEFORE.engine.worker, BEFORE.engine.postgres, BEFORE.engine.api].map((x) => x.toFixed(1)).join(' / ')} ms | ${em('temporal').toFixed(1)} / ${em('worker').toFixed(1)} / ${em('postgres').toFixed(1)} / ${em('api').toFixed(1)} ms |`,
    `| PostgreSQL statements per run (transactions) | ${BEFORE.statements.toFixed(1)} (${BEFORE.transactions.toFixed(1)}) | ${pg ? `${pg.statementsPerRun.toFixed(1)} (${pg.transactionsPerRun.toFixed(1)})` : '–'} |`,
    `| history events per engine run (floor: ${r.floorHistory ? r.floorHistory.events : '–'}) | ${BEFORE.events} | ${r.engineHistory ? r.engineHistory.events : '–'} |`,
    '',
    'The CPU a run costs moves with the host between runs of this phase (the floor itself cost',
    `${BEFORE.floorAll} ms a run then and ${floorAll.toFixed(1)} ms now, on the same code), so compare the ratios, not the milliseconds.`,
    'What changed since: steps written in batches (`journeyRunV3`, the type every run now starts as: a run keeps',
    'the steps it takes and writes them with one local activity, `recordSteps`, right before it waits, calls a',
    "normal activity or continues as new, and the last ones with `finishRun`, in the finish's statement; four",
    'local activities instead of seven), and the routing outbox as a table of its own (`event_outbox`, see',
    '"Ingestion"). Runs started before it keep `journeyRunV2` and replay unchanged.',
    '',
    '**Runs of this phase since `journeyRunV3` and the outbox** (the 20:38 run also has the routing of',
    'out-of-order and repeated orders and the stricter identity match of that evening; neither touches a',
    "one-message run's statements beyond the customer look-up's text). The medians move between runs more than between the",
    "bursts of one run: the host's speed changes by the hour, and the dev server's CPU per run grows as its",
    'in-memory store fills (in the 19:40 run the bare floor went from 15.5 to 35.8 ms of Temporal a run over',
    "its 22,000 runs). A run that always runs the engine's burst last in its rep meets the fullest store with",
    'it, so the order now alternates (odd reps floor, paced floor, engine; even reps the other way round).',
    '',
    '| run | bursts in a rep | runs/s, engine ÷ floor | worker CPU, engine ÷ floor |',
    '| --- | --- | ---: | ---: |',
    ...EARLIER_RUNS.filter((e) => !e.at.startsWith(r.startedAt.slice(11, 16))).map(
      (e) => `| ${e.at} | ${e.order} | ${e.rate} | ${e.worker} |`,
    ),
    `| ${r.startedAt.slice(11, 16)} UTC (this one) | ${r.config.paced ? 'floor, paced floor, engine' : 'floor, engine'}${r.order === 'alternating' ? ', the order alternating' : ' in every rep'} | ${rateRatio.toFixed(2)} (${range(rateRatios)}) | ${ratio(workerRatio)} (${range(workerRatios)}) |`,
    '',
    'Read the ratio as 0.70–0.78 on this machine and the worker as 1.1–1.3× the floor worker. PostgreSQL',
    "statements are now summed by pg_stat_statements' query id: summed by text, as before, one statement",
    'whose shown text changed between resets (a literal `NULL` shown as written or as `$5`) was split in two',
    'rows of 0.57 and 0.43 calls a run.',
    '',
    '### Where the rest goes',
    '',
    'From the tables above and a CPU profile of both workers (`BENCH_WORKER_NODE_ARGS` and `BENCH_FLOOR_NODE_ARGS`',
    '`="--cpu-prof --cpu-prof-dir=…"`, `BENCH_FLOOR_RUNS=700 BENCH_FLOOR_REPS=1`, 2026-12-06 17:50 UTC, with',
    "`journeyRunV3`; 800 runs of each with the warm-up). V8's profiler samples wall time, so a thread",
    'preempted inside a system call counts there; read the figures as shares:',
    '',
    `- **Temporal** writes ${historyVsFloor} and costs ${ratio(temporalRatio)} the floor's CPU per run.`,
    ...(pacedTemporal === undefined
      ? []
      : [
          `  The send's own paced queue is part of it: the paced floor's Temporal costs ${ratio(pacedTemporal)} the bare floor's`,
          '  (one more task queue matched, with its rate limiter and priority).',
        ]),
    `  What else differs is payload size${payloads}: the plan (the pinned definition and the trigger`,
    "  event's properties) in the `loadRunPlan` marker, the event again in the start signal and a third time in",
    "  `sendEmail`'s input (a few hundred bytes; the activity cannot read it back from the database in every case:",
    "  a test run's sample event and a carried-over cart are not rows there).",
    "- **The worker's workflow thread** was busy 17.6 s against the floor worker's 16.9 s (1.04×; before",
    "  `journeyRunV3` it was about 1.35×, with three more activations a run): what is left is the walker's own",
    '  code and promises around the same calls into the sandbox.',
    "- **The worker's main thread** (activities, the SDK's core bridge) was busy 15.4 s against 11.2 s (1.37×).",
    '  Of the 4.2 s more: socket writes (`writev`) 1.8 s against 0.3 s, nearly all of them the SQL statements the',
    "  activities send (as in the API's profile, waking a PostgreSQL backend on 2 cores often hands it the",
    "  worker's core, and the wait shows inside the write), the pg driver 0.8 s, and rendering 0.5 s (Handlebars,",
    '  the plain-text part through html-to-text, the SendGrid helpers). The core bridge, protobuf and payload',
    "  conversion cost what the floor's do. Fewer statements per send (the recipient, consent, frequency cap,",
    '  pinned templates and the message claim are separate round trips) is what would take most off.',
    `- **PostgreSQL** (${pg ? `${pg.statementsPerRun.toFixed(1)} statements and ${pg.transactionsPerRun.toFixed(1)} transactions a run` : 'statements above'}) serves three`,
    '  parts: the webhook (the new customer: its identity locks and look-ups, the customer, consents and',
    '  event rows), the router (an advisory lock, then the re-entry check and the `runs` row in one',
    '  statement), and the run (the plan, the coupon, its steps in two writes, before the send and with the',
    '  finish, the message row written before and after the provider call). The floor has none of this; it',
    '  is the ledger the product keeps.',
    '- **The API** (webhook, signature, ingestion, routing and the start of the workflow) has no counterpart',
    '  in the floor either: the floor is started by the benchmark itself.',
    ...whatTheAimTakes(engineAll, floorAll, em('postgres') + em('api'), em('temporal') + em('worker')),
  ];
}

/**
 * What the runs/s aim asks of the CPU per run, on a machine where every process shares the same cores (so
 * runs/s follows CPU per run): the engine's whole run within floor ÷ 0.85, of which PostgreSQL and the API
 * (no counterpart in the floor) already take their part.
 */
function whatTheAimTakes(
  engineAll: number,
  floorAll: number,
  ledgerMs: number,
  engineTemporalAndWorker: number,
): string[] {
  if (!Number.isFinite(engineAll) || !Number.isFinite(floorAll) || floorAll <= 0) return [];
  const budget = floorAll / AIM_RATE;
  return [
    `- **What ${AIM_RATE} of the floor's rate takes**: with every process on the same 2 cores, runs/s follows CPU per`,
    `  run, so the engine's whole run would have to cost at most ${cpuMs(floorAll)} ÷ ${AIM_RATE} = ${cpuMs(budget)}`,
    `  (now ${cpuMs(engineAll)}). PostgreSQL and the API alone take ${cpuMs(ledgerMs)} of it, which leaves`,
    `  ${cpuMs(budget - ledgerMs)} for Temporal and the worker together: ${budget - ledgerMs < floorAll ? 'less than' : 'about'} the ${cpuMs(floorAll)} the floor's`,
    `  own Temporal and worker cost (the engine's: ${cpuMs(engineTemporalAndWorker)}). On this machine the aim would need the`,
    "  engine's Temporal and worker share below the bare floor's, or the ledger on other cores (a",
    '  production stack runs PostgreSQL, the API and the workers on their own machines: docs/deployment.md).',
  ];
}
