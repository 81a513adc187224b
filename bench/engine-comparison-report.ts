/**
 * The engine report's "before and after" table: this run against an earlier one (BENCH_BASELINE,
 * a saved results.json), measure by measure, with the ratio. The two runs may differ in size
 * (knobs) and in how busy the shared machine was, so the table says both for each run.
 */
import type { CpuShares } from './proc';
import type { BenchResults } from './run';
import { cores, count, median, mib, ms, perSecond } from './stats';

interface Measure {
  name: string;
  of: (r: BenchResults) => number | undefined;
  show: (value: number) => string;
  /** Which way is better, for the ratio's wording. */
  better: 'higher' | 'lower';
}

interface Row extends Measure {
  before: number | undefined;
  after: number | undefined;
}

/** CPU ms per completed burst run of one process group, or of all of ours. */
function cpuPerRun(r: BenchResults, key?: string): number | undefined {
  const runs = r.bursts.reduce((sum, b) => sum + b.outcomes.completed, 0);
  if (runs === 0) return undefined;
  const of = (s: CpuShares) =>
    key ? (s.cores[key] ?? 0) : Object.values(s.cores).reduce((sum, value) => sum + value, 0);
  return (r.bursts.reduce((sum, b) => sum + of(b.cpu) * b.cpu.seconds, 0) * 1000) / runs;
}

/** Mean cores of other work during the bursts and steady phases: how shared the machine was. */
function notOurs(r: BenchResults): number | undefined {
  const shares = [
    ...r.bursts.map((b) => b.cpu),
    ...[r.steadyLow, r.steady].flatMap((s) => (s ? [s.cpu] : [])),
  ];
  const secondsTotal = shares.reduce((sum, s) => sum + s.seconds, 0);
  return secondsTotal > 0
    ? shares.reduce((sum, s) => sum + s.otherCores * s.seconds, 0) / secondsTotal
    : undefined;
}

/** Worker RSS growth per cached waiting run (the cache holds at most `workerCache` of them). */
function perCachedRun(r: BenchResults): number | undefined {
  const w = r.waiting;
  if (!w || w.peakWaiting === 0) return undefined;
  return (
    (w.workerRss.waitingMax - w.workerRss.before) / Math.min(w.peakWaiting, r.workerCache ?? w.peakWaiting)
  );
}

const burstRate = (pick: (b: BenchResults['bursts'][number]) => number) => (r: BenchResults) =>
  r.bursts.length > 0 ? median(r.bursts.map(pick)) : undefined;
const cpuMs = (v: number) => `${v.toFixed(1)} ms`;

const higher = (name: string, of: Measure['of'], show: Measure['show']): Measure => ({
  name,
  of,
  show,
  better: 'higher',
});
const lower = (name: string, of: Measure['of'], show: Measure['show']): Measure => ({
  name,
  of,
  show,
  better: 'lower',
});

const MEASURES: Measure[] = [
  higher(
    'runs created/s (bursts)',
    burstRate((b) => b.runsStartedPerSecond),
    perSecond,
  ),
  higher(
    'runs reaching their first node/s (bursts)',
    burstRate((b) => b.workflowsStartedPerSecond),
    perSecond,
  ),
  higher(
    'runs completed/s (bursts)',
    burstRate((b) => b.runsFinishedPerSecond),
    perSecond,
  ),
  lower('CPU per run, all of ours', (r) => cpuPerRun(r), cpuMs),
  lower('CPU per run, Temporal dev server', (r) => cpuPerRun(r, 'temporal'), cpuMs),
  lower('CPU per run, worker', (r) => cpuPerRun(r, 'worker'), cpuMs),
  lower('CPU per run, PostgreSQL', (r) => cpuPerRun(r, 'postgres'), cpuMs),
  lower('history events per one-message run', (r) => r.history?.events, count),
  lower(
    'round trips per run (workflow tasks + activities)',
    (r) => r.history && r.history.workflowTasks + r.history.activities,
    count,
  ),
  lower('trigger → message p50, below capacity', (r) => r.steadyLow?.latency.p50, ms),
  lower('trigger → message p99, below capacity', (r) => r.steadyLow?.latency.p99, ms),
  lower('trigger → message p50 at the steady rate', (r) => r.steady?.latency.p50, ms),
  lower('worker RSS, all runs waiting (max)', (r) => r.waiting?.workerRss.waitingMax, mib),
  lower('worker RSS per cached waiting run', perCachedRun, (v) => `${Math.round(v / 1024)} KiB`),
  higher('runs parked/s (phase b)', (r) => r.waiting?.parkedPerSecond, perSecond),
  higher('woken runs completed/s (phase b)', (r) => r.waiting?.finishedPerSecond, perSecond),
];

function ratio(row: Row): string {
  if (row.before === undefined || row.after === undefined || row.before === 0 || row.after === 0) return '–';
  const factor = row.after / row.before;
  const improved = row.better === 'higher' ? factor > 1 : factor < 1;
  const times = factor >= 1 ? factor : 1 / factor;
  if (Math.abs(times - 1) < 0.05) return 'about the same';
  return `${times.toFixed(times >= 10 ? 0 : 1)}× ${row.better === 'higher' ? (improved ? 'more' : 'less') : improved ? 'less' : 'more'}`;
}

function describe(r: BenchResults): string {
  const c = r.config;
  const waiting = r.waiting ? `${count(r.waiting.created)} waiting runs` : 'no phase (b)';
  const other = notOurs(r);
  return (
    `${r.startedAt.slice(0, 16).replace('T', ' ')} UTC: bursts of ${count(c.burstRuns)} ×${c.burstReps}, ` +
    `${count(c.steadyRuns)} steady at ${c.steadyRate}/s${r.steadyLow ? ` (and ${count(r.steadyLow.n)} at ${r.steadyLow.targetRate}/s)` : ''}, ${waiting}; ` +
    `worker cache ${r.workerCache !== undefined ? count(r.workerCache) : 'the SDK default'}; other work ${other !== undefined ? `${cores(other)} cores` : 'unknown'} on average in phase (a)`
  );
}

/** The section's lines, or none when the results carry no baseline. */
export function beforeAndAfter(after: BenchResults): string[] {
  const before = after.before;
  if (!before) return [];
  const table: Row[] = MEASURES.map((m) => ({ ...m, before: m.of(before), after: m.of(after) })).filter(
    (row) => row.before !== undefined || row.after !== undefined,
  );
  return [
    '',
    '## Before and after',
    '',
    `- **Before**: ${describe(before)}.`,
    `- **After** (this run): ${describe(after)}.`,
    ...(after.beforeNote ? [`- ${after.beforeNote}`] : []),
    '',
    '| measure | before | after | after vs before |',
    '| --- | ---: | ---: | ---: |',
    ...table.map(
      (row) =>
        `| ${row.name} | ${row.before !== undefined ? row.show(row.before) : '–'} | ${row.after !== undefined ? row.show(row.after) : '–'} | ${ratio(row)} |`,
    ),
    '',
    'Rates and CPU per run compare well across runs of different sizes; a latency under overload',
    '(the steady rate above what the stack completes) grows with the number of deliveries, so compare',
    'it only between runs of the same size.',
  ];
}
