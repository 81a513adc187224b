import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A test run (docs/product.md, "Test runs") is a real run of a journey for one of the store's test
 * profiles, marked so that it never counts in results, experiments, the dashboard or node counters.
 * Customers marked `test` are the store's internal test profiles.
 */
export class AddTestRuns1765380000000 implements MigrationInterface {
  name = 'AddTestRuns1765380000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ADD COLUMN test boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE customers ADD COLUMN test boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers DROP COLUMN test`);
    await q.query(`ALTER TABLE runs DROP COLUMN test`);
  }
}
