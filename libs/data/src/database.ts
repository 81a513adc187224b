/**
 * What the apps hold instead of TypeORM's DataSource: a `Query` function for one statement and
 * `transaction` for several, each handing the aggregate functions of this lib (customers/,
 * events/, runs/, …) a `Query`. The apps never write SQL; they call those functions with these.
 *
 * Statements go straight to the pg pool TypeORM opened for the DataSource (its `driver.master`:
 * same connections, same pool size and settings), not through `dataSource.query`, which builds a
 * QueryRunner, a broadcaster and a result wrapper per statement. What callers see is TypeORM's
 * contract unchanged: its result shapes (`shape` below), its `QueryFailedError` around every
 * driver error (`driverError`, the SQLSTATE in `code`; see data-errors.ts), pool connect failures
 * raised as they are. Statements declared with `prepared()` are sent named
 * (prepared-statements.ts). Repositories and migrations keep using the DataSource itself.
 */
import type { Pool, PoolClient, QueryResult } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, TypeORMError, type DataSource } from 'typeorm';
import type { Query } from './conditions/customer-conditions';
import { preparedName } from './prepared-statements';

export type { Query };

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

type Rows = Array<Record<string, unknown>>;

/**
 * What TypeORM's `PostgresQueryRunner.query` returns: the rows, except `[rows, rowCount]` for an
 * UPDATE or DELETE (callers read the count from there). A multi-statement text (no parameters)
 * answers a list of results, which has no `rows`: undefined, as from TypeORM.
 */
function shape(raw: QueryResult): Rows {
  return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as Rows;
}

async function run(client: PoolClient, sql: string, params: unknown[] | undefined): Promise<Rows> {
  const name = preparedName(sql);
  try {
    return shape(
      await (name === undefined
        ? client.query(sql, params)
        : client.query({ name, text: sql, values: params })),
    );
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}

/**
 * pg emits `error` on a client whose connection dies while it is checked out (the pool listens
 * only while it is idle), and an unheard `error` event would end the process. The statement in
 * flight fails on its own and the pool drops the client when it comes back, so one listener per
 * client, added the first time it is lent, is all that is needed.
 */
const heard = new WeakSet<PoolClient>();
function ignore(): void {}

export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** One statement, autocommitted. */
  readonly query: Query = async (sql, params) => {
    const client = await this.connect();
    try {
      return await run(client, sql, params);
    } finally {
      client.release();
    }
  };

  /**
   * Several statements in one transaction on one connection; a throw rolls every one back. When the
   * rollback fails too (the connection broke), the connection is dropped, never lent again.
   */
  async transaction<T>(work: (query: Query) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    const client = await this.connect();
    let open = true;
    let broken: Error | undefined;
    try {
      await run(client, isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN', undefined);
      const result = await work(async (sql, params) => {
        // A statement left running past the transaction's end must not land on a lent-out connection.
        if (!open) throw new QueryRunnerAlreadyReleasedError();
        return run(client, sql, params);
      });
      await run(client, 'COMMIT', undefined);
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      open = false;
      client.release(broken);
    }
  }

  /** Whether PostgreSQL answers (health). */
  async ping(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  /** A connection from TypeORM's pool; its connect errors (ECONNREFUSED, timeouts) as pg raises them. */
  private async connect(): Promise<PoolClient> {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new TypeORMError('Driver not Connected');
    const client = await pool.connect();
    if (!heard.has(client)) {
      client.on('error', ignore);
      heard.add(client);
    }
    return client;
  }
}
