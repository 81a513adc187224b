import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Segments (saved conditions) and their current members, to detect entries. */
export class AddSegments1764500000000 implements MigrationInterface {
  name = 'AddSegments1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text UNIQUE,
        name text NOT NULL,
        description text,
        condition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE segment_members (
        segment_id uuid NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers (id),
        entered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (segment_id, customer_id)
      )`);
    await q.query(`CREATE INDEX customers_total_spent_idx ON customers (total_spent)`);
    await q.query(`CREATE INDEX customers_orders_count_idx ON customers (orders_count)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customers_orders_count_idx`);
    await q.query(`DROP INDEX customers_total_spent_idx`);
    await q.query(`DROP TABLE segment_members`);
    await q.query(`DROP TABLE segments`);
  }
}
