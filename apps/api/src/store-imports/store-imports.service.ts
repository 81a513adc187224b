/**
 * Starting a history import and showing its progress. The import itself runs in the worker
 * (workflows/src/store-import.workflow.ts); this starts its workflow for a new run (one at a
 * time) and reads the runs' progress, with the rate and ETA derived from it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { StoreImport, StoreImportPart } from '@waypoint/contract';
import {
  createImportRun,
  Database,
  failImportRun,
  importRunParts,
  recentImportRuns,
  runningImportRun,
  type StoreImportPartRow,
  type StoreImportRunRow,
} from '@waypoint/data';
import { storeCredentials } from '@waypoint/shopify';
import { storeImport, storeImportWorkflowId } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

/** Runs the list shows. */
const LISTED_RUNS = 20;

@Injectable()
export class StoreImportsService {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async start(by: Principal | undefined): Promise<StoreImport> {
    const store = await storeCredentials(this.db.query, this.env);
    if (!store)
      throw ApiError.conflict(
        'store_not_connected',
        'No store is connected: connect one on the store settings page (or set SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN) first',
      );
    const newRun = () => createImportRun(this.db.query, { shop: store.shop, startedBy: actorOf(by).label });
    let run = await newRun();
    if (!run && (await this.releaseAbandonedRun())) run = await newRun();
    if (!run) {
      const running = await runningImportRun(this.db.query);
      throw ApiError.conflict(
        'import_running',
        `An import is already running${running ? ` (${running.id}, ${running.phase})` : ''}: wait for it to end`,
      );
    }
    try {
      await this.temporal.workflow.start(storeImport, {
        workflowId: storeImportWorkflowId(run.id),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [{ runId: run.id }],
      });
    } catch (error) {
      await failImportRun(
        this.db.query,
        run.id,
        `the import could not be started: ${(error as Error).message}`,
      );
      throw error;
    }
    await this.audit.record(by, {
      action: 'store.import_started',
      targetType: 'store_import',
      targetId: run.id,
    });
    return present(run, [], new Date());
  }

  /**
   * A run still marked running whose workflow no longer runs (Temporal lost it, or it was
   * terminated) would block every import after it: it is marked failed. True when one was.
   */
  private async releaseAbandonedRun(): Promise<boolean> {
    const running = await runningImportRun(this.db.query);
    if (!running) return false;
    let status: string;
    try {
      status = (await this.temporal.workflow.getHandle(storeImportWorkflowId(running.id)).describe()).status
        .name;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      status = 'NOT_FOUND';
    }
    if (status === 'RUNNING') return false;
    await failImportRun(this.db.query, running.id, `its workflow is no longer running (${status})`);
    return true;
  }

  async list(): Promise<StoreImport[]> {
    const runs = await recentImportRuns(this.db.query, LISTED_RUNS);
    const parts = await importRunParts(
      this.db.query,
      runs.map((r) => r.id),
    );
    const now = new Date();
    return runs.map((run) =>
      present(
        run,
        parts.filter((p) => p.run_id === run.id),
        now,
      ),
    );
  }
}

function present(run: StoreImportRunRow, parts: StoreImportPartRow[], now: Date): StoreImport {
  return {
    id: run.id,
    status: run.status,
    phase: run.phase,
    shop: run.shop,
    startedBy: run.started_by,
    customersRecomputed: run.customers_recomputed,
    error: run.error,
    startedAt: run.started_at.toISOString(),
    updatedAt: run.updated_at.toISOString(),
    recomputeStartedAt: run.recompute_started_at?.toISOString() ?? null,
    finishedAt: run.finished_at?.toISOString() ?? null,
    parts: parts.map((p) => presentPart(p, now)),
  };
}

function presentPart(part: StoreImportPartRow, now: Date): StoreImportPart {
  const end = part.finished_at ?? (part.status === 'running' ? now : part.updated_at);
  const seconds = (end.getTime() - part.started_at.getTime()) / 1000;
  const rate = seconds > 0 && part.lines_read > 0 ? part.lines_read / seconds : null;
  const left = part.object_count === null ? null : Math.max(0, part.object_count - part.lines_read);
  return {
    kind: part.kind,
    status: part.status,
    bulkOperationId: part.bulk_operation_id,
    objectsRead: part.lines_read,
    objectCount: part.object_count,
    rowsStored: part.rows_stored,
    malformedLines: part.malformed_lines,
    ratePerSecond: rate === null ? null : Math.round(rate * 10) / 10,
    etaSeconds:
      part.status !== 'running'
        ? part.status === 'completed'
          ? 0
          : null
        : left === null || rate === null
          ? null
          : Math.round(left / rate),
    error: part.error,
    startedAt: part.started_at.toISOString(),
    updatedAt: part.updated_at.toISOString(),
    finishedAt: part.finished_at?.toISOString() ?? null,
  };
}
