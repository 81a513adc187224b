/**
 * What PostgreSQL did for the ingestion phase's single requests: statements, transactions and rows
 * written per request, and the most frequent statements (pg_stat_statements, loaded by run.ts for
 * this phase), so a change to the request path shows as counts, which a shared machine does not blur.
 */
import type { Pool } from 'pg';
import { addStatements, databaseTotals, type StatementSums } from './pg-statements';

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
  private readonly byQuery: StatementSums = new Map();
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
    this.before = await databaseTotals(this.db);
  }

  /** After a window of `requests` requests (routing that is still going on counts too). */
  async end(requests: number): Promise<void> {
    const after = await databaseTotals(this.db);
    this.requests += requests;
    this.transactions += after.transactions - this.before.transactions;
    this.rowsWritten += after.rowsWritten - this.before.rowsWritten;
    this.statements += await addStatements(this.db, this.byQuery);
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
        .map(([, s]) => ({
          query: s.query,
          callsPerRequest: s.calls / n,
          rowsPerRequest: s.rows / n,
          msPerRequest: s.ms / n,
        }))
        .sort((a, b) => b.callsPerRequest - a.callsPerRequest || b.msPerRequest - a.msPerRequest),
    };
  }
}
