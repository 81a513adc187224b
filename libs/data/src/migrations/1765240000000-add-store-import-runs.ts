import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A history import as one run (docs/product.md, The store connection): customers, then orders,
 * then the set-based recompute. The run holds the phase a restarted worker resumes in; each part
 * (`store_imports`, one per kind) holds its bulk operation, the lines read and the object count
 * the bulk operation reported (for the ETA); the customers it stored something for are listed, so
 * the recompute at the end reads exactly those. One run at a time.
 */
export class AddStoreImportRuns1765240000000 implements MigrationInterface {
  name = 'AddStoreImportRuns1765240000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE store_import_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        phase text NOT NULL CHECK (phase IN ('customers', 'orders', 'recompute', 'done')),
        shop text,
        started_by text,
        customers_recomputed int,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        recompute_started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX store_import_runs_one_running ON store_import_runs ((true)) WHERE status = 'running'`,
    );
    await q.query(`
      ALTER TABLE store_imports
        ADD COLUMN run_id uuid REFERENCES store_import_runs (id),
        ADD COLUMN object_count bigint`);
    await q.query(`CREATE UNIQUE INDEX store_imports_run_kind_key ON store_imports (run_id, kind)`);
    await q.query(`
      CREATE TABLE store_import_customers (
        run_id uuid NOT NULL REFERENCES store_import_runs (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        PRIMARY KEY (run_id, customer_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE store_import_customers`);
    await q.query(`DROP INDEX store_imports_run_kind_key`);
    await q.query(`ALTER TABLE store_imports DROP COLUMN object_count, DROP COLUMN run_id`);
    await q.query(`DROP TABLE store_import_runs`);
  }
}
