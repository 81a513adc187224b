/**
 * What the apps hold instead of TypeORM's DataSource: a `Query` function for one statement and
 * `transaction` for several, each handing the aggregate functions of this lib (customers/,
 * events/, runs/, …) a `Query`. The apps never write SQL; they call those functions with these.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Query } from './conditions/customer-conditions';

export type { Query };

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** One statement, autocommitted. */
  readonly query: Query = (sql, params) => this.dataSource.query(sql, params);

  /** Several statements in one transaction; a throw rolls every one back. */
  transaction<T>(work: (query: Query) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    const run = (manager: EntityManager) => work((sql, params) => manager.query(sql, params));
    return isolation ? this.dataSource.transaction(isolation, run) : this.dataSource.transaction(run);
  }

  /** Whether PostgreSQL answers (health). */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
