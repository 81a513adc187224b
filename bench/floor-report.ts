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

/** The worker group: the journey worker for the engine's bursts, the floor's own for the floor's. */
function workerMs(b: FloorBurst): number {
  return b.cpuMsPerRun[b.kind === 'floor' ? 'floor' : 'worker'] ?? 0;
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
    'workflow with the same command shape (signal-with-start with the trigger event, the same local activities',
    'in the same order, one activity posting a real `@sendgrid/mail` request to the same SendGrid stub, complete),',
    'no database work and small payloads (bench/floor-workflow.ts, on its own task queue, polled by a bench-only',
    "worker process), run in the same benchmark on the same Temporal dev server as the engine's runs (the",
    'one-message journey of phase (a), from signed webhooks through the API). Bursts of each alternate, so both',
    'see the same machine; every figure is a **ratio to the floor** of the burst beside it, and the median',
    `of ${r.config.reps} pairs. \`npm run build && BENCH_PHASES=floor npm run bench\` reproduces it.`,
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
      '| one run | history events | workflow tasks | activities | local activities |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...(
        [
          ['floor', fh],
          ['engine', eh],
        ] as const
      ).flatMap(([name, h]) =>
        h
          ? [
              `| ${name} | ${h.events} | ${h.workflowTasks} | ${h.activities} (${h.activityTypes.join(', ')}) | ${h.localActivities ?? '–'} |`,
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
  lines.push('', ...whereTheRestGoes);
  return lines;
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

/** Profile findings (written by hand from the runs named in them; the tables above are this run's). */
const whereTheRestGoes: string[] = ['### Where the rest goes', '', 'To be written from the profile.'];
