/**
 * `Database` on TypeORM's pg pool, against a real PostgreSQL: the result shapes TypeORM's
 * `dataSource.query` gives (compared with it, statement by statement), its `QueryFailedError`
 * around driver errors, connect failures and broken connections seen as "database unavailable",
 * transactions (commit, rollback, isolation level, a broken connection not lent again), the pool's
 * size kept, and named statements prepared once per connection and reused.
 */
import 'reflect-metadata';
import { createServer, type AddressInfo } from 'node:net';
import { TestDatabase } from '@waypoint/testing';
import { Pool } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type DataSource } from 'typeorm';
import { isDatabaseUnavailable, isRefusedData } from '../src/data-errors';
import { Database, type Query } from '../src/database';
import { openDatabase, type StandaloneDatabase } from '../src/open-database';
import { prepared } from '../src/prepared-statements';

/** A port nothing listens on (one the system just gave out and took back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Database', () => {
  const db = new TestDatabase();
  let database: StandaloneDatabase;

  beforeAll(async () => {
    await db.create();
    await db.query(`CREATE TABLE shapes (id int PRIMARY KEY, v text NOT NULL)`);
    // One connection: every statement below meets the same backend, as a busy pool's would.
    database = await openDatabase(db.url, 1);
  });

  afterAll(async () => {
    await database?.close();
    await db.drop();
  });

  const pid = async (query: Query = database.query) =>
    Number((await query('SELECT pg_backend_pid() AS pid', []))[0].pid);

  describe('result shapes', () => {
    /** Statements in order on one key, with what TypeORM's contract says each returns. */
    const steps = (id: number): Array<[string, unknown[], unknown]> => [
      ['SELECT $1::int AS id, $2::text AS v', [id, 'a'], [{ id, v: 'a' }]],
      ['SELECT id FROM shapes WHERE id = $1', [id], []],
      ['INSERT INTO shapes (id, v) VALUES ($1, $2)', [id, 'a'], []],
      [
        'INSERT INTO shapes (id, v) VALUES ($1 + 1000, $2) RETURNING id, v',
        [id, 'b'],
        [{ id: id + 1000, v: 'b' }],
      ],
      ['UPDATE shapes SET v = $2 WHERE id = $1', [id, 'c'], [[], 1]],
      ['UPDATE shapes SET v = $2 WHERE id = $1 RETURNING v', [id, 'd'], [[{ v: 'd' }], 1]],
      ['UPDATE shapes SET v = $2 WHERE id = $1 + 100000', [id, 'e'], [[], 0]],
      [
        'WITH changed AS (UPDATE shapes SET v = $2 WHERE id = $1 RETURNING id) SELECT id FROM changed',
        [id, 'f'],
        [{ id }],
      ],
      ['DELETE FROM shapes WHERE id = $1 + 1000 RETURNING id', [id], [[{ id: id + 1000 }], 1]],
      ['DELETE FROM shapes WHERE id = $1', [id], [[], 1]],
    ];

    it('are the ones TypeORM’s dataSource.query returns, for SELECT, INSERT (RETURNING), UPDATE and DELETE', async () => {
      for (const [sql, params, expected] of steps(1)) {
        expect([sql, await database.query(sql, params)]).toEqual([sql, expected]);
      }
      for (const [sql, params, expected] of steps(2)) {
        expect([sql, await database.dataSource.query(sql, params)]).toEqual([sql, expected]);
      }
    });

    it('are the same inside a transaction and for a prepared statement', async () => {
      const update = prepared(
        'test.database.update_shape',
        'UPDATE shapes SET v = $2 WHERE id = $1 RETURNING v',
      );
      const answers = await database.transaction(async (query) => {
        await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [3, 'a']);
        return [
          await query('SELECT v FROM shapes WHERE id = $1', [3]),
          await query(update, [3, 'b']),
          await query('DELETE FROM shapes WHERE id = $1', [3]),
        ];
      });
      expect(answers).toEqual([[{ v: 'a' }], [[{ v: 'b' }], 1], [[], 1]]);
      expect(await database.query(update, [3, 'c'])).toEqual([[], 0]);
    });
  });

  describe('errors', () => {
    it('wraps a driver error in QueryFailedError with the driver error, its SQLSTATE, the SQL and values', async () => {
      await database.query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [10, 'a']);
      const sql = 'INSERT INTO shapes (id, v) VALUES ($1, $2)';
      const error = await database.query(sql, [10, 'b']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect(error).toMatchObject({ code: '23505', query: sql, parameters: [10, 'b'] });
      expect((error as QueryFailedError).driverError).toMatchObject({
        code: '23505',
        constraint: 'shapes_pkey',
      });
      expect((error as Error).message).toMatch(
        /^duplicate key value violates unique constraint "shapes_pkey"/,
      );
      expect(isDatabaseUnavailable(error)).toBe(false);

      const refused = await database.query('SELECT $1::int AS n', ['not a number']).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(QueryFailedError);
      expect(isRefusedData(refused)).toBe(true);
    });

    it('raises a pool connect failure as pg raises it, seen as the database being unavailable', async () => {
      // A real pg pool where nothing listens, standing for TypeORM's while PostgreSQL is down.
      const port = await closedPort();
      const pool = new Pool({ connectionString: `postgres://waypoint@127.0.0.1:${port}/waypoint`, max: 1 });
      const down = new Database({ driver: { master: pool } } as unknown as DataSource);
      try {
        const attempts = [
          () => down.query('SELECT 1', []),
          () => down.transaction((query) => query('SELECT 1', [])),
          () => down.ping(),
        ];
        for (const attempt of attempts) {
          const error = await attempt().catch((e: unknown) => e);
          expect(error).not.toBeInstanceOf(QueryFailedError);
          expect(isDatabaseUnavailable(error)).toBe(true);
        }
      } finally {
        await pool.end();
      }
    });
  });

  describe('transactions', () => {
    it('commit every statement, or roll every one back on a throw (the caller gets its own error)', async () => {
      await database.transaction(async (query) => {
        await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [20, 'kept']);
        await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [21, 'kept']);
      });
      const thrown = new Error('changed my mind');
      await expect(
        database.transaction(async (query) => {
          await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [22, 'gone']);
          await query('UPDATE shapes SET v = $2 WHERE id = $1', [20, 'gone']);
          throw thrown;
        }),
      ).rejects.toBe(thrown);
      const failed = await database
        .transaction(async (query) => {
          await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [23, 'gone']);
          await query('INSERT INTO shapes (id, v) VALUES ($1, $2)', [21, 'duplicate']);
        })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(QueryFailedError);
      expect((failed as QueryFailedError).driverError).toMatchObject({ code: '23505' });
      expect(
        await database.query('SELECT id, v FROM shapes WHERE id BETWEEN 20 AND 29 ORDER BY id', []),
      ).toEqual([
        { id: 20, v: 'kept' },
        { id: 21, v: 'kept' },
      ]);
      // The connection came back clean: no transaction left open on it.
      expect(await database.query(`SELECT now() = statement_timestamp() AS autocommit`, [])).toEqual([
        { autocommit: true },
      ]);
    });

    it('run at the isolation level asked for', async () => {
      const level = (isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE') =>
        database.transaction(async (query) => (await query('SHOW transaction_isolation', []))[0], isolation);
      expect(await level()).toEqual({ transaction_isolation: 'read committed' });
      expect(await level('REPEATABLE READ')).toEqual({ transaction_isolation: 'repeatable read' });
      expect(await level('SERIALIZABLE')).toEqual({ transaction_isolation: 'serializable' });
      expect(await database.query('SHOW transaction_isolation', [])).toEqual([
        { transaction_isolation: 'read committed' },
      ]);
    });

    it('refuse a statement sent after the transaction ended', async () => {
      const kept: { query?: Query } = {};
      await database.transaction(async (query) => {
        kept.query = query;
      });
      await expect(kept.query?.('SELECT 1', [])).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
    });

    it('drop a connection that broke inside them and never lend it again', async () => {
      const error = await database
        .transaction(async (query) => {
          const mine = await pid(query);
          await db.query('SELECT pg_terminate_backend($1, 10000)', [mine]);
          return query('SELECT 1', []);
        })
        .catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      const [{ n }] = await database.query('SELECT count(*)::int AS n FROM shapes WHERE id = $1', [20]);
      expect(n).toBe(1);
    });
  });

  it('keeps TypeORM’s pool and its size: one connection here, shared by concurrent statements', async () => {
    const pool = (database.dataSource.driver as unknown as { master: Pool }).master;
    const pids = await Promise.all([pid(), pid(), pid(), database.transaction((query) => pid(query))]);
    expect(new Set(pids).size).toBe(1);
    expect(pool.totalCount).toBe(1);
  });

  describe('prepared statements', () => {
    const PLUS_ONE = prepared('test.database.plus_one', 'SELECT $1::int + 1 AS n');
    const INSERT = prepared(
      'test.database.insert_shape',
      'INSERT INTO shapes (id, v) VALUES ($1, $2) RETURNING id',
    );

    const statement = async (name: string) =>
      database.query(
        `SELECT statement, generic_plans + custom_plans AS executions FROM pg_prepared_statements WHERE name = $1`,
        [name],
      );

    it('are parsed once per connection and reused by every later call, with the right answers', async () => {
      const backend = await pid();
      for (let i = 0; i < 60; i++) {
        expect(await database.query(PLUS_ONE, [i])).toEqual([{ n: i + 1 }]);
      }
      expect(await database.query(PLUS_ONE, [null])).toEqual([{ n: null }]);
      await database.transaction(async (query) => expect(await query(PLUS_ONE, [41])).toEqual([{ n: 42 }]));
      expect(await pid()).toBe(backend);
      expect(await statement('test.database.plus_one')).toEqual([
        { statement: 'SELECT $1::int + 1 AS n', executions: '62' },
      ]);
    });

    it('stay usable after a call that failed, and still fail as the unnamed statement did', async () => {
      expect(await database.query(INSERT, [40, 'a'])).toEqual([{ id: 40 }]);
      const duplicate = await database.query(INSERT, [40, 'b']).catch((e: unknown) => e);
      expect(duplicate).toBeInstanceOf(QueryFailedError);
      expect(duplicate).toMatchObject({ code: '23505', query: INSERT, parameters: [40, 'b'] });
      for (let i = 41; i < 50; i++) expect(await database.query(INSERT, [i, 'c'])).toEqual([{ id: i }]);
      expect(await statement('test.database.insert_shape')).toEqual([
        { statement: INSERT, executions: '11' },
      ]);
    });
  });
});
