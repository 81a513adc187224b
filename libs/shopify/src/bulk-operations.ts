/**
 * Bulk export: start a bulk query (`bulkOperationRunQuery`), poll it until it ends, then read its
 * JSONL from `url` (bulk-jsonl.ts). The operation's id is what a caller persists to resume after a
 * crash: poll the same id again instead of starting over (results stay for seven days).
 *
 * Checked against the Admin GraphQL schema 2025-07 and 2026-04 and shopify.dev 2025-10:
 * `bulkOperationRunQuery(query: String!, groupObjects: Boolean!)` answering `{ bulkOperation
 * userErrors { field message code } }` (BulkOperationUserError: OPERATION_IN_PROGRESS, INVALID,
 * LIMIT_REACHED); `BulkOperation { id status errorCode objectCount rootObjectCount fileSize url
 * partialDataUrl createdAt completedAt }`, read with `node(id:)` (the `bulkOperation(id:)` root
 * field is newer than 2025-07). `groupObjects` defaulted to true up to 2025-10 and to false later,
 * so it is always sent.
 */
import { throwUserErrors, type AdminGraphql, type UserErrorPayload } from './admin-graphql';
import { ShopifyError } from './shopify.errors';

export type BulkOperationStatus =
  'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED' | 'EXPIRED';

export const BULK_OPERATION_FINISHED: readonly BulkOperationStatus[] = [
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'EXPIRED',
];

export interface BulkOperation {
  id: string;
  status: BulkOperationStatus;
  /** Why it FAILED (ACCESS_DENIED, INTERNAL_SERVER_ERROR, TIMEOUT), else null. */
  errorCode: string | null;
  /** Objects processed so far (root objects and their children); progress while RUNNING. */
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  /** The JSONL result once COMPLETED; null when the query matched nothing. Expires after seven days. */
  url: string | null;
  /** What a FAILED operation managed to export, if anything. */
  partialDataUrl: string | null;
  createdAt: string | null;
  completedAt: string | null;
}

export interface RunBulkQueryOptions {
  /**
   * Whether Shopify writes each child line (an order's line items) right after its parent. True
   * makes an order complete when the next root line arrives, at the price of a slower export;
   * false lets children come anywhere after their parent. Default true.
   */
  groupObjects?: boolean;
}

export interface PollBulkOperationOptions {
  /** Pause between polls; default 2 s. */
  intervalMs?: number;
  /** Give up (a retryable ShopifyError) after this long; default no limit. */
  timeoutMs?: number;
  /** Called after every poll with the operation as it stands (progress: `objectCount`). */
  onProgress?: (operation: BulkOperation) => void;
  signal?: AbortSignal;
}

export const BULK_OPERATION_RUN_QUERY = `#graphql
  mutation WaypointBulkOperationRunQuery($query: String!, $groupObjects: Boolean!) {
    bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_OPERATION_QUERY = `#graphql
  query WaypointBulkOperation($id: ID!) {
    node(id: $id) {
      __typename
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        rootObjectCount
        fileSize
        url
        partialDataUrl
        createdAt
        completedAt
      }
    }
  }
`;

interface RunAnswer {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: BulkOperationStatus } | null;
    userErrors: UserErrorPayload[];
  };
}

interface BulkOperationNode {
  __typename: string;
  id: string;
  status: BulkOperationStatus;
  errorCode: string | null;
  /** UnsignedInt64 is serialised as a string. */
  objectCount: string | number;
  rootObjectCount: string | number;
  fileSize: string | number | null;
  url: string | null;
  partialDataUrl: string | null;
  createdAt: string | null;
  completedAt: string | null;
}

/** Starts a bulk query; the store refusing it (one already running, a query it cannot bulk) is a ShopifyUserError. */
export async function runBulkQuery(
  admin: AdminGraphql,
  query: string,
  options: RunBulkQueryOptions = {},
): Promise<{ id: string; status: BulkOperationStatus }> {
  const { bulkOperationRunQuery: payload } = await admin.request<RunAnswer>(BULK_OPERATION_RUN_QUERY, {
    query,
    groupObjects: options.groupObjects ?? true,
  });
  throwUserErrors('bulkOperationRunQuery', payload.userErrors);
  if (!payload.bulkOperation)
    throw new ShopifyError('shopify_bulk_operation', 'bulkOperationRunQuery started no operation', true);
  return payload.bulkOperation;
}

export async function readBulkOperation(admin: AdminGraphql, id: string): Promise<BulkOperation> {
  const { node } = await admin.request<{ node: BulkOperationNode | null }>(BULK_OPERATION_QUERY, { id });
  if (!node || node.__typename !== 'BulkOperation')
    throw new ShopifyError('shopify_bulk_operation', `the store has no bulk operation ${id}`, false);
  return {
    id: node.id,
    status: node.status,
    errorCode: node.errorCode ?? null,
    objectCount: Number(node.objectCount ?? 0),
    rootObjectCount: Number(node.rootObjectCount ?? 0),
    fileSize: node.fileSize === null || node.fileSize === undefined ? null : Number(node.fileSize),
    url: node.url ?? null,
    partialDataUrl: node.partialDataUrl ?? null,
    createdAt: node.createdAt ?? null,
    completedAt: node.completedAt ?? null,
  };
}

/** Polls until the operation is COMPLETED, FAILED, CANCELED or EXPIRED and returns it as it ended. */
export async function pollBulkOperation(
  admin: AdminGraphql,
  id: string,
  sleep: (ms: number) => Promise<void>,
  options: PollBulkOperationOptions = {},
): Promise<BulkOperation> {
  const interval = options.intervalMs ?? 2000;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const operation = await readBulkOperation(admin, id);
    options.onProgress?.(operation);
    if (BULK_OPERATION_FINISHED.includes(operation.status)) return operation;
    if (Date.now() + interval > deadline)
      throw new ShopifyError(
        'shopify_bulk_operation',
        `bulk operation ${id} is still ${operation.status} after ${options.timeoutMs} ms`,
        true,
      );
    await sleep(interval);
  }
}
