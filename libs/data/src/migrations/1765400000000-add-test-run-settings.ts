import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a test run (docs/product.md, "Test runs") was started with: who started it, from what
 * (the draft or a published version), how its waits are shortened and the sample trigger event
 * its templates see. One row per test run; ordinary runs have none. And an index of the test
 * profiles (customers marked `test`).
 */
export class AddTestRunSettings1765400000000 implements MigrationInterface {
  name = 'AddTestRunSettings1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE test_runs (
        run_id uuid PRIMARY KEY REFERENCES runs (id),
        started_by uuid NOT NULL REFERENCES users (id),
        source text NOT NULL CHECK (source IN ('draft', 'version')),
        waits jsonb NOT NULL,
        trigger_event jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The test profiles are a handful of rows among all customers: listed, and left out of counts.
    await q.query(`CREATE INDEX customers_test_idx ON customers (id) WHERE test`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customers_test_idx`);
    await q.query(`DROP TABLE test_runs`);
  }
}
