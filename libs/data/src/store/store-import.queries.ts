/**
 * History imports as the worker runs them and the settings page shows them: a run (customers,
 * then orders, then the set-based recompute) and its parts, one per kind, each with the bulk
 * operation it reads and how far it got, and the customers its lines named (for the recompute). A part's progress is written in the same transaction as
 * the rows of the batch it describes (`recordImportBatch`), so a restart resumes exactly after
 * the last batch stored; the write also checks the line it continues from, so two attempts of
 * the same import can never both advance it.
 */
import type { Query } from '../database';

export type StoreImportKind = 'customers' | 'orders';
export type StoreImportPhase = 'customers' | 'orders' | 'recompute' | 'done';
export type StoreImportStatus = 'running' | 'completed' | 'failed';

export interface StoreImportRunRow {
  id: string;
  status: StoreImportStatus;
  phase: StoreImportPhase;
  shop: string | null;
  started_by: string | null;
  customers_recomputed: number | null;
  error: string | null;
  started_at: Date;
  updated_at: Date;
  recompute_started_at: Date | null;
  finished_at: Date | null;
}

export interface StoreImportPartRow {
  id: string;
  run_id: string;
  kind: StoreImportKind;
  status: StoreImportStatus;
  bulk_operation_id: string | null;
  lines_read: number;
  rows_stored: number;
  malformed_lines: number;
  object_count: number | null;
  error: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const PART_COLUMNS = `id, run_id, kind, status, bulk_operation_id, lines_read::float8 AS lines_read,
  rows_stored::float8 AS rows_stored, malformed_lines::float8 AS malformed_lines,
  object_count::float8 AS object_count, error, started_at, updated_at, finished_at`;

/** A new run, or null when one is already running (one at a time, by a unique index). */
export async function createImportRun(
  query: Query,
  run: { shop: string | null; startedBy: string | null },
): Promise<StoreImportRunRow | null> {
  const rows = (await query(
    `INSERT INTO store_import_runs (status, phase, shop, started_by) VALUES ('running', 'customers', $1, $2)
     ON CONFLICT ((true)) WHERE status = 'running' DO NOTHING
     RETURNING *`,
    [run.shop, run.startedBy],
  )) as unknown as StoreImportRunRow[];
  return rows[0] ?? null;
}

export async function findImportRun(query: Query, runId: string): Promise<StoreImportRunRow | null> {
  const rows = (await query(`SELECT * FROM store_import_runs WHERE id = $1`, [
    runId,
  ])) as unknown as StoreImportRunRow[];
  return rows[0] ?? null;
}

export async function runningImportRun(query: Query): Promise<StoreImportRunRow | null> {
  const rows = (await query(
    `SELECT * FROM store_import_runs WHERE status = 'running'`,
    [],
  )) as unknown as StoreImportRunRow[];
  return rows[0] ?? null;
}

/** The latest runs, newest first. */
export async function recentImportRuns(query: Query, limit: number): Promise<StoreImportRunRow[]> {
  return (await query(`SELECT * FROM store_import_runs ORDER BY started_at DESC LIMIT $1`, [
    limit,
  ])) as unknown as StoreImportRunRow[];
}

/** The parts of these runs, customers before orders. */
export async function importRunParts(query: Query, runIds: string[]): Promise<StoreImportPartRow[]> {
  if (runIds.length === 0) return [];
  return (await query(
    `SELECT ${PART_COLUMNS} FROM store_imports WHERE run_id = ANY($1::uuid[]) ORDER BY started_at`,
    [runIds],
  )) as unknown as StoreImportPartRow[];
}

/** The run's part for this kind, created on first use. */
export async function ensureImportPart(
  query: Query,
  runId: string,
  kind: StoreImportKind,
): Promise<StoreImportPartRow> {
  const rows = (await query(
    `INSERT INTO store_imports (run_id, kind, status) VALUES ($1, $2, 'running')
     ON CONFLICT (run_id, kind) DO UPDATE SET updated_at = now()
     RETURNING ${PART_COLUMNS}`,
    [runId, kind],
  )) as unknown as StoreImportPartRow[];
  return rows[0];
}

/**
 * The part now reads this bulk operation's file, from its first line: a new operation's file is
 * another file (an expired URL made us run it again), so the line count starts over; rows
 * stored stay counted (their idempotency keys make the re-read store nothing twice).
 */
export async function setImportBulkOperation(
  query: Query,
  partId: string,
  bulkOperationId: string,
): Promise<void> {
  await query(
    `UPDATE store_imports SET bulk_operation_id = $2, lines_read = 0, malformed_lines = 0, object_count = NULL,
            error = NULL, updated_at = now()
      WHERE id = $1`,
    [partId, bulkOperationId],
  );
}

/** What the finished bulk operation reported: how many objects its file holds (for the ETA). */
export async function setImportObjectCount(query: Query, partId: string, objectCount: number): Promise<void> {
  await query(`UPDATE store_imports SET object_count = $2, updated_at = now() WHERE id = $1`, [
    partId,
    objectCount,
  ]);
}

/**
 * A batch's progress, inside the transaction that stored its rows: false when the part is no
 * longer where this attempt thinks it is (another attempt moved it), and the caller must roll back.
 */
export async function recordImportBatch(
  query: Query,
  partId: string,
  batch: {
    bulkOperationId: string;
    /** The line this batch continued from (the part's lines_read before it). */
    fromLinesRead: number;
    /** The last line the batch covers. */
    linesRead: number;
    rowsStored: number;
    malformedLines: number;
  },
): Promise<boolean> {
  const rows = await query(
    `WITH moved AS (
       UPDATE store_imports SET lines_read = $4, rows_stored = rows_stored + $5, malformed_lines = malformed_lines + $6,
              updated_at = now()
        WHERE id = $1 AND bulk_operation_id = $2 AND lines_read = $3 AND status = 'running'
        RETURNING id
     ) SELECT id FROM moved`,
    [
      partId,
      batch.bulkOperationId,
      batch.fromLinesRead,
      batch.linesRead,
      batch.rowsStored,
      batch.malformedLines,
    ],
  );
  return rows.length === 1;
}

export async function finishImportPart(query: Query, partId: string): Promise<void> {
  await query(
    `UPDATE store_imports SET status = 'completed', finished_at = now(), updated_at = now() WHERE id = $1`,
    [partId],
  );
}

export async function setImportRunPhase(
  query: Query,
  runId: string,
  phase: Exclude<StoreImportPhase, 'done'>,
): Promise<void> {
  await query(
    `UPDATE store_import_runs SET phase = $2, updated_at = now(),
            recompute_started_at = CASE WHEN $2 = 'recompute' THEN COALESCE(recompute_started_at, now()) ELSE recompute_started_at END
      WHERE id = $1 AND status = 'running'`,
    [runId, phase],
  );
}

export async function completeImportRun(
  query: Query,
  runId: string,
  customersRecomputed: number,
): Promise<void> {
  await query(
    `UPDATE store_import_runs SET status = 'completed', phase = 'done', customers_recomputed = $2,
            finished_at = now(), updated_at = now()
      WHERE id = $1`,
    [runId, customersRecomputed],
  );
}

/** The run failed for good (a refused token, a failed bulk operation): it and its running part say why. */
export async function failImportRun(query: Query, runId: string, error: string): Promise<void> {
  await query(
    `UPDATE store_import_runs SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'running'`,
    [runId, error],
  );
  await query(
    `UPDATE store_imports SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
      WHERE run_id = $1 AND status = 'running'`,
    [runId, error],
  );
}

/** A passing problem the worker retries (a download that broke), shown on the part meanwhile. */
export async function noteImportPartError(query: Query, partId: string, error: string | null): Promise<void> {
  await query(`UPDATE store_imports SET error = $2, updated_at = now() WHERE id = $1`, [partId, error]);
}

/** The customers a batch stored something for, listed for the run's recompute (in the batch's transaction). */
export async function recordImportCustomers(
  query: Query,
  runId: string,
  customerIds: string[],
): Promise<void> {
  if (customerIds.length === 0) return;
  await query(
    `INSERT INTO store_import_customers (run_id, customer_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [runId, customerIds],
  );
}

/** The lists are only the recompute's: this run's, and those of failed runs it covered, dropped once it is complete. */
export async function forgetImportCustomers(query: Query, runId: string): Promise<void> {
  await query(
    `DELETE FROM store_import_customers
      WHERE run_id = $1 OR run_id IN (SELECT id FROM store_import_runs WHERE status = 'failed')`,
    [runId],
  );
}
