/**
 * The Shopify Admin stub's bulk operations: `bulkOperationRunQuery` starts one (refused with
 * OPERATION_IN_PROGRESS while another runs), each poll moves it CREATED → RUNNING → the planned
 * final status, and a COMPLETED one's `url` points at the JSONL file the test planned.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { StubUserError } from './shopify-admin.store';
import type { StubObject } from './shopify-graphql.projection';

export interface StubBulkOperation {
  id: string;
  query: string;
  groupObjects: boolean;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'EXPIRED';
  polls: number;
  pollsUntilDone: number;
  file: string | null;
  finalStatus: 'COMPLETED' | 'FAILED' | 'CANCELED' | 'EXPIRED';
  errorCode: string | null;
  objectCount: number;
  createdAt: string;
  completedAt: string | null;
}

/** What the next bulk operation will produce, set by the test. */
export interface BulkResultPlan {
  /** The JSONL file its `url` serves (null: the query matched nothing, `url` stays null). */
  file: string | null;
  /** Polls answered CREATED/RUNNING before the final status. Default 2. */
  pollsUntilDone?: number;
  finalStatus?: 'COMPLETED' | 'FAILED' | 'CANCELED' | 'EXPIRED';
  errorCode?: string | null;
}

export class BulkOperationsState {
  readonly operations = new Map<string, StubBulkOperation>();
  plan: BulkResultPlan = { file: null };
  /** Plans chosen by the query's text (a backfill runs customers, then orders): first match wins. */
  readonly plansByQuery: Array<{ contains: string; plan: BulkResultPlan }> = [];

  constructor(
    private readonly newId: () => string,
    private readonly fileUrl: (operationId: string) => string,
  ) {}

  /** `bulkOperationRunQuery`: one query operation at a time, the limit every API version keeps. */
  run(args: Record<string, unknown>): StubObject {
    const payload = (operation: StubObject | null, errors: StubUserError[]) => ({
      __typename: 'BulkOperationRunQueryPayload',
      bulkOperation: operation,
      userErrors: errors.map((e) => ({ __typename: 'BulkOperationUserError', code: null, ...e })),
    });
    const running = [...this.operations.values()].find(
      (o) => o.status === 'CREATED' || o.status === 'RUNNING',
    );
    if (running)
      return payload(null, [
        {
          field: null,
          message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`,
          code: 'OPERATION_IN_PROGRESS',
        },
      ]);
    if (typeof args.query !== 'string' || !args.query.trim())
      return payload(null, [
        { field: ['query'], message: 'Invalid bulk query: the query is empty', code: 'INVALID' },
      ]);
    const query = args.query;
    const plan = this.plansByQuery.find((p) => query.includes(p.contains))?.plan ?? this.plan;
    const operation: StubBulkOperation = {
      id: this.newId(),
      query: args.query,
      groupObjects: args.groupObjects !== false,
      status: 'CREATED',
      polls: 0,
      pollsUntilDone: plan.pollsUntilDone ?? 2,
      file: plan.file,
      finalStatus: plan.finalStatus ?? 'COMPLETED',
      errorCode: plan.errorCode ?? null,
      objectCount: plan.file ? countLines(plan.file) : 0,
      createdAt: new Date().toISOString(),
      completedAt: null,
    };
    this.operations.set(operation.id, operation);
    return payload(this.node(operation), []);
  }

  /** The operation as a poll (`node(id:)`) sees it: each poll moves it on. */
  poll(id: string): StubObject | null {
    const operation = this.operations.get(id);
    if (!operation) return null;
    this.advance(operation);
    return this.node(operation);
  }

  private advance(operation: StubBulkOperation): void {
    if (operation.status !== 'CREATED' && operation.status !== 'RUNNING') return;
    operation.polls += 1;
    if (operation.polls > operation.pollsUntilDone) {
      operation.status = operation.finalStatus;
      operation.completedAt = new Date().toISOString();
    } else operation.status = 'RUNNING';
  }

  private node(operation: StubBulkOperation): StubObject {
    const done = operation.status === 'COMPLETED';
    const hasFile = done && operation.file !== null;
    return {
      __typename: 'BulkOperation',
      id: operation.id,
      status: operation.status,
      errorCode: operation.status === 'FAILED' ? (operation.errorCode ?? 'INTERNAL_SERVER_ERROR') : null,
      objectCount: String(operation.status === 'CREATED' ? 0 : operation.objectCount),
      rootObjectCount: String(operation.status === 'CREATED' ? 0 : operation.objectCount),
      fileSize: hasFile ? String(statSync(operation.file as string).size) : null,
      url: hasFile ? this.fileUrl(operation.id) : null,
      partialDataUrl: null,
      createdAt: operation.createdAt,
      completedAt: operation.completedAt,
      query: operation.query,
      type: 'QUERY',
    };
  }
}

/** Newlines in a file, read a MiB at a time (bulk files may be large; the count is ready at once). */
function countLines(file: string): number {
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let count = 0;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) count += 1;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}
