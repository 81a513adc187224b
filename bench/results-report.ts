/**
 * The results part of docs/benchmarks.md: a journey's results page at 1,000,000 runs, read over
 * HTTP from the rollup, the rollup's own cost, and the same figures counted live for comparison.
 */
import type { ResultsResults } from './results';
import { cores, count, ms, seconds } from './stats';

const AIM_MS = 300;

const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

export function resultsReport(r: ResultsResults): string[] {
  const m = r.machine;
  const s = r.seed;
  return [
    '## Journey results',
    '',
    `Measured ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${m.cpuModel} (${m.cpus} cores, ${m.memory}; ${m.postgres}), ` +
      `load ${r.load.map((l) => l.toFixed(1)).join(' / ')} when it started (the machine is shared). ` +
      `Phase \`results\`, ${seconds(r.wallSeconds * 1000)} in all.`,
    '',
    `One journey (trigger → coupon → wait 1 day → email → exit) with ${count(s.runs)} runs spread over the last 30 days, ` +
      `${count(s.steps)} steps, ${count(s.messages)} emails (95 % delivered, 30 % opened, 8 % clicked), ${count(s.conversions)} conversions ` +
      `and ${count(s.testRuns)} test runs, seeded with set-based SQL in ${seconds(s.seconds * 1000)} (the four tables with their indexes: ${s.tablesMiB.toFixed(0)} MiB). ` +
      "The worker's rollup loop is off for the phase; the rollup is `advanceJourneyResults`, the loop's own code, called by the benchmark.",
    '',
    '| rollup | time | rows written | PostgreSQL (cores) |',
    '|---|---|---|---|',
    ...r.rollups.map(
      (x) => `| ${x.label} | ${ms(x.ms)} | ${count(x.rows)} | ${cores(x.cpu.cores.postgres ?? 0)} |`,
    ),
    '',
    `The rollup then holds ${count(r.rollupRows)} rows (journey × day × metric × node).`,
    '',
    `\`GET /v1/journeys/{id}/results\` over HTTP, ${r.config.requests} sequential requests per range, each the rollup's days plus the facts since its watermark counted live:`,
    '',
    '| range | p50 | p95 | max | aim: p95 < 300 ms |',
    '|---|---|---|---|---|',
    ...r.reads.map(
      (x) =>
        `| ${x.label} | ${ms(x.latency.p50)} | ${ms(x.latency.p95)} | ${ms(x.latency.max)} | ${verdict(x.latency.p95 < AIM_MS)} |`,
    ),
    '',
    `For comparison, the same 30 days counted from the engine's tables without the rollup (one call): ${ms(r.liveMs)}.`,
    '',
  ];
}
