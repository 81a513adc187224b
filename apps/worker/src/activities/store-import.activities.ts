/**
 * The store history import's activities (workflows/src/store-import.workflow.ts). Each kind:
 * start a bulk query (its id persisted before anything else), poll it to COMPLETED, stream its
 * JSONL from the line after the last one stored, and store it a batch at a time in import mode,
 * each batch's progress in the transaction of its rows. A restart (a new attempt after a missed
 * heartbeat) reads that progress and carries on: the same bulk operation, the next line. An
 * expired result URL runs the bulk operation again (its file is read from the start; the rows
 * already stored are duplicates by their keys). At the end, one set-based recompute.
 *
 * Why activities that heartbeat rather than a workflow per batch: the position must be written in
 * the same transaction as the rows anyway (PostgreSQL is the source of truth for "where are we"),
 * so a workflow could only repeat it; a batch a workflow task would cost a history event per
 * few thousand rows and put a 2 MiB payload limit between the file and the database.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { storedPhone } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { importEvents, recomputeImportedCustomers, StoreProfileReader } from '@waypoint/customer-value';
import {
  Database,
  ensureImportPart,
  failImportRun,
  findImportRun,
  finishImportPart,
  completeImportRun,
  forgetImportCustomers,
  noteImportPartError,
  recordImportBatch,
  recordImportCustomers,
  setImportBulkOperation,
  setImportObjectCount,
  setImportRunPhase,
  type StoreImportPartRow,
} from '@waypoint/data';
import {
  BulkUrlExpiredError,
  ConnectedStore,
  CUSTOMERS_BULK_QUERY,
  ORDERS_BULK_QUERY,
  ShopifyError,
  ShopifyUserError,
  type ShopifyAdmin,
} from '@waypoint/shopify';
import type { StoreImportActivities as Contract, StoreImportObjectsResult } from '@waypoint/workflows';
import { readBulkFile, type BulkObjectKind, type ObjectBatch } from '../store-import/bulk-file-reader';
import { whileHeartbeating } from './heartbeating';

const QUERIES: Record<BulkObjectKind, string> = {
  customers: CUSTOMERS_BULK_QUERY,
  orders: ORDERS_BULK_QUERY,
};
const NEXT_PHASE = { customers: 'orders', orders: 'recompute' } as const;
const PHASE_ORDER = ['customers', 'orders', 'recompute', 'done'];
/** How often the worker log tells an import's progress. */
const LOG_EVERY_MS = 5_000;

/** Another attempt of the same import moved its progress: this one stops (its batch rolled back). */
class SupersededAttemptError extends Error {}

@Injectable()
export class StoreImportActivities implements Contract {
  private readonly logger = new Logger('StoreImport');

  constructor(
    private readonly db: Database,
    private readonly store: ConnectedStore,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly profiles: StoreProfileReader,
  ) {}

  async importStoreObjects(input: {
    runId: string;
    kind: BulkObjectKind;
  }): Promise<StoreImportObjectsResult> {
    return whileHeartbeating(async () => {
      const run = await findImportRun(this.db.query, input.runId);
      if (
        !run ||
        run.status !== 'running' ||
        PHASE_ORDER.indexOf(run.phase) > PHASE_ORDER.indexOf(input.kind)
      ) {
        return { linesRead: 0, rowsStored: 0, malformedLines: 0 };
      }
      const part = await ensureImportPart(this.db.query, input.runId, input.kind);
      try {
        const done = part.status === 'completed' ? part : await this.importPart(part);
        await finishImportPart(this.db.query, part.id);
        await setImportRunPhase(this.db.query, input.runId, NEXT_PHASE[input.kind]);
        return {
          linesRead: done.lines_read,
          rowsStored: done.rows_stored,
          malformedLines: done.malformed_lines,
        };
      } catch (error) {
        throw await this.failure(input.runId, part, error);
      }
    });
  }

  async recomputeImportedHistory(input: { runId: string }): Promise<{ customers: number }> {
    return whileHeartbeating(async () => {
      const run = await findImportRun(this.db.query, input.runId);
      if (!run || run.status !== 'running') return { customers: run?.customers_recomputed ?? 0 };
      await setImportRunPhase(this.db.query, input.runId, 'recompute');
      const started = Date.now();

      const result = await recomputeImportedCustomers(
        this.db.query,
        { importRunId: input.runId },
        new Date(),
      );
      await completeImportRun(this.db.query, input.runId, result.customers);
      await forgetImportCustomers(this.db.query, input.runId);
      this.logger.log(
        `store import ${input.runId}: recomputed ${result.customers} customers (${result.customerProducts} ` +
          `replenishment dates, ${result.productsLearned} reorder intervals learned) in ${Date.now() - started} ms ` +
          `(${Object.entries(result.ms)
            .map(([concern, ms]) => `${concern} ${ms} ms`)
            .join(', ')})`,
      );
      return { customers: result.customers };
    });
  }

  /** Bulk operation → poll → stream → batches, until the file is read to its end. */
  private async importPart(initial: StoreImportPartRow): Promise<StoreImportPartRow> {
    const admin = await this.admin();
    let part = initial;
    for (;;) {
      if (!part.bulk_operation_id) {
        const started = await admin.runBulkQuery(QUERIES[part.kind]);
        await setImportBulkOperation(this.db.query, part.id, started.id);
        this.logger.log(`store import ${part.run_id} ${part.kind}: bulk operation ${started.id} started`);
        part = {
          ...part,
          bulk_operation_id: started.id,
          lines_read: 0,
          malformed_lines: 0,
          object_count: null,
        };
      }
      const operationId = part.bulk_operation_id as string;
      const operation = await admin.pollBulkOperation(operationId, {
        intervalMs: this.env.STORE_IMPORT_POLL_INTERVAL_MS,
      });
      if (operation.status === 'EXPIRED') {
        // Its results are gone (kept seven days): export again.
        part = await this.restartBulkOperation(part, `bulk operation ${operationId} expired`);
        continue;
      }
      if (operation.status !== 'COMPLETED')
        throw new StoreImportRefused(
          `the store's bulk operation ${operationId} ended ${operation.status}` +
            (operation.errorCode ? ` (${operation.errorCode})` : ''),
        );
      if (part.object_count !== operation.objectCount) {
        await setImportObjectCount(this.db.query, part.id, operation.objectCount);
        part = { ...part, object_count: operation.objectCount };
      }
      if (!operation.url) return part; // the query matched nothing
      try {
        return await this.readFile(part, admin, operation.url);
      } catch (error) {
        if (!(error instanceof BulkUrlExpiredError)) throw error;
        part = await this.restartBulkOperation(part, error.message);
      }
    }
  }

  private async restartBulkOperation(part: StoreImportPartRow, reason: string): Promise<StoreImportPartRow> {
    this.logger.warn(`store import ${part.run_id} ${part.kind}: ${reason}; running the bulk operation again`);
    const started = await (await this.admin()).runBulkQuery(QUERIES[part.kind]);
    await setImportBulkOperation(this.db.query, part.id, started.id);
    await noteImportPartError(this.db.query, part.id, `${reason}; the bulk operation was run again`);
    return { ...part, bulk_operation_id: started.id, lines_read: 0, malformed_lines: 0, object_count: null };
  }

  private async readFile(
    part: StoreImportPartRow,
    admin: ShopifyAdmin,
    url: string,
  ): Promise<StoreImportPartRow> {
    const progress: StoreImportPartRow & { storeMs?: number } = { ...part };
    const source = `shopify:${admin.shop}`;
    const began = Date.now();
    const startLines = part.lines_read;
    let loggedAt = began;
    const lines = admin.streamJsonl<Record<string, unknown>>(url, { fromLine: part.lines_read + 1 });
    const { orphans } = await readBulkFile(lines, {
      kind: part.kind,
      linesRead: part.lines_read,
      batchSize: this.env.STORE_IMPORT_BATCH_SIZE,
      source,
      write: async (batch) => {
        const writeStart = Date.now();
        const stored = await this.storeBatch(part, batch);
        progress.storeMs = (progress.storeMs ?? 0) + Date.now() - writeStart;
        progress.lines_read = batch.linesRead;
        progress.rows_stored += stored;
        progress.malformed_lines += batch.malformed.length;
        for (const m of batch.malformed.slice(0, 3))
          this.logger.warn(
            `store import ${part.run_id} ${part.kind}: line ${m.lineNumber} skipped: ${m.reason}`,
          );
        Context.current().heartbeat();
        if (Date.now() - loggedAt >= LOG_EVERY_MS) {
          loggedAt = Date.now();
          this.logProgress(progress, startLines, began);
        }
      },
    });
    if (orphans > 0)
      this.logger.warn(`store import ${part.run_id} ${part.kind}: ${orphans} line items had no order line`);
    this.logProgress(progress, startLines, began);
    return progress;
  }

  /** One batch's rows and its progress, in one transaction. */
  private async storeBatch(part: StoreImportPartRow, batch: ObjectBatch): Promise<number> {
    const { country } = await this.profiles.current();
    return this.db.transaction(async (query) => {
      // The store's phones are stored as its webhooks' are: E.164 in the store's country, else as given.
      const events = batch.events.map((e) =>
        e.customer.phone
          ? {
              ...e,
              customer: { ...e.customer, phone: storedPhone(e.customer.phone, country) },
            }
          : e,
      );
      const imported = await importEvents(query, events);
      await recordImportCustomers(query, part.run_id, imported.changedCustomerIds);
      const moved = await recordImportBatch(query, part.id, {
        bulkOperationId: part.bulk_operation_id as string,
        fromLinesRead: batch.fromLinesRead,
        linesRead: batch.linesRead,
        rowsStored: imported.stored,
        malformedLines: batch.malformed.length,
      });
      if (!moved)
        throw new SupersededAttemptError(
          `store import ${part.run_id} ${part.kind} moved past line ${batch.fromLinesRead} in another attempt`,
        );
      return imported.stored;
    });
  }

  private logProgress(
    part: StoreImportPartRow & { storeMs?: number },
    startLines: number,
    began: number,
  ): void {
    const seconds = Math.max(0.001, (Date.now() - began) / 1000);
    const rate = (part.lines_read - startLines) / seconds;
    const total = part.object_count;
    const eta = total && rate > 0 ? Math.max(0, (total - part.lines_read) / rate) : null;
    this.logger.log(
      `store import ${part.run_id} ${part.kind}: ${part.lines_read.toLocaleString('en')}` +
        (total ? ` of ${total.toLocaleString('en')}` : '') +
        ` lines read, ${part.rows_stored.toLocaleString('en')} rows stored, ${part.malformed_lines} malformed, ` +
        `${Math.round(rate).toLocaleString('en')} lines/s` +
        (eta === null ? '' : `, ETA ${Math.round(eta)} s`) +
        // How much of the time went to storing batches (the rest: reading and mapping the next one).
        `, storing ${Math.round((part.storeMs ?? 0) / 10 / seconds)}% of the time`,
    );
  }

  private async admin(): Promise<ShopifyAdmin> {
    const admin = await this.store.admin();
    if (!admin)
      throw new StoreImportRefused(
        'no store is connected (settings page, or SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN)',
      );
    return admin;
  }

  /**
   * What a failed attempt becomes: a refusal that cannot pass fails the run for good (the page
   * says why); anything else is retried by Temporal, the part showing the error meanwhile.
   */
  private async failure(runId: string, part: StoreImportPartRow, error: unknown): Promise<unknown> {
    const message = (error as Error)?.message ?? String(error);
    // A superseded attempt's outcome is Temporal's to ignore; retried, it would read the new position.
    if (error instanceof SupersededAttemptError) return error;
    const fatal =
      error instanceof StoreImportRefused ||
      (error instanceof ShopifyError &&
        !error.retryable &&
        !(
          error instanceof ShopifyUserError &&
          error.userErrors.some((e) => e.code === 'OPERATION_IN_PROGRESS')
        ));
    if (fatal) {
      this.logger.error(`store import ${runId} ${part.kind} failed: ${message}`);
      await failImportRun(this.db.query, runId, message);
      return ApplicationFailure.nonRetryable(message, 'StoreImportFailed');
    }
    this.logger.warn(`store import ${runId} ${part.kind}: ${message} (retrying)`);
    await noteImportPartError(this.db.query, part.id, message).catch(() => undefined);
    return error;
  }
}

/** The store refused the import in a way retrying cannot change. */
class StoreImportRefused extends Error {}
