/**
 * The import phase (`BENCH_PHASES=import`): a store's history backfilled through the real import
 * path — the Shopify stub's bulk operations (on loopback) serving generated JSONL files, the
 * worker's store import (bulk operation, poll, stream, batches in import mode, the set-based
 * recompute), started with `POST /v1/store/imports` and followed with `GET /v1/store/imports`.
 *
 * Two sizes: a tenth of the store first, then the whole store (BENCH_IMPORT_CUSTOMERS customers,
 * BENCH_IMPORT_ORDERS orders), each into an empty store, so the worker's peak memory can be set
 * against the file's size. Figures: JSONL lines (customers, orders and line items) stored per
 * second, events stored per second, the time from the start to computed attributes, the worker's
 * resident memory (sampled every second), and the CPU of each process.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { sleep } from '@waypoint/devstack';
import { CONSUMABLE_DAYS, StoreHistory, type ShopifyAdminStub } from '@waypoint/testing';
import type { MachineInfo } from './machine';
import type { Monitor } from './monitor';
import { residentBytes, type CpuShares } from './proc';
import type { Stack } from './stack';

export interface ImportConfig {
  customers: number;
  orders: number;
  /** The smaller import runs with the store divided by this (memory against file size). */
  smallDivisor: number;
  batchSize: number;
}

export interface ImportRep {
  customers: number;
  orders: number;
  lines: { customers: number; orders: number };
  fileMiB: { customers: number; orders: number };
  eventsStored: number;
  customersRecomputed: number;
  malformedLines: number;
  /** From POST to each milestone (PostgreSQL's clock for the ends, ours for the start). */
  ms: { customers: number; orders: number; recompute: number; total: number };
  linesPerSecond: number;
  objectsPerSecond: number;
  eventsPerSecond: number;
  workerRss: { before: number; median: number; max: number; samples: number };
  /** The whole import, and its reading alone (until the recompute started, as polled). */
  cpu: CpuShares;
  cpuReading: CpuShares;
  /** CPU time per line read (worker) and per event stored (PostgreSQL) while reading, ms. */
  cost: { workerMsPerLine: number; postgresMsPerEvent: number };
  /** The machine's 1-minute load average before and after (2 cores: above 2 means waiting). */
  load: { before: number; after: number };
}

export interface ImportResults {
  config: ImportConfig;
  machine: MachineInfo;
  startedAt: string;
  wallSeconds: number;
  reps: ImportRep[];
}

const TIMESTAMP = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

async function request(stack: Stack, method: string, url: string): Promise<unknown> {
  const headers: Record<string, string> = stack.apiToken ? { authorization: `Bearer ${stack.apiToken}` } : {};
  const res = await fetch(`${stack.apiUrl}${url}`, { method, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function configureProducts(stack: Stack): Promise<void> {
  for (const [productId, days] of Object.entries(CONSUMABLE_DAYS))
    await stack.db.query(
      `INSERT INTO products (product_id, consumption_days) VALUES ($1, $2)
       ON CONFLICT (product_id) DO UPDATE SET consumption_days = EXCLUDED.consumption_days`,
      [productId, days],
    );
}

async function emptyStore(stack: Stack): Promise<void> {
  await stack.db.query(`TRUNCATE customers, store_import_runs CASCADE`);
  await stack.db.query(`UPDATE products SET learned_interval_days = NULL, learned_from = 0`);
  await stack.db.query(`VACUUM ANALYZE customers, events`);
}

async function oneImport(
  stack: Stack,
  monitor: Monitor,
  stub: ShopifyAdminStub,
  customers: number,
  orders: number,
  log: (line: string) => void,
): Promise<ImportRep> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waypoint-bench-import-'));
  try {
    const history = new StoreHistory({ customers, orders });
    const files = { customers: path.join(dir, 'customers.jsonl'), orders: path.join(dir, 'orders.jsonl') };
    const lines = {
      customers: await history.writeCustomers(files.customers),
      orders: await history.writeOrders(files.orders),
    };
    const fileMiB = {
      customers: statSync(files.customers).size / 2 ** 20,
      orders: statSync(files.orders).size / 2 ** 20,
    };
    log(
      `(import) ${customers.toLocaleString('en-US')} customers, ${orders.toLocaleString('en-US')} orders: ` +
        `${(lines.customers + lines.orders).toLocaleString('en-US')} lines, ${(fileMiB.customers + fileMiB.orders).toFixed(0)} MiB`,
    );
    stub.planBulkResultFor('customers {', { file: files.customers, pollsUntilDone: 1 });
    stub.planBulkResultFor('orders {', { file: files.orders, pollsUntilDone: 1 });
    await emptyStore(stack);

    const workerBefore = residentBytes(stack.workerPid) ?? 0;
    const loadBefore = loadavg()[0];
    const cpuFrom = monitor.now();
    const start = Date.now();
    const started = (await request(stack, 'POST', '/v1/store/imports')) as { data: { id: string } };
    const runId = started.data.id;
    let lastLog = 0;
    let cpuAtRecompute: ReturnType<Monitor['now']> | undefined;
    for (;;) {
      await sleep(500);
      const list = (await request(stack, 'GET', '/v1/store/imports')) as {
        data: Array<{
          id: string;
          status: string;
          error: string | null;
          phase: string;
          parts: Array<{
            kind: string;
            objectsRead: number;
            objectCount: number | null;
            ratePerSecond: number | null;
          }>;
        }>;
      };
      const run = list.data.find((r) => r.id === runId);
      if (!run) throw new Error(`the import ${runId} is not listed`);
      if (run.status === 'failed') throw new Error(`the import failed: ${run.error}`);
      if (!cpuAtRecompute && (run.phase === 'recompute' || run.status === 'completed'))
        cpuAtRecompute = monitor.now();
      if (run.status === 'completed') break;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const part = run.parts.at(-1);
        log(
          `  ${run.phase}: ${part ? `${part.objectsRead.toLocaleString('en-US')} of ${(part.objectCount ?? 0).toLocaleString('en-US')} lines, ${Math.round(part.ratePerSecond ?? 0).toLocaleString('en-US')}/s` : 'starting'}`,
        );
      }
    }
    const end = Date.now();
    const cpu = monitor.shares(cpuFrom, monitor.now());
    const cpuReading = monitor.shares(cpuFrom, cpuAtRecompute ?? monitor.now());
    const rss = monitor.rss('worker', start, end);
    const { rows: parts } = await stack.db.query<{
      kind: string;
      finished: number;
      rows_stored: string;
      malformed_lines: string;
    }>(
      `SELECT kind, ${TIMESTAMP('finished_at')} AS finished, rows_stored, malformed_lines FROM store_imports WHERE run_id = $1`,
      [runId],
    );
    const {
      rows: [run],
    } = await stack.db.query<{ finished: number; customers_recomputed: number }>(
      `SELECT ${TIMESTAMP('finished_at')} AS finished, customers_recomputed FROM store_import_runs WHERE id = $1`,
      [runId],
    );
    const part = (kind: string) => parts.find((p) => p.kind === kind) as (typeof parts)[number];
    const ms = {
      customers: part('customers').finished - start,
      orders: part('orders').finished - start,
      recompute: run.finished - part('orders').finished,
      total: run.finished - start,
    };
    const eventsStored = parts.reduce((n, p) => n + Number(p.rows_stored), 0);
    const reading = ms.orders / 1000;
    const rep: ImportRep = {
      customers,
      orders,
      lines,
      fileMiB,
      eventsStored,
      customersRecomputed: run.customers_recomputed,
      malformedLines: parts.reduce((n, p) => n + Number(p.malformed_lines), 0),
      ms,
      linesPerSecond: (lines.customers + lines.orders) / reading,
      objectsPerSecond: (customers + orders) / reading,
      eventsPerSecond: eventsStored / reading,
      workerRss: { before: workerBefore, median: rss.median, max: rss.max, samples: rss.samples },
      cpu,
      cpuReading,
      cost: {
        workerMsPerLine:
          ((cpuReading.cores.worker ?? 0) * cpuReading.seconds * 1000) / (lines.customers + lines.orders),
        postgresMsPerEvent:
          ((cpuReading.cores.postgres ?? 0) * cpuReading.seconds * 1000) / Math.max(1, eventsStored),
      },
      load: { before: loadBefore, after: loadavg()[0] },
    };
    log(
      `  done: ${Math.round(rep.linesPerSecond).toLocaleString('en-US')} lines/s, ${Math.round(rep.eventsPerSecond).toLocaleString('en-US')} events/s, ` +
        `computed attributes after ${(ms.total / 1000).toFixed(1)} s (recompute ${(ms.recompute / 1000).toFixed(1)} s), ` +
        `worker RSS max ${(rss.max / 2 ** 20).toFixed(0)} MiB; load ${rep.load.before.toFixed(1)} → ${rep.load.after.toFixed(1)}`,
    );
    return rep;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function importPhase(
  stack: Stack,
  monitor: Monitor,
  stub: ShopifyAdminStub,
  cfg: ImportConfig,
  machine: MachineInfo,
  log: (line: string) => void,
): Promise<ImportResults> {
  const started = Date.now();
  await configureProducts(stack);
  const reps: ImportRep[] = [];
  const d = Math.max(1, cfg.smallDivisor);
  if (d > 1)
    reps.push(
      await oneImport(stack, monitor, stub, Math.ceil(cfg.customers / d), Math.ceil(cfg.orders / d), log),
    );
  reps.push(await oneImport(stack, monitor, stub, cfg.customers, cfg.orders, log));
  await emptyStore(stack);
  return {
    config: cfg,
    machine,
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    reps,
  };
}
