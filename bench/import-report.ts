/**
 * The import part of docs/benchmarks.md: a store's history backfilled through the real import
 * path (bulk JSONL → worker → PostgreSQL → set-based recompute), against the aims, with
 * the machine and how loaded it was.
 */
import type { ImportRep, ImportResults } from './import';
import { cores, count, mib, seconds } from './stats';

const AIM_LINES_PER_SECOND = 20_000;

const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

function row(r: ImportRep): string {
  return (
    `| ${count(r.customers)} / ${count(r.orders)} | ${count(r.lines.customers + r.lines.orders)} | ` +
    `${(r.fileMiB.customers + r.fileMiB.orders).toFixed(0)} MiB | ${count(r.eventsStored)} | ` +
    `${count(r.linesPerSecond)}/s | ${count(r.objectsPerSecond)}/s | ${count(r.eventsPerSecond)}/s | ` +
    `${seconds(r.ms.customers)} | ${seconds(r.ms.orders)} | ${seconds(r.ms.recompute)} | **${seconds(r.ms.total)}** | ` +
    `${mib(r.workerRss.before)} → ${mib(r.workerRss.max)} |`
  );
}

/**
 * CPU per line (worker) and per event (PostgreSQL) while reading; a results file from before the
 * reading was timed apart has the whole import's (the recompute's PostgreSQL time included).
 */
function costOf(r: ImportRep): { workerMsPerLine: number; postgresMsPerEvent: number } {
  if (r.cost) return r.cost;
  const ms = (core: number) => core * r.cpu.seconds * 1000;
  return {
    workerMsPerLine: ms(r.cpu.cores.worker ?? 0) / (r.lines.customers + r.lines.orders),
    postgresMsPerEvent: ms(r.cpu.cores.postgres ?? 0) / Math.max(1, r.eventsStored),
  };
}

function cpuRow(r: ImportRep): string {
  const c = (r.cpuReading ?? r.cpu).cores;
  const shares = r.cpuReading ?? r.cpu;
  const k = costOf(r);
  const cost = `${k.workerMsPerLine.toFixed(3)} ms | ${k.postgresMsPerEvent.toFixed(3)} ms`;
  return (
    `| ${count(r.customers)} / ${count(r.orders)} | ${cores(c.worker ?? 0)} | ${cores(c.postgres ?? 0)} | ` +
    `${cores((c.api ?? 0) + (c.temporal ?? 0) + (c.bench ?? 0))} | ${cores(shares.otherCores)} | ` +
    `${cores(shares.machineCores)} | ${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)} | ${cost} |`
  );
}

/** Lines/s two cores of our own would allow: the worker and PostgreSQL each on a core, pipelined. */
function freeMachineRate(r: ImportRep): number | null {
  const k = costOf(r);
  if (k.workerMsPerLine <= 0 || k.postgresMsPerEvent <= 0) return null;
  const eventsPerLine = r.eventsStored / (r.lines.customers + r.lines.orders);
  return 1000 / Math.max(k.workerMsPerLine, k.postgresMsPerEvent * eventsPerLine);
}

export function importReport(r: ImportResults): string[] {
  const m = r.machine;
  const full = r.reps.at(-1) as ImportRep;
  const small = r.reps.length > 1 ? r.reps[0] : undefined;
  const out: string[] = [
    '## History import',
    '',
    `A store's history backfilled the way a connected store's is: ${count(full.customers)} customers and`,
    `${count(full.orders)} orders exported as Shopify bulk-operation JSONL (the Shopify stub of libs/testing serves`,
    'the generated files on loopback), started with `POST /v1/store/imports`, read by the worker line by line',
    `and stored ${count(r.config.batchSize)} objects a transaction in import mode, then the computed attributes,`,
    'stages, replenishment dates and reorder intervals recomputed once, set-based. Nothing is routed, nothing',
    'sent. `npm run build && BENCH_PHASES=import npm run bench` reproduces it.',
    '',
    '### Machine and run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} |`,
    `| CPU | ${m.cpuModel}, **${m.cpus} cores** (nproc) |`,
    `| memory | ${m.memory} |`,
    `| OS | ${m.kernel}; PostgreSQL data in ${m.tmpFilesystem} |`,
    `| Node.js | ${m.node} |`,
    `| PostgreSQL | ${m.postgres}, default settings (fsync and synchronous_commit on) |`,
    `| wall time of the phase | ${seconds(r.wallSeconds * 1000)} (file generation included) |`,
    '',
    '### Against the aims',
    '',
    '| aim | measured | |',
    '| --- | --- | --- |',
    `| ≥ ${count(AIM_LINES_PER_SECOND)} rows/s (JSONL lines: customers, orders, line items) | ${count(full.linesPerSecond)}/s | ${verdict(full.linesPerSecond >= AIM_LINES_PER_SECOND)} |`,
    `| time to computed attributes | ${seconds(full.ms.total)} from the start (the recompute itself ${seconds(full.ms.recompute)}) | |`,
    small
      ? `| memory flat in the file's size | worker peak ${mib(small.workerRss.max)} for ${(small.fileMiB.customers + small.fileMiB.orders).toFixed(0)} MiB, ${mib(full.workerRss.max)} for ${(full.fileMiB.customers + full.fileMiB.orders).toFixed(0)} MiB | ${verdict(full.workerRss.max < small.workerRss.max * 1.5)} |`
      : `| memory flat in the file's size | worker peak ${mib(full.workerRss.max)} | |`,
    '',
    '### Figures',
    '',
    'Times are from the `POST` to the end of each part (PostgreSQL clock): customers, then orders, then the recompute.',
    'Rates are over the reading (start to the end of the orders part). The worker is the process doing the import;',
    'its resident memory is sampled every second (before the import → peak during it).',
    '',
    '| customers / orders | lines | file | events stored | lines/s | objects/s | events/s | customers done | orders done | recompute | computed attributes | worker RSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.reps.map(row),
    '',
    '### Where the CPU went',
    '',
    `Cores busy on average ${r.reps.every((x) => x.cpuReading) ? 'while the files were read' : 'during each import (recompute included)'} (2.00 = both cores of this machine all the time), the`,
    "machine's 1-minute load average before → after (the machine is shared: `other` is what was not ours), and",
    'the CPU time the worker spent per line and PostgreSQL per event stored.',
    '',
    '| customers / orders | worker | PostgreSQL | API, Temporal, bench | other | machine | load | worker per line | PostgreSQL per event |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.reps.map(cpuRow),
    '',
    ...freeMachineNote(full),
  ];
  return out;
}

function freeMachineNote(r: ImportRep): string[] {
  const rate = freeMachineRate(r);
  if (rate === null) return [];
  const other = (r.cpuReading ?? r.cpu).otherCores;
  const recomputeIncluded = r.cpuReading ? '' : ' (counting the recompute too: a lower bound)';
  return [
    `Other work took ${cores(other)} of the 2 cores during the import, so the import ran on what was left.`,
    'From the CPU it used per line and per event, two cores of its own (the worker on one, PostgreSQL on the',
    `other, reading and storing side by side as they do) would allow about ${count(rate)} lines/s${recomputeIncluded}: an estimate,`,
    'not a measurement. PostgreSQL is the bound (inserting the events with their indexes); one writer per import keeps',
    'progress and rows in one transaction in file order, which is what makes a restart exact.',
    '',
  ];
}
