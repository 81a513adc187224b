/**
 * What PostgreSQL did for the ingestion phase's single requests: statements, transactions and rows
 * written per request, and the most frequent statements (pg_stat_statements, loaded by run.ts for
 * this phase), so a change to the request path shows as counts, which a shared machine does not blur.
 */
import type { Pool } from 'pg';

export interface StatementShare {
  query: string;
  callsPerRequest: number;
  rowsPerRequest: number;
  msPerRequest: number;
}

export interface IngestPostgres {
  requests: number;
  statementsPerRequest: number;
  transactionsPerRequest: number;
  rowsWrittenPerRequest: number;
  /** Most frequent first. */
  top: StatementShare[];
}

interface Totals {
  transactions: number;
  rowsWritten: number;
}

/** Counts statements over windows of requests (reset at each window's start), summed over the windows. */
export class IngestStatements {
  private readonly byQuery = new Map<string, { calls: number; rows: number; ms: number }>();
  private requests = 0;
  private statements = 0;
  private transactions = 0;
  private rowsWritten = 0;
  private before: Totals = { transactions: 0, rowsWritten: 0 };

  private constructor(private readonly db: Pool) {}

  /** Null when pg_stat_statements is not loaded (the counts are left out then). */
  static async open(db: Pool): Promise<IngestStatements | null> {
    const on = await db
      .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
      .then(() => db.query('SELECT 1 FROM pg_stat_statements LIMIT 1'))
      .then(() => true)
      .catch(() => false);
    return on ? new IngestStatements(db) : null;
  }

  async begin(): Promise<void> {
    await this.db.query('SELECT pg_stat_statements_reset()');
    this.before = await this.totals();
  }

  /** After a window of `requests` requests (routing that is still going on counts too). */
  async end(requests: number): Promise<void> {
    const after = await this.totals();
    this.requests += requests;
    this.transactions += after.transactions - this.before.transactions;
    this.rowsWritten += after.rowsWritten - this.before.rowsWritten;
    const rows = await this.db.query<{ query: string; calls: string; rows: string; ms: number }>(
      `SELECT s.query, s.calls, s.rows, s.total_exec_time AS ms
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database()`,
    );
    for (const row of rows.rows) {
      if (isBenchQuery(row.query)) continue;
      const key = row.query.replace(/\s+/g, ' ').trim();
      const sum = this.byQuery.get(key) ?? { calls: 0, rows: 0, ms: 0 };
      sum.calls += Number(row.calls);
      sum.rows += Number(row.rows);
      sum.ms += Number(row.ms);
      this.byQuery.set(key, sum);
      this.statements += Number(row.calls);
    }
  }

  result(): IngestPostgres | undefined {
    const n = this.requests;
    if (n === 0) return undefined;
    return {
      requests: n,
      statementsPerRequest: this.statements / n,
      transactionsPerRequest: this.transactions / n,
      rowsWrittenPerRequest: this.rowsWritten / n,
      top: [...this.byQuery.entries()]
        .map(([query, s]) => ({
          query,
          callsPerRequest: s.calls / n,
          rowsPerRequest: s.rows / n,
          msPerRequest: s.ms / n,
        }))
        .sort((a, b) => b.callsPerRequest - a.callsPerRequest || b.msPerRequest - a.msPerRequest),
    };
  }

  /** Committed and rolled-back transactions and rows written in the bench database so far. */
  private async totals(): Promise<Totals> {
    // A backend's statistics reach the shared view when it goes idle; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const result = await this.db.query<{ xact: string; written: string }>(
      `SELECT xact_commit + xact_rollback AS xact, tup_inserted + tup_updated + tup_deleted AS written
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { transactions: Number(result.rows[0].xact), rowsWritten: Number(result.rows[0].written) };
  }
}

/** The benchmark's own statements (the monitor's sampling, these counts), not the stack's work. */
function isBenchQuery(query: string): boolean {
  return /pg_stat_activity|pg_stat_statements|pg_stat_database|CREATE EXTENSION/i.test(query);
}
