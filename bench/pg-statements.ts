/**
 * Reading pg_stat_statements and pg_stat_database for the phases that count PostgreSQL's work
 * (floor.ts per run, ingest-statements.ts per request): the stack's statements summed by query id,
 * the benchmark's own left out.
 */
import type { Pool } from 'pg';

/**
 * Calls, rows and execution milliseconds of one statement, summed over windows, by pg_stat_statements'
 * query id: the text it shows for one id can change from one reset to the next (a literal such as
 * `NULL` shown as written or as `$5`), so summing by text split one statement in two. `query` is the
 * first text seen.
 */
export type StatementSums = Map<string, { query: string; calls: number; rows: number; ms: number }>;

/** The benchmark's own queries (polling, sampling, these counts), which are not the stack's work. */
export function isBenchQuery(query: string): boolean {
  return /pg_stat_activity|pg_stat_statements|pg_stat_database|c\.email LIKE|CREATE EXTENSION/i.test(query);
}

/** Adds this database's pg_stat_statements (since its last reset) to `sums`; answers the calls added. */
export async function addStatements(db: Pool, sums: StatementSums): Promise<number> {
  const rows = await db.query<{ queryid: string; query: string; calls: string; rows: string; ms: number }>(
    `SELECT s.queryid::text AS queryid, s.query, s.calls, s.rows, s.total_exec_time AS ms
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database()`,
  );
  let calls = 0;
  for (const row of rows.rows) {
    if (isBenchQuery(row.query)) continue;
    const key = row.queryid;
    const sum = sums.get(key) ?? { query: row.query.replace(/\s+/g, ' ').trim(), calls: 0, rows: 0, ms: 0 };
    sum.calls += Number(row.calls);
    sum.rows += Number(row.rows);
    sum.ms += Number(row.ms);
    sums.set(key, sum);
    calls += Number(row.calls);
  }
  return calls;
}

/** Committed and rolled-back transactions and rows written in the bench database so far. */
export async function databaseTotals(db: Pool): Promise<{ transactions: number; rowsWritten: number }> {
  // A backend's statistics reach the shared view when it goes idle; give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const result = await db.query<{ xact: string; written: string }>(
    `SELECT xact_commit + xact_rollback AS xact, tup_inserted + tup_updated + tup_deleted AS written
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { transactions: Number(result.rows[0].xact), rowsWritten: Number(result.rows[0].written) };
}
