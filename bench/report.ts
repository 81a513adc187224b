/**
 * docs/benchmarks.md, written from the saved results: the editor's part (editor-report.ts), the
 * ingestion part (ingest-report.ts) and the engine's (the machine, the figures against the issue's aims, how they were taken, the details per
 * phase, and what limits them). Each part sits under a marker comment; a part without results
 * keeps its text from the current document, so a run of one phase leaves the other's figures be.
 */
import { editorReport } from './editor-report';
import { floorReport } from './floor-report';
import { beforeAndAfter } from './engine-comparison-report';
import { importReport } from './import-report';
import { ingestReport } from './ingest-report';
import { segmentsReport } from './segments';
import { resultsReport } from './results-report';
import type { PostgresActivity } from './monitor';
import type { CpuShares } from './proc';
import { parkedReport } from './parked-report';
import type { BenchResults, SavedResults } from './run';
import type { Distribution } from './stats';
import { cores, count, duration, median, mib, ms, perSecond, seconds } from './stats';

const GROUPS: Array<[string, string]> = [
  ['temporal', 'Temporal dev server'],
  ['worker', 'worker'],
  ['postgres', 'PostgreSQL (all backends)'],
  ['api', 'API'],
  ['bench', 'benchmark (load, stub, polling)'],
];

const AIM_RUNS_PER_SECOND = 200;
const AIM_P50_MS = 300;
const AIM_RSS_BYTES = 1e9;
const ASKED_WAITING = 20_000;

/** The SDK's default workflow cache size, derived from the V8 heap limit (Temporal TS SDK 1.24, reuseV8Context). */
export function defaultWorkflowCache(heapLimitMiB: number): number {
  return Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10);
}

const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
const pct = (part: number, whole: number): string => `${whole > 0 ? Math.round((part / whole) * 100) : 0} %`;

function cpuTable(columns: Array<[string, CpuShares]>, cpus: number): string {
  const header = `| cores used (share of the busy machine) | ${columns.map(([name]) => name).join(' | ')} |`;
  const rule = `| --- | ${columns.map(() => '---:').join(' | ')} |`;
  const cell = (value: number, s: CpuShares) => `${cores(value)} (${pct(value, s.machineCores)})`;
  const rows = GROUPS.map(
    ([key, label]) => `| ${label} | ${columns.map(([, s]) => cell(s.cores[key] ?? 0, s)).join(' | ')} |`,
  );
  rows.push(
    `| not ours (other work on the machine) | ${columns.map(([, s]) => cell(s.otherCores, s)).join(' | ')} |`,
  );
  rows.push(
    `| **whole machine busy** (of ${cpus} cores) | ${columns.map(([, s]) => `**${cores(s.machineCores)}** (${pct(s.machineCores, cpus)} of capacity)`).join(' | ')} |`,
  );
  rows.push(`| iowait | ${columns.map(([, s]) => cores(s.iowaitCores)).join(' | ')} |`);
  rows.push(`| window | ${columns.map(([, s]) => seconds(s.seconds * 1000)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

function postgresLine(activity: PostgresActivity): string {
  const top = activity.waits
    .slice(0, 3)
    .map((w) => `${w.event} ${Math.round(w.share * 100)} %`)
    .join(', ');
  return `${activity.meanActive.toFixed(1)} backends busy on average${top ? ` (${top})` : ''}`;
}

const dist = (d: Distribution): string => `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)} / ${ms(d.max)}`;

/** The groups by CPU used, largest first. */
function ranking(s: CpuShares): string {
  const parts = GROUPS.map(([key, label]) => ({ label, value: s.cores[key] ?? 0 }))
    .sort((a, b) => b.value - a.value)
    .filter((g) => g.value >= 0.01)
    .map((g) => `${g.label} ${cores(g.value)}`);
  if (s.otherCores >= 0.01) parts.push(`not ours ${cores(s.otherCores)}`);
  return parts.join(', ');
}

/** CPU milliseconds per finished run, per group, over all bursts. */
function costPerRun(r: BenchResults): Record<string, number> | undefined {
  const runs = r.bursts.reduce((sum, b) => sum + b.outcomes.completed, 0);
  if (runs === 0) return undefined;
  const cost: Record<string, number> = {};
  for (const [key] of GROUPS) {
    const cpuSeconds = r.bursts.reduce((sum, b) => sum + (b.cpu.cores[key] ?? 0) * b.cpu.seconds, 0);
    cost[key] = (cpuSeconds * 1000) / runs;
  }
  return cost;
}

const PARTS = ['editor', 'ingest', 'import', 'segments', 'results', 'engine', 'floor', 'parked'] as const;
type Part = (typeof PARTS)[number];
const marker = (part: Part): string => `<!-- bench:${part} -->`;

export function writeReport(saved: SavedResults, currentDoc: string): string {
  const kept = partsOf(currentDoc);
  const editor = saved.editor ? editorReport(saved.editor).join('\n') : kept.editor;
  const ingest = saved.ingest ? ingestReport(saved.ingest).join('\n') : kept.ingest;
  const imported = saved.import ? importReport(saved.import).join('\n') : kept.import;
  const segments = saved.segments ? segmentsReport(saved.segments).join('\n') : kept.segments;
  const results = saved.results ? resultsReport(saved.results).join('\n') : kept.results;
  const hasEngine = saved.engine && (saved.engine.bursts.length > 0 || saved.engine.waiting);
  const engine = hasEngine ? demote(engineReport(saved.engine as BenchResults)) : kept.engine;
  const floor = saved.floor ? floorReport(saved.floor).join('\n') : kept.floor;
  const parked = saved.parked ? parkedReport(saved.parked).join('\n') : kept.parked;
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Edit bench/report.ts, bench/editor-report.ts, bench/ingest-report.ts, bench/import-report.ts, bench/floor-report.ts, bench/parked-report.ts, bench/segments.ts and bench/results-report.ts, not this file. -->',
    '',
    '- [The editor](#the-editor): opening and panning a large journey in Chromium (phase `editor`).',
    '- [Ingestion](#ingestion): events/s through the event API, single-request latency, segment counts at 1M customers (phase `ingest`).',
    '- [History import](#history-import): a store backfilled from bulk JSONL, rows/s, time to computed attributes, worker memory (phase `import`).',
    '- [Segments in real time](#segments-in-real-time): order → segment journey latency, the daily sweep at 1M customers (phase `segments`).',
    "- [Journey results](#journey-results): the results page at 1M runs over HTTP, the rollup's cost (phase `results`).",
    '- [The engine](#the-engine): journeys started per second, trigger → message latency and waiting runs (phases `a` and `b`).',
    "- [The floor](#the-floor): the engine's one-message runs as a ratio to a bare workflow of the same shape, side by side (phase `floor`).",
    '- [Waiting runs at scale](#waiting-runs-at-scale): runs parked in one wait, memory while they wait, wake-up throughput and lateness (phase `parked`).',
    '',
    '`npm run build && npm run bench` runs every phase; `BENCH_PHASES=editor npm run bench` (or `ingest`, `import`, `segments`, `results`, `floor`, `parked`, or `a,b`) runs',
    'some, and rewrites only their part: the others keep the figures of the run that last measured them, with that',
    "run's machine and date.",
    '',
    ...PARTS.flatMap((part) => {
      const text = { editor, ingest, import: imported, segments, results, engine, floor, parked }[part];
      return text ? [marker(part), '', text.trim(), ''] : [];
    }),
  ].join('\n');
}

/**
 * The parts of the current document, by their markers. A document from before there were parts is
 * the engine's report alone (its title a level higher).
 */
export function partsOf(doc: string): Partial<Record<Part, string>> {
  if (!doc.trim()) return {};
  if (!PARTS.some((part) => doc.includes(marker(part)))) {
    const body = doc.replace(/^<!-- Written by .*-->\n/m, '');
    return { engine: demote(body.replace(/^# Engine benchmarks$/m, '# The engine')) };
  }
  const found: Partial<Record<Part, string>> = {};
  for (const part of PARTS) {
    const start = doc.indexOf(marker(part));
    if (start < 0) continue;
    const from = start + marker(part).length;
    const ends = PARTS.map((p) => doc.indexOf(marker(p), from)).filter((i) => i >= 0);
    found[part] = doc.slice(from, ends.length > 0 ? Math.min(...ends) : undefined).trim();
  }
  return found;
}

/** Every heading one level deeper, so a part's title sits under the document's. */
function demote(text: string): string {
  return text.replace(/^(#+) /gm, '#$1 ');
}

function engineReport(r: BenchResults): string {
  const cpus = r.machine.cpus;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const bursts = r.bursts;
  const createdRate = median(bursts.map((b) => b.runsStartedPerSecond));
  const executingRate = median(bursts.map((b) => b.workflowsStartedPerSecond));
  const finishedRate = median(bursts.map((b) => b.runsFinishedPerSecond));
  const { steady: s, steadyLow: low, waiting: w } = r;
  const cache = r.workerCache ?? defaultWorkflowCache(r.machine.heapLimitMiB);
  const cost = costPerRun(r);

  push(
    '# The engine',
    '',
    'How fast journeys start, how quickly a triggered message goes out, and what waiting runs cost, on',
    'the Temporal **dev server** (the one `npm start` and `npm test` use), on the machine below.',
    '`npm run build && npm run bench` reproduces it: it starts its own PostgreSQL, Temporal, API and',
    'worker, and stops and removes them afterwards. Knobs are listed at the top of `bench/run.ts`.',
    '',
    '## Machine and run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} |`,
    `| CPU | ${r.machine.cpuModel}, **${cpus} cores** (nproc) |`,
    `| memory | ${r.machine.memory} |`,
    `| OS | ${r.machine.kernel}; PostgreSQL data in ${r.machine.tmpFilesystem} |`,
    `| Node.js | ${r.machine.node} (V8 heap limit ${count(r.machine.heapLimitMiB)} MiB, the same for the worker) |`,
    `| Temporal | ${r.machine.temporal}; TypeScript SDK ${r.machine.temporalSdk} |`,
    `| PostgreSQL | ${r.machine.postgres}, default settings (fsync and synchronous_commit on); a one-row commit takes ${r.commitMs.toFixed(1)} ms here (median of 50) |`,
    `| wall time of \`npm run bench\` | ${seconds(r.wallSeconds * 1000)} (start-up, all phases and waits) |`,
    '',
    'All of it shares these cores: PostgreSQL, the Temporal dev server, the API, the worker and the',
    'benchmark (load generator and SendGrid stub). The machine is also shared with other work; the CPU',
    'tables show how much was not ours in each phase, and that part is capacity the stack did not get.',
    '',
    '## Results against the aims',
    '',
    '| measure | aim | result | |',
    '| --- | --- | --- | --- |',
  );
  if (bursts.length > 0) {
    push(
      `| runs started per second, bursts of ${count(bursts[0].n)} (median of ${bursts.length}) | ≥ ${AIM_RUNS_PER_SECOND}/s | ${perSecond(createdRate)} created and their workflows started; ${perSecond(executingRate)} reached their first node | ${verdict(createdRate >= AIM_RUNS_PER_SECOND)} |`,
      `| runs completed per second (what the engine sustains) | – | ${perSecond(finishedRate)} | |`,
    );
  }
  if (s) {
    const overloaded = finishedRate > 0 && s.targetRate > finishedRate;
    push(
      `| trigger → message p50 at ${s.targetRate} events/s (${count(s.n)} customers) | < ${AIM_P50_MS} ms | ${ms(s.latency.p50)}${overloaded ? ` (queueing: ${s.targetRate}/s is above the ${perSecond(finishedRate)} the stack completes)` : ''} | ${verdict(s.latency.p50 < AIM_P50_MS)} |`,
      `| trigger → message p99 at ${s.targetRate} events/s | – | ${ms(s.latency.p99)} (p95 ${ms(s.latency.p95)}) | |`,
    );
  }
  if (low) {
    push(
      `| trigger → message p50 / p99 at ${low.targetRate} events/s (below capacity) | – | ${ms(low.latency.p50)} / ${ms(low.latency.p99)} | ${low.latency.p50 < AIM_P50_MS ? `within the ${AIM_P50_MS} ms aim` : `above the ${AIM_P50_MS} ms aim`} |`,
    );
  }
  if (w) {
    push(
      `| worker RSS with ${count(w.peakWaiting)} runs waiting in \`wait.delay\` | < 1 GB (954 MiB) | ${mib(w.workerRss.waitingMax)} (max; ${mib(w.workerRss.before)} before parking) | ${verdict(w.workerRss.waitingMax < AIM_RSS_BYTES)}${w.peakWaiting < ASKED_WAITING ? ' (scaled run, see below)' : ''} |`,
      `| time for all ${count(w.created)} to wake and finish | – | ${seconds(w.wakeAndFinishMs)} from the first wake-up due; wake-ups were due over ${seconds(w.wakesDueSpanMs)}, the last run finished ${seconds(w.drainAfterLastWakeMs)} after the last was due | ${w.complete ? '' : '**incomplete**'} |`,
    );
  }
  const others = (shares: CpuShares[]) =>
    shares.length === 0
      ? undefined
      : cores(
          shares.reduce((sum, c) => sum + c.otherCores * c.seconds, 0) /
            shares.reduce((sum, c) => sum + c.seconds, 0),
        );
  const contention = [
    ['the bursts', others(bursts.map((b) => b.cpu))],
    ['the steady phases', others([low, s].flatMap((st) => (st ? [st.cpu] : [])))],
    ['phase (b)', others(w ? [w.cpu.create, w.cpu.wake] : [])],
  ].filter(([, v]) => v !== undefined);
  if (contention.length > 0) {
    push(
      '',
      `Other work on the machine used on average ${contention.map(([phase, v]) => `${v} cores during ${phase}`).join(', ')} ` +
        `(of ${cpus}): these figures are what the stack got while sharing the machine, not what it would do alone.`,
    );
  }
  if (r.waitingScaledBecause && w) {
    push(
      '',
      `**Phase (b) ran with ${count(w.requested)} runs instead of ${count(ASKED_WAITING)}**: ${r.waitingScaledBecause}. ` +
        'What 20,000 would give is extrapolated under "Where the time goes".',
    );
  }
  push(...beforeAndAfter(r));

  push(
    '',
    '## How it is measured',
    '',
    '- **Stack**: embedded PostgreSQL in a temporary folder with a fresh migrated database, and the',
    '  Temporal CLI dev server in memory (`startEmbeddedPostgres`, `startTemporalDevServer` from',
    '  `tools/devstack`); the real API and worker started from `apps/*/dist/main.js` on their own task',
    '  queue, as the integration tests start them, with `SENDGRID_API_KEY` set and `SENDGRID_API_URL`',
    '  pointing at the `SendGridStub` of `libs/testing`: a "message" is a real `@sendgrid/mail` request',
    '  received over HTTP. Product defaults throughout (worker options, pools, routing sweep every 5 s).',
    '- **Load**: signed Shopify `customers/update` deliveries to `POST /webhooks/shopify` on 127.0.0.1,',
    '  one new customer each, over keep-alive connections. Journeys are published with `POST /v1/journeys`',
    '  and `…/publish`.',
    '- **(a) one-message journey**: `customer.updated` → `action.coupon` → `send.email` (`welcome`, which',
    '  shows the coupon code) → `exit`. After 100 warm-up runs: bursts of deliveries with',
    `  ${bursts[0]?.concurrency ?? r.config.concurrency} in flight. "Created" is the rate of \`runs.started_at\` (the router inserts the run`,
    '  and starts its workflow right after); "reached their first node" is the rate of the trigger steps',
    '  the workflows wrote; "completed" the rate of `runs.finished_at`; each from the first to the last',
    '  of the burst. Then steady deliveries on an open-loop schedule (a slow answer does not delay the',
    '  next send): trigger → message is the time the SendGrid stub received the email minus the time',
    '  the delivery was sent.',
    '- **(b) waiting runs**: `customer.updated` → `action.coupon` → `wait.delay` → `send.email` → `exit`.',
    '  Deliveries go out with at most 400 runs accepted but not yet waiting (the rate the stack',
    '  sustains), and the delay is chosen so every run is parked before the first one wakes. Worker',
    '  memory is `VmRSS` of `/proc/<pid>/status`, sampled every second; the end is every run `completed`',
    '  in the `runs` table.',
    '- **CPU**: `utime + stime` from `/proc` per process tree (PostgreSQL: postmaster and all backends),',
    '  in cores (1.00 = one core busy the whole window), and as a share of all busy CPU on the machine;',
    '  "not ours" is the machine\'s busy time (`/proc/stat`) minus ours. PostgreSQL activity is',
    '  `pg_stat_activity` sampled every second.',
  );

  if (bursts.length > 0) {
    push(
      '',
      '## (a) One-message journey',
      '',
      '### Bursts',
      '',
      '| burst | webhooks answered/s | runs created/s | reached first node/s | completed/s | emails/s | first webhook → last email | trigger → message p50 / p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...bursts.map(
        (b, i) =>
          `| ${i + 1}: ${count(b.outcomes.accepted)} runs | ${perSecond(b.acceptedPerSecond)} | ${perSecond(b.runsStartedPerSecond)} | ${perSecond(b.workflowsStartedPerSecond)} | ${perSecond(b.runsFinishedPerSecond)} | ${perSecond(b.messagesPerSecond)} | ${seconds(b.totalMs)} | ${ms(b.latency.p50)} / ${ms(b.latency.p99)} |`,
      ),
      '',
      cpuTable(
        bursts.map((b, i) => [`burst ${i + 1}`, b.cpu]),
        cpus,
      ),
      '',
      ...bursts.map((b, i) => `- PostgreSQL, burst ${i + 1}: ${postgresLine(b.postgres)}.`),
    );
    if (cost) {
      const ours = Object.values(cost).reduce((a, b) => a + b, 0);
      push(
        '',
        'CPU per completed run, over all bursts (the bursts keep every process busy, so this is the cost',
        'of a run, not idle time):',
        '',
        '| process | CPU ms per run |',
        '| --- | ---: |',
        ...GROUPS.map(([key, label]) => `| ${label} | ${cost[key].toFixed(1)} |`),
        `| **all of ours** | **${ours.toFixed(1)}** |`,
      );
    }
    for (const b of bursts.filter((b) => b.outcomes.missingMessages > 0 || b.outcomes.rejected > 0)) {
      push(
        '',
        `- **Anomaly**: ${b.outcomes.rejected} deliveries refused, ${b.outcomes.missingMessages} runs without an email.`,
      );
    }
  }

  for (const st of [low, s]) {
    if (!st) continue;
    push(
      '',
      `### Steady ${st.targetRate} events/s${st === low ? ' (below capacity)' : ''}`,
      '',
      `${count(st.outcomes.accepted)} deliveries at ${perSecond(st.achievedRate)} (worst slip behind the schedule ${ms(st.worstSlipMs)}); ` +
        `${count(st.outcomes.completed)} runs completed, ${st.outcomes.missingMessages} without an email. ` +
        `Median trigger → message of the first tenth of the deliveries ${ms(st.firstTenthP50)}, of the last tenth ${ms(st.lastTenthP50)}.`,
      '',
      '| interval | p50 / p95 / p99 / max |',
      '| --- | ---: |',
      `| **webhook sent → email received by SendGrid** | **${dist(st.latency)}** |`,
      `| webhook sent → HTTP 200 | ${dist(st.ack)} |`,
      ...st.stages.map((stage) => `| ${stage.name} | ${dist(stage.latency)} |`),
      '',
      cpuTable([[`${st.targetRate}/s`, st.cpu]], cpus),
      '',
      `- PostgreSQL: ${postgresLine(st.postgres)}.`,
    );
  }
  if (low || s)
    push(
      '',
      'The stages use three clocks of one machine (benchmark, PostgreSQL `now()` at transaction start,',
      'workflow time) and each is its own distribution, so their medians need not add up exactly.',
    );
  if (r.timeSplit && low) {
    const t = r.timeSplit;
    push(
      '',
      `Inside Temporal, for ${t.runs} runs of the ${low.targetRate}/s phase picked at random (from their histories: workflow start to`,
      `last event, ${ms(t.total.p50)} at the median), each part summed over the run's tasks:`,
      '',
      '| part of a run | p50 / p95 / p99 / max per run |',
      '| --- | ---: |',
      ...t.parts.map((part) => `| ${part.name} | ${dist(part.perRun)} |`),
      `| **workflow start → last event** | **${dist(t.total)}** |`,
    );
  }

  if (r.history) {
    const h = r.history;
    const local = h.localActivityTypes ?? [];
    push(
      '',
      `One one-message run (\`${h.workflowId}\`) is **${h.events} history events, ${h.workflowTasks} workflow tasks and ${h.activities} ${h.activities === 1 ? 'activity' : 'activities'}** ` +
        `(${h.activityTypes.map((a) => `\`${a}\``).join(' → ')}): ${h.workflowTasks + h.activities} round trips through Temporal and the worker.` +
        (local.length > 0
          ? ` Its ${local.length} local activities (${local.map((a) => `\`${a}\``).join(' → ')}) ran inside those workflow tasks, each recorded as a marker event, with no round trip of their own.`
          : ''),
    );
  }

  if (w) {
    push(
      '',
      `## (b) Runs waiting in \`wait.delay\` (${w.delay})`,
      '',
      '| | |',
      '| --- | --- |',
      `| runs | ${count(w.created)} created (${count(w.requested)} asked) |`,
      `| parking | ${seconds(w.createMs)}: runs created at ${perSecond(w.runsStartedPerSecond)}, reached the wait at ${perSecond(w.parkedPerSecond)} |`,
      `| waiting at once (peak) | ${count(w.peakWaiting)}, for ${seconds(w.waitingWindowMs)} before the first wake-up was due |`,
      `| worker RSS | idle after start-up ${mib(r.workerRssIdle)}; before parking ${mib(w.workerRss.before)}; all waiting: median ${mib(w.workerRss.waitingMedian)}, max ${mib(w.workerRss.waitingMax)} (${w.workerRss.samples} samples); waking: max ${mib(w.workerRss.wakingMax)} |`,
      `| Temporal dev server RSS | before ${mib(w.temporalRss.before)}; all waiting ${mib(w.temporalRss.waiting)}; waking max ${mib(w.temporalRss.wakingMax)} |`,
      `| wake-ups due | over ${seconds(w.wakesDueSpanMs)} (runs wake in the order and at the pace they were parked) |`,
      `| first wake-up due → all finished | ${seconds(w.wakeAndFinishMs)} (${w.complete ? `all ${count(w.finished)}` : `only ${count(w.finished)} within the time limit`}), completing ${perSecond(w.finishedPerSecond)} |`,
      `| last wake-up due → all finished | ${seconds(w.drainAfterLastWakeMs)} |`,
      `| per run: wake-up due → run finished | p50 / p95 / p99 / max ${dist(w.wakeToFinish)} |`,
      `| per run: wake-up due → email received | p50 / p95 / p99 / max ${dist(w.wakeToEmail)} |`,
      `| runs without an email | ${count(w.missingMessages)} |`,
    );
    if (w.rssByParked.length > 0) {
      push(
        '',
        'Resident memory while the runs were being parked:',
        '',
        '| runs parked | worker RSS | Temporal dev server RSS |',
        '| ---: | ---: | ---: |',
        ...w.rssByParked.map((p) => `| ${count(p.parked)} | ${mib(p.workerRss)} | ${mib(p.temporalRss)} |`),
      );
    }
    push(
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

  push('', '## Where the time goes', '', ...analysis(r, cache, cost));
  push('', '## What in the product limits it', '', ...productLimits(r, cache));
  push('', '## What a production Temporal cluster changes', '', ...production(r, cost));
  push(
    '',
    '## Checks',
    '',
    `- Emails received twice by the stub: ${r.duplicateEmails}. Deliveries retried after a dropped connection: ${r.webhookRetries}.`,
    `- Output lines mentioning "warn" or "error": ${Object.entries(r.warnings)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}.`,
    ...Object.entries(r.warningKinds).flatMap(([name, kinds]) =>
      Object.entries(kinds)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([kind, n]) => `  - ${name}, ${n}×: \`${kind.replace(/`/g, "'")}\``),
    ),
    '',
  );
  return out.join('\n');
}

function analysis(r: BenchResults, cache: number, cost: Record<string, number> | undefined): string[] {
  const lines: string[] = [];
  const cpus = r.machine.cpus;
  const finished = median(r.bursts.map((b) => b.runsFinishedPerSecond));
  const created = median(r.bursts.map((b) => b.runsStartedPerSecond));
  const last = r.bursts[r.bursts.length - 1];
  if (last) {
    lines.push(
      finished < created * 0.8
        ? `- **Starting is cheap, running is not.** The API accepts deliveries and the router creates runs and starts their ` +
            `workflows at ${perSecond(created)}, but the engine completes ${perSecond(finished)}: a burst is accepted in seconds and then waits ` +
            `in Temporal's task queue, which the worker drains at the completion rate.`
        : `- **The engine keeps up with the router.** Runs complete at ${perSecond(finished)}, about the ${perSecond(created)} at which the ` +
            'router creates them and starts their workflows, so in a burst the limit is how fast the API routes deliveries.',
      `- **The machine's CPU is the limit.** During the last burst the ${cpus} cores were ${pct(last.cpu.machineCores, cpus)} busy: ` +
        `${ranking(last.cpu)} cores; PostgreSQL had ${last.postgres.meanActive.toFixed(1)} backends busy on average and iowait was ` +
        `${cores(last.cpu.iowaitCores)} cores.`,
    );
    if (cost) {
      const ours = Object.values(cost).reduce((a, b) => a + b, 0);
      lines.push(
        `- **A one-message run costs ≈ ${ours.toFixed(0)} ms of CPU** (Temporal ${cost.temporal.toFixed(0)}, worker ${cost.worker.toFixed(0)}, ` +
          `PostgreSQL ${cost.postgres.toFixed(0)}, API ${cost.api.toFixed(0)}). With all ${cpus} cores to itself this stack would complete about ` +
          `${perSecond((cpus * 1000) / ours)}; ${AIM_RUNS_PER_SECOND} runs/s would need about ${Math.ceil((AIM_RUNS_PER_SECOND * ours) / 1000)} cores at this cost, ` +
          `${Math.ceil((AIM_RUNS_PER_SECOND * cost.temporal) / 1000)} of them for Temporal and ${Math.ceil((AIM_RUNS_PER_SECOND * cost.worker) / 1000)} for workers.`,
      );
    }
    if (r.history) {
      lines.push(
        `- **The Temporal dev server is the largest consumer** (${pct(last.cpu.cores.temporal ?? 0, last.cpu.machineCores)} of the busy CPU in the last burst). ` +
          `Each run is ${r.history.workflowTasks + r.history.activities} round trips and ${r.history.events} history events; at ${perSecond(finished)} that is ` +
          `~${Math.round(finished * (r.history.workflowTasks + r.history.activities))} task round trips and ~${Math.round(finished * r.history.events)} history events ` +
          'per second through one process with an in-memory SQLite store.',
      );
    }
  }
  if (r.steady) {
    const st = r.steady;
    if (finished > 0 && st.targetRate > finished) {
      lines.push(
        `- **${st.targetRate} events/s is more than this machine completes**, so the steady test measures a growing queue: the median ` +
          `trigger → message rises from ${ms(st.firstTenthP50)} for the first tenth of the deliveries to ${ms(st.lastTenthP50)} for the last, ` +
          `and the time goes to ${slowestStage(st)}.`,
      );
    }
  }
  if (r.steadyLow) {
    const st = r.steadyLow;
    lines.push(
      `- **Below capacity (${st.targetRate} events/s) the path itself** takes ${ms(st.latency.p50)} at the median (p99 ${ms(st.latency.p99)}); ` +
        `its largest stage is ${slowestStage(st)}. The machine was ${pct(st.cpu.machineCores, cpus)} busy (${ranking(st.cpu)} cores).`,
    );
    const t = r.timeSplit;
    if (t) {
      lines.push(
        `- **Inside Temporal** such a run takes ${ms(t.total.p50)} at the median from workflow start to its last event: ` +
          t.parts
            .slice(0, 5)
            .map((part) => `${part.name} ${ms(part.perRun.p50)}`)
            .join(', ') +
          `. Every one of the ${r.history ? r.history.workflowTasks + r.history.activities : 'many'} tasks pays a queue hop and a round trip` +
          (r.history?.localActivities
            ? `; the ${r.history.localActivities} local activities run inside the workflow tasks, so their database work ` +
              `(a durable commit costs ${r.commitMs.toFixed(1)} ms on this disk) is part of "on the worker". `
            : `, and the activities take far longer than their database work (a durable commit costs ${r.commitMs.toFixed(1)} ms on this disk). `) +
          'What is not database or workflow code is most likely time spent waiting for CPU.',
      );
    }
  }
  if (r.waiting) {
    const w = r.waiting;
    const resident = Math.min(w.peakWaiting, cache);
    const perRun = resident > 0 ? (w.workerRss.waitingMax - w.workerRss.before) / resident : 0;
    const atCacheFull = w.workerRss.before + perRun * cache;
    // Did RSS stop growing once the cache was full? Look at the samples well past the cache size.
    const past = w.rssByParked.filter((p) => p.parked >= cache * 1.5);
    const firstFull = w.rssByParked.find((p) => p.parked > cache);
    let plateauNote = '';
    let level: { low: number; high: number } | undefined;
    if (past.length >= 2 && firstFull) {
      const values = past.map((p) => p.workerRss);
      const low = Math.min(...values);
      const high = Math.max(...values);
      const last = values[values.length - 1];
      // Garbage between collections makes single samples noisy: compare the halves' medians.
      const half = Math.floor(values.length / 2);
      const flat = median(values.slice(half)) <= median(values.slice(0, half)) * 1.2;
      if (last <= high && (high - low < high * 0.2 || (values.length >= 4 && flat))) level = { low, high };
      plateauNote = level
        ? `While parking, RSS reached ${mib(firstFull.workerRss)} at ${count(firstFull.parked)} parked and then stayed between ${mib(low)} and ${mib(high)} ` +
          `up to ${count(past[past.length - 1].parked)}: it levels off once the cache is full. `
        : `While parking, RSS was ${mib(firstFull.workerRss)} at ${count(firstFull.parked)} parked and ${mib(last)} at ${count(past[past.length - 1].parked)}: ` +
          'it was still growing past the cache size, so this run does not show where it levels off. ';
    }
    const twentyThousand =
      w.peakWaiting <= cache
        ? `With ${count(ASKED_WAITING)} waiting the cache fills up (${count(cache)} runs), which at this rate is ≈ ${mib(atCacheFull)}.`
        : level
          ? `With ${count(ASKED_WAITING)} waiting the cache holds the same ${count(cache)} runs, so expect the same level, ${mib(level.low)}–${mib(level.high)}.`
          : `With ${count(ASKED_WAITING)} waiting the cache holds the same ${count(cache)} runs, so RSS should level off, but at no less than the ${mib(w.workerRss.waitingMax)} measured here.`;
    lines.push(
      `- **Worker memory follows the runs it keeps cached.** The SDK keeps up to \`maxCachedWorkflows\` runs in memory ` +
        (r.workerCache !== undefined
          ? `(the worker sets ${count(cache)}, \`WORKER_MAX_CACHED_WORKFLOWS\`)`
          : `(the worker does not set it; the default from the heap limit is ${count(cache)} here)`) +
        '; a waiting run beyond that is evicted ' +
        `and replayed from its history when its timer fires. With ${count(w.peakWaiting)} waiting, RSS rose ${mib(w.workerRss.waitingMax - w.workerRss.before)} ` +
        `over its level before parking, ≈ ${Math.round(perRun / 1024)} KiB per cached run. ${plateauNote}${twentyThousand}`,
      `- What grows with every waiting run is Temporal's storage (the in-memory dev server went from ${mib(w.temporalRss.before)} to ` +
        `${mib(w.temporalRss.waiting)}) and the \`runs\`/\`run_steps\` rows; waiting runs take no CPU (machine ${pct(w.cpu.waiting.machineCores, cpus)} busy while they waited, ` +
        `${cores((w.cpu.waiting.cores.temporal ?? 0) + (w.cpu.waiting.cores.worker ?? 0))} cores of it Temporal and worker).`,
      `- **Waking** completed ${perSecond(w.finishedPerSecond)} (machine ${pct(w.cpu.wake.machineCores, cpus)} busy: ${ranking(w.cpu.wake)} cores) ` +
        `while wake-ups came due at the pace the runs were parked, ${perSecond(w.parkedPerSecond)}; ` +
        (w.finishedPerSecond < w.parkedPerSecond * 0.95
          ? 'woken runs queued, and a woken run finished '
          : 'a woken run finished ') +
        `${ms(w.wakeToFinish.p50)} after its wake-up was due at the median, ${ms(w.wakeToFinish.p99)} at p99. ` +
        `The worker spent ${cpuPerRun(w.cpu.wake.cores.worker, w.finishedPerSecond)} ms of CPU per woken run against ${cpuPerRun(w.cpu.create.cores.worker, w.parkedPerSecond)} ms per parked run ` +
        `(its workflow tasks and activities)${w.peakWaiting > cache ? `; the difference is consistent with replaying the ${count(w.peakWaiting - cache)}+ runs that had been evicted from the cache` : ''}.`,
    );
    if (w.peakWaiting < ASKED_WAITING) {
      lines.push(
        `- **Extrapolated to ${count(ASKED_WAITING)} waiting runs** on this machine: parking at ${perSecond(w.parkedPerSecond)} takes ` +
          `~${duration((ASKED_WAITING / Math.max(w.parkedPerSecond, 0.1)) * 1000)}, and waking them all, if they were due at once, ` +
          `~${duration((ASKED_WAITING / Math.max(w.finishedPerSecond, 0.1)) * 1000)} at ${perSecond(w.finishedPerSecond)}; ` +
          `worker RSS ${w.peakWaiting <= cache ? `≈ ${mib(atCacheFull)} (cache full)` : level ? `${mib(level.low)}–${mib(level.high)} as measured past the cache size` : `at least the ${mib(w.workerRss.waitingMax)} measured`}, ` +
          `${(w.peakWaiting > cache ? w.workerRss.waitingMax : atCacheFull) < AIM_RSS_BYTES ? 'under' : 'over'} the 1 GB aim.`,
      );
    }
  }
  return lines;
}

function cpuPerRun(coresUsed: number | undefined, perSecondRate: number): string {
  return perSecondRate > 0 ? (((coresUsed ?? 0) * 1000) / perSecondRate).toFixed(0) : '–';
}

function slowestStage(st: NonNullable<BenchResults['steady']>): string {
  const stage = [...st.stages].sort((a, b) => b.latency.p50 - a.latency.p50)[0];
  return `"${stage.name}" (${ms(stage.latency.p50)} at the median)`;
}

/**
 * Findings about the product's own code. The per-run counts come from this run's Temporal history,
 * the memory per cached run from phase (b).
 */
function productLimits(r: BenchResults, cache: number): string[] {
  const h = r.history;
  const local = h?.localActivityTypes ?? [];
  const pgBusy = median(r.bursts.map((b) => b.postgres.meanActive)).toFixed(1);
  const w = r.waiting;
  const perCachedRun =
    w && w.peakWaiting > 0
      ? (w.workerRss.waitingMax - w.workerRss.before) / Math.min(w.peakWaiting, cache)
      : 0;
  return [
    `1. **Round trips per run** (\`workflows/src/journey-run.workflow.ts\`). A one-message run is ${h ? `${h.workflowTasks} workflow tasks and ${h.activities} ${h.activities === 1 ? 'activity' : 'activities'}` : 'a few workflow tasks and activities'}` +
      (local.length > 0
        ? `; its database work (${[...new Set(local)].map((a) => `\`${a}\``).join(', ')}) runs as ${local.length} local activities inside those tasks ` +
          "(patch `local-ledger-activities`; runs started before it replay with the activities they scheduled). What is left is Temporal's own " +
          'minimum for a run that sends: the task that starts it, the send (a normal activity, so its result is durable the moment it ' +
          'returns and a worker that dies mid-send is noticed by its timeout), and the task that finishes it.'
        : ', and most of its activities are bookkeeping (`loadRunPlan`, `recordStep`, `finishRun`), each a round trip through Temporal.'),
    '2. **What each run evaluates in the workflow sandbox.** With `reuseV8Context` (the SDK default) the modules a workflow ' +
      "imports are evaluated once per run started or replayed (only the SDK's own are shared) and kept while the run is cached. " +
      'The workflow imports `@waypoint/journey/engine` (graph walking, durations, conditions on events), not the package index ' +
      'with its zod schemas and validator; lint refuses a value import of the index in `workflows/`.' +
      (perCachedRun
        ? ` Measured here: ≈ ${Math.round(perCachedRun / 1024)} KiB of worker RSS per cached waiting run.`
        : ''),
    `3. **The worker's cache** (\`apps/worker/src/main.ts\`): \`maxCachedWorkflows\` is ${r.workerCache !== undefined ? `${count(cache)} (\`WORKER_MAX_CACHED_WORKFLOWS\`)` : `the SDK default, ${count(cache)} from a ${count(r.machine.heapLimitMiB)} MiB heap limit`}, ` +
      'which bounds its memory however many runs wait; runs evicted from the cache are replayed when they wake, which costs CPU at ' +
      'wake-up, not correctness.' +
      (perCachedRun
        ? ` At the ≈ ${Math.round(perCachedRun / 1024)} KiB per cached run measured here and ${mib(r.workerRssIdle)} at start-up, a worker ` +
          `kept under 1 GB holds roughly ${count(Math.floor((AIM_RSS_BYTES - r.workerRssIdle) / perCachedRun / 100) * 100)} cached runs (less, as garbage between collections counts too).`
        : ''),
    '4. **A fixed cost per call into the workflow sandbox.** In a CPU profile of the worker (`BENCH_WORKER_NODE_ARGS="--cpu-prof ' +
      '--cpu-prof-dir=…"`, phase (a), 700 runs, 2026-12-01) the workflow thread was busy ≈ 22 ms per run, ≈ 13 ms of it inside ' +
      "`vm`'s `runInContext` itself rather than in workflow code: the SDK passes its `isolateExecutionTimeout` (5 s) on every call " +
      'into the sandbox, and Node starts and joins a watchdog thread for every call with a timeout ' +
      '([nodejs/node#47739](https://github.com/nodejs/node/pull/47739)); a run makes dozens of calls (an activation per local ' +
      'activity result, each activated and concluded). The SDK has no setting to drop the per-call timeout. A second workflow ' +
      'thread (`workflowThreadPoolSize: 2`) gave 31.8/s against 29.1/s in one 600-run burst each, within the noise, so it is not set.',
    `5. Not limits here: PostgreSQL (${pgBusy} backends busy on average in the bursts), the fixed pool of 10 connections per ` +
      'process (`libs/data` `dataSourceOptions`).',
  ];
}

function production(r: BenchResults, cost: Record<string, number> | undefined): string[] {
  const lines = [
    '- The dev server is the frontend, history and matching services plus an in-memory SQLite store in one process, on',
    '  the same cores as everything else, with **one history shard** (the CLI configures `NumHistoryShards = 1`), so every',
    '  workflow update of every run goes through one shard and one SQLite database. A production cluster runs those',
    '  services on hosts of their own, spreads history over hundreds of shards on Cassandra, PostgreSQL or MySQL and',
    '  partitions task queues: it scales by adding hosts and takes no CPU from the API, the worker and the database.',
  ];
  if (cost) {
    const ours = Object.values(cost).reduce((a, b) => a + b, 0);
    const rest = ours - cost.temporal;
    lines.push(
      `- Without Temporal on this machine a run would cost it ≈ ${rest.toFixed(0)} ms of CPU instead of ${ours.toFixed(0)}: with ${r.machine.cpus} cores to itself`,
      `  the rest of the stack would complete about ${perSecond((r.machine.cpus * 1000) / rest)} instead of ${perSecond((r.machine.cpus * 1000) / ours)}. A cluster does not make`,
      '  a run less work for Temporal; it moves that work to machines of its own and spreads it over shards and hosts.',
      '  The worker, a single Node process with one workflow thread, is then the next limit; it scales out as more',
      '  worker processes on the same task queue, each with its own cache.',
    );
  }
  if (r.timeSplit && r.history) {
    const hops = r.history.workflowTasks + r.history.activities;
    const queued = r.timeSplit.parts
      .filter((p) => p.name.includes('waiting in the task queue'))
      .reduce((sum, p) => sum + p.perRun.p50, 0);
    lines.push(
      `- Below capacity a run still spent ≈ ${ms(queued)} of its time with tasks waiting in Temporal's queues, ≈ ${ms(queued / hops)} per`,
      `  task on average, on a machine that was busy with other work too. In a one-off comparison on a lighter-loaded machine`,
      '  (2026-11-24) the wait was about 35 ms per task both with the default task-queue partitions and with a dev server',
      '  started with `matching.numTaskqueueReadPartitions=1` and `…WritePartitions=1`, so it is not partition forwarding;',
      '  a starved dev server is the likely cause. ' +
        (r.steadyLow && r.steadyLow.latency.p50 >= AIM_P50_MS
          ? `These waits are most of the gap to the ${AIM_P50_MS} ms aim, and a cluster with CPU`
          : `They are ${pct(queued, r.timeSplit.total.p50)} of the run's ${ms(r.timeSplit.total.p50)} inside Temporal, and a cluster with CPU`),
      '  of its own should cut them.',
    );
  }
  const kinds = r.warningKinds.temporal ?? {};
  const slow = Object.entries(kinds)
    .filter(([kind]) => /Slow gRPC call|deadline exceeded/.test(kind))
    .reduce((sum, [, n]) => sum + n, 0);
  if (slow > 100) {
    lines.push(
      `- The dev server itself reported being starved: ${count(slow)} "Slow gRPC call" and "context deadline exceeded" lines in its`,
      '  log (see Checks); it retries the tasks that timed out.',
    );
  }
  lines.push(
    '- Latency also goes the other way: here every round trip is on loopback. With a cluster in the same region each',
    `  workflow task and activity adds a network round trip (about a millisecond or more)${r.history ? `, and a run has ${r.history.workflowTasks + r.history.activities} of them` : ''};`,
    '  Temporal Cloud across regions adds more. Fewer round trips per run (see above) helps both.',
  );
  return lines;
}
