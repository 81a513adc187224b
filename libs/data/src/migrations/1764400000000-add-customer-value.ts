import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Computed customer attributes (kept current from orders), store settings (lifecycle thresholds),
 * products with their consumption period (configured or learned), each customer's last purchase per
 * product with its expected replenishment date, and API keys (stored hashed).
 */
export class AddCustomerValue1764400000000 implements MigrationInterface {
  name = 'AddCustomerValue1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customers
        ADD COLUMN orders_count int NOT NULL DEFAULT 0,
        ADD COLUMN total_spent numeric NOT NULL DEFAULT 0,
        ADD COLUMN average_order_value numeric,
        ADD COLUMN first_order_at timestamptz,
        ADD COLUMN last_order_at timestamptz,
        ADD COLUMN mean_days_between_orders numeric,
        ADD COLUMN discount_share numeric,
        ADD COLUMN lifecycle_stage text NOT NULL DEFAULT 'lead',
        ADD COLUMN loyalty_tier text,
        ADD COLUMN stage_changed_at timestamptz`);
    await q.query(`CREATE INDEX customers_stage_idx ON customers (lifecycle_stage)`);
    await q.query(`CREATE INDEX customers_last_order_idx ON customers (last_order_at)`);

    await q.query(`
      CREATE TABLE store_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE products (
        product_id text PRIMARY KEY,
        title text,
        consumption_days numeric,
        learned_interval_days numeric,
        learned_from int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE customer_products (
        customer_id uuid NOT NULL REFERENCES customers (id),
        product_id text NOT NULL,
        last_ordered_at timestamptz NOT NULL,
        quantity int NOT NULL,
        replenish_at timestamptz,
        due_emitted_for timestamptz,
        PRIMARY KEY (customer_id, product_id)
      )`);
    await q.query(`CREATE INDEX customer_products_replenish_idx ON customer_products (replenish_at)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE customer_products`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE store_settings`);
    await q.query(`DROP INDEX customers_last_order_idx`);
    await q.query(`DROP INDEX customers_stage_idx`);
    await q.query(`
      ALTER TABLE customers
        DROP COLUMN orders_count, DROP COLUMN total_spent, DROP COLUMN average_order_value,
        DROP COLUMN first_order_at, DROP COLUMN last_order_at, DROP COLUMN mean_days_between_orders,
        DROP COLUMN discount_share, DROP COLUMN lifecycle_stage, DROP COLUMN loyalty_tier, DROP COLUMN stage_changed_at`);
  }
}
