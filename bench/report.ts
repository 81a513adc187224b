/** docs/benchmarks.md, written from one benchmark's results. */
import type { BenchResults } from './run';
import type { CpuShares } from './proc';
import type { PostgresActivity } from './monitor';
import type { Distribution } from './stats';
import { cores, count, median, mib, ms, perSecond, seconds } from './stats';

const GROUPS: Array<[string, string]> = [
  ['temporal', 'Temporal dev server'],
  ['postgres', 'PostgreSQL (all backends)'],
  ['worker', 'worker'],
  ['api', 'API'],
  ['bench', 'benchmark (load, stub, polling)'],
];

const AIM_RUNS_PER_SECOND = 200;
const AIM_P50_MS = 300;
const AIM_RSS_BYTES = 2 ** 30;

/** The SDK's default workflow cache: derived from the V8 heap limit (Temporal TS SDK 1.24). */
export function defaultWorkflowCache(heapLimitMiB: number): number {
  return Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10);
}

const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

function cpuTable(columns: Array<[string, CpuShares]>, cpus: number): string {
  const header = `| process | ${columns.map(([name]) => name).join(' | ')} |`;
  const rule = `| --- | ${columns.map(() => '---:').join(' | ')} |`;
  const share = (value: number, shares: CpuShares) =>
    `${cores(value)} (${shares.machineCores > 0 ? Math.round((value / shares.machineCores) * 100) : 0} %)`;
  const rows = GROUPS.map(
    ([key, label]) => `| ${label} | ${columns.map(([, s]) => share(s.cores[key] ?? 0, s)).join(' | ')} |`,
  );
  rows.push(`| not ours (other users of the machine) | ${columns.map(([, s]) => share(s.otherCores, s)).join(' | ')} |`);
  rows.push(
    `| **whole machine busy** (of ${cpus} cores) | ${columns.map(([, s]) => `**${cores(s.machineCores)}** (${Math.round((s.machineCores / cpus) * 100)} % of capacity)`).join(' | ')} |`,
  );
  rows.push(`| iowait | ${columns.map(([, s]) => cores(s.iowaitCores)).join(' | ')} |`);
  rows.push(`| window | ${columns.map(([, s]) => seconds(s.seconds * 1000)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

function postgresLine(activity: PostgresActivity): string {
  const top = activity.waits
    .slice(0, 4)
    .map((w) => `${w.event} ${Math.round(w.share * 100)} %`)
    .join(', ');
  return `on average ${activity.meanActive.toFixed(1)} backends busy${top ? ` (${top})` : ''}`;
}

function dist(d: Distribution): string {
  return `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)} / ${ms(d.max)}`;
}

/** The groups by CPU used, largest first, as "Temporal dev server 0.9 cores (45 %)". */
function ranking(shares: CpuShares): string {
  return GROUPS.map(([key, label]) => ({ label, value: shares.cores[key] ?? 0 }))
    .sort((a, b) => b.value - a.value)
    .map(
      ({ label, value }) =>
        `${label} ${cores(value)} cores (${shares.machineCores > 0 ? Math.round((value / shares.machineCores) * 100) : 0} %)`,
    )
    .join(', ');
}

export function writeReport(r: BenchResults): string {
  const cpus = r.machine.cpus;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const bursts = r.bursts;
  const startedRate = median(bursts.map((b) => b.runsStartedPerSecond));
  const workflowRate = median(bursts.map((b) => b.workflowsStartedPerSecond));
  const finishedRate = median(bursts.map((b) => b.runsFinishedPerSecond));
  const s = r.steady;
  const w = r.waiting;
  const heapLimitMiB = r.machine.heapLimitMiB;
  const cache = defaultWorkflowCache(heapLimitMiB);

  push(
    '# Engine benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts); edit bench/report.ts rather than this file. -->',
    '',
    'How fast journeys start, how quickly a triggered message goes out, and what parked runs cost, on',
    'the Temporal **dev server** that `npm start` and `npm test` use, on the machine below. Run it with',
    '`npm run build && npm run bench`; it starts its own PostgreSQL, Temporal, API and worker and',
    'removes them afterwards.',
    '',
    '## Machine and run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} |`,
    `| CPU | ${r.machine.cpuModel}, **${cpus} cores** (nproc) |`,
    `| memory | ${r.machine.memory} |`,
    `| OS | ${r.machine.kernel}; temp files (PostgreSQL data) in ${r.machine.tmpFilesystem} |`,
    `| Node.js | ${r.machine.node} (V8 heap limit ${heapLimitMiB} MiB) |`,
    `| Temporal | CLI dev server, in memory: \`${r.machine.temporal}\`; TypeScript SDK ${r.machine.temporalSdk} |`,
    `| PostgreSQL | ${r.machine.postgres}, default settings (fsync and synchronous_commit on) |`,
    `| wall time of \`npm run bench\` | ${seconds(r.wallSeconds * 1000)} (including start-up, waits and teardown) |`,
    '',
    'Everything runs on these cores at once: PostgreSQL, the Temporal dev server, the API, the worker and',
    'the benchmark itself (load generator and SendGrid stub). The machine is shared with other work; the',
    'CPU tables show how much of it was not ours during each phase.',
    '',
    '## Results against the aims',
    '',
    '| measure | aim | result | |',
    '| --- | --- | --- | --- |',
  );
  if (bursts.length > 0) {
    push(
      `| runs started per second, burst of ${count(bursts[0].n)} (median of ${bursts.length}) | ≥ ${AIM_RUNS_PER_SECOND}/s | ${perSecond(startedRate)} created, ${perSecond(workflowRate)} executing, ${perSecond(finishedRate)} finished | ${verdict(startedRate >= AIM_RUNS_PER_SECOND)} |`,
    );
  }
  if (s) {
    push(
      `| webhook → email p50 at ${s.targetRate} events/s (${count(s.n)} customers) | < ${AIM_P50_MS} ms | ${ms(s.latency.p50)} | ${verdict(s.latency.p50 < AIM_P50_MS)} |`,
      `| webhook → email p99 at ${s.targetRate} events/s | – | ${ms(s.latency.p99)} (p95 ${ms(s.latency.p95)}) | |`,
    );
  }
  if (w) {
    push(
      `| worker RSS with ${count(w.peakWaiting)} runs waiting in \`wait.delay\` | < 1 GB | ${mib(w.workerRss.waitingMax)} (max; median ${mib(w.workerRss.waitingMedian)}, ${mib(w.workerRss.before)} before) | ${verdict(w.workerRss.waitingMax < AIM_RSS_BYTES)} |`,
      `| time for all ${count(w.created)} to wake and finish | – | ${seconds(w.wakeAndFinishMs)} from the first wake-up due (wake-ups due over ${seconds(w.wakesDueSpanMs)}); last run done ${seconds(w.drainAfterLastWakeMs)} after the last was due | ${w.complete ? '' : '**incomplete**'} |`,
    );
  }
  if (r.waitingScaledBecause && w) {
    push(
      '',
      `**Phase (b) was scaled down** from ${count(r.config.waitingRuns)} to ${count(w.requested)} runs: ${r.waitingScaledBecause}. ` +
        'The memory figure is extrapolated below.',
    );
  }

  push(
    '',
    '## How it is measured',
    '',
    '- **Stack**: an embedded PostgreSQL in a temporary folder and a fresh migrated database; the Temporal',
    '  CLI dev server in memory (`startEmbeddedPostgres`, `startTemporalDevServer` from `tools/devstack`);',
    '  the real API and worker started from `apps/*/dist/main.js` with their own task queue, the way the',
    '  integration tests start them; `SENDGRID_API_KEY` set and `SENDGRID_API_URL` pointing at the',
    '  `SendGridStub` of `libs/testing`, so a "message" is a real `@sendgrid/mail` call received over HTTP.',
    '  Default settings everywhere (worker: SDK defaults; routing sweep every 5 s).',
    '- **Load**: signed Shopify `customers/update` deliveries to `POST /webhooks/shopify` on 127.0.0.1, one',
    '  new customer each, over keep-alive connections. Journeys are published through `POST /v1/journeys`.',
    '- **(a) one-message journey**: `customer.updated` → `action.coupon` → `send.email` (`welcome`, which',
    '  shows the coupon code) → `exit`. After a warm-up of 100 runs: bursts of deliveries with',
    `  ${bursts[0]?.concurrency ?? r.config.concurrency} in flight; "runs started per second" is the rate of \`runs.started_at\``,
    '  (the router creates the row and starts the workflow right after), "executing" the rate at which',
    '  workflows reached their first node (the trigger step), over each burst from first to last. Then a',
    `  steady ${r.config.steadyRate} deliveries per second on an open-loop schedule; webhook → email is the`,
    '  stub\'s receive time of the email minus the time the delivery was sent.',
    '- **(b) waiting runs**: `customer.updated` → `action.coupon` → `wait.delay` → `send.email` → `exit`.',
    '  Deliveries are sent with at most 400 runs "accepted but not yet waiting", the rate the stack',
    '  sustains; the delay is chosen so that every run is parked before the first wakes. Worker memory',
    '  is `VmRSS` from `/proc/<pid>/status`, sampled every second; the end is when every run is',
    '  `completed` in the `runs` table.',
    '- **CPU**: `utime + stime` of each process tree from `/proc` (PostgreSQL: the postmaster and all',
    '  backends), in cores (1.00 = one core busy the whole window); the percentage is the share of all',
    '  busy CPU on the machine. PostgreSQL activity is `pg_stat_activity` sampled every second.',
  );

  if (bursts.length > 0) {
    push(
      '',
      '## (a) One-message journey',
      '',
      '### Bursts',
      '',
      '| burst | accepted webhooks/s | runs created/s | workflows executing/s | runs finished/s | emails/s | first webhook → last email | webhook → email p50 / p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...bursts.map(
        (b, i) =>
          `| ${i + 1}: ${count(b.outcomes.accepted)} runs | ${perSecond(b.acceptedPerSecond)} | ${perSecond(b.runsStartedPerSecond)} | ${perSecond(b.workflowsStartedPerSecond)} | ${perSecond(b.runsFinishedPerSecond)} | ${perSecond(b.messagesPerSecond)} | ${seconds(b.totalMs)} | ${ms(b.latency.p50)} / ${ms(b.latency.p99)} |`,
      ),
      '',
      'CPU during the bursts (cores, and share of the busy machine):',
      '',
      cpuTable(
        bursts.map((b, i) => [`burst ${i + 1}`, b.cpu]),
        cpus,
      ),
      '',
      ...bursts.map((b, i) => `- PostgreSQL in burst ${i + 1}: ${postgresLine(b.postgres)}.`),
    );
    const odd = bursts.filter((b) => b.outcomes.missingMessages > 0 || b.outcomes.rejected > 0);
    if (odd.length > 0)
      push(
        '',
        ...odd.map(
          (b) =>
            `- **Anomaly**: ${b.outcomes.rejected} deliveries refused, ${b.outcomes.missingMessages} runs without an email.`,
        ),
      );
  }

  if (s) {
    push(
      '',
      `### Steady ${s.targetRate} events/s`,
      '',
      `${count(s.outcomes.accepted)} deliveries at ${perSecond(s.achievedRate)} (worst slip behind schedule ${ms(s.worstSlipMs)}); ` +
        `${count(s.outcomes.completed)} runs completed, ${s.outcomes.missingMessages} without an email.`,
      '',
      '| interval | p50 / p95 / p99 / max |',
      '| --- | ---: |',
      `| **webhook sent → email received by SendGrid** | **${dist(s.latency)}** |`,
      `| webhook sent → HTTP 200 | ${dist(s.ack)} |`,
      ...s.stages.map((st) => `| ${st.name} | ${dist(st.latency)} |`),
      '',
      'The stages come from different clocks of one machine (benchmark, PostgreSQL `now()` at transaction',
      'start, workflow time) and each is its own distribution, so their medians need not add up exactly.',
      '',
      cpuTable([[`steady ${s.targetRate}/s`, s.cpu]], cpus),
      '',
      `- PostgreSQL: ${postgresLine(s.postgres)}.`,
    );
  }
  if (r.history) {
    const h = r.history;
    push(
      '',
      `One one-message run (\`${h.workflowId}\`) is **${h.events} history events, ${h.workflowTasks} workflow tasks and ${h.activities} activities**: ` +
        `${h.activityTypes.map((a) => `\`${a}\``).join(' → ')}.`,
    );
  }

  if (w) {
    push(
      '',
      `## (b) Runs waiting in \`wait.delay\` (${w.delay})`,
      '',
      '| | |',
      '| --- | --- |',
      `| runs created | ${count(w.created)} of ${count(w.requested)} asked |`,
      `| parked in the wait | in ${seconds(w.createMs)}: ${perSecond(w.parkedPerSecond)} reached the wait, runs created at ${perSecond(w.runsStartedPerSecond)} |`,
      `| waiting at the same time (peak) | ${count(w.peakWaiting)}, for ${seconds(w.waitingWindowMs)} before the first wake-up |`,
      `| worker RSS | before ${mib(w.workerRss.before)}; all waiting: median ${mib(w.workerRss.waitingMedian)}, max ${mib(w.workerRss.waitingMax)} (${w.workerRss.samples} samples); waking: max ${mib(w.workerRss.wakingMax)} |`,
      `| Temporal dev server RSS | before ${mib(w.temporalRss.before)}; all waiting ${mib(w.temporalRss.waiting)}; waking max ${mib(w.temporalRss.wakingMax)} |`,
      `| wake-ups due | over ${seconds(w.wakesDueSpanMs)} (runs wake in the order and at the pace they were parked) |`,
      `| first wake-up due → all finished | ${seconds(w.wakeAndFinishMs)} (${w.complete ? `all ${count(w.finished)}` : `only ${count(w.finished)} within the time limit`}); ${perSecond(w.finishedPerSecond)} finished |`,
      `| last wake-up due → all finished | ${seconds(w.drainAfterLastWakeMs)} |`,
      `| per run: wake-up due → run finished | p50 / p95 / p99 / max ${dist(w.wakeToFinish)} |`,
      `| per run: wake-up due → email received | p50 / p95 / p99 / max ${dist(w.wakeToEmail)} |`,
      `| runs without an email | ${count(w.missingMessages)} |`,
      '',
      cpuTable(
        [
          ['parking', w.cpu.create],
          ['all waiting', w.cpu.waiting],
          ['waking', w.cpu.wake],
        ],
        cpus,
      ),
      '',
      `- PostgreSQL while parking: ${postgresLine(w.postgres.create)}; while waking: ${postgresLine(w.postgres.wake)}.`,
    );
  }

  push('', '## Where the time goes', '');
  push(...analysis(r, cache));
  push('', '## What a production Temporal cluster changes', '');
  push(...production(r));
  push(
    '',
    '## Correctness along the way',
    '',
    `- Emails received twice by the stub: ${r.duplicateEmails}. Webhook deliveries retried after a dropped connection: ${r.webhookRetries}.`,
    `- Lines with "warn" or "error" in the services' output: ${Object.entries(r.warnings)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}.`,
    '',
  );
  return out.join('\n');
}

function analysis(r: BenchResults, cache: number): string[] {
  const lines: string[] = [];
  const cpus = r.machine.cpus;
  const burst = r.bursts[r.bursts.length - 1];
  if (burst) {
    const c = burst.cpu;
    const saturated = c.machineCores >= cpus * 0.85;
    lines.push(
      `- **Bursts are CPU-bound on ${cpus} cores.** The machine was ${Math.round((c.machineCores / cpus) * 100)} % busy during the last burst` +
        `${saturated ? ' (saturated)' : ''}: ${ranking(c)}; not ours ${cores(c.otherCores)} cores.`,
    );
    const temporal = c.cores.temporal ?? 0;
    lines.push(
      `- **The Temporal dev server** used ${cores(temporal)} cores, ${Math.round((temporal / Math.max(c.machineCores, 0.01)) * 100)} % of the busy CPU. ` +
        (r.history
          ? `Each run is ${r.history.workflowTasks} workflow tasks and ${r.history.activities} activities, so ${perSecond(burst.runsFinishedPerSecond)} finished runs are about ` +
            `${Math.round(burst.runsFinishedPerSecond * (r.history.workflowTasks + r.history.activities))} task round trips and ${Math.round(burst.runsFinishedPerSecond * r.history.events)} history events per second through one process with an in-memory SQLite store.`
          : ''),
    );
  }
  if (r.steady) {
    const st = r.steady;
    const slowest = [...st.stages].sort((a, b) => b.latency.p50 - a.latency.p50)[0];
    lines.push(
      `- **At ${st.targetRate} events/s** the machine was ${Math.round((st.cpu.machineCores / cpus) * 100)} % busy (${ranking(st.cpu)}), ` +
        `so the latency is mostly the path itself, not queueing: the largest stage at the median is "${slowest.name}" (${ms(slowest.latency.p50)}).`,
    );
  }
  if (r.waiting) {
    const w = r.waiting;
    const perRunKiB =
      w.peakWaiting > 0 ? (w.workerRss.waitingMax - w.workerRss.before) / 1024 / Math.min(w.peakWaiting, cache) : 0;
    lines.push(
      `- **Worker memory is bounded by the workflow cache, not by the number of waiting runs.** The SDK keeps at most ` +
        `\`maxCachedWorkflows\` runs in memory (default from the heap limit: ${count(cache)} here; the worker does not set it); ` +
        `a waiting run beyond that is evicted and replayed from its history when its timer fires. RSS grew by ` +
        `${mib(w.workerRss.waitingMax - w.workerRss.before)} over its baseline with ${count(w.peakWaiting)} waiting ` +
        `(≈ ${perRunKiB.toFixed(0)} KiB per cached run), so a worker stays under 1 GB with any number of waiting runs; ` +
        `what grows with them is Temporal's storage (dev server RSS ${mib(w.temporalRss.before)} → ${mib(w.temporalRss.waiting)}) and the \`runs\`/\`run_steps\` tables.`,
    );
    if (r.waitingScaledBecause) {
      lines.push(
        `- **Extrapolation to 20,000 waiting runs**: the cache caps the worker at ${count(cache)} resident runs either way, ` +
          `so its RSS stays near the figure above; parking and waking scale linearly at the measured ` +
          `${perSecond(w.parkedPerSecond)} and ${perSecond(w.finishedPerSecond)}: about ${seconds((20000 / Math.max(w.parkedPerSecond, 0.1)) * 1000)} to park and ` +
          `${seconds((20000 / Math.max(w.finishedPerSecond, 0.1)) * 1000)} to wake and finish 20,000 on this machine.`,
      );
    }
    lines.push(
      `- **Waking** ran at ${perSecond(w.finishedPerSecond)} with the machine ${Math.round((w.cpu.wake.machineCores / cpus) * 100)} % busy (${ranking(w.cpu.wake)}).`,
    );
  }
  return lines;
}

function production(r: BenchResults): string[] {
  const burst = r.bursts[r.bursts.length - 1];
  const temporal = burst?.cpu.cores.temporal ?? 0;
  const busy = burst?.cpu.machineCores ?? 0;
  const lines = [
    '- The dev server is frontend, history, matching and an in-memory SQLite store in one process on the',
    '  same cores as everything else. A production cluster runs those services on their own hosts, with',
    '  history sharded (hundreds of shards) over Cassandra, PostgreSQL or MySQL, and task queues',
    '  partitioned, so its throughput scales by adding hosts and it takes no CPU from the API, worker and',
    '  database.',
  ];
  if (burst && busy > 0) {
    lines.push(
      `- Here Temporal used ${cores(temporal)} of the ${cores(busy)} busy cores in a burst. Moving it off this machine leaves those`,
      `  cores to the rest; if the rest scaled with CPU, the same ${r.machine.cpus} cores would finish up to` +
        ` ~${(busy / Math.max(busy - temporal, 0.01)).toFixed(1)}× as many runs per second. Beyond that the worker`,
      '  and the API scale out as more processes (each worker with its own cache and task slots), and',
      '  PostgreSQL on its own host.',
    );
  }
  lines.push(
    '- Latency goes the other way: here every round trip is on loopback. Against a cluster in the same',
    `  region each workflow task and activity adds a network round trip (~1 ms or more)${r.history ? `; with ${r.history.workflowTasks + r.history.activities} tasks in the path of one run that is tens of milliseconds on the median` : ''},`,
    '  and more for Temporal Cloud across regions.',
  );
  return lines;
}
